/**
 * Names of things in the registry: the registry host, image references by tag and by
 * digest, and the tags an image gets.
 */

/** Tag that holds the registry build cache. */
export const CACHE_TAG = 'buildcache'

/**
 * The tag that finds an image by what it was built from (see content-key.ts): `content-` and
 * the key's 64 hex digits. Every image the action builds carries it, so a later commit with
 * the same build inputs reuses the image instead of building it again.
 */
export function contentTag(contentKey: string): string {
  return `content-${contentKey.replace(/^sha256:/, '')}`
}

/** The registry host (`host[:port]`) from GetAuthorizationToken's `proxyEndpoint`. */
export function registryHost(proxyEndpoint: string): string {
  const host = proxyEndpoint
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/\/+$/, '')
  if (!host || /[\s/]/.test(host)) throw new Error(`ECR returned an unusable proxyEndpoint '${proxyEndpoint}'`)
  return host
}

/** The registry host part of a repository URI such as `1234.dkr.ecr.eu-west-1.amazonaws.com/team/model`. */
export function hostOfRepositoryUri(uri: string): string {
  return uri.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split('/')[0]
}

/** `<registry>/<repository>:<tag>` */
export function imageUriFor(registry: string, repository: string, tag: string): string {
  return `${registry}/${repository}:${tag}`
}

/** `<registry>/<repository>@sha256:...`: what the training job runs, immune to tags moving. */
export function pinnedUriFor(registry: string, repository: string, digest: string): string {
  return `${registry}/${repository}@${digest}`
}

/**
 * The tag that names this build: the commit's short hash, or `<short>-dirty-<id>` when files
 * of the build differ from the commit, so the commit's own tag only ever holds the commit.
 */
export function buildTag(shortSha: string, uncommittedId?: string): string {
  return uncommittedId ? `${shortSha}-dirty-${uncommittedId}` : shortSha
}

/**
 * The tag of this build: the short hash, or for a build with uncommitted files the short
 * hash, `-dirty-` and 12 hex digits of its content key, so the commit's own tag only ever
 * holds the commit and the same dirty content finds its image again.
 */
export function tagForBuild(shortSha: string, source: { contentKey: string; uncommitted?: readonly string[] }): string {
  const dirty = (source.uncommitted?.length ?? 0) > 0
  return buildTag(shortSha, dirty ? source.contentKey.replace(/^sha256:/, '').slice(0, 12) : undefined)
}

/** Tags to push: the build's tag, and `latest` when asked (never for a build with uncommitted files). */
export function imageTags(tag: string, pushLatest: boolean, uncommitted = false): string[] {
  return pushLatest && !uncommitted && tag !== 'latest' ? [tag, 'latest'] : [tag]
}
