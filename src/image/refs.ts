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

/** A URL scheme such as `https://`, which registry hosts are written without. */
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i

/** The registry host (`host[:port]`) from GetAuthorizationToken's `proxyEndpoint`. */
export function registryHost(proxyEndpoint: string): string {
  const address = proxyEndpoint.trim()
  const host = hostOfRepositoryUri(address)
  // docker logs in to a bare host; an endpoint with a path or spaces in it names no host docker could use.
  if (!host || /\s/.test(host) || address.replace(SCHEME, '').replace(/\/+$/, '') !== host)
    throw new Error(`ECR returned an unusable proxyEndpoint '${proxyEndpoint}'`)
  return host
}

/** The registry host part of a repository URI such as `1234.dkr.ecr.eu-west-1.amazonaws.com/team/model`. */
export function hostOfRepositoryUri(uri: string): string {
  return uri.replace(SCHEME, '').split('/')[0]
}

/** The DNS suffix of a region's partition, for the registry host ECR will give us. */
function dnsSuffix(region: string): string {
  return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'
}

/**
 * The registry host of an account in a region, as ECR names it. Only for showing an address
 * before ECR was asked (a dry run writes `<account>`): a real run takes the host ECR gives.
 */
export function registryFor(account: string, region: string): string {
  return `${account}.dkr.ecr.${region}.${dnsSuffix(region)}`
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
function buildTag(shortSha: string, uncommittedId?: string): string {
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
