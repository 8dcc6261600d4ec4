/**
 * What the image stage would find in the registry, without changing anything: for the plan on
 * a pull request, "reused from commit X" or "to be built". Read-only ECR calls, and the same
 * decision the image stage makes (reuse.ts); a run without AWS credentials (a fork's pull
 * request) says it could not look.
 */
import type { Commit, Settings } from '../config/settings.js'
import { errorMessage } from '../errors.js'
import type { Log } from '../log.js'
import { Ecr, type RepositoryInfo } from './ecr.js'
import type { ImageSource } from './publish.js'
import { hostOfRepositoryUri, imageUriFor, tagForBuild } from './refs.js'
import { findReusable, REPOSITORY_NAME_SOURCE } from './reuse.js'

export type ImageLookup =
  | { kind: 'reused-by-content'; uri: string; builtBy: string }
  | { kind: 'reused-tag'; uri: string }
  | { kind: 'build'; uri: string; contentKey: string }
  /**
   * The registry could not say. `fails` when what it did say means the run would stop (the
   * repository is missing and the action may not create it): the plan should show that as a
   * problem, not as a lookup that merely did not happen.
   */
  | { kind: 'unchecked'; uri: string; reason: string; fails?: boolean }

/** Where the job's image would come from if the run trained now. */
export async function lookUpImage(
  settings: Settings,
  commit: Commit,
  source: ImageSource,
  previewUri: string,
  log: Log
): Promise<ImageLookup> {
  const repository = settings.config.ecrRepository
  try {
    const ecr = await Ecr.create(settings.config.region, log)
    const repo = await ecr.describeRepository(repository)
    if (!repo && !settings.createRepository) {
      return {
        kind: 'unchecked',
        uri: previewUri,
        reason: `the ECR repository '${repository}' (${REPOSITORY_NAME_SOURCE}) does not exist and create-repository is false: the run would fail`,
        fails: true
      }
    }
    const tag = tagForBuild(commit.shortSha, source)
    const uri = imageUriFor(await registryOf(ecr, repo), repository, tag)
    const found = repo ? await findReusable(ecr, repo, settings, tag, source, log) : undefined
    if (found?.by === 'content') return { kind: 'reused-by-content', uri, builtBy: found.builtBy }
    if (found?.by === 'tag') return { kind: 'reused-tag', uri }
    return { kind: 'build', uri, contentKey: source.contentKey }
  } catch (error) {
    return { kind: 'unchecked', uri: previewUri, reason: errorMessage(error) }
  }
}

/**
 * The registry host the run would push to. The repository's URI names it; a repository the
 * run would create does not exist yet, so the host comes from the login token, as the run's
 * own does (the token is masked in the log at once, and never used here).
 */
async function registryOf(ecr: Ecr, repo: RepositoryInfo | undefined): Promise<string> {
  if (repo?.uri) return hostOfRepositoryUri(repo.uri)
  return (await ecr.login()).registry
}
