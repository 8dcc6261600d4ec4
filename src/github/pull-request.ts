/**
 * The facts of a `pull_request` event the plan comment needs, read from its webhook payload.
 */

/** The pull request a run was started for. */
export interface PullRequestFacts {
  number: number
  /** The branch it merges into (`models`), and that branch's commit when the event was sent. */
  baseRef: string
  baseSha: string
  headRef: string
  headSha: string
  /** The head branch lives in another repository (a fork): GitHub then gives the workflow a read-only token. */
  fromFork: boolean
}

type Side = { ref?: unknown; sha?: unknown; repo?: { full_name?: unknown } | null } | undefined

/**
 * The pull request of a `pull_request` or `pull_request_target` payload, or undefined for any
 * other event (a push, a manual run) or a payload without one.
 */
export function pullRequestOf(eventName: string, payload: Record<string, unknown>): PullRequestFacts | undefined {
  if (!eventName.startsWith('pull_request')) return undefined
  const pr = payload.pull_request as { number?: unknown; base?: Side; head?: Side } | undefined
  const number = typeof pr?.number === 'number' ? pr.number : payload.number
  if (!pr || typeof number !== 'number') return undefined
  const text = (v: unknown): string => (typeof v === 'string' ? v : '')
  const baseRepo = text(pr.base?.repo?.full_name).toLowerCase()
  const headRepo = text(pr.head?.repo?.full_name).toLowerCase()
  return {
    number,
    baseRef: text(pr.base?.ref),
    baseSha: text(pr.base?.sha),
    headRef: text(pr.head?.ref),
    headSha: text(pr.head?.sha),
    // A head repository that was deleted (null) is a fork that is gone.
    fromFork: headRepo === '' || headRepo !== baseRepo
  }
}

/** `owner/name` split for the REST calls, or undefined when it is not of that form. */
export function ownerAndRepo(fullName: string): { owner: string; repo: string } | undefined {
  const [owner, repo, ...rest] = fullName.split('/')
  return owner && repo && rest.length === 0 ? { owner, repo } : undefined
}

/**
 * True when `branch` matches one of the patterns, as workflow `branches:` filters read them:
 * `*` matches within a name (not `/`), `**` across names, anything else literally.
 */
export function matchesBranch(patterns: readonly string[], branch: string): boolean {
  return patterns.some((pattern) => {
    const source = pattern
      .split('**')
      .map((part) =>
        part
          .split('*')
          .map((literal) => literal.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('[^/]*')
      )
      .join('.*')
    return new RegExp(`^${source}$`).test(branch)
  })
}
