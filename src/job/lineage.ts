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
}

const TAG_CHARS = /[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu

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
    ['image-digest', lineage.imageDigest ?? 'pending']
  ]
  return facts.map(([key, value]) => ({
    Key: `${TAG_PREFIX}${key}`,
    Value: (value ?? '').replace(TAG_CHARS, '_').slice(0, 256)
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
  return env
}
