/**
 * A failed GitHub call explained in one sentence a workflow author can act on: which call,
 * what GitHub answered, and the exact `permissions:` line that makes it work. Talking to
 * GitHub is never what a training run is for, so callers turn these into warnings.
 */
import { errorMessage } from '../errors.js'

/** The `permissions:` lines of a workflow that the GitHub features need. */
export type WorkflowPermission = 'pull-requests: write' | 'statuses: write' | 'contents: write'

/** One GitHub call, as the explanation names it. */
export interface GitHubCall {
  /** What the call was for, after "Could not": `update the plan comment on pull request #7`. */
  what: string
  /** The permission it needs. */
  permission: WorkflowPermission
  /** Said after the advice, e.g. about pull requests from forks. */
  hint?: string
}

/** What Octokit throws (`RequestError`), read structurally. */
interface HttpFailure {
  status: number
  message: string
  response?: { data?: unknown; headers?: Record<string, string | number | undefined> }
}

function httpFailure(error: unknown): HttpFailure | undefined {
  if (!error || typeof error !== 'object') return undefined
  const e = error as Partial<HttpFailure>
  return typeof e.status === 'number' && e.status > 0 ? (e as HttpFailure) : undefined
}

/** GitHub's own `message` from the answer's body, else the error's. */
function gitHubMessage(failure: HttpFailure): string {
  const data = failure.response?.data
  if (data && typeof data === 'object' && typeof (data as { message?: unknown }).message === 'string') {
    return (data as { message: string }).message
  }
  // Octokit's message is GitHub's message followed by ` - <documentation url>`.
  return failure.message.replace(/ - https?:\/\/\S+$/, '')
}

/**
 * `X-Accepted-GitHub-Permissions: pull_requests=write; issues=write` (each set of permissions
 * that would do, separated by `;`) in the words of a workflow: `pull-requests: write` or
 * `issues: write`. Undefined when GitHub did not send the header.
 */
export function acceptedPermissions(header: string | number | undefined): string | undefined {
  if (header === undefined || String(header).trim() === '') return undefined
  const sets = String(header)
    .split(';')
    .map((set) =>
      set
        .split(',')
        .map((p) => p.trim())
        .filter((p) => /^[a-z_]+=[a-z]+$/.test(p))
        .map((p) => {
          const [name, level] = p.split('=')
          return `\`${name.replace(/_/g, '-')}: ${level}\``
        })
        .join(' and ')
    )
    .filter((s) => s !== '')
  return sets.length > 0 ? sets.join(' or ') : undefined
}

/** The advice for a token that lacks the call's permission. */
function addPermission(call: GitHubCall): string {
  return `Add \`${call.permission}\` under \`permissions:\` in the workflow (or its job).`
}

/** A broken connection on the way (no answer at all), as Node's fetch or its socket reports it. */
const CONNECTION_FAILURE = /fetch failed|socket hang up|ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|EAI_AGAIN|UND_ERR/

/**
 * True for failures worth one more try: GitHub's own errors, rate limits and broken
 * connections. Any other error (a bug of ours) is not tried again.
 */
export function isTransient(error: unknown): boolean {
  const failure = httpFailure(error)
  if (!failure) {
    if (!(error instanceof Error)) return false
    const code =
      (error as { code?: unknown; cause?: { code?: unknown } }).code ??
      (error as { cause?: { code?: unknown } }).cause?.code
    return CONNECTION_FAILURE.test(`${error.message} ${typeof code === 'string' ? code : ''}`)
  }
  if (failure.status >= 500 || failure.status === 429) return true
  return failure.status === 403 && /rate limit/i.test(gitHubMessage(failure))
}

/** The explanation of `error`, thrown by the call described by `call`. */
export function explainGitHubError(error: unknown, call: GitHubCall): string {
  const hint = call.hint ? ` ${call.hint}` : ''
  const failure = httpFailure(error)
  if (!failure) {
    const message = errorMessage(error)
    return `Could not ${call.what}: ${message}.`.replace(/\.\.$/, '.')
  }
  const message = gitHubMessage(failure)
  const answered = `GitHub answered ${failure.status} ${message}`
  switch (failure.status) {
    case 401:
      return `Could not ${call.what}: ${answered}: the token is not valid (expired, or not a GitHub token). Pass the workflow's token (\`\${{ github.token }}\`) or a valid one.`
    case 403: {
      if (/rate limit/i.test(message))
        return `Could not ${call.what}: ${answered}: GitHub's API rate limit; try again later.`
      const accepted = acceptedPermissions(failure.response?.headers?.['x-accepted-github-permissions'])
      const needs = accepted ? ` GitHub accepts ${accepted} for this call.` : ''
      return `Could not ${call.what}: ${answered}: the workflow's token does not have the permission. ${addPermission(call)}${needs}${hint}`
    }
    case 404:
      return `Could not ${call.what}: ${answered}. GitHub answers 404 when the token may not see the repository or lacks the permission: ${addPermission(call)}${hint}`
    default:
      return `Could not ${call.what}: ${answered}.`
  }
}

/** The explanation when no token was given at all. */
export function missingTokenMessage(call: GitHubCall): string {
  return `Could not ${call.what}: no GitHub token was given. Pass \`github-token: \${{ github.token }}\` to the action and ${addPermission(call).replace(/^Add/, 'add')}`
}

/** What to add for pull requests from forks, where the token is read-only whatever the workflow asks. */
export const FORK_HINT =
  'A pull request from a fork gets a read-only token whatever `permissions:` says, so no comment can be written for it.'
