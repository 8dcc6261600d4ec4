/**
 * A local stand-in for AWS's JSON APIs (awsJson1_1), for the real AWS SDK to talk to.
 *
 * It routes on `x-amz-target`, rejects what AWS would reject (unknown operations,
 * missing or unknown members, lengths, patterns, enums and item counts, taken from
 * AWS's service models in aws-models/) with the same error shapes AWS uses,
 * records every call, and lets a test inject faults (throttling, 5xx, dropped
 * connections) in front of its handlers. It listens on 127.0.0.1 only.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { listenOnLoopback } from './loopback.js'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { validateShape, type ShapeMap } from '../../src/aws/shapes.js'
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
  /** What the server answered: HTTP status and the error type if any. */
  status?: number
  errorType?: string
}

/** What to do instead of calling the handler. */
export type Fault =
  { kind: 'error'; status: number; type: string; message: string } | { kind: 'drop' } | { kind: 'delay'; ms: number }

export type Handler = (input: any, call: RecordedCall) => unknown | Promise<unknown>

export interface FakeAws {
  url: string
  port: number
  calls: RecordedCall[]
  /** Calls to one operation, e.g. `calls$('CreateTrainingJob')`. */
  callsTo(operation: string): RecordedCall[]
  on(target: string, handler: Handler): void
  /** Runs before every handler; return a fault to answer with it instead. */
  setFaults(plan: ((call: RecordedCall, nthOfTarget: number) => Fault | undefined) | undefined): void
  close(): Promise<void>
}

// AWS's own wording, so SDK-side parsing and user-facing messages are exercised for real.
function validationMessage(violations: { path: string; message: string }[]): string {
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
export async function startFakeAws(handlers: Record<string, Handler> = {}): Promise<FakeAws> {
  for (const prefix of Object.keys(MODEL_FILES)) serviceModel(prefix)
  const routes = new Map(Object.entries(handlers))
  const calls: RecordedCall[] = []
  const perTarget = new Map<string, number>()
  let faults: ((call: RecordedCall, n: number) => Fault | undefined) | undefined

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
        const call: RecordedCall = { target, operation, input: undefined, headers: req.headers, at: Date.now() }
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
  const { port, close } = await listenOnLoopback(server)

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    calls,
    callsTo: (operation) => calls.filter((c) => c.operation === operation),
    on: (target, handler) => void routes.set(target, handler),
    setFaults: (plan) => void (faults = plan),
    close
  }
}
