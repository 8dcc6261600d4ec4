/**
 * The CreateTrainingJob request, built from plain data and checked against
 * SageMaker's own constraints before anything is pushed or submitted.
 */
import type { CreateTrainingJobCommandInput } from '@aws-sdk/client-sagemaker'
import { SAGEMAKER_SHAPES } from '../aws/generated/sagemaker-shapes.js'
import { validateShape, type Violation } from '../aws/shapes.js'
import { ACCOUNT_PLACEHOLDER } from '../config/job-config.js'
import type { JobConfig } from '../config/settings.js'
import type { Problem } from '../problems.js'
import { lineageEnvironment, lineageTags, TAG_PREFIX, type Lineage } from './lineage.js'

export type TrainingJobRequest = CreateTrainingJobCommandInput

export interface RequestInput {
  config: JobConfig
  jobName: string
  image: string
  containerArguments: string[]
  lineage: Lineage
}

const MAX_TAGS = 50

/** `s3://bucket/prefix/<leaf>` without doubled slashes when the prefix is empty. */
export function s3Path(config: JobConfig, leaf: string): string {
  return `s3://${config.s3Bucket}/${[config.s3Prefix, leaf].filter((p) => p !== '').join('/')}`
}

/** Where SageMaker will put model.tar.gz for this job. */
export function modelArtifactsUri(config: JobConfig, jobName: string): string {
  return `${s3Path(config, 'output')}/${jobName}/output/model.tar.gz`
}

/** Checkpoints default to one folder per job, so a new job does not download every earlier job's checkpoints. */
export function checkpointUri(config: JobConfig, jobName: string): string {
  if (config.checkpointS3Uri) return config.checkpointS3Uri.replace(/\{job_name\}/g, jobName)
  return `${s3Path(config, 'checkpoints')}/${jobName}/`
}

type Tag = { Key: string; Value: string }

/**
 * Pure: the full request. Validation is separate (`checkRequest`) so a dry run can show a
 * request with problems. The job config's `request:` block is merged in last: mappings merge
 * key by key, anything else replaces, except `Tags`, whose entries join the `tags:` section's
 * and the lineage tags (a list that replaced them would lose the lineage).
 */
export function buildTrainingJobRequest(input: RequestInput): TrainingJobRequest {
  const { config, jobName, lineage } = input
  const { Tags: extraTags, ...extra } = config.request ?? {}
  const tags = [
    ...Object.entries(config.tags).map(([Key, Value]) => ({ Key, Value })),
    ...((extraTags as Tag[] | undefined) ?? []),
    ...lineageTags(lineage)
  ]
  // Instance groups name their own types and counts; SageMaker takes one form or the other.
  const groups = (extra.ResourceConfig as { InstanceGroups?: unknown } | undefined)?.InstanceGroups !== undefined
  const request: TrainingJobRequest = {
    TrainingJobName: jobName,
    RoleArn: config.roleArn,
    AlgorithmSpecification: {
      TrainingImage: input.image,
      TrainingInputMode: (config.inputMode ?? 'File') as 'File',
      ...(input.containerArguments.length > 0 ? { ContainerArguments: input.containerArguments } : {}),
      ...(config.metricDefinitions.length > 0
        ? { MetricDefinitions: config.metricDefinitions.map((m) => ({ Name: m.name, Regex: m.regex })) }
        : {})
    },
    OutputDataConfig: {
      S3OutputPath: s3Path(config, 'output'),
      ...(config.kmsKeyId ? { KmsKeyId: config.kmsKeyId } : {})
    },
    ResourceConfig: {
      ...(groups
        ? {}
        : {
            InstanceType: config.instanceType as NonNullable<TrainingJobRequest['ResourceConfig']>['InstanceType'],
            InstanceCount: config.instanceCount
          }),
      VolumeSizeInGB: config.volumeSizeGb,
      ...(config.volumeKmsKeyId ? { VolumeKmsKeyId: config.volumeKmsKeyId } : {}),
      ...(config.keepAliveSeconds !== undefined ? { KeepAlivePeriodInSeconds: config.keepAliveSeconds } : {})
    },
    StoppingCondition: {
      MaxRuntimeInSeconds: config.maxRuntimeSeconds,
      ...(config.spot && config.maxWaitSeconds !== undefined ? { MaxWaitTimeInSeconds: config.maxWaitSeconds } : {}),
      ...(config.maxPendingSeconds !== undefined ? { MaxPendingTimeInSeconds: config.maxPendingSeconds } : {})
    },
    ...(config.retryAttempts !== undefined ? { RetryStrategy: { MaximumRetryAttempts: config.retryAttempts } } : {}),
    CheckpointConfig: { S3Uri: checkpointUri(config, jobName), LocalPath: '/opt/ml/checkpoints' },
    EnableManagedSpotTraining: config.spot,
    // Left out unless asked for: SageMaker's default is false, the same as the submit script's explicit False.
    ...(config.networkIsolation !== undefined ? { EnableNetworkIsolation: config.networkIsolation } : {}),
    Environment: { ...config.environment, ...lineageEnvironment(lineage, jobName) },
    Tags: tags
  }
  const channels = Object.entries(config.channels)
  if (channels.length > 0) {
    request.InputDataConfig = channels.map(([name, ch]) => ({
      ChannelName: name,
      DataSource: {
        S3DataSource: {
          S3DataType: 'S3Prefix',
          S3Uri: ch.uri,
          S3DataDistributionType: (ch.distribution ?? 'FullyReplicated') as 'FullyReplicated'
        }
      },
      ...(ch.inputMode ? { InputMode: ch.inputMode as 'File' } : {}),
      ...(ch.contentType ? { ContentType: ch.contentType } : {}),
      ...(ch.compression ? { CompressionType: ch.compression as 'None' } : {})
    }))
  }
  if (config.vpc) {
    request.VpcConfig = { Subnets: config.vpc.subnets, SecurityGroupIds: config.vpc.securityGroups }
  }
  return mergeFields(request, extra) as TrainingJobRequest
}

const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** `extra` over `base`: mappings merge key by key, anything else replaces (copied, never shared). */
function mergeFields(base: unknown, extra: unknown): unknown {
  if (!isMapping(base) || !isMapping(extra)) return structuredClone(extra)
  const out: Record<string, unknown> = { ...base }
  for (const [key, value] of Object.entries(extra))
    out[key] = key in base ? mergeFields(base[key], value) : structuredClone(value)
  return out
}

/** The value at an AWS member path (`ResourceConfig.InstanceGroups[0].InstanceType`), if any. */
function valueAt(value: unknown, path: string): unknown {
  let node = value
  for (const segment of path.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== '')) {
    if (Array.isArray(node)) node = node[Number(segment)]
    else if (isMapping(node)) node = Object.hasOwn(node, segment) ? node[segment] : undefined
    else return undefined
  }
  return node
}

/** Where a request member came from, so an AWS constraint points back at the user's file or input. */
function sourceOf(path: string, file: string, config: JobConfig): { where: string; key?: string } {
  // A field of the request: block, or a name in one of its mappings (`Environment key 'MY-VAR'`).
  const named = / key '(.*)'$/.exec(path)
  const member = named ? `${path.slice(0, named.index)}.${named[1]}` : path
  if (config.request && valueAt(config.request, member) !== undefined)
    return { where: `${file} request.${member}`, key: `request.${member}` }
  const channelNames = Object.keys(config.channels)
  const rules: [RegExp, string | ((m: RegExpExecArray) => string)][] = [
    [/^TrainingJobName/, 'input job-name'],
    [/^RoleArn/, `${file} aws.role_arn (or input role-arn)`],
    [/^AlgorithmSpecification\.TrainingImage/, `${file} aws.ecr_repository (or input ecr-repository)`],
    [/^AlgorithmSpecification\.ContainerArguments/, 'inputs command / hydra-config / overrides'],
    [/^AlgorithmSpecification\.TrainingInputMode/, `${file} job.input_mode`],
    [/^AlgorithmSpecification\.MetricDefinitions\[(\d+)\]/, (m) => `${file} metric_definitions[${m[1]}]`],
    [/^AlgorithmSpecification\.MetricDefinitions/, `${file} metric_definitions`],
    [/^ResourceConfig\.InstanceType/, `${file} job.instance_type (or input instance-type)`],
    [/^ResourceConfig\.InstanceCount/, `${file} job.instance_count (or input instance-count)`],
    [/^ResourceConfig\.VolumeSizeInGB/, `${file} job.volume_size`],
    [/^ResourceConfig\.VolumeKmsKeyId/, `${file} job.volume_kms_key_id`],
    [/^ResourceConfig\.KeepAlivePeriodInSeconds/, `${file} job.keep_alive`],
    [/^StoppingCondition\.MaxRuntimeInSeconds/, `${file} job.max_runtime`],
    [/^StoppingCondition\.MaxWaitTimeInSeconds/, `${file} job.max_wait`],
    [/^StoppingCondition\.MaxPendingTimeInSeconds/, `${file} job.max_pending_time`],
    [/^RetryStrategy/, `${file} job.retry_attempts`],
    [/^EnableNetworkIsolation/, `${file} job.network_isolation`],
    [/^OutputDataConfig\.KmsKeyId/, `${file} kms_key_id`],
    [/^OutputDataConfig/, `${file} aws.s3_bucket / aws.s3_prefix`],
    [/^CheckpointConfig/, `${file} checkpoint_s3_uri`],
    [/^InputDataConfig\[(\d+)\]/, (m) => `${file} inputs.${channelNames[Number(m[1])] ?? m[1]}`],
    [/^InputDataConfig/, `${file} inputs`],
    [/^VpcConfig\.Subnets/, `${file} vpc.subnets`],
    [/^VpcConfig\.SecurityGroupIds/, `${file} vpc.security_groups`],
    [/^Environment/, `${file} environment`],
    [/^Tags/, `${file} tags`]
  ]
  for (const [re, where] of rules) {
    const m = re.exec(path)
    if (m) return { where: typeof where === 'string' ? where : where(m) }
  }
  return { where: file }
}

// Stands for the account of the default role while it is unknown (a dry run), so the rest of the ARN is still checked.
const SOME_ACCOUNT = '000000000000'

/**
 * Checks the request the way SageMaker would, plus the rules the model cannot say
 * (reserved tag prefixes, duplicate tag keys, reserved environment names). An unknown
 * instance type is only a warning: AWS adds types faster than any model we ship.
 */
export function checkRequest(
  request: TrainingJobRequest,
  config: JobConfig,
  file: string
): { problems: Problem[]; warnings: string[] } {
  const problems: Problem[] = []
  const warnings: string[] = []
  const checked =
    config.defaultRole && request.RoleArn?.includes(ACCOUNT_PLACEHOLDER)
      ? { ...request, RoleArn: request.RoleArn.replace(ACCOUNT_PLACEHOLDER, SOME_ACCOUNT) }
      : request
  const violations: Violation[] = validateShape(SAGEMAKER_SHAPES, 'CreateTrainingJobRequest', checked)
  for (const v of violations) {
    const { where, key } = sourceOf(v.path, file, config)
    if (v.kind === 'enum' && /^ResourceConfig\.(InstanceGroups\[\d+\]\.)?InstanceType$/.test(v.path)) {
      warnings.push(
        `${where}: '${String(valueAt(request, v.path))}' is not in the SageMaker model this action ships; if AWS added it recently this is fine, otherwise check the spelling`
      )
      continue
    }
    problems.push({ where, message: `${v.message} (SageMaker's ${v.path})`, ...(key ? { file, key } : {}) })
  }
  // Your tags: the tags: section's, then request.Tags'.
  const extraTags = ((config.request?.Tags as { Key: string; Value: string }[] | undefined) ?? []).map(
    (t, i) => [t.Key, t.Value, `request.Tags[${i}]`] as const
  )
  const userTags = [...Object.entries(config.tags).map(([k, v]) => [k, v, `tags.${k}`] as const), ...extraTags]
  const seen = new Set<string>()
  for (const [key, value, at] of userTags) {
    const where = `${file} ${at}`
    if (/^aws:/i.test(key)) problems.push({ where, message: "tag keys starting with 'aws:' are reserved by AWS" })
    if (key.startsWith(TAG_PREFIX))
      problems.push({ where, message: `tag keys starting with '${TAG_PREFIX}' are set by this action` })
    if (/^aws:/i.test(value)) problems.push({ where, message: "tag values starting with 'aws:' are reserved by AWS" })
    if (seen.has(key)) problems.push({ where, message: `the tag ${key} is set twice` })
    seen.add(key)
  }
  const tagCount = request.Tags?.length ?? 0
  if (tagCount > MAX_TAGS) {
    const own = tagCount - userTags.length
    problems.push({
      where: `${file} tags`,
      message: `SageMaker allows ${MAX_TAGS} tags on a job; this action adds ${own} lineage tags, so at most ${MAX_TAGS - own} of yours fit (you have ${userTags.length})`
    })
  }
  for (const key of Object.keys(config.environment)) {
    if (key.startsWith('TRAIN_ON_PUSH_'))
      problems.push({
        where: `${file} environment.${key}`,
        message: 'names starting with TRAIN_ON_PUSH_ are set by this action'
      })
  }
  if (config.spot && (config.maxWaitSeconds ?? 0) < config.maxRuntimeSeconds) {
    problems.push({
      where: `${file} job.max_wait`,
      message: 'with spot training max_wait must be at least max_runtime'
    })
  }
  if (config.inputsMissing && request.InputDataConfig === undefined) {
    // Teams come from a submit script that attached this channel to every job, whether or not its config said so.
    const uri = `s3://${config.s3Bucket}/assets/`
    warnings.push(
      `${file}: no inputs: section, so the job gets no input channel. The submit script this action replaces always ` +
        `attached ${uri} as the channel 'assets' (/opt/ml/input/data/assets); to keep it, add:\n` +
        `inputs:\n  assets:\n    uri: ${uri}\n    content_type: application/octet-stream\n    compression: None\n` +
        "or write 'inputs: {}' if the job needs no input channel."
    )
  }
  return { problems, warnings }
}
