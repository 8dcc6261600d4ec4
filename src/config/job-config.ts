/**
 * The SageMaker job config file (`deploy/sagemaker-job-config.yaml` by default),
 * checked key by key. Each problem names file:line:col, the key, and what is allowed.
 */
import { SAGEMAKER_SHAPES } from '../aws/generated/sagemaker-shapes.js'
import { validateShape } from '../aws/shapes.js'
import { problemAt, type Position, type Problem } from '../problems.js'
import type { Channel, JobConfig } from './settings.js'
import { didYouMean } from './suggest.js'
import { readYaml, type YMap, type YNode } from './yaml-file.js'

/** Values given as action inputs win over the file. */
export interface JobConfigOverrides {
  region?: string
  roleArn?: string
  ecrRepository?: string
  instanceType?: string
  instanceCount?: number
}

const SCHEMA: Record<string, readonly string[] | null> = {
  job: [
    'name',
    'instance_type',
    'instance_count',
    'volume_size',
    'max_runtime',
    'max_wait',
    'max_pending_time',
    'keep_alive',
    'retry_attempts',
    'input_mode',
    'network_isolation',
    'volume_kms_key_id'
  ],
  aws: ['region', 'ecr_repository', 's3_bucket', 's3_prefix', 'spot_enabled', 'role_arn', 'image_tag'],
  tags: null,
  inputs: null,
  environment: null,
  checkpoint_s3_uri: null,
  vpc: ['subnets', 'security_groups'],
  kms_key_id: null,
  metric_definitions: null,
  request: null
}

/**
 * Named keys and the one CreateTrainingJob field each stands for. The field may be written
 * in `request:` instead of with its key, never both; either way it is read with the key's
 * rules, so the defaults that depend on it (spot's max_wait, the role) see it too.
 */
const NAMED_FIELDS = {
  'job.instance_type': 'ResourceConfig.InstanceType',
  'job.instance_count': 'ResourceConfig.InstanceCount',
  'job.volume_size': 'ResourceConfig.VolumeSizeInGB',
  'job.keep_alive': 'ResourceConfig.KeepAlivePeriodInSeconds',
  'job.volume_kms_key_id': 'ResourceConfig.VolumeKmsKeyId',
  'job.max_runtime': 'StoppingCondition.MaxRuntimeInSeconds',
  'job.max_wait': 'StoppingCondition.MaxWaitTimeInSeconds',
  'job.max_pending_time': 'StoppingCondition.MaxPendingTimeInSeconds',
  'job.retry_attempts': 'RetryStrategy.MaximumRetryAttempts',
  'job.input_mode': 'AlgorithmSpecification.TrainingInputMode',
  'job.network_isolation': 'EnableNetworkIsolation',
  'aws.spot_enabled': 'EnableManagedSpotTraining',
  'aws.role_arn': 'RoleArn',
  kms_key_id: 'OutputDataConfig.KmsKeyId',
  checkpoint_s3_uri: 'CheckpointConfig.S3Uri'
} as const
type NamedKey = keyof typeof NAMED_FIELDS

/** Sections that build a whole field: `request:` may replace that field only when the section is absent. */
const SECTION_FIELDS: Record<string, string> = {
  inputs: 'InputDataConfig',
  vpc: 'VpcConfig',
  metric_definitions: 'AlgorithmSpecification.MetricDefinitions'
}

/** Fields the action sets itself, and what to use instead. */
const OWNED_FIELDS: Record<string, string> = {
  TrainingJobName:
    'the job is named by the job-name input (default {short_sha}, the short commit hash), so a job always names the commit it runs',
  'AlgorithmSpecification.TrainingImage':
    'the image is built from the commit and the job runs it pinned by digest; choose the repository with aws.ecr_repository (or the ecr-repository input) and the build with the context and dockerfile inputs',
  'AlgorithmSpecification.AlgorithmName':
    'the job runs the image built from the commit, which an algorithm would replace; choose the repository with aws.ecr_repository',
  'AlgorithmSpecification.ContainerArguments': 'they come from the command, hydra-config and overrides inputs',
  'AlgorithmSpecification.ContainerEntrypoint':
    "the image's ENTRYPOINT runs the container arguments: change it in the Dockerfile, or put the program in the command input",
  'OutputDataConfig.S3OutputPath':
    'it comes from aws.s3_bucket and aws.s3_prefix, which the model-artifacts output and the summary links are derived from too'
}

/** Prefixes of the lineage the action sets (see job/lineage.ts): never written by hand. */
const LINEAGE_TAG_PREFIX = 'train-on-push:'
const LINEAGE_VARIABLE_PREFIX = 'TRAIN_ON_PUSH_'

const CHANNEL_KEYS = ['uri', 'distribution', 'input_mode', 'content_type', 'compression'] as const
const MAX_RUNTIME_LIMIT = 28 * 24 * 3600
const S3_URI = /^s3:\/\/[^/]+(\/.*)?$/
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/

export const DEFAULT_VOLUME_GB = 30
export const DEFAULT_MAX_RUNTIME = 24 * 3600

/** The role the submit script this action replaces gave every job, in the account of the credentials. */
export const DEFAULT_ROLE_NAME = 'sagemaker_execution_role'
/** Stands for the account in the default role's ARN until the account is known (a dry run shows it as is). */
export const ACCOUNT_PLACEHOLDER = '<account>'

/** The default execution role's ARN, `<account>` still to be filled in by `withCallerAccount`. */
export function defaultRoleArn(region: string | undefined): string {
  // China and GovCloud regions are separate partitions, with their own ARN prefix.
  const partition = region?.startsWith('cn-') ? 'aws-cn' : region?.startsWith('us-gov-') ? 'aws-us-gov' : 'aws'
  return `arn:${partition}:iam::${ACCOUNT_PLACEHOLDER}:role/${DEFAULT_ROLE_NAME}`
}

/**
 * The config with the default role's account filled in (the account of the credentials, from
 * STS GetCallerIdentity: see aws/account.ts). A config that names its role is returned as is.
 */
export function withCallerAccount(config: JobConfig, account: string): JobConfig {
  if (!config.defaultRole) return config
  if (!/^\d{12}$/.test(account)) throw new Error(`'${account}' is not an AWS account id (12 digits)`)
  return { ...config, roleArn: config.roleArn.replace(ACCOUNT_PLACEHOLDER, account) }
}

/** The whole-number range the SageMaker model allows for an integer shape. */
function modelRange(shape: string): { min: number; max: number | undefined } {
  const { min, max } = SAGEMAKER_SHAPES[shape]
  return { min: min ?? 0, max }
}

export interface JobConfigResult {
  config?: JobConfig
  problems: Problem[]
  notices: string[]
}

const present = (node: YNode | undefined): node is YNode =>
  node !== undefined && !(node.kind === 'scalar' && node.value === null)

/** Validates the job config text (undefined when the file is missing). */
export function readJobConfig(
  text: string | undefined,
  file: string,
  overrides: JobConfigOverrides,
  env: NodeJS.ProcessEnv = {}
): JobConfigResult {
  const problems: Problem[] = []
  const notices: string[] = []
  if (text === undefined) {
    return {
      problems: [
        {
          where: `input job-config`,
          message: `${file === '' ? 'it is empty' : `${file} does not exist in the checkout`}; point job-config at your SageMaker job config file`
        }
      ],
      notices
    }
  }
  const parsed = readYaml(text, file)
  if (parsed.problems.length > 0) return { problems: parsed.problems, notices }
  const root = parsed.root ?? { kind: 'map', entries: new Map(), pos: { file, line: 1, column: 1 }, path: '' }
  const bad = (node: Located | undefined, message: string): void => {
    problems.push(node ? problemAt(node.pos, message, node.path || undefined) : { where: file, message, file })
  }
  if (root.kind !== 'map') {
    bad(root, 'the file must be a mapping with job:, aws: and tags: sections')
    return { problems, notices }
  }
  checkKeys(root, Object.keys(SCHEMA), bad)
  for (const [section, keys] of Object.entries(SCHEMA)) {
    const node = root.entries.get(section)
    if (keys && present(node)) {
      if (node.kind !== 'map') bad(node, `must be a mapping with keys ${keys.join(', ')}`)
      else checkKeys(node, keys, bad)
    }
  }
  const job = section(root, 'job')
  const aws = section(root, 'aws')
  const r = new Reader(bad)
  const block = new RequestBlock(root.entries.get('request'), Object.values(NAMED_FIELDS), bad)

  /**
   * The node of a named key, or of the same field in `request:` (taken out of the block, so the
   * action sets it from the named value). Both at once is a problem naming both.
   */
  const named = (key: NamedKey): YNode | undefined => {
    const [first, second] = key.split('.')
    const own = second === undefined ? root.entries.get(first) : section(root, first)?.entries.get(second)
    const twin = block.take(NAMED_FIELDS[key])
    if (present(own) && twin)
      bad(twin, `sets ${NAMED_FIELDS[key]}, which ${key} (line ${own.pos.line}) sets too: keep one of them`)
    return present(own) ? own : twin
  }
  for (const [key, field] of Object.entries(SECTION_FIELDS)) {
    const own = root.entries.get(key)
    const twin = block.node(field)
    if (present(own) && twin)
      bad(twin, `replaces ${field}, which ${key}: (line ${own.pos.line}) builds: keep one of them`)
  }

  if (job?.entries.has('name')) {
    notices.push(
      `${file}: job.name is not used: the job is named by the job-name input (default: the short commit hash)`
    )
  }
  if (aws?.entries.has('image_tag')) {
    notices.push(`${file}: aws.image_tag is ignored: the image is always tagged with the short commit hash`)
  }

  const typeNode = named('job.instance_type')
  const countNode = named('job.instance_count')
  const groups = instanceGroups(block, typeNode, countNode, overrides, bad, problems)
  const instanceType =
    groups?.type ?? overrides.instanceType ?? r.string(typeNode, { required: 'job.instance_type', parent: job ?? root })
  if (!groups && instanceType !== undefined && !/^ml\.[a-z0-9-]+\.[a-z0-9-]+$/.test(instanceType)) {
    const message = `'${instanceType}' is not a SageMaker instance type (like ml.g5.xlarge)`
    if (overrides.instanceType) problems.push({ where: 'input instance-type', message })
    else bad(typeNode, message)
  }
  const instanceCount = groups?.count ?? overrides.instanceCount ?? r.int(countNode, 1, 1, 1000)
  const volumeSizeGb = r.int(named('job.volume_size'), DEFAULT_VOLUME_GB, 1, 16384)
  const maxRuntimeSeconds = r.int(named('job.max_runtime'), DEFAULT_MAX_RUNTIME, 1, MAX_RUNTIME_LIMIT)
  const spot = r.bool(named('aws.spot_enabled'), false)
  const maxWaitNode = named('job.max_wait')
  let maxWaitSeconds = r.int(maxWaitNode, undefined, 1, undefined)
  if (present(maxWaitNode) && maxWaitSeconds !== undefined && !spot) {
    bad(maxWaitNode, 'max_wait only applies to spot training: set aws.spot_enabled: true or remove it')
  }
  if (spot && maxWaitSeconds === undefined && maxRuntimeSeconds !== undefined) {
    // As the submit script this action replaces did: a day of waiting for spot capacity on top of the runtime.
    maxWaitSeconds = maxRuntimeSeconds + 24 * 3600
  }
  if (spot && maxWaitSeconds !== undefined && maxRuntimeSeconds !== undefined && maxWaitSeconds < maxRuntimeSeconds) {
    bad(
      maxWaitNode,
      `max_wait (${maxWaitSeconds}) must be at least max_runtime (${maxRuntimeSeconds}): it includes the training time`
    )
  }
  const pending = modelRange('MaxPendingTimeInSeconds')
  const maxPendingSeconds = r.int(named('job.max_pending_time'), undefined, pending.min, pending.max)
  const keepAlive = modelRange('KeepAlivePeriodInSeconds')
  const keepAliveSeconds = r.int(named('job.keep_alive'), undefined, keepAlive.min, keepAlive.max)
  const retries = modelRange('MaximumRetryAttempts')
  const retryAttempts = r.int(named('job.retry_attempts'), undefined, retries.min, retries.max)
  const inputMode = r.choice(named('job.input_mode'), SAGEMAKER_SHAPES.TrainingInputMode.enum ?? [])
  const networkIsolationNode = named('job.network_isolation')
  const networkIsolation = present(networkIsolationNode) ? r.bool(networkIsolationNode, false) : undefined
  const volumeKmsKeyId = r.modelString(named('job.volume_kms_key_id'), 'KmsKeyId')

  const region = overrides.region ?? r.string(aws?.entries.get('region')) ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION
  if (region === undefined) {
    bad(
      { pos: (aws ?? root).pos, path: 'aws.region' },
      'no region: set aws.region, the region input, or AWS_REGION (configure-aws-credentials sets it)'
    )
  } else if (!REGION.test(region)) {
    const message = `'${region}' is not an AWS region (like us-east-1)`
    const node = aws?.entries.get('region')
    if (overrides.region || !node) problems.push({ where: overrides.region ? 'input region' : 'AWS_REGION', message })
    else bad(node, message)
  }
  const ecrRepository =
    overrides.ecrRepository ??
    r.string(aws?.entries.get('ecr_repository'), { required: 'aws.ecr_repository', parent: aws ?? root })
  const s3Bucket = r.string(aws?.entries.get('s3_bucket'), { required: 'aws.s3_bucket', parent: aws ?? root })
  if (s3Bucket !== undefined && !BUCKET.test(s3Bucket)) {
    bad(
      aws?.entries.get('s3_bucket'),
      `'${s3Bucket}' is not an S3 bucket name (3-63 lowercase letters, digits, dots and hyphens; no s3:// prefix)`
    )
  }
  // '' (or '/') is the bucket's root: s3://bucket/output, never s3://bucket//output.
  const s3Prefix = (r.text(aws?.entries.get('s3_prefix')) ?? '').replace(/^\/+|\/+$/g, '')
  const roleNode = named('aws.role_arn')
  let roleArn = overrides.roleArn ?? r.string(roleNode)
  const defaultRole = roleArn === undefined && !present(roleNode)
  if (defaultRole) {
    roleArn = defaultRoleArn(region)
    notices.push(
      `${file}: no aws.role_arn and no role-arn input: the job runs as ${roleArn}, the role the original submit script used, ` +
        'in the account of the AWS credentials (found with STS GetCallerIdentity, which needs no IAM permission); set aws.role_arn to use another role'
    )
  }

  const tags = r.stringMap(root.entries.get('tags'))
  const environment = r.stringMap(root.entries.get('environment'))
  const channels = readChannels(root.entries.get('inputs'), r, bad)
  const checkpointNode = named('checkpoint_s3_uri')
  const checkpointS3Uri = r.string(checkpointNode)
  if (checkpointS3Uri !== undefined && !S3_URI.test(checkpointS3Uri)) {
    bad(checkpointNode, `'${checkpointS3Uri}' must be an s3:// URI`)
  }
  const kmsKeyId = r.modelString(named('kms_key_id'), 'KmsKeyId')
  const vpcNode = section(root, 'vpc')
  let vpc: JobConfig['vpc']
  if (vpcNode) {
    const subnets = r.stringList(vpcNode.entries.get('subnets'), { required: 'vpc.subnets', parent: vpcNode })
    const securityGroups = r.stringList(vpcNode.entries.get('security_groups'), {
      required: 'vpc.security_groups',
      parent: vpcNode
    })
    if (subnets && securityGroups) vpc = { subnets, securityGroups }
  }
  const metricDefinitions = readMetrics(root.entries.get('metric_definitions'), r, bad)
  checkSameNames(root.entries.get('environment'), block, bad)
  checkSameNames(root.entries.get('tags'), block, bad)

  if (problems.length > 0) return { problems, notices }
  const request = block.fields
  return {
    config: {
      instanceType: instanceType!,
      instanceCount: instanceCount!,
      volumeSizeGb: volumeSizeGb!,
      maxRuntimeSeconds: maxRuntimeSeconds!,
      maxWaitSeconds: spot ? maxWaitSeconds : undefined,
      region: region!,
      ecrRepository: ecrRepository!,
      s3Bucket: s3Bucket!,
      s3Prefix,
      spot,
      roleArn: roleArn!,
      ...(defaultRole ? { defaultRole } : {}),
      tags,
      channels,
      ...(root.entries.has('inputs') ? {} : { inputsMissing: true }),
      environment,
      checkpointS3Uri,
      vpc,
      kmsKeyId,
      metricDefinitions,
      ...(keepAliveSeconds !== undefined ? { keepAliveSeconds } : {}),
      ...(retryAttempts !== undefined ? { retryAttempts } : {}),
      ...(inputMode !== undefined ? { inputMode } : {}),
      ...(maxPendingSeconds !== undefined ? { maxPendingSeconds } : {}),
      ...(networkIsolation !== undefined ? { networkIsolation } : {}),
      ...(volumeKmsKeyId !== undefined ? { volumeKmsKeyId } : {}),
      ...(Object.keys(request).length > 0 ? { request } : {})
    },
    problems,
    notices
  }
}

/**
 * A heterogeneous cluster (`request.ResourceConfig.InstanceGroups`) names its instance types and
 * counts in its groups, so job.instance_type and job.instance_count (or their inputs) must not
 * name others. Its types (joined with ' + ') and total count stand in for display and log streams.
 */
function instanceGroups(
  block: RequestBlock,
  typeNode: YNode | undefined,
  countNode: YNode | undefined,
  overrides: JobConfigOverrides,
  bad: Bad,
  problems: Problem[]
): { type: string; count: number } | undefined {
  const groups = (block.fields.ResourceConfig as { InstanceGroups?: unknown } | undefined)?.InstanceGroups
  const node = block.node('ResourceConfig.InstanceGroups')
  if (!Array.isArray(groups) || groups.length === 0 || !node) return undefined
  const why = 'a cluster of instance groups names its instance types and counts in its groups'
  for (const other of [typeNode, countNode]) {
    if (present(other)) bad(other, `${why} (request.ResourceConfig.InstanceGroups, line ${node.pos.line}): remove it`)
  }
  if (overrides.instanceType)
    problems.push({
      where: 'input instance-type',
      message: `${why} (request.ResourceConfig.InstanceGroups): leave it empty`
    })
  if (overrides.instanceCount !== undefined)
    problems.push({
      where: 'input instance-count',
      message: `${why} (request.ResourceConfig.InstanceGroups): leave it empty`
    })
  const items = groups as { InstanceType?: unknown; InstanceCount?: unknown }[]
  const types = [...new Set(items.map((g) => g.InstanceType).filter((t): t is string => typeof t === 'string'))]
  const count = items.reduce((n, g) => n + (typeof g.InstanceCount === 'number' ? g.InstanceCount : 0), 0)
  return { type: types.join(' + '), count }
}

/** A name in both `environment:` (or `tags:`) and the same field of `request:`: one place per setting. */
function checkSameNames(ownNode: YNode | undefined, block: RequestBlock, bad: Bad): void {
  const isTags = ownNode?.path === 'tags'
  const field = isTags ? 'Tags' : 'Environment'
  const theirs = block.fields[field]
  if (!ownNode || ownNode.kind !== 'map' || theirs === undefined) return
  const names: [string, YNode | undefined][] = isTags
    ? (theirs as { Key?: unknown }[]).map((t, i) => [String(t.Key), block.node(`Tags[${i}].Key`)])
    : Object.keys(theirs as object).map((k) => [k, block.node(`Environment.${k}`)])
  for (const [name, node] of names) {
    const mine = ownNode.entries.get(name)
    if (mine && node)
      bad(
        node,
        `${ownNode.path}.${name} (line ${mine.pos.line}) sets ${isTags ? 'this tag' : 'this variable'} too: keep one of them`
      )
  }
}

/** Anything with a place in the file and a key path: a YAML node, or where a missing key belongs. */
interface Located {
  pos: Position
  path: string
}

type Bad = (node: Located | undefined, message: string) => void

function section(root: YMap, key: string): YMap | undefined {
  const node = root.entries.get(key)
  return node?.kind === 'map' ? node : undefined
}

function checkKeys(map: YMap, allowed: readonly string[], bad: Bad): void {
  for (const [key, node] of map.entries) {
    if (allowed.includes(key)) continue
    const guess = didYouMean(key, allowed)
    bad(node, `unknown key '${key}'${guess ? ` (did you mean '${guess}'?)` : ''}; allowed: ${allowed.join(', ')}`)
  }
}

/** A value as the message about it shows it: quotes make a number or a boolean a string, so say so. */
function written(node: YNode): string {
  if (node.kind !== 'scalar') return `a ${node.kind === 'map' ? 'mapping' : 'list'}`
  return node.quoted ? `'${node.source}', quoted: a string; remove the quotes` : `'${node.source}'`
}

interface Need {
  required: string
  parent: Located
}

/** Typed getters that report instead of throwing, so every problem is collected. */
class Reader {
  constructor(private readonly bad: Bad) {}

  private missing(node: YNode | undefined, need?: Need): boolean {
    const absent = node === undefined || (node.kind === 'scalar' && node.value === null)
    if (absent && need) this.bad({ pos: need.parent.pos, path: need.required }, 'is required')
    return absent
  }

  string(node: YNode | undefined, need?: Need): string | undefined {
    if (this.missing(node, need)) return undefined
    if (node!.kind !== 'scalar') {
      this.bad(node, 'must be a single value, not a list or mapping')
      return undefined
    }
    const text = typeof node!.value === 'string' ? node!.value : node!.source
    if (text.trim() === '') {
      this.bad(node, 'must not be empty')
      return undefined
    }
    return text
  }

  /** Like `string`, but '' is a value (an empty S3 prefix is the bucket's root). */
  text(node: YNode | undefined): string | undefined {
    if (this.missing(node)) return undefined
    if (node!.kind !== 'scalar') {
      this.bad(node, 'must be a single value, not a list or mapping')
      return undefined
    }
    return typeof node!.value === 'string' ? node!.value : node!.source
  }

  /** One of `allowed` (the model's enum), with a "did you mean" for a near miss. */
  choice(node: YNode | undefined, allowed: readonly string[]): string | undefined {
    const text = this.string(node)
    if (text === undefined || allowed.includes(text)) return text
    const guess = didYouMean(text, allowed)
    this.bad(node, `must be one of ${allowed.join(', ')} (got '${text}'${guess ? `; did you mean '${guess}'?` : ''})`)
    return undefined
  }

  /** A string checked against the SageMaker model's shape (its length and pattern). */
  modelString(node: YNode | undefined, shape: string): string | undefined {
    const text = this.string(node)
    if (text === undefined) return undefined
    const violations = validateShape(SAGEMAKER_SHAPES, shape, text)
    for (const v of violations) this.bad(node, v.message)
    return violations.length > 0 ? undefined : text
  }

  int(node: YNode | undefined, fallback: number | undefined, min: number, max: number | undefined): number | undefined {
    if (this.missing(node)) return fallback
    const value = node!.kind === 'scalar' ? node!.value : undefined
    const n = typeof value === 'bigint' ? Number(value) : value
    const range = max === undefined ? `at least ${min}` : `from ${min} to ${max}`
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min || (max !== undefined && n > max)) {
      this.bad(node, `must be a whole number ${range} (got ${written(node!)})`)
      return undefined
    }
    return n
  }

  bool(node: YNode | undefined, fallback: boolean): boolean {
    if (this.missing(node)) return fallback
    if (node!.kind !== 'scalar' || typeof node!.value !== 'boolean') {
      this.bad(node, `must be true or false (got ${written(node!)})`)
      return fallback
    }
    return node!.value
  }

  stringMap(node: YNode | undefined): Record<string, string> {
    const out: Record<string, string> = {}
    if (this.missing(node)) return out
    if (node!.kind !== 'map') {
      this.bad(node, 'must be a mapping of names to values')
      return out
    }
    for (const [key, value] of node!.entries) {
      if (value.kind !== 'scalar') {
        this.bad(value, 'must be a single value')
        continue
      }
      // The text as written: `1.0` stays `1.0`, `yes` stays `yes`, null becomes empty.
      out[key] = value.value === null ? '' : typeof value.value === 'string' ? value.value : value.source
    }
    return out
  }

  stringList(node: YNode | undefined, need?: Need): string[] | undefined {
    if (this.missing(node, need)) return undefined
    if (node!.kind === 'scalar') return [this.string(node) ?? '']
    if (node!.kind !== 'seq') {
      this.bad(node, 'must be a list')
      return undefined
    }
    return node!.items.map((item) => this.string(item) ?? '')
  }
}

function readChannels(node: YNode | undefined, r: Reader, bad: Bad): Record<string, Channel> {
  const out: Record<string, Channel> = {}
  if (node === undefined || (node.kind === 'scalar' && node.value === null)) return out
  if (node.kind !== 'map') {
    bad(node, 'must map channel names to s3:// URIs, e.g. inputs: {train: s3://bucket/data/}')
    return out
  }
  for (const [name, value] of node.entries) {
    const uri =
      value.kind === 'map'
        ? r.string(value.entries.get('uri'), { required: `${value.path}.uri`, parent: value })
        : r.string(value)
    if (value.kind === 'map') checkKeys(value, CHANNEL_KEYS, bad)
    if (uri !== undefined && !S3_URI.test(uri)) bad(value, `'${uri}' must be an s3:// URI`)
    if (uri === undefined) continue
    const field = (key: string): string | undefined =>
      value.kind === 'map' ? r.string(value.entries.get(key)) : undefined
    out[name] = {
      uri,
      distribution: field('distribution'),
      inputMode: field('input_mode'),
      contentType: field('content_type'),
      compression: field('compression')
    }
  }
  return out
}

function readMetrics(node: YNode | undefined, r: Reader, bad: Bad): { name: string; regex: string }[] {
  if (node === undefined || (node.kind === 'scalar' && node.value === null)) return []
  if (node.kind !== 'seq') {
    bad(node, 'must be a list of {name, regex}')
    return []
  }
  const out: { name: string; regex: string }[] = []
  for (const item of node.items) {
    if (item.kind !== 'map') {
      bad(item, 'must be a mapping with name and regex')
      continue
    }
    checkKeys(item, ['name', 'regex'], bad)
    const name = r.string(item.entries.get('name'), { required: `${item.path}.name`, parent: item })
    const regex = r.string(item.entries.get('regex'), { required: `${item.path}.regex`, parent: item })
    if (regex !== undefined) {
      try {
        new RegExp(regex)
      } catch {
        bad(item.entries.get('regex'), `'${regex}' is not a valid regular expression`)
      }
    }
    if (name !== undefined && regex !== undefined) out.push({ name, regex })
  }
  return out
}

/**
 * The `request:` block, read against SageMaker's model for CreateTrainingJob: every field
 * name checked (with a "did you mean"), every value with its YAML type checked against the
 * model's constraints, at the line and column it was written. Fields the action owns are
 * refused with what to use instead. Fields a named key stands for are kept aside (as YAML
 * nodes) for the named key's rules; `take` hands them over.
 */
class RequestBlock {
  /** The fields as the request takes them, without those refused or kept aside. */
  readonly fields: Record<string, unknown> = {}
  private readonly nodes = new Map<string, YNode>()
  private readonly aside: ReadonlySet<string>

  constructor(
    node: YNode | undefined,
    aside: readonly string[],
    private readonly bad: Bad
  ) {
    this.aside = new Set(aside)
    if (!present(node)) return
    const value = this.read(node, 'CreateTrainingJobRequest', '', true)
    if (value !== undefined) Object.assign(this.fields, value)
  }

  /** The YAML node of a field by its AWS path (`ResourceConfig.InstanceGroups`, `Tags[0].Key`). */
  node(field: string): YNode | undefined {
    return this.nodes.get(field)
  }

  /** A field kept aside for its named key: its YAML node, or undefined when the block does not set it. */
  take(field: string): YNode | undefined {
    return this.aside.has(field) ? this.nodes.get(field) : undefined
  }

  /**
   * The value of `node` as the model's `shapeName` takes it. `mergeable` is true down the
   * chain of mappings from the top, whose missing required members the action may supply.
   */
  private read(node: YNode, shapeName: string, at: string, mergeable: boolean): unknown {
    const shape = SAGEMAKER_SHAPES[shapeName]
    this.nodes.set(at, node)
    if (!present(node)) {
      this.bad(node, 'needs a value: request: sets fields, it cannot remove what the action sends')
      return undefined
    }
    switch (shape.type) {
      case 'structure': {
        const members = Object.keys(shape.members ?? {})
        if (node.kind !== 'map') {
          this.bad(node, `must be a mapping of ${at || 'CreateTrainingJob'} fields: ${members.join(', ')}`)
          return undefined
        }
        const out: Record<string, unknown> = {}
        for (const [key, child] of node.entries) {
          const ref = shape.members?.[key]
          const path = at ? `${at}.${key}` : key
          if (!ref) {
            const guess = didYouMean(key, members)
            this.bad(
              child,
              `unknown field '${key}'${guess ? ` (did you mean '${guess}'?)` : ''}; ${at || 'CreateTrainingJob'} has: ${members.join(', ')}`
            )
            continue
          }
          const owned = OWNED_FIELDS[path]
          if (owned) {
            this.bad(child, `is set by this action: ${owned}`)
            continue
          }
          if (this.aside.has(path)) {
            this.nodes.set(path, child)
            continue
          }
          const value = this.read(child, ref.shape, path, mergeable)
          if (value !== undefined) out[key] = value
        }
        if (!mergeable)
          for (const req of shape.required ?? [])
            if (!node.entries.has(req))
              this.bad(node, `is missing ${req} (${shapeName} needs ${shape.required!.join(', ')})`)
        if (shapeName === 'Tag' && typeof out.Key === 'string' && out.Key.startsWith(LINEAGE_TAG_PREFIX))
          this.bad(
            node.entries.get('Key'),
            `tag keys starting with '${LINEAGE_TAG_PREFIX}' are the lineage tags this action sets; put your own tags under tags:`
          )
        // Emptied only by fields kept aside: nothing left to merge.
        return Object.keys(out).length > 0 || node.entries.size === 0 ? out : undefined
      }
      case 'list': {
        if (node.kind !== 'seq') {
          this.bad(node, 'must be a list')
          return undefined
        }
        this.count(node, shape.min, shape.max, node.items.length)
        return node.items.map((item, i) => this.read(item, shape.member!.shape, `${at}[${i}]`, false))
      }
      case 'map': {
        if (node.kind !== 'map') {
          this.bad(node, 'must be a mapping of names to values')
          return undefined
        }
        this.count(node, shape.min, shape.max, node.entries.size)
        const out: Record<string, unknown> = {}
        for (const [key, child] of node.entries) {
          if (at === 'Environment' && key.startsWith(LINEAGE_VARIABLE_PREFIX)) {
            this.bad(
              child,
              `names starting with ${LINEAGE_VARIABLE_PREFIX} are the lineage variables this action sets; use another name`
            )
            continue
          }
          for (const v of validateShape(SAGEMAKER_SHAPES, shape.key!.shape, key))
            this.bad(child, `the name ${v.message}`)
          const value = this.read(child, shape.value!.shape, `${at}.${key}`, false)
          if (value !== undefined) out[key] = value
        }
        return out
      }
      default:
        return this.scalar(node, shapeName, shape.type)
    }
  }

  private count(node: YNode, min: number | undefined, max: number | undefined, n: number): void {
    if (min !== undefined && n < min)
      this.bad(node, `must have at least ${min} item${min === 1 ? '' : 's'} (it has ${n})`)
    if (max !== undefined && n > max) this.bad(node, `must have at most ${max} items (it has ${n})`)
  }

  /** A single value: its YAML type where the model wants a number or a boolean, its text as written where a string. */
  private scalar(node: YNode, shapeName: string, type: string): unknown {
    if (node.kind !== 'scalar') {
      this.bad(node, 'must be a single value, not a list or mapping')
      return undefined
    }
    const raw = typeof node.value === 'bigint' ? Number(node.value) : node.value
    let value: unknown = raw
    if (type === 'string') value = typeof raw === 'string' ? raw : node.source
    else if ((type === 'integer' || type === 'long') && !(typeof raw === 'number' && Number.isInteger(raw))) {
      this.bad(node, `must be a whole number (got ${written(node)})`)
      return undefined
    } else if ((type === 'float' || type === 'double') && typeof raw !== 'number') {
      this.bad(node, `must be a number (got ${written(node)})`)
      return undefined
    } else if (type === 'boolean' && typeof raw !== 'boolean') {
      this.bad(node, `must be true or false (got ${written(node)})`)
      return undefined
    }
    const allowed = SAGEMAKER_SHAPES[shapeName].enum
    for (const v of validateShape(SAGEMAKER_SHAPES, shapeName, value)) {
      if (v.kind === 'enum') {
        // AWS adds instance types faster than any model we ship: those are only warned about, later.
        if (/InstanceType$/.test(shapeName)) continue
        const guess = didYouMean(String(value), allowed ?? [])
        this.bad(
          node,
          `'${String(value)}' is not allowed${guess ? ` (did you mean '${guess}'?)` : ''}; allowed: ${allowed!.join(', ')}`
        )
      } else this.bad(node, v.message)
    }
    return value
  }
}
