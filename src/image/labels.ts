/** The OCI labels that tie an image to the commit it was built from. */

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
