/**
 * What the image stage would find in the registry, without changing anything: for the plan on
 * a pull request, "reused from commit X" or "to be built". Read-only ECR calls; a run without
 * AWS credentials (a fork's pull request) says it could not look.
 */
import type { Commit, Settings } from '../config/settings.js'
import { errorMessage } from '../errors.js'
import type { Log } from '../log.js'
import { Ecr } from './ecr.js'
import { CONTENT_KEY_LABEL, REVISION_LABEL } from './labels.js'
import type { ImageSource } from './publish.js'
import { contentTag, imageUriFor, tagForBuild } from './refs.js'

export type ImageLookup =
  | { kind: 'reused-by-content'; uri: string; builtBy: string }
  | { kind: 'reused-tag'; uri: string }
  | { kind: 'build'; uri: string; contentKey: string }
  | { kind: 'unchecked'; uri: string; reason: string }

/** Where the job's image would come from if the run trained now. */
export async function lookUpImage(
  settings: Settings,
  commit: Commit,
  source: ImageSource,
  previewUri: string,
  log: Log
): Promise<ImageLookup> {
  try {
    const ecr = await Ecr.create(settings.config.region, log)
    const repository = settings.config.ecrRepository
    const repo = await ecr.describeRepository(repository)
    const registry = repo?.uri?.split('/')[0] ?? previewUri.split('/')[0]
    const tag = tagForBuild(commit.shortSha, source)
    const uri = imageUriFor(registry, repository, tag)
    if (!repo) return { kind: 'build', uri, contentKey: source.contentKey }
    if (settings.reuseByContent) {
      const image = await ecr.image(repository, contentTag(source.contentKey))
      const labels = image ? await ecr.imageLabels(repository, image) : undefined
      if (image && labels?.[CONTENT_KEY_LABEL] === source.contentKey)
        return { kind: 'reused-by-content', uri, builtBy: labels[REVISION_LABEL] ?? '' }
    }
    if (settings.skipExistingImage && (await ecr.imageDigest(repository, tag))) return { kind: 'reused-tag', uri }
    return { kind: 'build', uri, contentKey: source.contentKey }
  } catch (error) {
    return { kind: 'unchecked', uri: previewUri, reason: errorMessage(error) }
  }
}
