/**
 * The action's own AWS session, for runs that outlast any session handed to them.
 *
 * configure-aws-credentials puts one session in the environment, and nothing renews it: a
 * wait longer than its lifetime (one hour by default) ends in ExpiredToken. With
 * `role-to-assume`, the action instead trades GitHub's OIDC token for credentials itself
 * (STS AssumeRoleWithWebIdentity) and does it again, with a new token, a few minutes before
 * they expire, for as long as the run lasts. Every client from clients.ts shares the one
 * session (`useCredentials`), so a refresh is one token request and one STS call, whichever
 * client notices first.
 *
 * The token comes from a function the action layer hands in (`core.getIDToken`), since the
 * stages never talk to the runner themselves.
 */
import type { STSClient } from '@aws-sdk/client-sts'
import { errorMessage } from '../errors.js'
import type { Log } from '../log.js'
import type { Problem } from '../problems.js'
import { clientDefaults, currentCredentials, type AwsCredentials, type CredentialsProvider } from './clients.js'
import { AwsCallError, explainAwsError, isExpiredCredentials, type AwsCall } from './errors.js'
import { SAGEMAKER_SHAPES } from './generated/sagemaker-shapes.js'
import { validateShape } from './shapes.js'

/** The inputs this module reads, named as workflows write them. */
const ROLE_TO_ASSUME_INPUT = 'role-to-assume'
const ROLE_SESSION_DURATION_INPUT = 'role-session-duration'

/** IAM's default maximum session duration of a role: asking for more fails unless the role allows it. */
const DEFAULT_SESSION_SECONDS = 3600
/** How long before they expire the credentials are renewed. */
const REFRESH_BEFORE_MS = 5 * 60_000
/** After a failed renewal, while the held credentials still work, the next try waits this long. */
const RETRY_AFTER_MS = 30_000
/** Credentials this close to expiring are not handed out: a call signed now must still reach AWS in time. */
const LAST_USE_MS = 15_000
/** At most this many sessions dropped on AWS's word (`invalidate`) within FORCED_WINDOW_MS. */
const MAX_FORCED = 3
const FORCED_WINDOW_MS = 10 * 60_000
/** The audience GitHub's token must name for STS, the one configure-aws-credentials asks for too. */
export const STS_AUDIENCE = 'sts.amazonaws.com'

const ASSUME_CALL: AwsCall = {
  service: 'STS',
  operation: 'AssumeRoleWithWebIdentity',
  permissions: ['sts:AssumeRoleWithWebIdentity']
}

/** How to get and renew the session of `role-to-assume`. */
export interface WebIdentityOptions {
  /** The IAM role to assume (`role-to-assume`). */
  roleArn: string
  /** The region of the STS endpoint (the job's region). */
  region: string
  /** A fresh GitHub OIDC token for the audience `sts.amazonaws.com`, asked for at every renewal. */
  idToken: () => Promise<string>
  /** The session name CloudTrail shows (default `train-on-push`); characters STS refuses become `-`. */
  sessionName?: string
  /** The session length asked of STS, 900 to 43200 seconds (default 3600, IAM's default role maximum). */
  durationSeconds?: number
  /** How long before they expire the credentials are renewed (default 5 minutes). */
  refreshBeforeMs?: number
  /** The clock expirations are read on (default `Date.now`). */
  now?: () => number
  /** Where renewals are told (debug) and failed renewals that the held session covers (warning). */
  log?: Log
}

/** A credentials provider for every client, that knows its role and can be told its session is no good. */
export interface RoleCredentials extends CredentialsProvider {
  readonly roleArn: string
  /**
   * Forgets the session in hand, so the next call assumes the role again (after AWS said it
   * expired). False, and nothing forgotten, after 3 such renewals within 10 minutes: fresh
   * sessions refused again and again are not cured by more of them.
   */
  invalidate(): boolean
  /** How many sessions were assumed so far. */
  sessionsAssumed(): number
  /** Closes the STS client's connections. */
  dispose(): void
}

/**
 * A provider that assumes `roleArn` with GitHub's OIDC token and renews the session
 * `refreshBeforeMs` before it expires, each time with a new token. Concurrent callers share
 * one renewal. When a renewal fails while the held session still has time left, that
 * session is used (with a warning) and the renewal is tried again 30 seconds later; when
 * nothing usable is left, the failure is thrown, naming AssumeRoleWithWebIdentity and the role.
 *
 * Usage: `useCredentials(webIdentityCredentials({ roleArn, region, idToken: () => core.getIDToken('sts.amazonaws.com') }))`
 */
export function webIdentityCredentials(options: WebIdentityOptions): RoleCredentials {
  const { roleArn, region, log } = options
  const now = options.now ?? Date.now
  const refreshBefore = options.refreshBeforeMs ?? REFRESH_BEFORE_MS
  const sessionName = safeSessionName(options.sessionName ?? 'train-on-push')
  const durationSeconds = options.durationSeconds ?? DEFAULT_SESSION_SECONDS

  let held: AwsCredentials | undefined
  let renewal: Promise<AwsCredentials> | undefined
  let retryAt = 0
  let sessions = 0
  let sts: STSClient | undefined
  // When `invalidate` last dropped a session, to bound renewals forced by refusals.
  let forced: number[] = []

  const timeLeft = (c: AwsCredentials): number => (c.expiration ? c.expiration.getTime() - now() : Infinity)

  const assume = async (): Promise<AwsCredentials> => {
    let token: string
    try {
      token = await options.idToken()
    } catch (error) {
      // @actions/core's message spans lines ("Failed to get ID Token.\n Error Code : 401 ..."): one line here.
      const reason = errorMessage(error).replace(/\s+/g, ' ').trim().replace(/\.$/, '')
      throw new Error(
        `Could not get GitHub's OIDC token to assume ${roleArn} (${ROLE_TO_ASSUME_INPUT}): ${reason}. ` +
          'The workflow or job needs "permissions: id-token: write".'
      )
    }
    const { STSClient, AssumeRoleWithWebIdentityCommand } = await import('@aws-sdk/client-sts')
    // Its own client, never signed with the credentials it hands out: the call needs no signature.
    sts ??= new STSClient(clientDefaults(region))
    let answer
    try {
      answer = await sts.send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: roleArn,
          RoleSessionName: sessionName,
          WebIdentityToken: token,
          DurationSeconds: durationSeconds
        })
      )
    } catch (error) {
      throw assumeRoleError(roleArn, token, error)
    }
    const c = answer.Credentials
    // Only the answer's metadata (request id, status) is kept: the rest may hold part of a key.
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken)
      throw new AwsCallError(
        `STS AssumeRoleWithWebIdentity for ${roleArn} answered without credentials.`,
        'STS AssumeRoleWithWebIdentity',
        'NoCredentials',
        answer.$metadata
      )
    // From here on the runner prints *** wherever they would appear (a debug dump, an SDK error).
    log?.secret(c.SecretAccessKey)
    log?.secret(c.SessionToken)
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration
    }
  }

  const renew = async (): Promise<AwsCredentials> => {
    try {
      const fresh = await assume()
      held = fresh
      retryAt = 0
      sessions++
      log?.debug(
        `Assumed ${roleArn} (session ${sessions}, until ${fresh.expiration?.toISOString() ?? 'no expiration given'}).`
      )
      return fresh
    } catch (error) {
      const last = held
      if (last && timeLeft(last) > LAST_USE_MS) {
        retryAt = now() + RETRY_AFTER_MS
        log?.warning(
          `Could not renew the AWS session of ${roleArn}; the current one lasts until ` +
            `${last.expiration?.toISOString()}, trying again in ${RETRY_AFTER_MS / 1000} seconds. ${errorMessage(error)}`
        )
        return last
      }
      throw error
    }
  }

  const provider = async (): Promise<AwsCredentials> => {
    if (held && timeLeft(held) > refreshBefore) return held
    if (held && timeLeft(held) > LAST_USE_MS && now() < retryAt) return held
    renewal ??= renew().finally(() => {
      renewal = undefined
    })
    return renewal
  }

  return Object.assign(provider, {
    roleArn,
    invalidate(): boolean {
      const t = now()
      forced = forced.filter((at) => t - at < FORCED_WINDOW_MS)
      if (forced.length >= MAX_FORCED) return false
      forced.push(t)
      held = undefined
      retryAt = 0
      return true
    },
    sessionsAssumed: (): number => sessions,
    dispose(): void {
      sts?.destroy()
      sts = undefined
    },
    // Tells the SDK this provider caches by itself, so every client asks it before each call
    // instead of keeping its own copy until shortly before the expiration: one renewal (or
    // an `invalidate`) then reaches every client at once, on this provider's clock.
    memoized: true
  })
}

/**
 * After a call failed: true when AWS said the credentials expired and the action's own
 * session (`role-to-assume`) was dropped, so the call can be tried again and will assume the
 * role anew; false otherwise: with credentials from the environment, which nothing here can
 * renew (explainAwsError then says what to do), or when fresh sessions keep being refused.
 *
 * Usage: `catch (error) { if (renewAfterExpiredCredentials(error)) continue; throw explainAwsError(call, error) }`
 */
export function renewAfterExpiredCredentials(error: unknown): boolean {
  if (!isExpiredCredentials(error)) return false
  const provider = currentCredentials()
  if (!provider || !isRoleCredentials(provider)) return false
  return provider.invalidate()
}

function isRoleCredentials(provider: CredentialsProvider): provider is RoleCredentials {
  return typeof (provider as Partial<RoleCredentials>).invalidate === 'function'
}

/** A role session name STS accepts: 2 to 64 of letters, digits and `_+=,.@-`. */
export function safeSessionName(name: string): string {
  const safe = name.replace(/[^\w+=,.@-]/g, '-').slice(0, 64)
  return safe.length >= 2 ? safe : 'train-on-push'
}

/** Why AssumeRoleWithWebIdentity failed, naming the role and what to change (the trust policy, the identity provider). */
function assumeRoleError(roleArn: string, token: string, error: unknown): AwsCallError {
  const call: AwsCall = { ...ASSUME_CALL, subject: `${roleArn} (${ROLE_TO_ASSUME_INPUT})` }
  return explainAwsError(call, error, (code, message) => {
    if (/^AccessDenied/.test(code)) {
      const subject = tokenSubject(token)
      return (
        `The role's trust policy must let GitHub's OIDC provider (token.actions.githubusercontent.com) assume it ` +
        `for the audience ${STS_AUDIENCE}${subject ? ` and this run's subject "${subject}"` : ''}.`
      )
    }
    if (/^InvalidIdentityToken/.test(code))
      return (
        "AWS did not accept GitHub's token: the account needs an IAM OIDC identity provider for " +
        `https://token.actions.githubusercontent.com with the audience ${STS_AUDIENCE}.`
      )
    // Here the expired token is GitHub's, not an AWS session: the usual advice about sessions would mislead.
    if (/^ExpiredToken/.test(code))
      return "GitHub's token had expired when STS checked it (is the runner's clock right?)."
    if (/^IDPCommunicationError/.test(code))
      return "STS could not reach GitHub's OIDC provider to check the token; try again."
    if (/DurationSeconds/.test(message))
      return `${ROLE_SESSION_DURATION_INPUT} is longer than the role's maximum session duration (IAM: 1 hour unless raised).`
    return undefined
  })
}

/** The `sub` claim of a JWT (read, not verified: only to say which subject the trust policy saw). */
function tokenSubject(token: string): string | undefined {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as unknown
    const sub = (claims as { sub?: unknown } | null)?.sub
    return typeof sub === 'string' ? sub : undefined
  } catch {
    return undefined
  }
}

/** `role-to-assume` and `role-session-duration`, checked. */
export interface RoleSettings {
  roleArn: string
  durationSeconds: number
}

/**
 * Reads the two inputs: no role when `role-to-assume` is blank; otherwise an IAM role ARN
 * (SageMaker's RoleArn pattern) and a whole number of seconds from 900 to 43200 (default 3600).
 * Problems name the input, as every input problem does.
 */
export function readRoleInputs(
  roleToAssume: string,
  sessionDuration: string
): { role?: RoleSettings; problems: Problem[]; notices: string[] } {
  const problems: Problem[] = []
  const notices: string[] = []
  const roleArn = roleToAssume.trim()
  const duration = sessionDuration.trim()
  let durationSeconds = DEFAULT_SESSION_SECONDS
  if (duration !== '') {
    const n = Number(duration)
    if (!/^\d+$/.test(duration) || n < 900 || n > 43200)
      problems.push({
        where: `input ${ROLE_SESSION_DURATION_INPUT}`,
        message: `'${duration}' must be a whole number of seconds from 900 to 43200`
      })
    else durationSeconds = n
  }
  if (roleArn === '') {
    if (duration !== '') notices.push(`${ROLE_SESSION_DURATION_INPUT} has no effect without ${ROLE_TO_ASSUME_INPUT}`)
    return { problems, notices }
  }
  if (validateShape(SAGEMAKER_SHAPES, 'RoleArn', roleArn).length > 0)
    problems.push({
      where: `input ${ROLE_TO_ASSUME_INPUT}`,
      message: `'${roleArn}' is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)`
    })
  return problems.length > 0 ? { problems, notices } : { role: { roleArn, durationSeconds }, problems, notices }
}
