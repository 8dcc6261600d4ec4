/**
 * The SageMaker job config file (`deploy/sagemaker-job-config.yaml` by default),
 * checked key by key. Each problem names file:line:col, the key, and what is allowed.
 */
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
  job: ['name', 'instance_type', 'instance_count', 'volume_size', 'max_runtime', 'max_wait'],
  aws: ['region', 'ecr_repository', 's3_bucket', 's3_prefix', 'spot_enabled', 'role_arn', 'image_tag'],
  tags: null,
  inputs: null,
  environment: null,
  checkpoint_s3_uri: null,
  vpc: ['subnets', 'security_groups'],
  kms_key_id: null,
  metric_definitions: null
}

const CHANNEL_KEYS = ['uri', 'distribution', 'input_mode', 'content_type', 'compression'] as const
const MAX_RUNTIME_LIMIT = 28 * 24 * 3600
const S3_URI = /^s3:\/\/[^/]+(\/.*)?$/
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/

export const DEFAULT_VOLUME_GB = 30
export const DEFAULT_MAX_RUNTIME = 24 * 3600

export interface JobConfigResult {
  config?: JobConfig
  problems: Problem[]
  notices: string[]
}

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
    if (keys && node) {
      if (node.kind !== 'map') bad(node, `must be a mapping with keys ${keys.join(', ')}`)
      else checkKeys(node, keys, bad)
    }
  }
  const job = section(root, 'job')
  const aws = section(root, 'aws')
  const r = new Reader(bad)

  if (job?.entries.has('name')) {
    notices.push(
      `${file}: job.name is not used: the job is named by the job-name input (default: the short commit hash)`
    )
  }
  if (aws?.entries.has('image_tag')) {
    notices.push(`${file}: aws.image_tag is ignored: the image is always tagged with the short commit hash`)
  }

  const instanceType =
    overrides.instanceType ??
    r.string(job?.entries.get('instance_type'), { required: 'job.instance_type', parent: job ?? root })
  if (instanceType !== undefined && !/^ml\.[a-z0-9-]+\.[a-z0-9-]+$/.test(instanceType)) {
    const message = `'${instanceType}' is not a SageMaker instance type (like ml.g5.xlarge)`
    if (overrides.instanceType) problems.push({ where: 'input instance-type', message })
    else bad(job?.entries.get('instance_type'), message)
  }
  const instanceCount = overrides.instanceCount ?? r.int(job?.entries.get('instance_count'), 1, 1, 1000)
  const volumeSizeGb = r.int(job?.entries.get('volume_size'), DEFAULT_VOLUME_GB, 1, 16384)
  const maxRuntimeSeconds = r.int(job?.entries.get('max_runtime'), DEFAULT_MAX_RUNTIME, 1, MAX_RUNTIME_LIMIT)
  const spot = r.bool(aws?.entries.get('spot_enabled'), false)
  const maxWaitNode = job?.entries.get('max_wait')
  let maxWaitSeconds = r.int(maxWaitNode, undefined, 1, undefined)
  if (maxWaitNode && maxWaitSeconds !== undefined && !spot) {
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
  const s3Prefix = (r.string(aws?.entries.get('s3_prefix')) ?? '').replace(/^\/+|\/+$/g, '')
  const roleArn = overrides.roleArn ?? r.string(aws?.entries.get('role_arn'))
  if (roleArn === undefined) {
    bad(
      { pos: (aws ?? root).pos, path: 'aws.role_arn' },
      'no SageMaker execution role: set aws.role_arn or the role-arn input (arn:aws:iam::<account>:role/<name>, a role SageMaker can assume)'
    )
  }

  const tags = r.stringMap(root.entries.get('tags'))
  const environment = r.stringMap(root.entries.get('environment'))
  const channels = readChannels(root.entries.get('inputs'), r, bad)
  const checkpointS3Uri = r.string(root.entries.get('checkpoint_s3_uri'))
  if (checkpointS3Uri !== undefined && !S3_URI.test(checkpointS3Uri)) {
    bad(root.entries.get('checkpoint_s3_uri'), `'${checkpointS3Uri}' must be an s3:// URI`)
  }
  const kmsKeyId = r.string(root.entries.get('kms_key_id'))
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

  if (problems.length > 0) return { problems, notices }
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
      tags,
      channels,
      environment,
      checkpointS3Uri,
      vpc,
      kmsKeyId,
      metricDefinitions
    },
    problems,
    notices
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

  int(node: YNode | undefined, fallback: number | undefined, min: number, max: number | undefined): number | undefined {
    if (this.missing(node)) return fallback
    const value = node!.kind === 'scalar' ? node!.value : undefined
    const n = typeof value === 'bigint' ? Number(value) : value
    const range = max === undefined ? `at least ${min}` : `from ${min} to ${max}`
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min || (max !== undefined && n > max)) {
      this.bad(
        node,
        `must be a whole number ${range} (got ${node!.kind === 'scalar' ? `'${node!.source}'` : node!.kind})`
      )
      return undefined
    }
    return n
  }

  bool(node: YNode | undefined, fallback: boolean): boolean {
    if (this.missing(node)) return fallback
    if (node!.kind !== 'scalar' || typeof node!.value !== 'boolean') {
      this.bad(node, `must be true or false (got '${node!.kind === 'scalar' ? node!.source : node!.kind}')`)
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
    if (value.kind === 'map') {
      for (const key of value.entries.keys()) {
        if (!(CHANNEL_KEYS as readonly string[]).includes(key)) {
          const guess = didYouMean(key, CHANNEL_KEYS)
          bad(
            value.entries.get(key),
            `unknown key '${key}'${guess ? ` (did you mean '${guess}'?)` : ''}; allowed: ${CHANNEL_KEYS.join(', ')}`
          )
        }
      }
    }
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
    for (const key of item.entries.keys()) {
      if (key !== 'name' && key !== 'regex') bad(item.entries.get(key), `unknown key '${key}'; allowed: name, regex`)
    }
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
