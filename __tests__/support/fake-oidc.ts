/**
 * A stand-in for the runner's OIDC token endpoint (`ACTIONS_ID_TOKEN_REQUEST_URL`), the
 * one `@actions/core`'s `getIDToken` asks for the ID token that AssumeRoleWithWebIdentity
 * trades for AWS credentials.
 *
 * As on a runner, the request is `GET <ACTIONS_ID_TOKEN_REQUEST_URL>&audience=<aud>` with
 * `Authorization: Bearer <ACTIONS_ID_TOKEN_REQUEST_TOKEN>` (the URL already carries a query
 * string, which is why getIDToken appends with `&`), and the answer is `{"value": "<JWT>"}`.
 * A wrong bearer token gets 401. The JWT is signed RS256 with a key made for this server,
 * so the fake STS (fake-sts.ts) can tell the tokens this server issued from any other
 * string, and its `exp` follows a lifetime a test chooses, so a token can run out.
 * It listens on 127.0.0.1 only.
 */
import { createServer, type Server } from 'node:http'
import {
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  randomUUID,
  sign,
  verify,
  type KeyObject
} from 'node:crypto'
import { listenOnLoopback } from './loopback.js'

/** The claims of a token this server issues (GitHub's names; a test may add or change any). */
export interface IdTokenClaims {
  iss: string
  aud: string
  sub: string
  iat: number
  nbf: number
  exp: number
  jti: string
  [claim: string]: unknown
}

/** One request to the token endpoint, as it arrived and was answered. */
export interface OidcRequest {
  /** The `audience` query parameter, if any. */
  audience?: string
  /** Whether the bearer token was the right one. */
  authorized: boolean
  status: number
  at: number
}

/** Why a token is refused by `verify`: not one of ours (or tampered with), or past its `exp`. */
export type TokenCheck =
  | { ok: true; claims: IdTokenClaims }
  | { ok: false; reason: 'invalid' | 'expired'; message: string; claims?: IdTokenClaims }

export interface FakeOidc {
  /** The value for `ACTIONS_ID_TOKEN_REQUEST_URL`: ends in a query string, as the runner's does. */
  requestUrl: string
  /** The value for `ACTIONS_ID_TOKEN_REQUEST_TOKEN`. */
  requestToken: string
  /** Both variables, to spread into `process.env` or a child's environment. */
  env: { ACTIONS_ID_TOKEN_REQUEST_URL: string; ACTIONS_ID_TOKEN_REQUEST_TOKEN: string }
  /** The `iss` of its tokens: GitHub's issuer. */
  issuer: string
  /** Every request, in order (`requests.length` counts them). */
  requests: OidcRequest[]
  /** The claims of every token issued, in order. */
  issued: IdTokenClaims[]
  /** How long the tokens it issues from now on are valid, in seconds. */
  lifetimeSeconds: number
  /** Claims put in the tokens it issues from now on (`sub`, `repository`, `ref`, ...). */
  claims: Record<string, unknown>
  /** Makes the next `count` requests fail with `status` (default 503), e.g. to exercise retries. */
  failNext(count: number, status?: number): void
  /** Signs a token with this server's key, as it would issue it (without a request), e.g. with odd claims. */
  mint(claims?: Record<string, unknown>): string
  /** Whether `token` is one this server signed and, at `at` (default: its clock), not yet expired. */
  verify(token: string, at?: number): TokenCheck
  close(): Promise<void>
}

export interface FakeOidcOptions {
  /** The clock for `iat`, `exp` and `verify` (default `Date.now`). */
  now?: () => number
  /** Token lifetime in seconds (default 300). */
  lifetimeSeconds?: number
  /** The `sub` claim (default `repo:acme/dogs:ref:refs/heads/models`). */
  subject?: string
  /** More claims, or different ones, for every token. */
  claims?: Record<string, unknown>
}

/** GitHub Actions' issuer, what `iss` says in the runner's tokens. */
export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com'

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url')

/** The header and claims of a JWT, without checking anything; undefined when it is not one. */
export function decodeJwt(
  token: string
): { header: Record<string, unknown>; claims: Record<string, unknown> } | undefined {
  const parts = token.split('.')
  if (parts.length !== 3) return undefined
  try {
    const [header, claims] = parts
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>)
    if (typeof header !== 'object' || header === null || typeof claims !== 'object' || claims === null) return undefined
    return { header, claims }
  } catch {
    return undefined
  }
}

/** Starts the token endpoint on an ephemeral loopback port. */
export async function startFakeOidc(options: FakeOidcOptions = {}): Promise<FakeOidc> {
  const now = options.now ?? Date.now
  // A fresh key per server: a token from another fake (or from anywhere else) fails the check.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const publicKey: KeyObject = createPublicKey(privateKey)
  const kid = randomBytes(8).toString('hex')
  const requestToken = randomBytes(24).toString('base64url')
  const path = `/_apis/distributedtask/hubs/Actions/plans/${randomUUID()}/jobs/${randomUUID()}/idtoken`
  let failures: { count: number; status: number } = { count: 0, status: 503 }

  const mint = (extra: Record<string, unknown> = {}): string => {
    const iat = Math.floor(now() / 1000)
    const claims: IdTokenClaims = {
      jti: randomUUID(),
      sub: options.subject ?? 'repo:acme/dogs:ref:refs/heads/models',
      // Without an audience the runner's tokens name the repository owner's URL.
      aud: 'https://github.com/acme',
      ref: 'refs/heads/models',
      repository: 'acme/dogs',
      repository_owner: 'acme',
      event_name: 'push',
      ...options.claims,
      ...fake.claims,
      iss: GITHUB_ISSUER,
      nbf: iat,
      iat,
      exp: iat + fake.lifetimeSeconds
    }
    // What `mint` is asked for wins, even over the times: that is how a test makes a token already expired.
    Object.assign(claims, extra)
    const signed = `${base64url({ typ: 'JWT', alg: 'RS256', kid })}.${base64url(claims)}`
    fake.issued.push(claims)
    return `${signed}.${sign('sha256', Buffer.from(signed), privateKey).toString('base64url')}`
  }

  const check = (token: string, at = now()): TokenCheck => {
    const decoded = decodeJwt(token)
    if (!decoded) return { ok: false, reason: 'invalid', message: 'The token is not a JWT.' }
    const [header, payload, signature] = token.split('.')
    let genuine = false
    try {
      genuine =
        decoded.header.alg === 'RS256' &&
        verify('sha256', Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, 'base64url'))
    } catch {
      genuine = false
    }
    if (!genuine) return { ok: false, reason: 'invalid', message: 'The token was not signed by this issuer.' }
    const claims = decoded.claims as IdTokenClaims
    const seconds = Math.floor(at / 1000)
    if (typeof claims.exp !== 'number' || seconds >= claims.exp)
      return {
        ok: false,
        reason: 'expired',
        message: `Token expired: current date/time ${seconds} must be before the expiration date/time ${claims.exp}`,
        claims
      }
    return { ok: true, claims }
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const record: OidcRequest = {
      audience: url.searchParams.get('audience') ?? undefined,
      authorized: req.headers.authorization === `Bearer ${requestToken}`,
      status: 0,
      at: now()
    }
    fake.requests.push(record)
    const answer = (status: number, body: unknown): void => {
      record.status = status
      const text = JSON.stringify(body)
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
      res.end(text)
    }
    // Drain the body (there should be none) before answering, so keep-alive sockets stay usable.
    req.resume()
    req.on('end', () => {
      if (req.method !== 'GET' || url.pathname !== path) return answer(404, { message: 'Not found' })
      if (!record.authorized) return answer(401, { message: 'Bad credentials' })
      if (failures.count > 0) {
        failures.count--
        return answer(failures.status, { message: 'The token service is unavailable' })
      }
      const audience = record.audience
      answer(200, { value: mint(audience === undefined ? {} : { aud: audience }) })
    })
  })
  const { port, close } = await listenOnLoopback(server)
  const requestUrl = `http://127.0.0.1:${port}${path}?api-version=2.0`

  const fake: FakeOidc = {
    requestUrl,
    requestToken,
    env: { ACTIONS_ID_TOKEN_REQUEST_URL: requestUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken },
    issuer: GITHUB_ISSUER,
    requests: [],
    issued: [],
    lifetimeSeconds: options.lifetimeSeconds ?? 300,
    claims: {},
    failNext: (count, status = 503) => void (failures = { count, status }),
    mint,
    verify: check,
    close
  }
  return fake
}
