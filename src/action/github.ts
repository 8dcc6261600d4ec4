/**
 * The only code that talks to GitHub's API: it makes the Octokit client with
 * `@actions/github`'s `getOctokit`, pointed at `GITHUB_API_URL` (GitHub Enterprise Server has
 * its own), and runs each call so that a failure becomes a warning that names the
 * `permissions:` line to add. Commenting and setting statuses are never what a training run
 * is for: they never fail it.
 *
 * One client is made per call and kept across its retries. (`@actions/github` is imported
 * here only when a call is made; the entry point loads it anyway for the event context,
 * which costs about 17 ms of start-up.)
 */
import type { GitHubClient } from '../github/client.js'
import { commentAuthor, upsertPlanComment, type PlanCommentTarget, type UpsertOutcome } from '../github/comments.js'
import { postCommitStatus, type CommitStatus, type StatusTarget } from '../github/commit-status.js'
import { FORK_HINT, explainGitHubError, isTransient, missingTokenMessage, type GitHubCall } from '../github/errors.js'
import type { Log } from '../log.js'
import { actionLog } from './log.js'

/** The REST API's base URL: `GITHUB_API_URL` on a runner (GitHub Enterprise Server has its own), else github.com's. */
export function githubApiUrl(): string {
  return (process.env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '')
}

/** An Octokit client for `token`, talking to `githubApiUrl()` as it is now. */
async function githubClient(token: string): Promise<GitHubClient> {
  const { getOctokit } = await import('@actions/github')
  return getOctokit(token, { baseUrl: githubApiUrl() })
}

/** How a GitHub call is run. */
export interface GitHubCallOptions {
  /** Where warnings go; the step log by default. */
  log?: Log
  /** Waits before each further try of a call that failed on the way (a 5xx, a rate limit, a broken connection). */
  retryDelaysMs?: readonly number[]
}

const DEFAULT_RETRY_DELAYS_MS = [1000, 3000]

/** Tokens already masked in the step log (the runner keeps the mask for the rest of the job). */
const masked = new Set<string>()

/**
 * Runs `fn` with a client for `token`. Any failure (no token, a missing permission, GitHub
 * down) is a warning naming what to do, and the result is undefined; the run goes on.
 * Failures on the way are tried again (`fn` must be safe to repeat: the upsert and the
 * status are).
 */
export async function withGitHub<T>(
  token: string | undefined,
  call: GitHubCall,
  fn: (client: GitHubClient) => Promise<T>,
  options: GitHubCallOptions = {}
): Promise<T | undefined> {
  const log = options.log ?? actionLog
  if (!token) {
    log.warning(missingTokenMessage(call))
    return undefined
  }
  if (!masked.has(token)) {
    log.secret(token)
    masked.add(token)
  }
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS
  const client = await githubClient(token)
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(client)
    } catch (error) {
      if (attempt < delays.length && isTransient(error)) {
        log.debug(`${explainGitHubError(error, call)} Trying again in ${delays[attempt]} ms.`)
        await new Promise((resolve) => setTimeout(resolve, delays[attempt]))
        continue
      }
      log.warning(explainGitHubError(error, call))
      return undefined
    }
  }
}

/**
 * Creates or edits the pull request's plan comment (one per marker). Needs
 * `pull-requests: write`; `fromFork` adds why a fork's pull request cannot get one.
 */
export async function publishPlanComment(
  token: string | undefined,
  target: PlanCommentTarget & { fromFork?: boolean },
  options: GitHubCallOptions = {}
): Promise<UpsertOutcome | undefined> {
  const log = options.log ?? actionLog
  const call: GitHubCall = {
    what: `write the training plan comment on pull request #${target.pullNumber}`,
    permission: 'pull-requests: write',
    ...(target.fromFork ? { hint: FORK_HINT } : {})
  }
  const outcome = await withGitHub(
    token,
    call,
    async (client) => upsertPlanComment(client, { ...target, author: await commentAuthor(client, token ?? '') }),
    options
  )
  if (outcome) {
    const where = outcome.url ? `: ${outcome.url}` : ''
    log.info(
      outcome.action === 'unchanged'
        ? `The training plan comment on pull request #${target.pullNumber} already says this${where}`
        : `Training plan comment ${outcome.action} on pull request #${target.pullNumber}${where}`
    )
  }
  return outcome
}

/**
 * Creates the tag `tag` on the commit (a lightweight tag, `refs/tags/<tag>`). One that already
 * points at the commit is fine; one that points elsewhere is left alone with a warning. Needs
 * `contents: write`. True when the commit carries the tag afterwards.
 */
export async function publishTag(
  token: string | undefined,
  target: StatusTarget,
  tag: string,
  options: GitHubCallOptions = {}
): Promise<boolean> {
  const log = options.log ?? actionLog
  const call: GitHubCall = {
    what: `create the tag ${tag} on commit ${target.sha.slice(0, 7)}`,
    permission: 'contents: write'
  }
  const outcome = await withGitHub(
    token,
    call,
    async (client): Promise<'created' | 'there' | 'elsewhere'> => {
      try {
        await client.rest.git.createRef({
          owner: target.owner,
          repo: target.repo,
          ref: `refs/tags/${tag}`,
          sha: target.sha
        })
        return 'created'
      } catch (error) {
        if ((error as { status?: number }).status !== 422) throw error
        const existing = await client.rest.git.getRef({ owner: target.owner, repo: target.repo, ref: `tags/${tag}` })
        return existing.data.object.sha === target.sha ? 'there' : 'elsewhere'
      }
    },
    options
  )
  if (outcome === 'created') log.info(`Tagged commit ${target.sha.slice(0, 7)} ${tag}.`)
  else if (outcome === 'there') log.info(`Commit ${target.sha.slice(0, 7)} already carries the tag ${tag}.`)
  else if (outcome === 'elsewhere')
    log.warning(`The tag ${tag} already exists on another commit; it was left as it is (tag-on-success).`)
  return outcome === 'created' || outcome === 'there'
}

/** Posts a commit status. Needs `statuses: write`. True when GitHub took it. */
export async function publishCommitStatus(
  token: string | undefined,
  target: StatusTarget,
  status: CommitStatus,
  options: GitHubCallOptions = {}
): Promise<boolean> {
  const call: GitHubCall = {
    what: `set the ${status.context} status (${status.state}) of commit ${target.sha.slice(0, 7)}`,
    permission: 'statuses: write'
  }
  const done = await withGitHub(
    token,
    call,
    async (client) => {
      await postCommitStatus(client, target, status)
      return true
    },
    options
  )
  if (done) (options.log ?? actionLog).debug(`Commit status ${status.context}: ${status.state}: ${status.description}`)
  return done === true
}
