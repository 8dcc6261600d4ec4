/**
 * The exact docker command line that builds the image, for each kind of builder a runner
 * may have. Pure, so every variant is table-tested.
 */
import type { CacheMode } from '../config/settings.js'
import { CACHE_TAG } from './refs.js'

/**
 * How the image gets built:
 * - `buildx`: `docker buildx build`, honouring the selected builder (docker/setup-buildx-action).
 * - `buildkit`: the classic `docker build` with DOCKER_BUILDKIT=1 (CLI < 23, BuildKit built in).
 * - `legacy`: the pre-BuildKit builder, for a CLI >= 23 without the buildx plugin, where
 *   DOCKER_BUILDKIT=1 is refused.
 */
type BuilderKind = 'buildx' | 'buildkit' | 'legacy'

export interface Builder {
  kind: BuilderKind
  /** buildx driver: `docker`, `docker-container`, `kubernetes`, `remote`. */
  driver?: string
  /** buildx version, e.g. `0.12.1`. */
  version?: string
  /**
   * The engine's image store: `containerd` when Docker Engine runs with the containerd image
   * store (daemon.json features.containerd-snapshotter, the default from Docker 29), whose
   * `docker` driver can export a registry cache; `classic` otherwise.
   */
  imageStore?: 'classic' | 'containerd'
}
export interface BuildCommandInput {
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
  /** The stage to build; '' or none for the last one. */
  target?: string
  cache: CacheMode
  /** An IMMUTABLE repository cannot hold a cache tag that is rewritten on every build. */
  immutable: boolean
  /** buildx only: where to write build metadata (the pushed digest). */
  metadataFile?: string
}

export interface BuildCommand {
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
export function buildCommand(p: BuildCommandInput): BuildCommand {
  const args: string[] = []
  const env: Record<string, string> = {}
  let cacheNote: string | undefined
  const containerDriver = p.builder.kind === 'buildx' && p.builder.driver !== undefined && p.builder.driver !== 'docker'
  // The docker driver exports a registry cache only on the containerd image store.
  const exportsCache = containerDriver || (p.builder.kind === 'buildx' && p.builder.imageStore === 'containerd')
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
  if (p.target) args.push('--target', p.target)

  const latestRef = `${p.repositoryRef}:latest`
  const cacheRef = `${p.repositoryRef}:${CACHE_TAG}`
  let cache = p.cache
  if (cache !== 'none' && p.builder.kind === 'legacy') {
    cacheNote = `cache '${cache}' needs BuildKit, which this Docker CLI only offers through the buildx plugin; building without a cache`
    cache = 'none'
  }
  if (cache === 'registry' && !exportsCache) {
    cacheNote = `cache 'registry' needs buildx with a container builder (docker/setup-buildx-action) or Docker's containerd image store; using an inline cache instead`
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
function versionAtLeast(version: string | undefined, major: number, minor: number): boolean {
  const m = /(\d+)\.(\d+)/.exec(version ?? '')
  if (!m) return version === undefined
  const [maj, min] = [Number(m[1]), Number(m[2])]
  return maj > major || (maj === major && min >= minor)
}
/** Picks the builder from what the CLI offers. */
export function chooseBuilder(
  clientVersion: string,
  buildx: { version?: string; driver?: string } | undefined,
  imageStore?: Builder['imageStore']
): Builder {
  if (buildx) return { kind: 'buildx', version: buildx.version, driver: buildx.driver, imageStore }
  // From Docker CLI 23 on, `docker build` with BuildKit is a shim over the buildx plugin.
  const major = Number(/^(\d+)/.exec(clientVersion)?.[1] ?? '0')
  return { kind: major >= 23 ? 'legacy' : 'buildkit' }
}
