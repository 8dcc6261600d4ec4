/**
 * Pure decisions of the image edge: registry host, tags, OCI labels, the build argv for
 * each kind of builder, and parsers for what docker prints. No I/O here, so all of it is
 * table-tested.
 */
import type { Problem } from './errors.js'
import type { CacheMode } from './settings.js'

/** What SageMaker training instances run; any other platform will not start there. */
export const SAGEMAKER_PLATFORM = 'linux/amd64'

/** Tag that holds the registry build cache (buildx with a container driver only). */
export const CACHE_TAG = 'buildcache'

/**
 * How the image gets built:
 * - `buildx`: `docker buildx build`, honouring the selected builder (docker/setup-buildx-action).
 * - `buildkit`: the classic `docker build` with DOCKER_BUILDKIT=1 (CLI < 23, BuildKit built in).
 * - `legacy`: the pre-BuildKit builder, for a CLI >= 23 without the buildx plugin, where
 *   DOCKER_BUILDKIT=1 is refused.
 */
export type BuilderKind = 'buildx' | 'buildkit' | 'legacy'

export interface Builder {
  kind: BuilderKind
  /** buildx driver: `docker`, `docker-container`, `kubernetes`, `remote`. */
  driver?: string
  /** buildx version, e.g. `0.12.1`. */
  version?: string
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

/** Decoded `authorizationToken`: base64 of `user:password` (the user is `AWS`). */
export function decodeAuthorizationToken(token: string): { username: string; password: string } {
  const text = Buffer.from(token, 'base64').toString('utf8')
  const colon = text.indexOf(':')
  if (colon <= 0 || colon === text.length - 1) {
    throw new Error('ECR returned an authorization token that is not base64 of user:password')
  }
  return { username: text.slice(0, colon), password: text.slice(colon + 1) }
}

/** Tags to push: the short hash, and `latest` when asked. */
export function imageTags(shortSha: string, pushLatest: boolean): string[] {
  return pushLatest && shortSha !== 'latest' ? [shortSha, 'latest'] : [shortSha]
}

export interface LabelInput {
  sha: string
  shortSha: string
  /** `owner/name` */
  repository: string
  /** GITHUB_SERVER_URL; github.com when unset. */
  serverUrl?: string
  created: Date
}

/** OCI annotation labels that tie the image to its commit. */
export function ociLabels(input: LabelInput): Record<string, string> {
  const server = (input.serverUrl || 'https://github.com').replace(/\/+$/, '')
  const labels: Record<string, string> = {
    'org.opencontainers.image.revision': input.sha,
    'org.opencontainers.image.created': input.created.toISOString(),
    'org.opencontainers.image.version': input.shortSha
  }
  if (input.repository) labels['org.opencontainers.image.source'] = `${server}/${input.repository}`
  return labels
}

const BUILD_ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/** Checks `build-args` lines (`K=V`); blank lines and `#` comments are allowed. */
export function validateBuildArgs(lines: readonly string[], where = 'build-args'): Problem[] {
  const problems: Problem[] = []
  for (const raw of lines) {
    const line = raw.trim()
    if (!line || line.startsWith('#')) continue
    const eq = line.indexOf('=')
    const name = eq < 0 ? line : line.slice(0, eq)
    if (eq < 0) {
      problems.push({
        where,
        message: `'${line}' is not KEY=VALUE (write ${name}=<value>, or ${name}= for empty)`
      })
    } else if (!BUILD_ARG_NAME.test(name)) {
      problems.push({
        where,
        message: `'${name}' is not a valid build argument name (letters, digits and _; not starting with a digit)`
      })
    }
  }
  return problems
}

/** `build-args` lines without blanks and comments. Values keep inner spaces. */
export function buildArgList(lines: readonly string[]): string[] {
  return lines.map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))
}

export interface BuildPlanInput {
  builder: Builder
  /** Absolute build context and Dockerfile. */
  context: string
  dockerfile: string
  /** Full references to tag the image with (`<registry>/<repo>:<tag>`). */
  refs: string[]
  /** `<registry>/<repo>`, for cache references. */
  repositoryRef: string
  platform: string
  labels: Record<string, string>
  buildArgs: string[]
  cache: CacheMode
  /** An IMMUTABLE repository cannot hold a cache tag that is rewritten on every build. */
  immutable: boolean
  /** buildx only: where to write build metadata (the pushed digest). */
  metadataFile?: string
}

export interface BuildPlan {
  args: string[]
  env: Record<string, string>
  /** True when the build itself pushes (buildx `--push`); otherwise each tag is pushed after. */
  pushesItself: boolean
  /** What the cache input became, said in the log when it differs from what was asked. */
  cacheNote?: string
  /** The cache mode actually used. */
  cache: CacheMode
}

/** Turns the build request into the exact docker argv for the builder at hand. */
export function buildPlan(p: BuildPlanInput): BuildPlan {
  const args: string[] = []
  const env: Record<string, string> = {}
  let cacheNote: string | undefined
  const containerDriver = p.builder.kind === 'buildx' && p.builder.driver !== undefined && p.builder.driver !== 'docker'
  if (p.builder.kind === 'buildx') args.push('buildx', 'build')
  else {
    args.push('build')
    env.DOCKER_BUILDKIT = p.builder.kind === 'buildkit' ? '1' : '0'
  }
  args.push('--file', p.dockerfile)
  for (const ref of p.refs) args.push('--tag', ref)
  args.push('--platform', p.platform)
  for (const [k, v] of Object.entries(p.labels)) args.push('--label', `${k}=${v}`)
  for (const a of p.buildArgs) args.push('--build-arg', a)

  const latestRef = `${p.repositoryRef}:latest`
  const cacheRef = `${p.repositoryRef}:${CACHE_TAG}`
  let cache = p.cache
  if (cache !== 'none' && p.builder.kind === 'legacy') {
    cacheNote = `cache '${cache}' needs BuildKit, which this Docker CLI only offers through the buildx plugin; building without a cache`
    cache = 'none'
  }
  if (cache === 'registry' && !containerDriver) {
    cacheNote = `cache 'registry' needs a buildx container builder (docker/setup-buildx-action); using an inline cache instead`
    cache = 'inline'
  } else if (cache === 'registry' && p.immutable) {
    cacheNote = `cache 'registry' would rewrite the '${CACHE_TAG}' tag, which an IMMUTABLE repository refuses; using an inline cache instead`
    cache = 'inline'
  }
  if (cache === 'registry') {
    // ECR rejects buildx's default cache manifest list; it accepts the cache as an OCI image manifest.
    args.push('--cache-from', `type=registry,ref=${cacheRef}`)
    args.push('--cache-to', `type=registry,ref=${cacheRef},mode=max,image-manifest=true,oci-mediatypes=true`)
  } else if (cache === 'inline') {
    if (p.builder.kind === 'buildx') {
      args.push('--cache-from', `type=registry,ref=${latestRef}`, '--cache-to', 'type=inline')
    } else {
      // The classic builder has no --cache-to; this build arg embeds the cache metadata instead.
      args.push('--cache-from', latestRef, '--build-arg', 'BUILDKIT_INLINE_CACHE=1')
    }
  }

  let pushesItself = false
  if (p.builder.kind === 'buildx') {
    // SageMaker wants a plain image manifest; buildx >= 0.10 wraps images in an index with
    // provenance attestations unless told not to.
    if (versionAtLeast(p.builder.version, 0, 10)) args.push('--provenance=false', '--sbom=false')
    if (containerDriver) {
      // A container builder cannot hand images to the engine cheaply; it pushes directly.
      args.push('--push')
      pushesItself = true
    } else {
      args.push('--load')
    }
    if (p.metadataFile) args.push('--metadata-file', p.metadataFile)
    args.push('--progress', 'plain')
  } else if (p.builder.kind === 'buildkit') {
    args.push('--progress', 'plain')
  }
  args.push(p.context)
  return { args, env, pushesItself, cacheNote, cache }
}

/** True when `version` (`0.12.1`, `v0.12.1-desktop.4`) is at least major.minor; unknown counts as recent. */
export function versionAtLeast(version: string | undefined, major: number, minor: number): boolean {
  const m = /(\d+)\.(\d+)/.exec(version ?? '')
  if (!m) return version === undefined
  const [maj, min] = [Number(m[1]), Number(m[2])]
  return maj > major || (maj === major && min >= minor)
}

/** The buildx version from `docker buildx version` (`github.com/docker/buildx v0.12.1 542e5d8`). */
export function parseBuildxVersion(output: string): string | undefined {
  return /\bv?(\d+\.\d+(?:\.\d+)?)/.exec(output)?.[1]
}

/** The selected builder's driver from `docker buildx inspect`. */
export function parseBuildxDriver(output: string): string | undefined {
  return /^Driver:\s*(\S+)/m.exec(output)?.[1]
}

/** Picks the builder from what the CLI offers. */
export function chooseBuilder(
  clientVersion: string,
  buildx: { version?: string; driver?: string } | undefined
): Builder {
  if (buildx) return { kind: 'buildx', version: buildx.version, driver: buildx.driver }
  // From Docker CLI 23 on, `docker build` with BuildKit is a shim over the buildx plugin.
  const major = Number(/^(\d+)/.exec(clientVersion)?.[1] ?? '0')
  return { kind: major >= 23 ? 'legacy' : 'buildkit' }
}

/** The manifest digest `docker push` reports (`<tag>: digest: sha256:… size: N`). */
export function parsePushDigest(output: string, tag: string): string | undefined {
  const escaped = tag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const exact = new RegExp(`^${escaped}: digest: (sha256:[0-9a-f]{64})`, 'm').exec(output)
  return exact?.[1] ?? /digest: (sha256:[0-9a-f]{64})/.exec(output)?.[1]
}

/** The manifest digest buildx writes to `--metadata-file`. */
export function parseMetadataDigest(json: string): string | undefined {
  try {
    const meta = JSON.parse(json) as Record<string, unknown>
    const d = meta['containerimage.digest']
    return typeof d === 'string' && /^sha256:[0-9a-f]{64}$/.test(d) ? d : undefined
  } catch {
    return undefined
  }
}

/** `os/arch` of a platform string (`linux/amd64/v2` → `linux/amd64`). */
export function platformOsArch(platform: string): string {
  return platform.split('/').slice(0, 2).join('/')
}

/** Docker's GOARCH names for the Node.js `process.arch` / engine arch values. */
export function normalizeArch(arch: string): string {
  const map: Record<string, string> = {
    x64: 'amd64',
    x86_64: 'amd64',
    aarch64: 'arm64',
    arm64: 'arm64',
    amd64: 'amd64'
  }
  return map[arch] ?? arch
}

/**
 * Notes on platform choices that will hurt: an image SageMaker cannot run, or a build that
 * needs emulation because the runner is another architecture.
 */
export function platformNotes(platform: string, engineArch: string | undefined): string[] {
  const notes: string[] = []
  const wanted = platformOsArch(platform)
  if (wanted !== SAGEMAKER_PLATFORM) {
    notes.push(
      `platform is ${platform}, but SageMaker training instances run ${SAGEMAKER_PLATFORM}; the job will fail to start unless the image is built for ${SAGEMAKER_PLATFORM}`
    )
  }
  const arch = engineArch ? normalizeArch(engineArch) : undefined
  if (arch && wanted.split('/')[1] && wanted.split('/')[1] !== arch) {
    notes.push(
      `this runner's Docker engine is linux/${arch} and builds ${wanted} through emulation: add docker/setup-qemu-action before this step, and expect a slower build (or use an ${wanted.split('/')[1]} runner)`
    )
  }
  return notes
}

/**
 * A push refused because the tag exists and may not move: ECR answers TAG_INVALID through
 * the registry protocol (`ImageTagAlreadyExistsException` through its API).
 */
export function isImmutableTagRefusal(output: string): boolean {
  return /tag invalid|ImageTagAlreadyExists|cannot be overwritten because the (repository|tag) is immutable/i.test(
    output
  )
}
