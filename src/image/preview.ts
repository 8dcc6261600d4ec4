/**
 * What the image stage would do, as a dry run shows it: where the image goes, what it is built
 * from, and what happens to the repository and an existing tag. Pure: a dry run makes no call.
 */
import type { CacheMode, Commit, Settings } from '../config/settings.js'
import type { ImageSource } from './publish.js'
import { buildArgList } from './build-args.js'
import { imageTags, imageUriFor, registryFor, tagForBuild } from './refs.js'

export interface ImagePreview {
  /** `<account>.dkr.ecr.<region>.<suffix>/<repo>:<short-sha>`: the account is only known from ECR. */
  uri: string
  repository: string
  tags: string[]
  context: string
  dockerfile: string
  platform: string
  cache: CacheMode
  buildArgs: number
  contentKey: string
  /** An image with the same content key, built by any commit, is reused (reuse-by-content). */
  reuseByContent: boolean
  /** The repository is created when missing (create-repository). */
  createRepository: boolean
  /** An image already tagged with the short hash is used instead of building (skip-existing-image). */
  reuseExistingTag: boolean
}

export function previewImage(settings: Settings, commit: Commit, source: ImageSource): ImagePreview {
  const { region, ecrRepository } = settings.config
  const tag = tagForBuild(commit.shortSha, source)
  return {
    uri: imageUriFor(registryFor('<account>', region), ecrRepository, tag),
    repository: ecrRepository,
    tags: imageTags(tag, settings.pushLatest, (source.uncommitted?.length ?? 0) > 0),
    contentKey: source.contentKey,
    reuseByContent: settings.reuseByContent,
    context: settings.context,
    dockerfile: settings.dockerfile,
    platform: settings.platform,
    cache: settings.cache,
    buildArgs: buildArgList(settings.buildArgs).length,
    createRepository: settings.createRepository,
    reuseExistingTag: settings.skipExistingImage
  }
}

/** The preview in a few lines for the step log. */
export function previewLines(p: ImagePreview): string[] {
  return [
    `Image:      ${p.uri}${p.tags.length > 1 ? ` (also tagged ${p.tags.slice(1).join(', ')})` : ''}`,
    `Build:      context ${p.context}, Dockerfile ${p.dockerfile}, platform ${p.platform}, cache ${p.cache}${p.buildArgs > 0 ? `, ${p.buildArgs} build argument${p.buildArgs === 1 ? '' : 's'}` : ''}`,
    `Content:    ${p.contentKey} (the Dockerfile, every file Docker sends, build-args, platform, target)`,
    `Repository: ${p.repository}: ${p.createRepository ? 'created if it does not exist yet' : 'must already exist (create-repository: false)'}`,
    `Reuse:      ${
      [
        p.reuseByContent
          ? 'an image with the same content key, built by any commit, is tagged and used without building'
          : '',
        p.reuseExistingTag ? `an image already tagged ${p.tags[0]} is used as it is` : ''
      ]
        .filter(Boolean)
        .join('; else ') || 'always built (reuse-by-content and skip-existing-image are false)'
    }`
  ]
}
