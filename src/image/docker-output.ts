/** Reading what the docker CLI prints: versions, the builder's driver, pushed digests, refusals. */

/** The buildx version from `docker buildx version` (`github.com/docker/buildx v0.12.1 542e5d8`). */
export function parseBuildxVersion(output: string): string | undefined {
  return /\bv?(\d+\.\d+(?:\.\d+)?)/.exec(output)?.[1]
}

/**
 * The engine's image store from `docker info --format '{{json .DriverStatus}}'`: the
 * containerd store reports `driver-type io.containerd.snapshotter.v1`.
 */
export function parseImageStore(driverStatus: string): 'classic' | 'containerd' {
  return /io\.containerd\.snapshotter/.test(driverStatus) ? 'containerd' : 'classic'
}

/**
 * A push that failed on the way rather than being refused: the registry answered 5xx, the
 * connection dropped, or the registry lost the upload session. Worth trying again.
 */
export function isTransientPushFailure(output: string): boolean {
  return /blob upload unknown|BLOB_UPLOAD_UNKNOWN|connection reset|broken pipe|unexpected EOF|EOF$|received unexpected HTTP status: 5\d\d|\b50[0234]\b|Service Unavailable|Internal Server Error|Bad Gateway|i\/o timeout|TLS handshake timeout/im.test(
    output
  )
}

/** The selected builder's driver from `docker buildx inspect`. */
export function parseBuildxDriver(output: string): string | undefined {
  return /^Driver:\s*(\S+)/m.exec(output)?.[1]
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
/**
 * A push refused because the tag exists and may not move: ECR answers TAG_INVALID through
 * the registry protocol (`ImageTagAlreadyExistsException` through its API).
 */
export function isImmutableTagRefusal(output: string): boolean {
  return /tag invalid|ImageTagAlreadyExists|cannot be overwritten because the (repository|tag) is immutable/i.test(
    output
  )
}
