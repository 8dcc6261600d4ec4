/** Where the run reports on GitHub: the repository and the trained commit, when it may. */
import type { Commit, Settings } from '../config/settings.js'
import type { StatusTarget } from '../github/commit-status.js'
import { ownerAndRepo } from '../github/pull-request.js'

/**
 * The commit to set the status (or, with `always`, a tag) on; undefined when commit-status is
 * off, there is no token, or the repository is not known (a local run).
 */
export function statusTarget(
  settings: Pick<Settings, 'commitStatus' | 'githubToken'>,
  commit: Pick<Commit, 'repository' | 'sha'>,
  always = false
): StatusTarget | undefined {
  if ((!settings.commitStatus && !always) || !settings.githubToken) return undefined
  const repo = ownerAndRepo(commit.repository)
  return repo ? { ...repo, sha: commit.sha } : undefined
}
