/**
 * The action's own AWS session (`role-to-assume`): GitHub's OIDC token traded for
 * credentials with STS, renewed with a new token before they expire, shared by every client
 * clients.ts makes. The real SDK talks to the local AWS (SageMaker and STS on one address,
 * credentials refused once past their expiration) and gets its tokens from the local
 * runner token endpoint through @actions/core's getIDToken, as the action will.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { DescribeTrainingJobCommand, SageMakerClient } from '@aws-sdk/client-sagemaker'
import { getIDToken } from '@actions/core'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { currentCredentials, sageMakerClient, useCredentials } from '../src/aws/clients.js'
import {
  readRoleInputs,
  renewAfterExpiredCredentials,
  safeSessionName,
  webIdentityCredentials,
  type RoleCredentials,
  type WebIdentityOptions
} from '../src/aws/credentials.js'
import { AwsCallError, explainAwsError, isExpiredCredentials } from '../src/aws/errors.js'
import { DESCRIBE_CALL } from '../src/job/describe.js'
import { memoryLog } from '../src/log.js'
import { EXPIRED_TOKEN_MESSAGE, startFakeAws, type FakeAws } from './support/fake-aws.js'
import { fakeSageMaker } from './support/fake-sagemaker.js'
import { startFakeOidc, type FakeOidc } from './support/fake-oidc.js'
import { fakeSts, type FakeSts } from './support/fake-sts.js'

const region = 'us-east-1'
const ROLE = 'arn:aws:iam::123456789012:role/train-on-push'
const UNTRUSTED_ROLE = 'arn:aws:iam::123456789012:role/not-for-github'
const MINUTE = 60_000

// Every variable a test here sets, put back afterwards whatever happens.
const ENV_KEYS = [
  'ACTIONS_ID_TOKEN_REQUEST_URL',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
  'AWS_ENDPOINT_URL',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN'
]
const savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]))

describe('credentials from role-to-assume', () => {
  let aws: FakeAws
  let sts: FakeSts
  let oidc: FakeOidc
  let dir: string
  // One clock for every fake and for the provider, moved forward to let sessions run out.
  let skew = 0
  const now = (): number => Date.now() + skew
  // What each test made, undone in afterEach.
  let provider: RoleCredentials | undefined
  const clients: SageMakerClient[] = []

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'top-creds-'))
    aws = await startFakeAws({}, { now })
    fakeSageMaker(aws, { now }).seed('dogs-a1', 'Completed')
    oidc = await startFakeOidc({ now })
    sts = fakeSts(aws, { oidc, trust: (_claims, roleArn) => roleArn !== UNTRUSTED_ROLE })
    Object.assign(process.env, oidc.env)
    // One address for SageMaker and STS; nothing of the machine's own AWS set-up may leak in.
    process.env.AWS_ENDPOINT_URL = aws.url
    process.env.AWS_CONFIG_FILE = join(dir, 'none')
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'none')
    for (const k of [
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_PROFILE',
      'AWS_WEB_IDENTITY_TOKEN_FILE',
      'AWS_ROLE_ARN'
    ])
      delete process.env[k]
  })
  afterAll(async () => {
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
    rmSync(dir, { recursive: true, force: true })
    await Promise.all([aws?.close(), oidc?.close()])
  })
  afterEach(() => {
    useCredentials(undefined)
    provider?.dispose()
    provider = undefined
    for (const c of clients.splice(0)) c.destroy()
    skew = 0
    sts.lifetimeMs = undefined
    aws.setFaults(undefined)
  })

  // getIDToken announces the token as a secret on stdout: keep the test output clean.
  const quietly = async <T>(work: () => Promise<T>): Promise<T> => {
    const write = process.stdout.write
    process.stdout.write = (() => true) as typeof process.stdout.write
    try {
      return await work()
    } finally {
      process.stdout.write = write
    }
  }
  /** What the action layer hands in: a fresh runner token for STS at every call. */
  const idToken = (): Promise<string> => quietly(() => getIDToken('sts.amazonaws.com'))

  /** A provider on the test clock, set for every client made from now on. */
  const assumeRole = (options: Partial<WebIdentityOptions> = {}): RoleCredentials => {
    provider = webIdentityCredentials({ roleArn: ROLE, region, idToken, now, ...options })
    useCredentials(provider)
    return provider
  }
  const newClient = async (): Promise<SageMakerClient> => {
    const client = await sageMakerClient(region)
    clients.push(client)
    return client
  }
  const describeJob = (client: SageMakerClient): Promise<unknown> =>
    client.send(new DescribeTrainingJobCommand({ TrainingJobName: 'dogs-a1' }))
  const lastDescribe = (): (typeof aws.calls)[number] => aws.callsTo('DescribeTrainingJob').at(-1)!

  it('keeps a long run of SageMaker calls working across several renewals, each with a new OIDC token', async () => {
    const roleCredentials = assumeRole({ durationSeconds: 900, sessionName: 'train-on-push-1234/2' })
    const client = await newClient()
    const [stsMark, oidcMark] = [sts.calls().length, oidc.requests.length]
    const keyAt: string[] = []
    // A poll a minute for 45 minutes, with 15-minute sessions renewed 5 minutes before they end.
    for (let minute = 0; minute < 45; minute++) {
      skew = minute * MINUTE
      await describeJob(client)
      expect(lastDescribe()).toMatchObject({ status: 200 })
      keyAt.push(lastDescribe().accessKeyId!)
    }

    const assumed = sts.calls().slice(stsMark)
    expect(assumed.map((c) => c.target)).toEqual(Array(5).fill('STS.AssumeRoleWithWebIdentity'))
    expect(roleCredentials.sessionsAssumed()).toBe(5)
    // Unsigned, as AWS takes it, with the session asked for.
    for (const call of assumed) {
      expect(call.accessKeyId).toBeUndefined()
      expect(call.input).toMatchObject({ RoleArn: ROLE, RoleSessionName: 'train-on-push-1234-2', DurationSeconds: 900 })
    }
    // A new runner token each time, every one for STS.
    expect(oidc.requests.slice(oidcMark).map((r) => [r.audience, r.status])).toEqual(
      Array(5).fill(['sts.amazonaws.com', 200])
    )
    expect(new Set(assumed.map((c) => c.input.WebIdentityToken)).size).toBe(5)
    // Renewed at minutes 10, 20, 30 and 40: each key signed ten polls, then the next took over.
    const issued = sts.issued.slice(-5).map((c) => c.accessKeyId)
    expect(keyAt).toEqual(issued.flatMap((key, i) => Array(i < 4 ? 10 : 5).fill(key)))

    // The run outlived its first sessions: their keys are refused by now.
    const first = sts.issued.at(-5)!
    const stale = new SageMakerClient({ region, endpoint: aws.url, credentials: first, maxAttempts: 1 })
    clients.push(stale)
    await expect(describeJob(stale)).rejects.toMatchObject({
      name: 'ExpiredTokenException',
      message: EXPIRED_TOKEN_MESSAGE
    })
  })

  it('shares one renewal between every client and concurrent call', async () => {
    const roleCredentials = assumeRole({ durationSeconds: 900 })
    const [a, b] = [await newClient(), await newClient()]
    await describeJob(a)
    const [stsMark, oidcMark] = [sts.calls().length, oidc.requests.length]
    skew = 11 * MINUTE
    const mark = aws.calls.length
    await Promise.all([a, b, a, b, a, b].map(describeJob))
    expect(sts.calls().length - stsMark).toBe(1)
    expect(oidc.requests.length - oidcMark).toBe(1)
    const keys = aws.calls.slice(mark).filter((c) => c.operation === 'DescribeTrainingJob')
    expect(keys.map((c) => c.accessKeyId)).toEqual(Array(6).fill(sts.issued.at(-1)!.accessKeyId))
    expect(roleCredentials.sessionsAssumed()).toBe(2)
  })

  it('assumes the role again after an expired-credentials answer, which the default chain cannot', async () => {
    assumeRole()
    const client = await newClient()
    await describeJob(client)
    const key = lastDescribe().accessKeyId!
    // AWS refuses the session early (its clock, a revoked session): the provider alone cannot know.
    aws.expireAccessKey(key)
    const refused = await describeJob(client).catch((e: unknown) => e)
    expect(isExpiredCredentials(refused)).toBe(true)
    expect(renewAfterExpiredCredentials(refused)).toBe(true)
    await describeJob(client)
    expect(lastDescribe()).toMatchObject({ status: 200 })
    expect(lastDescribe().accessKeyId).not.toBe(key)

    // Fresh sessions refused again and again: a few renewals, then the failure is left to surface.
    for (let i = 0; i < 2; i++) {
      aws.expireAccessKey(lastDescribe().accessKeyId!)
      expect(renewAfterExpiredCredentials(await describeJob(client).catch((e: unknown) => e))).toBe(true)
      await describeJob(client)
    }
    aws.expireAccessKey(lastDescribe().accessKeyId!)
    const again = await describeJob(client).catch((e: unknown) => e)
    expect(renewAfterExpiredCredentials(again)).toBe(false)
    await expect(describeJob(client)).rejects.toMatchObject({ name: 'ExpiredTokenException' })
    // Ten minutes on, renewing is allowed again.
    skew += 10 * MINUTE
    expect(renewAfterExpiredCredentials(again)).toBe(true)
    await describeJob(client)
    expect(lastDescribe()).toMatchObject({ status: 200 })

    // Other failures are not expiry, and nothing renews credentials from the environment.
    expect(renewAfterExpiredCredentials(new Error('ThrottlingException'))).toBe(false)
    useCredentials(undefined)
    expect(renewAfterExpiredCredentials(refused)).toBe(false)
    expect(explainAwsError(DESCRIBE_CALL, refused).message).toMatch(/The AWS session expired/)
  })

  it('keeps the session it holds while a renewal fails, says so, and tries again 30 seconds later', async () => {
    let tokenFails = false
    const log = memoryLog()
    const roleCredentials = assumeRole({
      durationSeconds: 900,
      log,
      idToken: () => (tokenFails ? Promise.reject(new Error('the token service is down')) : idToken())
    })
    const client = await newClient()
    await describeJob(client)
    const held = lastDescribe().accessKeyId
    expect(log.lines).toEqual([
      expect.stringMatching(/^debug: Assumed arn:aws:iam::123456789012:role\/train-on-push \(session 1, until \d{4}-/)
    ])

    tokenFails = true
    skew = 11 * MINUTE
    await describeJob(client)
    expect(lastDescribe()).toMatchObject({ status: 200, accessKeyId: held })
    expect(log.lines.at(-1)).toMatch(
      /^warning: Could not renew the AWS session of arn:aws:iam::123456789012:role\/train-on-push; the current one lasts until .*, trying again in 30 seconds\. Could not get GitHub's OIDC token to assume .*: the token service is down\. The workflow or job needs "permissions: id-token: write"\.$/
    )
    // Within the 30 seconds: no new attempt, no new warning.
    const lines = log.lines.length
    skew += 20_000
    await describeJob(client)
    expect(log.lines.length).toBe(lines)

    tokenFails = false
    skew += 11_000
    await describeJob(client)
    expect(lastDescribe().accessKeyId).not.toBe(held)
    expect(roleCredentials.sessionsAssumed()).toBe(2)

    // Once nothing usable is left, the failure itself surfaces.
    tokenFails = true
    skew += 15 * MINUTE
    await expect(describeJob(client)).rejects.toThrow(
      /^Could not get GitHub's OIDC token to assume arn:aws:iam::123456789012:role\/train-on-push \(role-to-assume\): the token service is down\. The workflow or job needs "permissions: id-token: write"\.$/
    )
  })

  it('renews short-lived sessions on the real clock too', async () => {
    sts.lifetimeMs = 2000
    const roleCredentials = webIdentityCredentials({ roleArn: ROLE, region, idToken, refreshBeforeMs: 800 })
    provider = roleCredentials
    useCredentials(roleCredentials)
    const client = await newClient()
    const started = Date.now()
    while (Date.now() - started < 3500) {
      await describeJob(client)
      expect(lastDescribe()).toMatchObject({ status: 200 })
      await new Promise((r) => setTimeout(r, 150))
    }
    expect(roleCredentials.sessionsAssumed()).toBeGreaterThanOrEqual(3)
  })

  it('names AssumeRoleWithWebIdentity, the role and the subject when the trust policy refuses the token', async () => {
    assumeRole({ roleArn: UNTRUSTED_ROLE })
    const client = await newClient()
    const failure = await describeJob(client).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(AwsCallError)
    const message =
      'STS AssumeRoleWithWebIdentity failed for arn:aws:iam::123456789012:role/not-for-github (role-to-assume): ' +
      'AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity. ' +
      "The role's trust policy must let GitHub's OIDC provider (token.actions.githubusercontent.com) assume it " +
      'for the audience sts.amazonaws.com and this run\'s subject "repo:acme/dogs:ref:refs/heads/models".'
    expect((failure as Error).message).toBe(message)
    expect(failure).toMatchObject({ call: 'STS AssumeRoleWithWebIdentity', code: 'AccessDenied' })
    // The call that needed the credentials keeps the explanation as it is.
    expect(explainAwsError(DESCRIBE_CALL, failure).message).toBe(message)
    expect(aws.callsTo('DescribeTrainingJob').filter((c) => c.accessKeyId === undefined)).toEqual([])
  })

  it.each<[string, Partial<WebIdentityOptions>, RegExp]>([
    [
      'a token for another audience',
      { idToken: () => quietly(() => getIDToken()) },
      /^STS AssumeRoleWithWebIdentity failed for .*role\/train-on-push \(role-to-assume\): InvalidIdentityTokenException: Incorrect token audience\. AWS did not accept GitHub's token: the account needs an IAM OIDC identity provider for https:\/\/token\.actions\.githubusercontent\.com with the audience sts\.amazonaws\.com\.$/
    ],
    [
      'a token already expired',
      { idToken: async () => oidc.mint({ aud: 'sts.amazonaws.com', exp: Math.floor(now() / 1000) - 10 }) },
      /: ExpiredTokenException: Token expired: .*\. GitHub's token had expired when STS checked it/
    ],
    [
      'a session longer than the role allows',
      { durationSeconds: 7200 },
      /: ValidationError: The requested DurationSeconds exceeds the MaxSessionDuration set for this role\. role-session-duration is longer than the role's maximum session duration/
    ],
    [
      'no token from the runner',
      {
        idToken: async () => {
          const saved = process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
          process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = 'not-the-runners'
          try {
            return await quietly(() => getIDToken('sts.amazonaws.com'))
          } finally {
            process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = saved
          }
        }
      },
      /^Could not get GitHub's OIDC token to assume .*role\/train-on-push \(role-to-assume\): .*401.*\. The workflow or job needs "permissions: id-token: write"\.$/
    ]
  ])('explains %s', async (_label, options, message) => {
    assumeRole(options)
    await expect(describeJob(await newClient())).rejects.toThrow(message)
  })

  it('leaves clients on the default credential chain when no role is given', async () => {
    expect(currentCredentials()).toBeUndefined()
    process.env.AWS_ACCESS_KEY_ID = 'AKIDTEST'
    process.env.AWS_SECRET_ACCESS_KEY = 'secret'
    try {
      const mark = sts.calls().length
      await describeJob(await newClient())
      expect(lastDescribe()).toMatchObject({ status: 200, accessKeyId: 'AKIDTEST' })
      expect(sts.calls().length).toBe(mark)

      // A client made before the provider was set keeps the chain; one made after uses the role.
      const before = await newClient()
      assumeRole()
      await describeJob(await newClient())
      expect(lastDescribe().accessKeyId).toBe(sts.issued.at(-1)!.accessKeyId)
      await describeJob(before)
      expect(lastDescribe().accessKeyId).toBe('AKIDTEST')
    } finally {
      delete process.env.AWS_ACCESS_KEY_ID
      delete process.env.AWS_SECRET_ACCESS_KEY
    }
  })
})

describe('readRoleInputs', () => {
  it.each<[string, string, unknown]>([
    ['', '', { problems: [], notices: [] }],
    ['', '7200', { problems: [], notices: ['role-session-duration has no effect without role-to-assume'] }],
    [
      ' arn:aws:iam::123456789012:role/ci/train-on-push ',
      '',
      {
        role: { roleArn: 'arn:aws:iam::123456789012:role/ci/train-on-push', durationSeconds: 3600 },
        problems: [],
        notices: []
      }
    ],
    [
      'arn:aws-us-gov:iam::123456789012:role/train',
      '900',
      {
        role: { roleArn: 'arn:aws-us-gov:iam::123456789012:role/train', durationSeconds: 900 },
        problems: [],
        notices: []
      }
    ],
    [
      'train-on-push',
      '',
      {
        problems: [
          {
            where: 'input role-to-assume',
            message: "'train-on-push' is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)"
          }
        ],
        notices: []
      }
    ],
    [
      'arn:aws:iam::123456789012:user/me',
      '',
      { problems: [expect.objectContaining({ where: 'input role-to-assume' })], notices: [] }
    ],
    [
      ROLE,
      '600',
      {
        problems: [
          { where: 'input role-session-duration', message: "'600' must be a whole number of seconds from 900 to 43200" }
        ],
        notices: []
      }
    ],
    [ROLE, '1h', { problems: [expect.objectContaining({ where: 'input role-session-duration' })], notices: [] }],
    [ROLE, '43201', { problems: [expect.objectContaining({ where: 'input role-session-duration' })], notices: [] }]
  ])('%j with %j', (role, duration, expected) => {
    expect(readRoleInputs(role, duration)).toEqual(expected)
  })
})

describe('safeSessionName', () => {
  it.each([
    ['train-on-push', 'train-on-push'],
    ['train-on-push-1234/2', 'train-on-push-1234-2'],
    ['octo cat[bot]', 'octo-cat-bot-'],
    ['x'.repeat(80), 'x'.repeat(64)],
    ['a', 'train-on-push'],
    ['', 'train-on-push']
  ])('%j becomes %j', (name, safe) => expect(safeSessionName(name)).toBe(safe))
})
