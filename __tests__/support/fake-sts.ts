/**
 * STS for the local AWS-protocol server: AssumeRoleWithWebIdentity, which trades a
 * GitHub OIDC token for temporary credentials, and GetCallerIdentity.
 *
 * STS speaks AWS's query protocol, not JSON: a form-encoded POST
 * (`Action=...&Version=2011-06-15&RoleArn=...`, lists as `Name.member.1`) answered in XML.
 * It is mounted on the same server as the JSON services (fake-aws.ts routes form-encoded
 * requests to it), so one `AWS_ENDPOINT_URL` reaches it too, including from the STS
 * client that the SDK's web-identity credential provider makes on its own; setting
 * `AWS_ENDPOINT_URL_STS` or passing an explicit endpoint works as well.
 *
 * Requests are decoded and checked against AWS's STS model (aws-models/sts.json) with the
 * same validator as the JSON services; answers are checked against the model's output
 * shapes before they are written as XML. The web identity token must be one the fake
 * OIDC endpoint (fake-oidc.ts) issued and not expired, for an audience STS is told to
 * accept. Each AssumeRoleWithWebIdentity hands out a fresh access key id whose lifetime
 * a test chooses; past its expiration the server refuses calls signed with it
 * (ExpiredTokenException), as AWS does.
 */
import { createHash, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { validateShape, type Shape, type ShapeMap } from '../../src/aws/shapes.js'
import { AwsFault, validationMessage, xmlEscape, type FakeAws, type RecordedCall } from './fake-aws.js'
import type { FakeOidc, IdTokenClaims } from './fake-oidc.js'
import { awsModelsDir } from './paths.js'

interface QueryModel {
  metadata: { apiVersion: string; xmlNamespace: string }
  operations: Record<string, { input?: { shape: string }; output?: { shape: string; resultWrapper?: string } }>
  shapes: ShapeMap
}

// The model also names wire names and flattened lists, which the validator's Shape leaves out.
type WireShape = Shape & {
  flattened?: boolean
  member?: { shape: string; locationName?: string }
  members?: Record<string, { shape: string; locationName?: string }>
}

let stsModel: QueryModel | undefined

/** AWS's STS model (aws-models/sts.json), loaded once. */
export function stsServiceModel(): QueryModel {
  stsModel ??= JSON.parse(readFileSync(join(awsModelsDir, 'sts.json'), 'utf8')) as QueryModel
  return stsModel
}

/** Temporary credentials the fake handed out, and for what. */
export interface IssuedCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
  /** When AWS would stop accepting them (whole seconds, as the XML answer says). */
  expiration: Date
  roleArn: string
  sessionName: string
  /** `arn:aws:sts::<account>:assumed-role/<role>/<session>` */
  assumedRoleArn: string
  assumedRoleId: string
  /** The claims of the web identity token they were issued for. */
  claims: IdTokenClaims
}

export interface FakeStsOptions {
  /** The identity provider whose tokens STS accepts (the IAM OIDC provider of the account). */
  oidc: FakeOidc
  /** The clock for token checks and expirations (default: the server's, `aws.now`). */
  now?: () => number
  /** The account of the caller GetCallerIdentity describes for keys it did not issue (default 123456789012). */
  account?: string
  /** Token audiences the OIDC provider is registered for (default `sts.amazonaws.com`, what configure-aws-credentials asks for). */
  audiences?: string[]
  /** The role's trust policy: false answers AccessDenied (default: every token may assume every role). */
  trust?: (claims: IdTokenClaims, roleArn: string) => boolean
  /** The role's maximum session duration in seconds (default 3600, IAM's default). */
  maxSessionSeconds?: number
}

export interface FakeSts {
  /** Every set of credentials issued, in order. */
  issued: IssuedCredentials[]
  /**
   * How long credentials issued from now on last, in ms, instead of what the request
   * asks for (DurationSeconds, default 3600 s): lets a test make them expire in moments,
   * below AWS's 900-second minimum. Undefined: as asked.
   */
  lifetimeMs: number | undefined
  /** STS calls on the server, in order (AssumeRoleWithWebIdentity calls are unsigned). */
  calls(): RecordedCall[]
  /** The issued credentials with this access key id. */
  credentialsFor(accessKeyId: string): IssuedCredentials | undefined
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[\x21-\x7e]*\/)?([\w+=,.@-]{1,64})$/
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

// IAM ids are a four-letter prefix and upper-case letters and digits.
const iamId = (prefix: string, seed?: string): string => {
  const bytes = seed ? createHash('sha256').update(seed).digest() : randomBytes(16)
  return prefix + [...bytes.subarray(0, 16)].map((b) => ALPHANUMERIC[b % 32]).join('')
}

const invalid = (message: string): AwsFault => new AwsFault('ValidationError', message)

/** Registers STS on the fake server, accepting tokens from `options.oidc`. */
export function fakeSts(aws: FakeAws, options: FakeStsOptions): FakeSts {
  const model = stsServiceModel()
  const now = options.now ?? aws.now
  const account = options.account ?? '123456789012'
  const audiences = options.audiences ?? ['sts.amazonaws.com']
  const maxSession = options.maxSessionSeconds ?? 3600

  const assumeRoleWithWebIdentity = (input: any): Record<string, unknown> => {
    const role = ROLE_ARN.exec(input.RoleArn)
    if (!role) throw invalid('Request ARN is invalid')
    const check = options.oidc.verify(input.WebIdentityToken, now())
    if (!check.ok) {
      // AWS says ExpiredTokenException for a token past its exp, InvalidIdentityToken otherwise.
      if (check.reason === 'expired') throw new AwsFault('ExpiredTokenException', check.message)
      throw new AwsFault('InvalidIdentityToken', check.message)
    }
    const { claims } = check
    const tokenAudiences = Array.isArray(claims.aud) ? (claims.aud as string[]) : [claims.aud]
    const audience = tokenAudiences.find((a) => audiences.includes(a))
    if (audience === undefined) throw new AwsFault('InvalidIdentityToken', 'Incorrect token audience')
    if (options.trust && !options.trust(claims, input.RoleArn))
      throw new AwsFault('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity', 403)
    if ((input.DurationSeconds ?? 3600) > maxSession)
      throw invalid('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.')

    const lifetime = fake.lifetimeMs ?? (input.DurationSeconds ?? 3600) * 1000
    // Whole seconds: what the XML says is exactly when the server starts refusing them.
    const expiration = new Date(Math.floor((now() + lifetime) / 1000) * 1000)
    const [, roleAccount, roleName] = role
    const assumedRoleId = `${iamId('AROA', input.RoleArn)}:${input.RoleSessionName}`
    const credentials: IssuedCredentials = {
      accessKeyId: iamId('ASIA'),
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: randomBytes(96).toString('base64'),
      expiration,
      roleArn: input.RoleArn,
      sessionName: input.RoleSessionName,
      assumedRoleArn: `arn:aws:sts::${roleAccount}:assumed-role/${roleName}/${input.RoleSessionName}`,
      assumedRoleId,
      claims
    }
    fake.issued.push(credentials)
    aws.expireAccessKey(credentials.accessKeyId, expiration.getTime())
    return {
      Credentials: {
        AccessKeyId: credentials.accessKeyId,
        SecretAccessKey: credentials.secretAccessKey,
        SessionToken: credentials.sessionToken,
        Expiration: expiration
      },
      SubjectFromWebIdentityToken: claims.sub,
      AssumedRoleUser: { Arn: credentials.assumedRoleArn, AssumedRoleId: assumedRoleId },
      Provider: claims.iss,
      Audience: audience
    }
  }

  const getCallerIdentity = (call: RecordedCall): Record<string, unknown> => {
    const issued = call.accessKeyId === undefined ? undefined : fake.credentialsFor(call.accessKeyId)
    if (issued)
      return { UserId: issued.assumedRoleId, Account: issued.assumedRoleArn.split(':')[4], Arn: issued.assumedRoleArn }
    // Any other key: a long-term key of an IAM user in the account, as the tests' static keys are.
    return { UserId: iamId('AIDA', call.accessKeyId), Account: account, Arn: `arn:aws:iam::${account}:user/tester` }
  }

  const fake: FakeSts = {
    issued: [],
    lifetimeMs: undefined,
    calls: () => aws.calls.filter((c) => c.target.startsWith('STS.')),
    credentialsFor: (accessKeyId) => fake.issued.find((c) => c.accessKeyId === accessKeyId)
  }

  aws.mountQuery({
    name: 'STS',
    version: model.metadata.apiVersion,
    xmlns: model.metadata.xmlNamespace,
    unsigned: ['AssumeRoleWithWebIdentity', 'AssumeRoleWithSAML'],
    // The query services' word for lapsed credentials.
    expiredCode: 'ExpiredToken',
    handle(params, call, requestId) {
      const action = params.Action
      const op = Object.hasOwn(model.operations, action) ? model.operations[action] : undefined
      if (!op) throw new AwsFault('InvalidAction', `Could not find operation ${action} for version ${params.Version}`)
      const form = Object.fromEntries(Object.entries(params).filter(([k]) => k !== 'Action' && k !== 'Version'))
      const input = op.input
        ? decodeQuery(model.shapes, op.input.shape, form)
        : { value: {}, unused: Object.keys(form) }
      call.input = input.value
      const violations = op.input ? validateShape(model.shapes, op.input.shape, input.value, '') : []
      for (const name of input.unused)
        violations.push({ path: name, message: 'is not a parameter of this action', kind: 'other' })
      if (violations.length > 0) throw invalid(validationMessage(violations))

      let output: Record<string, unknown>
      if (action === 'AssumeRoleWithWebIdentity') output = assumeRoleWithWebIdentity(input.value)
      else if (action === 'GetCallerIdentity') output = getCallerIdentity(call)
      else throw new AwsFault('NotImplemented', `The test server has no handler for STS.${action}`, 501)

      const shape = op.output!.shape
      const broken = validateShape(model.shapes, shape, output, '')
      if (broken.length > 0)
        throw new Error(`the test server's own STS.${action} answer breaks the model: ${validationMessage(broken)}`)
      const wrapper = op.output!.resultWrapper ?? `${action}Result`
      return (
        `<${action}Response xmlns="${model.metadata.xmlNamespace}">` +
        encodeXml(model.shapes, shape, output, wrapper) +
        `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`
      )
    }
  })
  return fake
}

/**
 * Turns a query-protocol form into the input structure `shapeName` describes: members by
 * name (`RoleArn`), nested ones dotted (`Tags.member.1.Key`; `Name.1` for flattened lists,
 * `Name.entry.1.key` for maps), numbers, booleans and timestamps converted (left as text
 * when they are not, for the validator to report). `unused` lists parameters no member took.
 */
export function decodeQuery(
  shapes: ShapeMap,
  shapeName: string,
  form: Record<string, string>
): { value: Record<string, unknown>; unused: string[] } {
  const used = new Set<string>()
  const value = (decode(shapes, shapeName, form, '', used) ?? {}) as Record<string, unknown>
  return { value, unused: Object.keys(form).filter((k) => !used.has(k)) }
}

function decode(shapes: ShapeMap, name: string, form: Record<string, string>, at: string, used: Set<string>): unknown {
  const shape = shapes[name] as WireShape
  const present = (prefix: string): boolean => Object.keys(form).some((k) => k === prefix || k.startsWith(`${prefix}.`))
  switch (shape.type) {
    case 'structure': {
      const out: Record<string, unknown> = {}
      for (const [member, ref] of Object.entries(shape.members ?? {})) {
        const wire = ref.locationName ?? member
        const value = decode(shapes, ref.shape, form, at ? `${at}.${wire}` : wire, used)
        if (value !== undefined) out[member] = value
      }
      return at && Object.keys(out).length === 0 ? undefined : out
    }
    case 'list': {
      // An empty list is sent as the bare name with no value.
      if (form[at] === '') {
        used.add(at)
        return []
      }
      const items: unknown[] = []
      const item = shape.flattened ? at : `${at}.${shape.member?.locationName ?? 'member'}`
      for (let i = 1; present(`${item}.${i}`); i++)
        items.push(decode(shapes, shape.member!.shape, form, `${item}.${i}`, used))
      return items.length > 0 ? items : undefined
    }
    case 'map': {
      const entries: Record<string, unknown> = {}
      const entry = shape.flattened ? at : `${at}.entry`
      for (let i = 1; present(`${entry}.${i}`); i++) {
        const key = decode(shapes, shape.key!.shape, form, `${entry}.${i}.key`, used)
        entries[String(key)] = decode(shapes, shape.value!.shape, form, `${entry}.${i}.value`, used)
      }
      return Object.keys(entries).length > 0 ? entries : undefined
    }
    default: {
      if (!(at in form)) return undefined
      used.add(at)
      const text = form[at]
      switch (shape.type) {
        case 'integer':
        case 'long':
          return /^-?\d+$/.test(text) ? Number(text) : text
        case 'float':
        case 'double':
          return text.trim() !== '' && !Number.isNaN(Number(text)) ? Number(text) : text
        case 'boolean':
          return text === 'true' ? true : text === 'false' ? false : text
        case 'timestamp': {
          const ms = Date.parse(text)
          return Number.isNaN(ms) ? text : new Date(ms)
        }
        default:
          return text
      }
    }
  }
}

/** Writes `value` as the XML element `element` the way query services answer (lists as `<member>`s, times in ISO 8601). */
export function encodeXml(shapes: ShapeMap, shapeName: string, value: unknown, element: string): string {
  if (value === undefined || value === null) return ''
  const shape = shapes[shapeName] as WireShape
  const wrap = (inner: string): string => `<${element}>${inner}</${element}>`
  switch (shape.type) {
    case 'structure':
      return wrap(
        Object.entries(shape.members ?? {})
          .map(([member, ref]) =>
            encodeXml(shapes, ref.shape, (value as Record<string, unknown>)[member], ref.locationName ?? member)
          )
          .join('')
      )
    case 'list': {
      const items = value as unknown[]
      const memberName = shape.member?.locationName ?? 'member'
      if (shape.flattened) return items.map((v) => encodeXml(shapes, shape.member!.shape, v, element)).join('')
      return wrap(items.map((v) => encodeXml(shapes, shape.member!.shape, v, memberName)).join(''))
    }
    case 'map':
      return wrap(
        Object.entries(value as Record<string, unknown>)
          .map(
            ([k, v]) =>
              `<entry>${encodeXml(shapes, shape.key!.shape, k, 'key')}${encodeXml(shapes, shape.value!.shape, v, 'value')}</entry>`
          )
          .join('')
      )
    case 'timestamp': {
      const date = value instanceof Date ? value : new Date(Number(value) * 1000)
      // AWS writes whole seconds: 2026-01-31T12:00:00Z.
      return wrap(date.toISOString().replace(/\.\d{3}Z$/, 'Z'))
    }
    default:
      return wrap(xmlEscape(String(value)))
  }
}
