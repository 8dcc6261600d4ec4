/**
 * A local stand-in for AWS's JSON APIs (awsJson1_1), for the real AWS SDK to talk to.
 *
 * It routes on `x-amz-target`, rejects what AWS would reject (unknown operations,
 * missing or unknown members, lengths, patterns, enums and item counts, taken from
 * AWS's service models in aws-models/) with the same error shapes AWS uses,
 * records every call, and lets a test inject faults (throttling, 5xx, dropped
 * connections) in front of its handlers. It listens on 127.0.0.1 only.
 *
 * Two more things for credentials that run out: a test can make one access key id
 * expired from a moment on (`expireAccessKey`), and services on AWS's older query
 * protocol (form-encoded POSTs answered in XML, which STS speaks) can be mounted on the
 * same server (`mountQuery`), told apart from the JSON ones by their content type. One
 * address then serves every service, so `AWS_ENDPOINT_URL` alone also reaches the STS
 * client the SDK's credential providers create behind the scenes, and one call list
 * shows the order of everything (a call refused as expired, the STS call that refreshes
 * the credentials, the retry that goes through).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { listenOnLoopback } from './loopback.js'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { validateShape, type ShapeMap, type Violation } from '../../src/aws/shapes.js'
import { awsModelsDir } from './paths.js'

interface ServiceModel {
  metadata: { targetPrefix: string }
  operations: Record<string, { input?: { shape: string }; output?: { shape: string } }>
  shapes: ShapeMap
}

const MODEL_FILES: Record<string, string> = {
  SageMaker: 'sagemaker.json',
  AmazonEC2ContainerRegistry_V20150921: 'ecr.json',
  Logs_20140328: 'logs.json'
}

const models = new Map<string, ServiceModel>()

/** Loads (once) the service model behind an `x-amz-target` prefix. */
export function serviceModel(prefix: string): ServiceModel | undefined {
  if (!MODEL_FILES[prefix]) return undefined
  let model = models.get(prefix)
  if (!model) {
    const file = join(awsModelsDir, MODEL_FILES[prefix])
    if (!existsSync(file)) throw new Error(`the AWS service model ${file} is missing (see aws-models/README.md)`)
    model = JSON.parse(readFileSync(file, 'utf8')) as ServiceModel
    models.set(prefix, model)
  }
  return model
}

/** An error a handler throws to answer the way AWS does: `{"__type": type, "message": ...}`. */
export class AwsFault extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400
  ) {
    super(message)
  }
}

export interface RecordedCall {
  /** e.g. `SageMaker.CreateTrainingJob` */
  target: string
  operation: string
  input: any
  headers: IncomingMessage['headers']
  at: number
  /** The access key id the call was signed with (from the SigV4 `Authorization` header), if signed. */
  accessKeyId?: string
  /** What the server answered: HTTP status and the error type if any. */
  status?: number
  errorType?: string
}

/** What to do instead of calling the handler. */
export type Fault =
  { kind: 'error'; status: number; type: string; message: string } | { kind: 'drop' } | { kind: 'delay'; ms: number }

export type Handler = (input: any, call: RecordedCall) => unknown | Promise<unknown>

/**
 * A service on AWS's query protocol (form-encoded `Action=...&Version=...` POSTs, XML
 * answers), mounted with `FakeAws.mountQuery`. The server does what is common to every
 * call (recording, the signature and expiry checks, faults, the XML error envelope); the
 * service turns a form into its XML answer.
 */
export interface QueryService {
  /** What recorded targets start with, e.g. `STS` for `STS.GetCallerIdentity`. */
  name: string
  /** The API version its requests name in `Version`, e.g. `2011-06-15`. */
  version: string
  /** The XML namespace of its answers and errors. */
  xmlns: string
  /** Actions AWS accepts without a signature (STS's AssumeRoleWithWebIdentity). */
  unsigned?: readonly string[]
  /** The error code this service gives for lapsed credentials (STS says `ExpiredToken`). */
  expiredCode?: string
  /**
   * Answers one call with the XML document to send. `params` is the whole form;
   * `call.input` starts as the same, and the service may replace it with the input it
   * decodes. `requestId` is the one the answer's header carries (XML answers repeat it).
   * Throw an AwsFault to answer with an error.
   */
  handle(params: Record<string, string>, call: RecordedCall, requestId: string): string | Promise<string>
}

/** The message AWS gives when temporary credentials have lapsed. */
export const EXPIRED_TOKEN_MESSAGE = 'The security token included in the request is expired'

export interface FakeAws {
  url: string
  port: number
  calls: RecordedCall[]
  /** Calls to one operation, e.g. `calls$('CreateTrainingJob')`. */
  callsTo(operation: string): RecordedCall[]
  on(target: string, handler: Handler): void
  /** The handler installed for a target, so a test can wrap it. */
  handler(target: string): Handler | undefined
  /** Runs before every handler; return a fault to answer with it instead. */
  setFaults(plan: ((call: RecordedCall, nthOfTarget: number) => Fault | undefined) | undefined): void
  /** The server's clock (ms since the epoch), which `expireAccessKey` is measured on. */
  now: () => number
  /**
   * From `from` on (the server's clock; default now), every call signed with
   * `accessKeyId` is refused with `ExpiredTokenException` (HTTP 400), as AWS refuses
   * temporary credentials past their expiration; calls with other keys go through.
   * A later call for the same key moves the moment.
   */
  expireAccessKey(accessKeyId: string, from?: number): void
  /** Serves a query-protocol service (STS) beside the JSON ones, on the same address. */
  mountQuery(service: QueryService): void
  close(): Promise<void>
}

/** Options for `startFakeAws` beyond its handlers. */
export interface FakeAwsOptions {
  /** The clock for credential expiry (default `Date.now`); give the fakes one clock in time-travel tests. */
  now?: () => number
}

/**
 * The access key id a request was signed with: SigV4 puts it first in the
 * `Credential=<key>/<date>/<region>/<service>/aws4_request` part of `Authorization`.
 */
export function accessKeyIdOf(headers: IncomingMessage['headers']): string | undefined {
  const match = /\bCredential=([^/,\s]+)\//.exec(String(headers.authorization ?? ''))
  return match?.[1]
}

/**
 * What in `output` breaks the output shape AWS's model gives `operation` of the JSON
 * service behind `prefix`. Handlers check their own answers with it, so the stand-in
 * cannot drift into answers AWS would never give.
 */
export function outputViolations(prefix: string, operation: string, output: unknown): Violation[] {
  const model = serviceModel(prefix)
  const shape = model?.operations[operation]?.output?.shape
  if (!model || !shape) throw new Error(`${prefix}.${operation} has no output shape in the model`)
  return validateShape(model.shapes, shape, output, '')
}

/** Returns `output` when it satisfies the operation's output shape; otherwise throws (the server answers 500). */
export function checkedOutput<T>(prefix: string, operation: string, output: T): T {
  const violations = outputViolations(prefix, operation, output)
  if (violations.length > 0)
    throw new Error(
      `the test server's own ${prefix}.${operation} answer breaks the model: ` +
        violations.map((v) => `${v.path} ${v.message}`).join('; ')
    )
  return output
}

/** Escapes text for an XML element. */
export function xmlEscape(text: string): string {
  const names: Record<string, string> = { '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }
  return text.replace(/[&<>"']/g, (c) => `&${names[c]};`)
}

/** AWS's own wording, so SDK-side parsing and user-facing messages are exercised for real. */
export function validationMessage(violations: { path: string; message: string }[]): string {
  const n = violations.length
  const parts = violations.map((v) => `Value at '${v.path}' failed to satisfy constraint: ${v.message}`)
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${parts.join('; ')}`
}

function toWire(value: unknown): string {
  // awsJson1_1 sends timestamps as epoch seconds.
  return JSON.stringify(value, function (this: Record<string, unknown>, key, v) {
    const raw = this[key]
    return raw instanceof Date ? raw.getTime() / 1000 : v
  })
}

/** Starts the server on an ephemeral loopback port. Fails at once when a service model is missing. */
export async function startFakeAws(
  handlers: Record<string, Handler> = {},
  options: FakeAwsOptions = {}
): Promise<FakeAws> {
  for (const prefix of Object.keys(MODEL_FILES)) serviceModel(prefix)
  const now = options.now ?? Date.now
  const routes = new Map(Object.entries(handlers))
  const calls: RecordedCall[] = []
  const perTarget = new Map<string, number>()
  let faults: ((call: RecordedCall, n: number) => Fault | undefined) | undefined
  const expiries = new Map<string, number>()
  const queryServices = new Map<string, QueryService>()
  const expired = (call: RecordedCall): boolean => {
    const from = call.accessKeyId === undefined ? undefined : expiries.get(call.accessKeyId)
    return from !== undefined && now() >= from
  }

  const send = (res: ServerResponse, call: RecordedCall, status: number, body: unknown): void => {
    call.status = status
    const text = toWire(body ?? {})
    res.writeHead(status, {
      'content-type': 'application/x-amz-json-1.1',
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': `req-${calls.length}`
    })
    res.end(text)
  }
  const fail = (res: ServerResponse, call: RecordedCall, status: number, type: string, message: string): void => {
    call.errorType = type
    send(res, call, status, { __type: type, message, Message: message })
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      void (async () => {
        const target = String(req.headers['x-amz-target'] ?? '')
        const [prefix, operation = ''] = target.split('.')
        const contentType = String(req.headers['content-type'] ?? '')
        if (queryServices.size > 0 && contentType.startsWith('application/x-www-form-urlencoded'))
          return serveQuery(req, res, Buffer.concat(chunks).toString('utf8'))
        const call: RecordedCall = { target, operation, input: undefined, headers: req.headers, at: Date.now() }
        call.accessKeyId = accessKeyIdOf(req.headers)
        calls.push(call)
        const n = (perTarget.get(target) ?? 0) + 1
        perTarget.set(target, n)
        try {
          call.input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}')
        } catch {
          return fail(res, call, 400, 'SerializationException', 'Malformed JSON body')
        }
        if (req.method !== 'POST' || !String(req.headers['content-type']).startsWith('application/x-amz-json-1.1'))
          return fail(res, call, 400, 'UnknownOperationException', 'Expected POST application/x-amz-json-1.1')
        let model: ServiceModel | undefined
        try {
          model = serviceModel(prefix)
        } catch (error) {
          return fail(res, call, 500, 'InternalFailure', String(error))
        }
        const op = model?.operations[operation]
        if (!model || !op) return fail(res, call, 400, 'UnknownOperationException', `Unknown operation ${target}`)
        if (!String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 '))
          return fail(res, call, 403, 'MissingAuthenticationTokenException', 'Request is missing a SigV4 signature')
        if (expired(call)) return fail(res, call, 400, 'ExpiredTokenException', EXPIRED_TOKEN_MESSAGE)

        const fault = faults?.(call, n)
        if (fault?.kind === 'drop') {
          call.status = 0
          call.errorType = 'dropped'
          req.socket.destroy()
          return
        }
        if (fault?.kind === 'error') return fail(res, call, fault.status, fault.type, fault.message)
        if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms))

        if (op.input) {
          const violations = validateShape(model.shapes, op.input.shape, call.input, '')
          if (violations.length > 0) return fail(res, call, 400, 'ValidationException', validationMessage(violations))
        }
        const handler = routes.get(target)
        if (!handler) return fail(res, call, 501, 'NotImplemented', `The test server has no handler for ${target}`)
        try {
          send(res, call, 200, await handler(call.input, call))
        } catch (error) {
          if (error instanceof AwsFault) return fail(res, call, error.status, error.type, error.message)
          return fail(res, call, 500, 'InternalFailure', String(error))
        }
      })()
    })
  })

  // The query protocol: the same recording, checks and faults as above, in its own envelope.
  const serveQuery = async (req: IncomingMessage, res: ServerResponse, body: string): Promise<void> => {
    const params = Object.fromEntries(new URLSearchParams(body))
    const action = params.Action ?? ''
    // Every query request names its API version, which is how the services are told apart.
    const service = queryServices.get(params.Version ?? '')
    const call: RecordedCall = {
      target: `${service?.name ?? 'Query'}.${action}`,
      operation: action,
      input: params,
      headers: req.headers,
      at: Date.now(),
      accessKeyId: accessKeyIdOf(req.headers)
    }
    calls.push(call)
    const n = (perTarget.get(call.target) ?? 0) + 1
    perTarget.set(call.target, n)
    const requestId = `req-${calls.length}`
    const answer = (status: number, xml: string): void => {
      call.status = status
      res.writeHead(status, {
        'content-type': 'text/xml',
        'content-length': Buffer.byteLength(xml),
        'x-amzn-requestid': requestId
      })
      res.end(xml)
    }
    const refuse = (status: number, code: string, message: string): void => {
      call.errorType = code
      // Sender: the caller's mistake; Receiver: the service's.
      const type = status < 500 ? 'Sender' : 'Receiver'
      answer(
        status,
        `<ErrorResponse xmlns="${service?.xmlns ?? 'https://aws.amazon.com/'}">` +
          `<Error><Type>${type}</Type><Code>${xmlEscape(code)}</Code><Message>${xmlEscape(message)}</Message></Error>` +
          `<RequestId>${requestId}</RequestId></ErrorResponse>`
      )
    }
    if (req.method !== 'POST') return refuse(400, 'InvalidAction', 'Query requests are POSTs')
    if (!action) return refuse(400, 'MissingAction', 'The request must contain the parameter Action.')
    if (!service)
      return refuse(
        400,
        'InvalidAction',
        `Could not find operation ${action} for version ${params.Version ?? '(none)'}`
      )
    const signed = String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ')
    if (!signed && !(service.unsigned ?? []).includes(action))
      return refuse(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token')
    if (signed && expired(call))
      return refuse(400, service.expiredCode ?? 'ExpiredTokenException', EXPIRED_TOKEN_MESSAGE)

    const fault = faults?.(call, n)
    if (fault?.kind === 'drop') {
      call.status = 0
      call.errorType = 'dropped'
      req.socket.destroy()
      return
    }
    if (fault?.kind === 'error') return refuse(fault.status, fault.type, fault.message)
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms))
    try {
      answer(200, await service.handle(params, call, requestId))
    } catch (error) {
      if (error instanceof AwsFault) return refuse(error.status, error.type, error.message)
      return refuse(500, 'InternalFailure', String(error))
    }
  }

  const { port, close } = await listenOnLoopback(server)

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    calls,
    callsTo: (operation) => calls.filter((c) => c.operation === operation),
    on: (target, handler) => void routes.set(target, handler),
    handler: (target) => routes.get(target),
    setFaults: (plan) => void (faults = plan),
    now,
    expireAccessKey: (accessKeyId, from = now()) => void expiries.set(accessKeyId, from),
    mountQuery: (service) => void queryServices.set(service.version, service),
    close
  }
}
