/**
 * A local stand-in for GitHub's REST API, for the real Octokit (`@actions/github`) to talk to.
 *
 * Every request is checked against GitHub's own OpenAPI description (`@octokit/openapi`):
 * the method and path must name a documented operation (else 404), a token must be sent
 * (else 401), and the path parameters, query parameters and JSON body must fit that
 * operation's schemas (else 404 for a path that GitHub's router would not match, 422
 * `Validation Failed` otherwise), all before any handler runs. Every call is recorded.
 *
 * Built-in handlers keep a small in-memory GitHub per repository (comments, commit
 * statuses, check runs, git refs); tests can replace any operation with their own handler
 * and inject faults in front of it. What the handlers answer is itself checked against the
 * operation's response schema, so the stand-in cannot drift into answers GitHub never
 * gives. It listens on 127.0.0.1 only.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import { listenOnLoopback } from './loopback.js'

const require = createRequire(import.meta.url)
// ajv-formats is CommonJS with `exports.default`; NodeNext's default import would be the whole module.
const addFormats = require('ajv-formats') as (ajv: Ajv) => Ajv

/** A JSON object as GitHub sends it; the schemas, not TypeScript, say what is in it. */
export type Json = Record<string, any>

// ---------------------------------------------------------------------------------------
// GitHub's OpenAPI description, loaded once per process and turned into a route table.
// ---------------------------------------------------------------------------------------

interface Ref {
  $ref: string
}
interface Parameter {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required?: boolean
  schema?: Json
  'x-multi-segment'?: boolean
}
interface Operation {
  operationId: string
  parameters?: (Parameter | Ref)[]
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Json }> }
  responses?: Record<string, { content?: Record<string, { schema?: Json }> } | Ref>
  externalDocs?: { url?: string }
}

/** One documented operation, e.g. `POST /repos/{owner}/{repo}/issues/{issue_number}/comments`. */
export interface Route {
  method: string
  template: string
  operationId: string
  operation: Operation
  parameters: Parameter[]
  pattern: RegExp
  names: string[]
  /** Sort key: the route with more fixed text wins when two templates match one path. */
  specificity: [number, number, number]
  /** Compiled schemas, by what they check (`body`, `query`, `path`, `response 201`); compiled on first use. */
  validators: Map<string, ValidateFunction | undefined>
}

/** GitHub's REST API as the fake uses it. */
export interface GitHubApi {
  ajv: Ajv
  routesByMethod: Map<string, Route[]>
  operations: Map<string, Route>
  resolve<T>(value: T | Ref): T
  /** How long reading the description and building the table took, in milliseconds. */
  loadMs: number
}

// The plain description (13 MB, about 0.5 s to read and prepare) rather than the dereferenced
// one (73 MB, about 1.8 s and four times the memory): ajv follows the `$ref`s itself.
const SPEC_FILE = '@octokit/openapi/generated/api.github.com.json'
const SCHEMA_ID = 'github-openapi'
const METHODS = ['get', 'post', 'put', 'patch', 'delete']
/** Formats GitHub uses that are not JSON Schema's; they describe, they do not restrict. */
const DESCRIPTIVE_FORMATS = ['int32', 'int64', 'double', 'binary', 'timestamp', 'repo.nwo']

let api: GitHubApi | undefined

/**
 * GitHub's REST API as a route table with schemas ready for ajv. Loaded on first use and
 * kept for the rest of the process (each jest test file pays it once).
 */
export function gitHubApi(): GitHubApi {
  if (api) return api
  const started = performance.now()
  const doc = JSON.parse(readFileSync(require.resolve(SPEC_FILE), 'utf8')) as {
    paths: Record<string, Record<string, Operation>>
    components: Record<string, Record<string, unknown>>
  }
  const { schemas, parameters, responses } = doc.components
  // Sample answers for the docs; nothing here reads them, so let them be collected.
  delete doc.components.examples
  // The schemas are OpenAPI 3.0 dialect; rewrite the one construct ajv reads differently.
  adaptNullable(schemas)
  adaptNullable(responses)
  adaptNullable(parameters)
  // Strict mode would refuse OpenAPI's own keywords (example, x-github, discriminator, ...).
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false })
  addFormats(ajv)
  for (const format of DESCRIPTIVE_FORMATS) ajv.addFormat(format, true)
  // Only the shared parts go to ajv: the 800 paths would triple the time it spends indexing.
  ajv.addSchema({ components: { schemas, parameters, responses } }, SCHEMA_ID)

  const resolve = <T>(value: T | Ref): T => {
    let node: unknown = value
    while (node && typeof node === 'object' && '$ref' in node) {
      const pointer = String((node as Ref).$ref).replace(/^#\//, '')
      node = pointer
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
        .reduce<any>((at, key) => at?.[key], doc)
    }
    return node as T
  }

  const routesByMethod = new Map<string, Route[]>()
  const operations = new Map<string, Route>()
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const operation = item[method]
      if (!operation?.operationId) continue
      const params = (operation.parameters ?? []).map((p) => resolve<Parameter>(p))
      const route: Route = {
        method: method.toUpperCase(),
        template,
        operationId: operation.operationId,
        operation,
        parameters: params,
        validators: new Map(),
        ...compileTemplate(template, params)
      }
      operations.set(route.operationId, route)
      const list = routesByMethod.get(route.method) ?? []
      list.push(route)
      routesByMethod.set(route.method, list)
    }
  }
  for (const list of routesByMethod.values()) {
    list.sort(
      (a, b) =>
        b.specificity[0] - a.specificity[0] ||
        b.specificity[1] - a.specificity[1] ||
        b.specificity[2] - a.specificity[2]
    )
  }
  api = { ajv, routesByMethod, operations, resolve, loadMs: performance.now() - started }
  return api
}

/** A path template as a regular expression; `x-multi-segment` parameters (git refs) may span slashes. */
function compileTemplate(template: string, params: Parameter[]): Pick<Route, 'pattern' | 'names' | 'specificity'> {
  const names: string[] = []
  let fixedSegments = 0
  let multi = 0
  let fixedChars = 0
  const source = template
    .split('/')
    .map((segment) => {
      if (!segment.includes('{')) {
        fixedSegments += segment ? 1 : 0
        fixedChars += segment.length
        return escapeRegExp(segment)
      }
      return segment
        .split(/(\{[^}]+\})/)
        .map((part) => {
          const name = /^\{([^}]+)\}$/.exec(part)?.[1]
          if (!name) {
            fixedChars += part.length
            return escapeRegExp(part)
          }
          names.push(name)
          const spans = params.find((p) => p.name === name && p.in === 'path')?.['x-multi-segment'] === true
          multi += spans ? 1 : 0
          return spans ? '(.+)' : '([^/]+)'
        })
        .join('')
    })
    .join('/')
  return { pattern: new RegExp(`^${source}$`), names, specificity: [fixedSegments, -multi, fixedChars] }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * OpenAPI 3.0's `nullable: true` means "or null". Ajv understands it only next to `type`
 * and never adds null to an `enum`, so both other spellings are rewritten (in place).
 */
function adaptNullable(node: unknown): unknown {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) node[i] = adaptNullable(node[i])
    return node
  }
  if (node === null || typeof node !== 'object') return node
  const schema = node as Json
  for (const key of Object.keys(schema)) schema[key] = adaptNullable(schema[key])
  if (schema.nullable !== true) return schema
  if (schema.type === undefined) {
    const rest = { ...schema }
    delete rest.nullable
    return { anyOf: [rest, { type: 'null' }] }
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null]
  return schema
}

/** A schema from inside an operation, its `#/components/...` references pointed at what ajv holds. */
function forAjv(schema: unknown): Json {
  const copy = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(copy)
    if (node === null || typeof node !== 'object') return node
    const out: Json = {}
    for (const [key, value] of Object.entries(node)) {
      out[key] = key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? SCHEMA_ID + value : copy(value)
    }
    return out
  }
  return adaptNullable(copy(schema)) as Json
}

function validator(route: Route, key: string, build: () => Json | undefined): ValidateFunction | undefined {
  if (!route.validators.has(key)) {
    const schema = build()
    route.validators.set(key, schema ? gitHubApi().ajv.compile(schema) : undefined)
  }
  return route.validators.get(key)
}

function jsonSchemaOf(content: Record<string, { schema?: Json }> | undefined): Json | undefined {
  return content?.['application/json']?.schema
}

/** The schema a response with `status` must fit, or undefined when GitHub documents no JSON body for it. */
function responseValidator(route: Route, status: number): ValidateFunction | undefined {
  const { resolve } = gitHubApi()
  return validator(route, `response ${status}`, () => {
    const declared = route.operation.responses?.[String(status)]
    if (declared) {
      const schema = jsonSchemaOf(resolve(declared).content)
      return schema ? forAjv(schema) : undefined
    }
    // Error answers the description leaves out still have GitHub's error shape.
    return status >= 400 ? { $ref: `${SCHEMA_ID}#/components/schemas/basic-error` } : undefined
  })
}

/** The 2xx status GitHub answers a successful call with (201 for creates, 204 for deletes). */
function successStatus(route: Route): number {
  const codes = Object.keys(route.operation.responses ?? {})
    .map(Number)
    .filter((n) => n >= 200 && n < 300)
  return codes.length > 0 ? Math.min(...codes) : 200
}

// ---------------------------------------------------------------------------------------
// Errors as GitHub writes them.
// ---------------------------------------------------------------------------------------

const REST_DOCS = 'https://docs.github.com/rest'

/** One entry of a 422's `errors` array. */
export interface GitHubValidationError {
  resource?: string
  field?: string
  code: string
  message?: string
  value?: string | number | string[]
}

/** Thrown by a handler to answer `{ message, documentation_url, status, errors? }` with that HTTP status. */
export class GitHubFault extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: GitHubValidationError[],
    readonly headers: Record<string, string> = {}
  ) {
    super(message)
  }
}

/** 422 `Validation Failed` with one error, as GitHub reports a field it refuses. */
export function validationFailed(error: GitHubValidationError): GitHubFault {
  return new GitHubFault(422, 'Validation Failed', [error])
}

// Ajv's findings in GitHub's 422 vocabulary: `missing_field` for an absent required member,
// `invalid` for a value of the wrong type, outside an enum, too long, and so on.
function toGitHubErrors(errors: ErrorObject[], resource: string, data: unknown): GitHubValidationError[] {
  const seen = new Set<string>()
  const out: GitHubValidationError[] = []
  for (const e of errors) {
    // anyOf/oneOf only say "no branch matched"; the branches' own errors say why.
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf') continue
    const path = e.instancePath
      .split('/')
      .slice(1)
      .map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s.replace(/~1/g, '/').replace(/~0/g, '~')}`))
      .join('')
      .replace(/^\./, '')
    let entry: GitHubValidationError
    if (e.keyword === 'required') {
      const field = path ? `${path}.${e.params.missingProperty}` : String(e.params.missingProperty)
      entry = { resource, field, code: 'missing_field', message: `"${field}" wasn't supplied.` }
    } else {
      const value = e.instancePath
        .split('/')
        .slice(1)
        .reduce<any>((at, key) => at?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], data)
      const shown = JSON.stringify(value)
      const message =
        e.keyword === 'enum'
          ? `${shown} is not a member of ${JSON.stringify(e.params.allowedValues)}.`
          : e.keyword === 'type'
            ? `${shown} is not of type ${JSON.stringify(e.params.type)}.`
            : `${path || 'value'} ${e.message ?? 'is invalid'}.`
      entry = { resource, field: path, code: 'invalid', message }
      if (typeof value === 'string' || Number.isInteger(value)) entry.value = value as string | number
    }
    const key = `${entry.field}\u0000${entry.message}`
    if (!seen.has(key)) {
      seen.add(key)
      out.push(entry)
    }
  }
  return out
}

/** GitHub names the resource in a 422 after what the operation returns (`IssueComment`, `CheckRun`). */
function resourceName(route: Route): string {
  const { resolve } = gitHubApi()
  const ok = route.operation.responses?.[String(successStatus(route))]
  const schema = ok ? jsonSchemaOf(resolve(ok).content) : undefined
  const title = schema ? resolve<Json>(schema).title : undefined
  if (typeof title === 'string' && title) return title.replace(/[^A-Za-z0-9]/g, '')
  const area = route.operationId.split('/')[0]
  return area.charAt(0).toUpperCase() + area.slice(1)
}

// ---------------------------------------------------------------------------------------
// The server's public shape.
// ---------------------------------------------------------------------------------------

/** One request as the server saw it. */
export interface RecordedCall {
  method: string
  /** The request path without the query, as sent (still percent-encoded). */
  path: string
  /** The OpenAPI path template it matched, e.g. `/repos/{owner}/{repo}/git/refs`. */
  route?: string
  /** e.g. `issues/create-comment`; undefined when no documented route matched. */
  operationId?: string
  /** Path parameters, numbers already numbers (`issue_number: 7`). */
  params: Record<string, unknown>
  /** Query parameters the operation documents, typed the same way (raw text if refused before reading them). */
  query: Record<string, unknown>
  /** The parsed JSON body (the raw text when it was not JSON). */
  body: any
  headers: IncomingMessage['headers']
  /** What the server answered (0 for a dropped connection). */
  status?: number
  /** The `message` of an error answer. */
  message?: string
  at: number
}

/** What to do instead of calling the handler. */
export type Fault =
  /** 403 `Resource not accessible by integration`: a GITHUB_TOKEN without the `permissions:` it needs. */
  | { kind: 'forbidden'; acceptedPermissions?: string }
  /** 404 `Not Found`, as for a repository the token cannot see. */
  | { kind: 'not-found' }
  | { kind: 'error'; status: number; message?: string }
  /** Wait, then answer as usual. */
  | { kind: 'delay'; ms: number }
  | { kind: 'drop' }

/**
 * Faults per operationId, or a function of the call and how many calls that operation has
 * had since the plan was set (1-based), so "fail the first try" needs no bookkeeping.
 */
export type FaultPlan =
  Partial<Record<string, Fault>> | ((call: RecordedCall, nthOfOperation: number) => Fault | undefined)

/** What a handler is given. */
export interface HandlerRequest {
  params: Record<string, any>
  query: Record<string, any>
  body: any
  call: RecordedCall
  /** The repository the path names (`/repos/{owner}/{repo}/...`), created on first use. */
  repository?: RepositoryState
  /** This server's base URL, for the `url` fields of answers. */
  apiUrl: string
}

/** A handler's answer with a status or headers of its own; return a plain value for the usual 2xx. */
export class Reply {
  constructor(
    readonly status: number,
    readonly body?: unknown,
    readonly headers: Record<string, string> = {}
  ) {}
}

/** Answers one operation: returns the response body (or a `Reply`), or throws a `GitHubFault`. */
export type Handler = (request: HandlerRequest) => unknown | Promise<unknown>

/** One repository's in-memory GitHub; tests may read it and seed it. */
export interface RepositoryState {
  readonly owner: string
  readonly name: string
  readonly id: number
  defaultBranch: string
  /** Issue and pull-request comments, oldest first, as the API returns them. */
  readonly comments: { issueNumber: number; data: Json }[]
  /** Commit statuses, oldest first. */
  readonly statuses: { sha: string; data: Json }[]
  /** Check runs, oldest first, with every annotation sent for them. */
  readonly checkRuns: { data: Json; annotations: Json[] }[]
  /** Git refs by full name (`refs/tags/v1`, `refs/heads/main`) to commit sha. */
  readonly refs: Map<string, string>
}

export interface FakeGitHubOptions {
  /** Handlers by operationId, in front of the built-in ones. */
  handlers?: Record<string, Handler>
  /** Tokens GitHub knows (others get 401 `Bad credentials`); any token by default. */
  tokens?: string[]
  /** `owner/name` of the repositories that exist (others get 404); any by default. */
  repositories?: string[]
  /** The web host used in `html_url` fields. */
  serverUrl?: string
  /** Also check test handlers' answers against the response schemas (default true). */
  checkHandlerResponses?: boolean
}

export interface FakeGitHub {
  /** Base URL for Octokit's `baseUrl` and the action's `GITHUB_API_URL`. */
  url: string
  port: number
  calls: RecordedCall[]
  /** Calls to one operation, e.g. `callsTo('issues/create-comment')`. */
  callsTo(operationId: string): RecordedCall[]
  /**
   * Replaces the handler of an operation (undefined puts the built-in one back); throws for
   * an operationId GitHub does not have.
   */
  on(operationId: string, handler: Handler | undefined): void
  /** Runs before every handler (after routing and authentication); a fault answers instead. */
  setFaults(plan: FaultPlan | undefined): void
  /** The in-memory state of `owner/name`, created on first use. */
  repository(fullName: string): RepositoryState
  /**
   * Answers of the fake's own that broke GitHub's response schema. Each was sent as a 500
   * explaining it, and `close()` rejects while any are listed, so no test passes on one.
   */
  selfCheckFailures: string[]
  /** Stops listening and ends keep-alive connections. */
  close(): Promise<void>
}

// ---------------------------------------------------------------------------------------
// The server.
// ---------------------------------------------------------------------------------------

/** Starts the server on an ephemeral loopback port (loading GitHub's description first, once). */
export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const github = gitHubApi()
  const handlers = new Map<string, Handler>()
  const on = (operationId: string, handler: Handler | undefined): void => {
    if (!github.operations.has(operationId)) throw new Error(`GitHub's REST API has no operation ${operationId}`)
    if (handler) handlers.set(operationId, handler)
    else handlers.delete(operationId)
  }
  for (const [operationId, handler] of Object.entries(options.handlers ?? {})) on(operationId, handler)

  const calls: RecordedCall[] = []
  const perOperation = new Map<string, number>()
  const selfCheckFailures: string[] = []
  const repositories = new Map<string, RepositoryState>()
  const allowed = options.repositories ? new Set(options.repositories.map((r) => r.toLowerCase())) : undefined
  const serverUrl = (options.serverUrl ?? 'https://github.com').replace(/\/$/, '')
  let faults: FaultPlan | undefined
  let apiUrl = ''
  let nextId = 1
  const ids = (): number => 1_000_000 + nextId++

  const repository = (fullName: string): RepositoryState => {
    const key = fullName.toLowerCase()
    let state = repositories.get(key)
    if (!state) {
      const [owner, name] = fullName.split('/')
      state = {
        owner,
        name,
        id: 700_000_000 + repositories.size + 1,
        defaultBranch: 'main',
        comments: [],
        statuses: [],
        checkRuns: [],
        refs: new Map()
      }
      repositories.set(key, state)
    }
    return state
  }

  const send = (
    res: ServerResponse,
    call: RecordedCall,
    status: number,
    body: unknown,
    headers: Record<string, string> = {}
  ): void => {
    call.status = status
    if (status >= 400 && body && typeof body === 'object') call.message = String((body as Json).message ?? '')
    if (res.destroyed || res.headersSent) return
    const text = body === undefined || status === 204 ? '' : JSON.stringify(body)
    res.writeHead(status, {
      ...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}),
      'content-length': Buffer.byteLength(text),
      'x-github-request-id': `FAKE:${calls.length}`,
      'x-github-media-type': 'github.v3; format=json',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': String(Math.max(0, 5000 - calls.length)),
      'x-ratelimit-used': String(calls.length),
      'x-ratelimit-resource': 'core',
      ...headers
    })
    res.end(text)
  }
  const fail = (
    res: ServerResponse,
    call: RecordedCall,
    status: number,
    message: string,
    docs = REST_DOCS,
    extra: Json = {},
    headers: Record<string, string> = {}
  ): void => send(res, call, status, { message, documentation_url: docs, status: String(status), ...extra }, headers)

  const handle = async (req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> => {
    const url = new URL(req.url ?? '/', apiUrl)
    const method = (req.method ?? 'GET').toUpperCase()
    const call: RecordedCall = {
      method,
      path: url.pathname,
      params: {},
      query: Object.fromEntries(url.searchParams),
      body: raw,
      headers: req.headers,
      at: Date.now()
    }
    calls.push(call)
    let unparsable = false
    try {
      call.body = raw ? JSON.parse(raw) : undefined
    } catch {
      // Kept as text: answered with 400 once the route and token are known to be fine.
      unparsable = true
    }

    // 1. Routing: the first documented template that matches, most specific first.
    let route: Route | undefined
    let match: RegExpExecArray | null = null
    for (const candidate of github.routesByMethod.get(method) ?? []) {
      match = candidate.pattern.exec(url.pathname)
      if (match) {
        route = candidate
        break
      }
    }
    if (!route || !match) return fail(res, call, 404, 'Not Found')
    call.route = route.template
    call.operationId = route.operationId
    const docs = route.operation.externalDocs?.url ?? REST_DOCS
    try {
      route.names.forEach((name, i) => (call.params[name] = decodeURIComponent(match![i + 1])))
    } catch {
      return fail(res, call, 404, 'Not Found', docs)
    }

    // 2. Authentication: the action always sends its token; an anonymous call is a bug.
    const auth = /^(?:token|bearer)\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''))
    if (!auth) return fail(res, call, 401, 'Requires authentication', REST_DOCS)
    if (options.tokens && !options.tokens.includes(auth[1])) return fail(res, call, 401, 'Bad credentials', REST_DOCS)

    // 3. Faults the test asked for, in front of everything the operation itself checks.
    const n = (perOperation.get(route.operationId) ?? 0) + 1
    perOperation.set(route.operationId, n)
    const fault = typeof faults === 'function' ? faults(call, n) : faults?.[route.operationId]
    if (fault?.kind === 'drop') {
      call.status = 0
      req.socket.destroy()
      return
    }
    if (fault?.kind === 'forbidden') {
      const headers: Record<string, string> = fault.acceptedPermissions
        ? { 'x-accepted-github-permissions': fault.acceptedPermissions }
        : {}
      return fail(res, call, 403, 'Resource not accessible by integration', docs, {}, headers)
    }
    if (fault?.kind === 'not-found') return fail(res, call, 404, 'Not Found', docs)
    if (fault?.kind === 'error')
      return fail(res, call, fault.status, fault.message ?? defaultMessage(fault.status), docs)
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms))

    // 4. The request against the operation's schemas.
    const pathParams = route.parameters.filter((p) => p.in === 'path')
    const queryParams = route.parameters.filter((p) => p.in === 'query')
    for (const p of pathParams) call.params[p.name] = coerce(call.params[p.name] as string, p.schema, [])
    const pathCheck = validator(route, 'path', () => objectSchema(pathParams))
    // A path segment of the wrong type (`/issues/abc/comments`) matches no route at GitHub.
    if (pathCheck && !pathCheck(call.params)) return fail(res, call, 404, 'Not Found', docs)
    const query: Record<string, unknown> = {}
    for (const p of queryParams) {
      const values = url.searchParams.getAll(p.name)
      if (values.length > 0) query[p.name] = coerce(values.at(-1)!, p.schema, values)
    }
    call.query = query
    const resource = resourceName(route)
    const queryCheck = validator(route, 'query', () => objectSchema(queryParams))
    if (queryCheck && !queryCheck(query)) {
      return fail(res, call, 422, 'Validation Failed', docs, {
        errors: toGitHubErrors(queryCheck.errors ?? [], resource, query)
      })
    }
    if (route.operation.requestBody) {
      if (unparsable) return fail(res, call, 400, 'Problems parsing JSON', docs)
      const bodyCheck = validator(route, 'body', () => {
        const schema = jsonSchemaOf(route!.operation.requestBody?.content)
        return schema ? forAjv(schema) : undefined
      })
      // Octokit sends no body at all when a call has no body parameters: GitHub reads that as `{}`.
      const body = call.body ?? {}
      if (bodyCheck && !bodyCheck(body)) {
        return fail(res, call, 422, 'Validation Failed', docs, {
          errors: toGitHubErrors(bodyCheck.errors ?? [], resource, body)
        })
      }
    }

    // 5. The repository must exist (when the test named which do).
    const owner = call.params.owner
    const repo = call.params.repo
    const fullName = typeof owner === 'string' && typeof repo === 'string' ? `${owner}/${repo}` : undefined
    if (fullName && allowed && !allowed.has(fullName.toLowerCase())) return fail(res, call, 404, 'Not Found', docs)

    // 6. The handler, and its answer checked against GitHub's response schema.
    const custom = handlers.get(route.operationId)
    const builtIn = BUILT_IN[route.operationId]
    if (!custom && !builtIn) {
      return fail(res, call, 501, `The fake GitHub has no handler for ${route.operationId}`, docs)
    }
    const request: HandlerRequest = {
      params: call.params,
      query,
      body: call.body,
      call,
      repository: fullName ? repository(fullName) : undefined,
      apiUrl
    }
    let reply: Reply
    try {
      const out = custom
        ? await custom(request)
        : await builtIn!({ ...request, repository: request.repository!, serverUrl, newId: ids, route: route })
      reply = out instanceof Reply ? out : new Reply(successStatus(route), out)
    } catch (error) {
      if (!(error instanceof GitHubFault)) {
        return fail(res, call, 500, `The fake GitHub's handler for ${route.operationId} threw: ${String(error)}`, docs)
      }
      const extra = error.errors ? { errors: error.errors } : {}
      reply = new Reply(
        error.status,
        { message: error.message, documentation_url: docs, status: String(error.status), ...extra },
        error.headers
      )
    }
    if (!custom || options.checkHandlerResponses !== false) {
      const problem = checkResponse(route, reply)
      if (problem) {
        selfCheckFailures.push(problem)
        return fail(res, call, 500, problem, docs)
      }
    }
    return send(res, call, reply.status, reply.body, reply.headers)
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((error: unknown) => {
        // A bug in the fake itself: answer, so the test fails on it instead of hanging.
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' })
          res.end(JSON.stringify({ message: `The fake GitHub failed: ${String(error)}` }))
        }
      })
    })
  })
  const { port, close } = await listenOnLoopback(server)
  apiUrl = `http://127.0.0.1:${port}`

  return {
    url: apiUrl,
    port,
    calls,
    callsTo: (operationId) => calls.filter((c) => c.operationId === operationId),
    on,
    setFaults: (plan) => {
      faults = plan
      perOperation.clear()
    },
    repository,
    selfCheckFailures,
    close: async () => {
      await close()
      if (selfCheckFailures.length > 0) {
        throw new Error(`the fake GitHub answered against GitHub's schema:\n${selfCheckFailures.join('\n')}`)
      }
    }
  }
}

function defaultMessage(status: number): string {
  if (status === 502) return 'Server Error'
  if (status === 503) return 'Service Unavailable'
  if (status === 429) return 'API rate limit exceeded'
  return status >= 500 ? 'Internal Server Error' : 'Error'
}

/** Parameters as one object schema, so one ajv call checks them all. */
function objectSchema(params: Parameter[]): Json | undefined {
  if (params.length === 0) return undefined
  return {
    type: 'object',
    properties: Object.fromEntries(params.map((p) => [p.name, forAjv(p.schema ?? {})])),
    required: params.filter((p) => p.required).map((p) => p.name)
  }
}

/**
 * A path or query string as the type its schema declares: numbers and booleans from text,
 * arrays from repeated keys or commas (Octokit sends `a=1,2`). Text that does not convert
 * stays text, for the schema check to refuse.
 */
function coerce(text: string, schema: Json | undefined, all: string[]): unknown {
  const resolved = schema ? gitHubApi().resolve<Json>(schema) : {}
  const one = (value: string, type: unknown): unknown => {
    if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(value)) return Number(value)
    if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true'
    return value
  }
  if (resolved.type === 'array') {
    const items = gitHubApi().resolve<Json>(resolved.items ?? {})
    return (all.length > 0 ? all : [text]).flatMap((v) => v.split(',')).map((v) => one(v, items.type))
  }
  return one(text, resolved.type)
}

/** Why `reply` is not an answer GitHub could give to `route`, or undefined when it is. */
function checkResponse(route: Route, reply: Reply): string | undefined {
  const declared = route.operation.responses?.[String(reply.status)]
  if (!declared && reply.status < 400) {
    return `the fake GitHub answered ${route.operationId} with ${reply.status}, which GitHub never does (documented: ${Object.keys(route.operation.responses ?? {}).join(', ')})`
  }
  const check = responseValidator(route, reply.status)
  if (!check) return undefined
  if (check(reply.body)) return undefined
  const details = (check.errors ?? [])
    .slice(0, 5)
    .map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''}`)
    .join('; ')
  return `the fake GitHub's ${reply.status} answer to ${route.operationId} does not fit GitHub's response schema: ${details}`
}

// ---------------------------------------------------------------------------------------
// Built-in handlers: the operations the action uses, over per-repository state.
// ---------------------------------------------------------------------------------------

interface BuiltInRequest extends HandlerRequest {
  repository: RepositoryState
  serverUrl: string
  newId: () => number
  route: Route
}

type BuiltIn = (request: BuiltInRequest) => unknown

const SHA = /^[0-9a-f]{40}$/i
/** GitHub refuses comment bodies longer than this. */
const MAX_COMMENT = 65536

/** GitHub's timestamps: ISO 8601 to the second. */
function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
}

function nodeId(kind: string, id: number): string {
  return Buffer.from(`${kind}:${id}`).toString('base64').replace(/=+$/, '')
}

/** A user or organization as the API embeds it (`simple-user`). */
function userJson(apiUrl: string, serverUrl: string, login: string, id: number, type: string): Json {
  const u = `${apiUrl}/users/${encodeURIComponent(login)}`
  return {
    login,
    id,
    node_id: nodeId(type, id),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: u,
    html_url: type === 'Bot' ? `${serverUrl}/apps/${login.replace(/\[bot\]$/, '')}` : `${serverUrl}/${login}`,
    followers_url: `${u}/followers`,
    following_url: `${u}/following{/other_user}`,
    gists_url: `${u}/gists{/gist_id}`,
    starred_url: `${u}/starred{/owner}{/repo}`,
    subscriptions_url: `${u}/subscriptions`,
    organizations_url: `${u}/orgs`,
    repos_url: `${u}/repos`,
    events_url: `${u}/events{/privacy}`,
    received_events_url: `${u}/received_events`,
    type,
    user_view_type: 'public',
    site_admin: false
  }
}

// What a workflow's GITHUB_TOKEN writes as: the github-actions bot, through the GitHub Actions app.
function actionsBot(apiUrl: string, serverUrl: string): Json {
  return userJson(apiUrl, serverUrl, 'github-actions[bot]', 41898282, 'Bot')
}
function actionsApp(apiUrl: string, serverUrl: string): Json {
  return {
    id: 15368,
    slug: 'github-actions',
    node_id: nodeId('App', 15368),
    owner: userJson(apiUrl, serverUrl, 'github', 9919, 'Organization'),
    name: 'GitHub Actions',
    description: 'Automate your workflow from idea to production',
    external_url: 'https://help.github.com/en/actions',
    html_url: `${serverUrl}/apps/github-actions`,
    created_at: '2018-07-30T09:30:17Z',
    updated_at: '2019-12-10T19:04:12Z',
    permissions: { checks: 'write', contents: 'write', issues: 'write', metadata: 'read', statuses: 'write' },
    events: ['check_run', 'check_suite', 'push', 'pull_request', 'workflow_dispatch']
  }
}

/** The repository as `GET /repos/{owner}/{repo}` answers (`full-repository`, a superset of `minimal-repository`). */
function repositoryJson(r: BuiltInRequest): Json {
  const { repository: s, apiUrl, serverUrl } = r
  const full = `${s.owner}/${s.name}`
  const u = `${apiUrl}/repos/${full}`
  const host = new URL(serverUrl).host
  const created = '2024-01-01T00:00:00Z'
  return {
    id: s.id,
    node_id: nodeId('Repository', s.id),
    name: s.name,
    full_name: full,
    private: false,
    owner: userJson(apiUrl, serverUrl, s.owner, s.id + 1, 'Organization'),
    html_url: `${serverUrl}/${full}`,
    description: null,
    fork: false,
    url: u,
    archive_url: `${u}/{archive_format}{/ref}`,
    assignees_url: `${u}/assignees{/user}`,
    blobs_url: `${u}/git/blobs{/sha}`,
    branches_url: `${u}/branches{/branch}`,
    collaborators_url: `${u}/collaborators{/collaborator}`,
    comments_url: `${u}/comments{/number}`,
    commits_url: `${u}/commits{/sha}`,
    compare_url: `${u}/compare/{base}...{head}`,
    contents_url: `${u}/contents/{+path}`,
    contributors_url: `${u}/contributors`,
    deployments_url: `${u}/deployments`,
    downloads_url: `${u}/downloads`,
    events_url: `${u}/events`,
    forks_url: `${u}/forks`,
    git_commits_url: `${u}/git/commits{/sha}`,
    git_refs_url: `${u}/git/refs{/sha}`,
    git_tags_url: `${u}/git/tags{/sha}`,
    git_url: `git://${host}/${full}.git`,
    hooks_url: `${u}/hooks`,
    issue_comment_url: `${u}/issues/comments{/number}`,
    issue_events_url: `${u}/issues/events{/number}`,
    issues_url: `${u}/issues{/number}`,
    keys_url: `${u}/keys{/key_id}`,
    labels_url: `${u}/labels{/name}`,
    languages_url: `${u}/languages`,
    merges_url: `${u}/merges`,
    milestones_url: `${u}/milestones{/number}`,
    notifications_url: `${u}/notifications{?since,all,participating}`,
    pulls_url: `${u}/pulls{/number}`,
    releases_url: `${u}/releases{/id}`,
    ssh_url: `git@${host}:${full}.git`,
    stargazers_url: `${u}/stargazers`,
    statuses_url: `${u}/statuses/{sha}`,
    subscribers_url: `${u}/subscribers`,
    subscription_url: `${u}/subscription`,
    tags_url: `${u}/tags`,
    teams_url: `${u}/teams`,
    trees_url: `${u}/git/trees{/sha}`,
    clone_url: `${serverUrl}/${full}.git`,
    mirror_url: null,
    svn_url: `${serverUrl}/${full}`,
    homepage: null,
    language: null,
    forks_count: 0,
    forks: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 0,
    default_branch: s.defaultBranch,
    open_issues_count: 0,
    open_issues: 0,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: 'public',
    license: null,
    pushed_at: created,
    created_at: created,
    updated_at: created,
    network_count: 0,
    subscribers_count: 0
  }
}

/**
 * One page of `items` as GitHub pages lists: `per_page` (default 30, at most 100) and
 * `page` (from 1), with a `link` header naming the other pages when there are any.
 */
function paginate<T>(r: HandlerRequest, items: T[]): { items: T[]; headers: Record<string, string> } {
  const perPage = Math.min(100, Math.max(1, Number(r.query.per_page ?? 30)))
  const page = Math.max(1, Number(r.query.page ?? 1))
  const last = Math.max(1, Math.ceil(items.length / perPage))
  const link = (p: number, rel: string): string => {
    const url = new URL(r.call.path, r.apiUrl)
    for (const [k, v] of Object.entries(r.call.query))
      url.searchParams.set(k, Array.isArray(v) ? v.join(',') : String(v))
    url.searchParams.set('per_page', String(perPage))
    url.searchParams.set('page', String(p))
    return `<${url.href}>; rel="${rel}"`
  }
  const links: string[] = []
  if (page > 1) links.push(link(page - 1, 'prev'))
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'))
  if (page > 1) links.push(link(1, 'first'))
  return {
    items: items.slice((page - 1) * perPage, page * perPage),
    headers: links.length > 0 ? { link: links.join(', ') } : {}
  }
}

/** The commit a `{ref}` parameter names: a full sha, or a branch or tag the repository has. */
function commitOf(s: RepositoryState, ref: string): string | undefined {
  if (SHA.test(ref)) return ref.toLowerCase()
  const candidates = ref.startsWith('refs/') ? [ref] : [`refs/heads/${ref}`, `refs/tags/${ref}`, `refs/${ref}`]
  for (const name of candidates) {
    const sha = s.refs.get(name)
    if (sha) return sha
  }
  return undefined
}

function commentJson(r: BuiltInRequest, id: number, issueNumber: number, body: string): Json {
  const base = `${r.apiUrl}/repos/${r.repository.owner}/${r.repository.name}`
  const at = now()
  return {
    id,
    node_id: nodeId('IssueComment', id),
    url: `${base}/issues/comments/${id}`,
    html_url: `${r.serverUrl}/${r.repository.owner}/${r.repository.name}/issues/${issueNumber}#issuecomment-${id}`,
    body,
    user: actionsBot(r.apiUrl, r.serverUrl),
    created_at: at,
    updated_at: at,
    issue_url: `${base}/issues/${issueNumber}`,
    author_association: 'NONE',
    performed_via_github_app: actionsApp(r.apiUrl, r.serverUrl),
    reactions: {
      url: `${base}/issues/comments/${id}/reactions`,
      total_count: 0,
      '+1': 0,
      '-1': 0,
      laugh: 0,
      confused: 0,
      heart: 0,
      hooray: 0,
      eyes: 0,
      rocket: 0
    }
  }
}

function checkCommentBody(body: string): void {
  if (body.length > MAX_COMMENT) {
    throw validationFailed({
      resource: 'IssueComment',
      field: 'body',
      code: 'custom',
      message: `body is too long (maximum is ${MAX_COMMENT} characters)`
    })
  }
}

function findComment(r: BuiltInRequest): { issueNumber: number; data: Json } {
  const found = r.repository.comments.find((c) => c.data.id === r.params.comment_id)
  if (!found) throw new GitHubFault(404, 'Not Found')
  return found
}

/** GitHub's rules for a check run's status and conclusion, beyond what the schema says. */
function settleCheckRun(run: Json, body: Json): void {
  if (body.conclusion === 'stale') {
    throw validationFailed({
      resource: 'CheckRun',
      field: 'conclusion',
      code: 'invalid',
      message: 'Only GitHub can set a check run to stale'
    })
  }
  if (body.conclusion !== undefined) {
    run.conclusion = body.conclusion
    run.status = 'completed'
  } else if (body.status !== undefined) {
    run.status = body.status
  }
  if (run.status === 'completed' || body.completed_at !== undefined) {
    if (run.conclusion === null) {
      throw validationFailed({
        resource: 'CheckRun',
        field: 'conclusion',
        code: 'missing_field',
        message: '"conclusion" wasn\'t supplied.'
      })
    }
    run.status = 'completed'
    run.completed_at = body.completed_at ?? run.completed_at ?? now()
  }
}

function applyOutput(entry: { data: Json; annotations: Json[] }, output: Json | undefined): void {
  if (!output) return
  const o = entry.data.output as Json
  for (const key of ['title', 'summary', 'text']) if (output[key] !== undefined) o[key] = output[key]
  // Annotations accumulate over updates, as GitHub documents.
  entry.annotations.push(...((output.annotations as Json[] | undefined) ?? []))
  o.annotations_count = entry.annotations.length
}

function findCheckRun(r: BuiltInRequest): { data: Json; annotations: Json[] } {
  const found = r.repository.checkRuns.find((c) => c.data.id === r.params.check_run_id)
  if (!found) throw new GitHubFault(404, 'Not Found')
  return found
}

function statusSummary(data: Json): Json {
  const { id, node_id, state, description, target_url, context, avatar_url, url, created_at, updated_at } = data
  return { id, node_id, state, description, target_url, context, avatar_url, url, created_at, updated_at }
}

/** A ref name git itself would accept (the parts of `git check-ref-format` that matter here). */
function validRefName(ref: string): boolean {
  if (!/^refs\/[^/]+\/.+/.test(ref)) return false
  if (/\.\.|@\{|\/\/|[\s~^:?*[\\\x00-\x1f\x7f]/.test(ref)) return false
  return (
    !ref.endsWith('/') && !ref.endsWith('.') && !ref.endsWith('.lock') && !ref.split('/').some((p) => p.startsWith('.'))
  )
}

function refJson(r: BuiltInRequest, ref: string, sha: string): Json {
  const base = `${r.apiUrl}/repos/${r.repository.owner}/${r.repository.name}`
  return {
    ref,
    node_id: nodeId('Ref', r.repository.id),
    url: `${base}/git/${ref}`,
    object: { type: 'commit', sha, url: `${base}/git/commits/${sha}` }
  }
}

const BUILT_IN: Record<string, BuiltIn> = {
  'repos/get': (r) => repositoryJson(r),

  'issues/list-comments': (r) => {
    const since = typeof r.query.since === 'string' ? r.query.since : undefined
    const all = r.repository.comments
      .filter((c) => c.issueNumber === r.params.issue_number)
      .filter((c) => !since || String(c.data.updated_at) >= since)
      .map((c) => c.data)
    const { items, headers } = paginate(r, all)
    return new Reply(200, items, headers)
  },
  'issues/create-comment': (r) => {
    checkCommentBody(r.body.body)
    const data = commentJson(r, r.newId(), r.params.issue_number, r.body.body)
    r.repository.comments.push({ issueNumber: r.params.issue_number, data })
    return new Reply(201, data, { location: data.url })
  },
  'issues/get-comment': (r) => findComment(r).data,
  'issues/update-comment': (r) => {
    const found = findComment(r)
    checkCommentBody(r.body.body)
    found.data.body = r.body.body
    found.data.updated_at = now()
    return found.data
  },

  'repos/create-commit-status': (r) => {
    const sha = String(r.params.sha)
    if (!SHA.test(sha))
      throw validationFailed({
        resource: 'Status',
        field: 'sha',
        code: 'invalid',
        message: `No commit found for SHA: ${sha}`
      })
    const target = r.body.target_url
    if (typeof target === 'string' && target !== '' && !/^https?:\/\/[^\s]+$/.test(target)) {
      throw validationFailed({
        resource: 'Status',
        field: 'target_url',
        code: 'invalid',
        message: 'target_url must be an http(s) URL',
        value: target
      })
    }
    const id = r.newId()
    const at = now()
    const bot = actionsBot(r.apiUrl, r.serverUrl)
    const data = {
      url: `${r.apiUrl}/repos/${r.repository.owner}/${r.repository.name}/statuses/${sha.toLowerCase()}`,
      avatar_url: bot.avatar_url,
      id,
      node_id: nodeId('StatusContext', id),
      state: r.body.state,
      description: r.body.description ?? null,
      target_url: target || null,
      context: r.body.context ?? 'default',
      created_at: at,
      updated_at: at,
      creator: bot
    }
    r.repository.statuses.push({ sha: sha.toLowerCase(), data })
    return new Reply(201, data, { location: data.url })
  },
  'repos/list-commit-statuses-for-ref': (r) => {
    const sha = commitOf(r.repository, String(r.params.ref))
    const all = r.repository.statuses
      .filter((s) => s.sha === sha)
      .map((s) => s.data)
      .reverse()
    const { items, headers } = paginate(r, all)
    return new Reply(200, items, headers)
  },
  'repos/get-combined-status-for-ref': (r) => {
    const ref = String(r.params.ref)
    const sha = commitOf(r.repository, ref)
    if (!sha) throw new GitHubFault(404, `No commit found for SHA: ${ref}`)
    // The newest status of each context counts; failure beats pending beats success.
    const latest = new Map<string, Json>()
    for (const s of r.repository.statuses) if (s.sha === sha) latest.set(String(s.data.context).toLowerCase(), s.data)
    const states = [...latest.values()].map((s) => s.state)
    const state = states.some((s) => s === 'error' || s === 'failure')
      ? 'failure'
      : states.length === 0 || states.includes('pending')
        ? 'pending'
        : 'success'
    const { items } = paginate(r, [...latest.values()].map(statusSummary))
    const base = `${r.apiUrl}/repos/${r.repository.owner}/${r.repository.name}`
    return {
      state,
      statuses: items,
      sha,
      total_count: latest.size,
      repository: repositoryJson(r),
      commit_url: `${base}/commits/${sha}`,
      url: `${base}/commits/${sha}/status`
    }
  },

  'checks/create': (r) => {
    const sha = String(r.body.head_sha)
    if (!SHA.test(sha)) {
      throw validationFailed({
        resource: 'CheckRun',
        field: 'head_sha',
        code: 'invalid',
        message: `No commit found for SHA: ${sha}`
      })
    }
    const id = r.newId()
    const base = `${r.apiUrl}/repos/${r.repository.owner}/${r.repository.name}`
    const htmlUrl = `${r.serverUrl}/${r.repository.owner}/${r.repository.name}/runs/${id}`
    const data: Json = {
      id,
      head_sha: sha.toLowerCase(),
      node_id: nodeId('CheckRun', id),
      external_id: r.body.external_id ?? '',
      url: `${base}/check-runs/${id}`,
      html_url: htmlUrl,
      details_url: r.body.details_url ?? htmlUrl,
      status: 'queued',
      conclusion: null,
      started_at: r.body.started_at ?? now(),
      completed_at: null,
      output: {
        title: null,
        summary: null,
        text: null,
        annotations_count: 0,
        annotations_url: `${base}/check-runs/${id}/annotations`
      },
      name: r.body.name,
      check_suite: { id: 2_000_000 + r.repository.id },
      app: actionsApp(r.apiUrl, r.serverUrl),
      pull_requests: []
    }
    settleCheckRun(data, r.body)
    const entry = { data, annotations: [] as Json[] }
    applyOutput(entry, r.body.output)
    r.repository.checkRuns.push(entry)
    return new Reply(201, data)
  },
  'checks/update': (r) => {
    const entry = findCheckRun(r)
    const next = structuredClone(entry.data)
    for (const key of ['name', 'details_url', 'external_id', 'started_at'])
      if (r.body[key] !== undefined) next[key] = r.body[key]
    settleCheckRun(next, r.body)
    entry.data = next
    applyOutput(entry, r.body.output)
    return entry.data
  },
  'checks/get': (r) => findCheckRun(r).data,
  'checks/list-for-ref': (r) => {
    const sha = commitOf(r.repository, String(r.params.ref))
    let runs = r.repository.checkRuns
      .map((c) => c.data)
      .filter((c) => c.head_sha === sha)
      .filter((c) => r.query.check_name === undefined || c.name === r.query.check_name)
      .filter((c) => r.query.status === undefined || c.status === r.query.status)
      .reverse()
    // `filter=latest` (the default) keeps the newest run of each name.
    if ((r.query.filter ?? 'latest') === 'latest')
      runs = runs.filter((c, i) => runs.findIndex((o) => o.name === c.name) === i)
    const { items, headers } = paginate(r, runs)
    return new Reply(200, { total_count: runs.length, check_runs: items }, headers)
  },

  'git/create-ref': (r) => {
    const ref = String(r.body.ref)
    const sha = String(r.body.sha)
    if (!validRefName(ref)) {
      throw validationFailed({
        resource: 'Reference',
        field: 'ref',
        code: 'invalid',
        message: `${ref} is not a valid ref name.`,
        value: ref
      })
    }
    if (!SHA.test(sha)) throw new GitHubFault(422, 'Object does not exist')
    if (r.repository.refs.has(ref)) throw new GitHubFault(422, 'Reference already exists')
    r.repository.refs.set(ref, sha.toLowerCase())
    const data = refJson(r, ref, sha.toLowerCase())
    return new Reply(201, data, { location: data.url })
  },
  'git/get-ref': (r) => {
    const ref = `refs/${String(r.params.ref).replace(/^refs\//, '')}`
    const sha = r.repository.refs.get(ref)
    if (!sha) throw new GitHubFault(404, 'Not Found')
    return refJson(r, ref, sha)
  }
}

/** The operations the fake answers without a test handler. */
export const BUILT_IN_OPERATIONS: readonly string[] = Object.keys(BUILT_IN)
