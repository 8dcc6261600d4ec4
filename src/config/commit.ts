/**
 * Which commit this run trains. For a push it is the pushed commit; for a pull
 * request the head commit (the merge commit GitHub makes is not in anyone's
 * history); for a manual rerun the `sha` input when given. The result is checked
 * against the checkout so a typo or a shallow clone fails early and clearly.
 */
import type { Exec } from '../exec.js'
import type { Commit } from './settings.js'

/** What the runner tells us about the event, as plain data (the action layer reads it; tests build it). */
export interface RunnerContext {
  eventName: string
  sha: string
  ref: string
  /** `owner/name` */
  repository: string
  /** The event's webhook payload. */
  payload: Record<string, unknown>
  /** False for a run outside GitHub Actions (a local run), where no event names a commit. */
  onRunner: boolean
}

interface PullRequestHead {
  sha?: string
  ref?: string
}

/** The commit the event points at before any `sha` input, and its branch. */
export function eventCommit(ctx: RunnerContext): { sha: string; branch: string } {
  const pr = ctx.payload.pull_request as { head?: PullRequestHead } | undefined
  if (ctx.eventName.startsWith('pull_request') && pr?.head?.sha) {
    return { sha: pr.head.sha, branch: pr.head.ref ?? '' }
  }
  const branch = ctx.ref.startsWith('refs/heads/') ? ctx.ref.slice('refs/heads/'.length) : ''
  const after = ctx.payload.after
  const sha = ctx.eventName === 'push' && typeof after === 'string' && /^[0-9a-f]{40}$/.test(after) ? after : ctx.sha
  return { sha, branch }
}

const HEX = /^[0-9a-fA-F]{4,40}$/

/**
 * Resolves the commit in the checkout. Throws a message that names the `sha`
 * input (or the event) and how to fix it.
 */
export async function resolveCommit(
  ctx: RunnerContext,
  shaInput: string,
  shortLength: number,
  workspace: string,
  exec: Exec
): Promise<Commit> {
  const fromEvent = eventCommit(ctx)
  // Outside a runner nothing names a commit: the one checked out is the natural choice.
  const wanted = shaInput || fromEvent.sha || (ctx.onRunner ? '' : 'HEAD')
  const source = shaInput
    ? `input sha '${shaInput}'`
    : wanted === 'HEAD'
      ? 'the checked-out commit (HEAD)'
      : `the ${ctx.eventName || 'current'} event's commit '${wanted}'`
  if (!wanted)
    throw new Error('input sha: no commit to train: the event has none (GITHUB_SHA is empty); set the sha input')
  if (wanted !== 'HEAD' && !HEX.test(wanted))
    throw new Error(`input sha: '${wanted}' is not a commit hash (4 to 40 hexadecimal characters)`)

  const out = await exec('git', ['rev-parse', '--verify', '--quiet', '--end-of-options', `${wanted}^{commit}`], {
    cwd: workspace
  })
  if (out.exitCode !== 0) {
    const notRepo = await exec('git', ['rev-parse', '--is-inside-work-tree'], { cwd: workspace })
    if (notRepo.exitCode !== 0) {
      throw new Error(`${source}: ${workspace} is not a git checkout; add actions/checkout before this action`)
    }
    const ambiguous = /ambiguous/i.test(out.stderr)
    throw new Error(
      ambiguous
        ? `${source}: the abbreviation matches more than one commit; give more characters`
        : `${source} is not in the checkout. A shallow clone only has the newest commit: use actions/checkout with fetch-depth: 0 to train an older one`
    )
  }
  const sha = out.stdout.trim().toLowerCase()
  return {
    sha,
    // A fixed-length prefix, not git's --short: git lengthens it as the repository grows,
    // which would rename the image tag and job of a commit trained again later.
    shortSha: sha.slice(0, shortLength),
    branch: fromEvent.branch,
    ref: ctx.ref,
    repository: ctx.repository,
    eventName: ctx.eventName
  }
}
