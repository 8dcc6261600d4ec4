/**
 * Whether the registry already holds an image that makes a build unnecessary, found by
 * reading only. The image stage (publish.ts) then tags and uses that image; the plan of a
 * pull request (lookup.ts) only reports it. Both ask this one function, so the plan says
 * what the run will really do.
 */
import type { Settings } from '../config/settings.js'
import { errorMessage } from '../errors.js'
import type { Log } from '../log.js'
import { tagIsImmutable, type Ecr, type RepositoryInfo, type StoredImage } from './ecr.js'
import { CONTENT_KEY_LABEL, REVISION_LABEL } from './labels.js'
import type { ImageSource } from './publish.js'
import { contentTag } from './refs.js'

/** An image already in the repository that the run uses instead of building one. */
export type Reusable =
  /** Built from exactly this content, by any commit (`builtBy`), found by its content tag. */
  | { by: 'content'; image: StoredImage; builtBy: string }
  /**
   * The image already tagged for this build. `immutable` when it is used only because the
   * repository does not let the tag move (skip-existing-image is false): a new build could
   * never take the tag over.
   */
  | { by: 'tag'; image: StoredImage; immutable: boolean }

/**
 * The image to reuse, if any: first one built from exactly this content (reuse-by-content),
 * then the one already tagged `tag` (skip-existing-image, or always where tags cannot move).
 * Only reads the registry; a content image whose labels cannot be read is passed over with
 * a warning, since reuse only ever saves a build.
 */
export async function findReusable(
  ecr: Ecr,
  repo: RepositoryInfo,
  settings: Pick<Settings, 'reuseByContent' | 'skipExistingImage'>,
  tag: string,
  source: Pick<ImageSource, 'contentKey'>,
  log: Log
): Promise<Reusable | undefined> {
  if (settings.reuseByContent) {
    const same = await sameContent(ecr, repo.name, source.contentKey, log)
    if (same) return same
  }
  const immutable = tagIsImmutable(repo, tag)
  if (!settings.skipExistingImage && !immutable) return undefined
  const image = await ecr.image(repo.name, tag)
  return image ? { by: 'tag', image, immutable: !settings.skipExistingImage } : undefined
}

/**
 * The image behind this content's tag, when its label confirms the content key: anyone who
 * may push can put a tag on any image, so the tag's name alone is not trusted.
 */
async function sameContent(ecr: Ecr, repository: string, contentKey: string, log: Log): Promise<Reusable | undefined> {
  const byContent = contentTag(contentKey)
  const image = await ecr.image(repository, byContent)
  if (!image) return undefined
  let labels: Record<string, string> | undefined
  try {
    labels = await ecr.imageLabels(repository, image)
  } catch (error) {
    log.warning(
      `${repository}:${byContent} could not be checked, so it is not reused and the image is built instead: ${errorMessage(error)}`
    )
    return undefined
  }
  if (labels?.[CONTENT_KEY_LABEL] !== contentKey) {
    log.warning(`${repository}:${byContent} is not labelled with the content key it is named after; it is not reused.`)
    return undefined
  }
  return { by: 'content', image, builtBy: labels[REVISION_LABEL] ?? '' }
}

/** Where the repository's name comes from, for messages about a repository that is not there (a typo is the usual cause). */
export const REPOSITORY_NAME_SOURCE = 'aws.ecr_repository in the job config, or the ecr-repository input'
