/**
 * A job's fingerprint: a hash of what it was asked to do, so a run can tell whether a job of
 * the same name (a rerun, a second run of the commit, another repository whose short hash
 * collides) is the very same request before adopting it. Per-run facts (which workflow run,
 * its attempt, who started it, from which event or branch) are left out: they differ between
 * runs of the same request. The job name is left out too: the fingerprint is always taken
 * from the request for the base name, so every attempt (`-2`, `-3`, ...) of one request
 * shares it.
 */
import { createHash } from 'node:crypto'
import type { DescribeTrainingJobCommandOutput } from '@aws-sdk/client-sagemaker'
import { TAG_PREFIX } from './lineage.js'
import type { TrainingJobRequest } from './request.js'

/** The environment variable and tag that carry it. */
export const FINGERPRINT_VARIABLE = 'TRAIN_ON_PUSH_FINGERPRINT'

/** TRAIN_ON_PUSH_* variables that describe the run rather than the request. */
const PER_RUN_VARIABLES = new Set([
  'TRAIN_ON_PUSH_RUN_URL',
  'TRAIN_ON_PUSH_RUN_ATTEMPT',
  'TRAIN_ON_PUSH_ACTOR',
  'TRAIN_ON_PUSH_EVENT',
  'TRAIN_ON_PUSH_REF',
  'TRAIN_ON_PUSH_JOB_NAME',
  // Which commit's build the image is: the same image digest is the same code either way.
  'TRAIN_ON_PUSH_IMAGE_SHA',
  FINGERPRINT_VARIABLE
])

/** JSON with object keys sorted, so equal values always give equal text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/** 16 hex characters (64 bits) identifying the request, from the request for the base job name. */
export function requestFingerprint(request: TrainingJobRequest): string {
  const environment = Object.fromEntries(
    Object.entries(request.Environment ?? {}).filter(([k]) => !PER_RUN_VARIABLES.has(k))
  )
  const tags = (request.Tags ?? []).filter((t) => !t.Key?.startsWith(TAG_PREFIX))
  const { TrainingJobName: _name, ...rest } = request
  void _name
  const text = canonical({ ...rest, Environment: environment, Tags: tags })
  return createHash('sha256').update('train-on-push fingerprint v1\n').update(text).digest('hex').slice(0, 16)
}

const show = (values: readonly string[] | undefined): string =>
  values && values.length > 0 ? values.map((v) => JSON.stringify(v)).join(' ') : '(none)'

/**
 * What differs between a job that exists and the request this run would send for the same
 * name, in words: the commit, the image, the container arguments, the resources. Empty when
 * nothing visible differs (then only the fingerprint tells them apart).
 */
export function requestDifferences(existing: DescribeTrainingJobCommandOutput, wanted: TrainingJobRequest): string[] {
  const out: string[] = []
  const theirs = existing.Environment ?? {}
  const ours = wanted.Environment ?? {}
  if (theirs.TRAIN_ON_PUSH_REPOSITORY !== ours.TRAIN_ON_PUSH_REPOSITORY)
    out.push(`repository: ${theirs.TRAIN_ON_PUSH_REPOSITORY ?? '(not set)'} → ${ours.TRAIN_ON_PUSH_REPOSITORY}`)
  if (theirs.TRAIN_ON_PUSH_SHA !== ours.TRAIN_ON_PUSH_SHA)
    out.push(`commit: ${theirs.TRAIN_ON_PUSH_SHA ?? '(not set)'} → ${ours.TRAIN_ON_PUSH_SHA}`)
  const image = [existing.AlgorithmSpecification?.TrainingImage, wanted.AlgorithmSpecification?.TrainingImage]
  if (image[0] !== image[1]) out.push(`image: ${image[0] ?? '(none)'} → ${image[1]}`)
  const args = [
    existing.AlgorithmSpecification?.ContainerArguments ?? [],
    wanted.AlgorithmSpecification?.ContainerArguments ?? []
  ]
  if (canonical(args[0]) !== canonical(args[1])) {
    const removed = args[0].filter((a) => !args[1].includes(a))
    const added = args[1].filter((a) => !args[0].includes(a))
    out.push(
      removed.length + added.length > 0
        ? `container arguments: ${show(removed)} → ${show(added)}`
        : 'container arguments: the same, in another order'
    )
  }
  const resources = (
    r: { InstanceType?: string; InstanceCount?: number; VolumeSizeInGB?: number } | undefined
  ): string => `${r?.InstanceType ?? '?'} × ${r?.InstanceCount ?? '?'}, ${r?.VolumeSizeInGB ?? '?'} GB`
  if (resources(existing.ResourceConfig) !== resources(wanted.ResourceConfig))
    out.push(`resources: ${resources(existing.ResourceConfig)} → ${resources(wanted.ResourceConfig)}`)
  const userVariables = (env: Record<string, string>): string =>
    canonical(Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('TRAIN_ON_PUSH_'))))
  if (userVariables(theirs) !== userVariables(ours)) out.push('environment variables')
  const channels = (
    list: { ChannelName?: string; DataSource?: { S3DataSource?: { S3Uri?: string } } }[] | undefined
  ): string => canonical((list ?? []).map((c) => [c.ChannelName, c.DataSource?.S3DataSource?.S3Uri]))
  if (channels(existing.InputDataConfig) !== channels(wanted.InputDataConfig)) out.push('input channels')
  if (!theirs[FINGERPRINT_VARIABLE])
    out.push('it carries no train-on-push fingerprint (made by hand or by an older version)')
  return out
}
