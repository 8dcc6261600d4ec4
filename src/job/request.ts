/**
 * The CreateTrainingJob request, built from plain data and checked against
 * SageMaker's own constraints before anything is pushed or submitted.
 */
import type { CreateTrainingJobCommandInput } from '@aws-sdk/client-sagemaker'
import { SAGEMAKER_SHAPES } from '../aws/generated/sagemaker-shapes.js'
import { validateShape, type Violation } from '../aws/shapes.js'
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

/** Pure: the full request. Validation is separate (`checkRequest`) so a dry run can show a request with problems. */
export function buildTrainingJobRequest(input: RequestInput): TrainingJobRequest {
  const { config, jobName, lineage } = input
  const tags = [...Object.entries(config.tags).map(([Key, Value]) => ({ Key, Value })), ...lineageTags(lineage)]
  const request: TrainingJobRequest = {
    TrainingJobName: jobName,
    RoleArn: config.roleArn,
    AlgorithmSpecification: {
      TrainingImage: input.image,
      TrainingInputMode: 'File',
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
      InstanceType: config.instanceType as NonNullable<TrainingJobRequest['ResourceConfig']>['InstanceType'],
      InstanceCount: config.instanceCount,
      VolumeSizeInGB: config.volumeSizeGb
    },
    StoppingCondition: {
      MaxRuntimeInSeconds: config.maxRuntimeSeconds,
      ...(config.spot && config.maxWaitSeconds !== undefined ? { MaxWaitTimeInSeconds: config.maxWaitSeconds } : {})
    },
    CheckpointConfig: { S3Uri: checkpointUri(config, jobName), LocalPath: '/opt/ml/checkpoints' },
    EnableManagedSpotTraining: config.spot,
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
  return request
}

/** Where a request member came from, so an AWS constraint points back at the user's file or input. */
function sourceOf(path: string, file: string, channelNames: string[]): string {
  const rules: [RegExp, string | ((m: RegExpExecArray) => string)][] = [
    [/^TrainingJobName/, 'input job-name'],
    [/^RoleArn/, `${file} aws.role_arn (or input role-arn)`],
    [/^AlgorithmSpecification\.TrainingImage/, `${file} aws.ecr_repository (or input ecr-repository)`],
    [/^AlgorithmSpecification\.ContainerArguments/, 'inputs command / hydra-config / overrides'],
    [/^AlgorithmSpecification\.MetricDefinitions\[(\d+)\]/, (m) => `${file} metric_definitions[${m[1]}]`],
    [/^AlgorithmSpecification\.MetricDefinitions/, `${file} metric_definitions`],
    [/^ResourceConfig\.InstanceType/, `${file} job.instance_type (or input instance-type)`],
    [/^ResourceConfig\.InstanceCount/, `${file} job.instance_count (or input instance-count)`],
    [/^ResourceConfig\.VolumeSizeInGB/, `${file} job.volume_size`],
    [/^StoppingCondition\.MaxRuntimeInSeconds/, `${file} job.max_runtime`],
    [/^StoppingCondition\.MaxWaitTimeInSeconds/, `${file} job.max_wait`],
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
    if (m) return typeof where === 'string' ? where : where(m)
  }
  return file
}

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
  const channelNames = Object.keys(config.channels)
  const violations: Violation[] = validateShape(SAGEMAKER_SHAPES, 'CreateTrainingJobRequest', request)
  for (const v of violations) {
    const where = sourceOf(v.path, file, channelNames)
    if (v.kind === 'enum' && v.path === 'ResourceConfig.InstanceType') {
      warnings.push(
        `${where}: '${config.instanceType}' is not in the SageMaker model this action ships; if AWS added it recently this is fine, otherwise check the spelling`
      )
      continue
    }
    problems.push({ where, message: `${v.message} (SageMaker's ${v.path})` })
  }
  for (const key of Object.keys(config.tags)) {
    if (/^aws:/i.test(key))
      problems.push({ where: `${file} tags.${key}`, message: "tag keys starting with 'aws:' are reserved by AWS" })
    if (key.startsWith(TAG_PREFIX))
      problems.push({
        where: `${file} tags.${key}`,
        message: `tag keys starting with '${TAG_PREFIX}' are set by this action`
      })
  }
  for (const [key, value] of Object.entries(config.tags)) {
    if (/^aws:/i.test(value))
      problems.push({ where: `${file} tags.${key}`, message: "tag values starting with 'aws:' are reserved by AWS" })
  }
  const tagCount = request.Tags?.length ?? 0
  if (tagCount > MAX_TAGS) {
    const own = tagCount - Object.keys(config.tags).length
    problems.push({
      where: `${file} tags`,
      message: `SageMaker allows ${MAX_TAGS} tags on a job; this action adds ${own} lineage tags, so at most ${MAX_TAGS - own} of yours fit (you have ${Object.keys(config.tags).length})`
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
  return { problems, warnings }
}
