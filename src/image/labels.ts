/** The OCI labels that tie an image to the commit it was built from. */

interface LabelInput {
  sha: string
  shortSha: string
  /** `owner/name` */
  repository: string
  /** GITHUB_SERVER_URL; github.com when unset. */
  serverUrl?: string
  created: Date
  /** Files of the build that differed from the commit (`path (change)`). */
  uncommitted?: string[]
  /** What the image was built from (see content-key.ts). */
  contentKey?: string
}

/** The label that says what an image was built from. */
export const CONTENT_KEY_LABEL = 'train-on-push.content-key'
/** The label that names the commit an image was built from (OCI's own). */
export const REVISION_LABEL = 'org.opencontainers.image.revision'

/** OCI annotation labels that tie the image to its commit. */
export function ociLabels(input: LabelInput): Record<string, string> {
  const server = (input.serverUrl || 'https://github.com').replace(/\/+$/, '')
  const labels: Record<string, string> = {
    [REVISION_LABEL]: input.sha,
    'org.opencontainers.image.created': input.created.toISOString(),
    'org.opencontainers.image.version': input.shortSha
  }
  if (input.repository) labels['org.opencontainers.image.source'] = `${server}/${input.repository}`
  // The revision label names the commit; this one says the image is not exactly it.
  if (input.contentKey) labels[CONTENT_KEY_LABEL] = input.contentKey
  if (input.uncommitted && input.uncommitted.length > 0)
    labels['train-on-push.uncommitted'] = input.uncommitted.join(', ').slice(0, 1000)
  return labels
}
