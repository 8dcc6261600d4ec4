/**
 * Lineage: the facts that tie a training job to the commit and workflow run that made it,
 * as tags on the job and as environment variables for the training code.
 */

/** Prefix of the lineage tags the action puts on every job. */
export const TAG_PREFIX = 'train-on-push:'

/** Facts that tie a job to the commit and workflow run that made it. */
export interface Lineage {
  sha: string
  shortSha: string
  repository: string
  ref: string
  runUrl: string
  runAttempt: string
  actor: string
  event: string
  /** Unknown until the image is pushed; the tag is reserved for it all the same. */
  imageDigest?: string
  /** The commit whose build produced the image (another one's when an identical image was reused). */
  imageCommit?: string
  /** The request's fingerprint (see fingerprint.ts); known with the image digest. */
  fingerprint?: string
  /** Files that differed from the commit when the image was built; absent when none did. */
  dirty?: { path: string; change: string }[]
}

/** The list of uncommitted files in at most `max` characters, saying how many were left out. */
function fileList(files: readonly string[], max: number, separator = ', '): string {
  let text = ''
  for (const [i, f] of files.entries()) {
    const next = `${text}${i > 0 ? separator : ''}${f}`
    const rest = files.length - i - 1
    if (next.length + (rest > 0 ? ` and ${rest} more`.length : 0) > max) return `${text} and ${files.length - i} more`
    text = next
  }
  return text
}

const TAG_CHARS = /[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu

/** A value as a tag can hold it: characters tags do not allow become `_`, at most 256 of them. */
export function tagValue(value: string): string {
  return value.replace(TAG_CHARS, '_').slice(0, 256)
}

/** Lineage as `train-on-push:*` tags, values made tag-safe (a `[bot]` actor keeps its name, not its brackets). */
export function lineageTags(lineage: Lineage): { Key: string; Value: string }[] {
  const facts: [string, string | undefined][] = [
    ['sha', lineage.sha],
    ['short-sha', lineage.shortSha],
    ['repository', lineage.repository],
    ['ref', lineage.ref],
    ['run-url', lineage.runUrl],
    ['run-attempt', lineage.runAttempt],
    ['actor', lineage.actor],
    ['event', lineage.event],
    // Reserved even before the digest is known, so the 50-tag limit is checked before the push.
    ['image-digest', lineage.imageDigest ?? 'pending'],
    ['image-sha', lineage.imageCommit ?? 'pending'],
    ['fingerprint', lineage.fingerprint ?? 'pending']
  ]
  if (lineage.dirty)
    facts.push([
      'dirty',
      // Tag values allow no commas.
      `${lineage.dirty.length} uncommitted: ${fileList(
        lineage.dirty.map((f) => f.path),
        200,
        ' '
      )}`
    ])
  return facts.map(([key, value]) => ({
    Key: `${TAG_PREFIX}${key}`,
    Value: tagValue(value ?? '')
  }))
}

/** The same facts for the training code, as TRAIN_ON_PUSH_* environment variables. */
export function lineageEnvironment(lineage: Lineage, jobName: string): Record<string, string> {
  const env: Record<string, string> = {
    TRAIN_ON_PUSH_SHA: lineage.sha,
    TRAIN_ON_PUSH_SHORT_SHA: lineage.shortSha,
    TRAIN_ON_PUSH_REPOSITORY: lineage.repository,
    TRAIN_ON_PUSH_REF: lineage.ref,
    TRAIN_ON_PUSH_RUN_URL: lineage.runUrl,
    TRAIN_ON_PUSH_RUN_ATTEMPT: lineage.runAttempt,
    TRAIN_ON_PUSH_ACTOR: lineage.actor,
    TRAIN_ON_PUSH_EVENT: lineage.event,
    TRAIN_ON_PUSH_JOB_NAME: jobName
  }
  if (lineage.imageDigest) env.TRAIN_ON_PUSH_IMAGE_DIGEST = lineage.imageDigest
  if (lineage.imageCommit) env.TRAIN_ON_PUSH_IMAGE_SHA = lineage.imageCommit
  if (lineage.fingerprint) env.TRAIN_ON_PUSH_FINGERPRINT = lineage.fingerprint
  // SageMaker allows 512 characters per value; the tag and the step log have the rest.
  if (lineage.dirty)
    env.TRAIN_ON_PUSH_DIRTY = fileList(
      lineage.dirty.map((f) => `${f.path} (${f.change})`),
      480
    )
  return env
}
