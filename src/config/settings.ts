import type { RoleSettings } from '../aws/credentials.js'
import type { HydraConfig } from '../hydra/index.js'
import type { GateRule } from '../job/gates.js'

export type IfJobExists = 'auto' | 'attach' | 'new' | 'fail'
export type CacheMode = 'registry' | 'inline' | 'none'

/** The commit being trained: the run's identity everywhere. */
export interface Commit {
  sha: string
  shortSha: string
  /** Branch (or PR head branch) name, empty for a detached tag/sha. */
  branch: string
  /** `refs/heads/models/foo`, `refs/pull/3/merge`, ... as the event gave it. */
  ref: string
  /** `owner/name` */
  repository: string
  eventName: string
}

/** One input channel: `inputs: {name: s3-uri}` or `inputs: {name: {uri, distribution, ...}}`. */
export interface Channel {
  uri: string
  distribution?: string
  /** The channel's own File | FastFile | Pipe, over the job's `input_mode`. */
  inputMode?: string
  contentType?: string
  compression?: string
}

/**
 * The `request:` block of the job config: CreateTrainingJob fields in AWS's own names, with
 * their YAML types (numbers stay numbers), already checked against SageMaker's model. Merged
 * last into the request the action builds; fields that a named key stands for are not here
 * (they are read into the named fields of JobConfig instead).
 */
export type RequestFields = { readonly [field: string]: unknown }

/** The SageMaker job config file, validated and with action inputs applied over it. */
export interface JobConfig {
  /** With instance groups (`request.ResourceConfig.InstanceGroups`), their types joined with ' + ', for display. */
  instanceType: string
  /** With instance groups, the instances of all groups. */
  instanceCount: number
  volumeSizeGb: number
  maxRuntimeSeconds: number
  /** Only with spot; defaults to runtime + 1 day, as the submit script this action replaces did. */
  maxWaitSeconds?: number
  region: string
  ecrRepository: string
  s3Bucket: string
  s3Prefix: string
  spot: boolean
  /**
   * The execution role. With `defaultRole` it is `arn:aws:iam::<account>:role/sagemaker_execution_role`
   * until `withCallerAccount` puts the account of the credentials in place of `<account>`.
   */
  roleArn: string
  /** No role was named: the job runs as `sagemaker_execution_role`, as the submit script's jobs did. */
  defaultRole?: boolean
  tags: Record<string, string>
  /** channel name -> where its data comes from */
  channels: Record<string, Channel>
  /** The file has no `inputs:` section at all (`inputs: {}` says "no channels" on purpose). */
  inputsMissing?: boolean
  environment: Record<string, string>
  checkpointS3Uri?: string
  vpc?: { subnets: string[]; securityGroups: string[] }
  kmsKeyId?: string
  metricDefinitions: { name: string; regex: string }[]
  /** `job.keep_alive`: seconds the instances stay in a warm pool after the job (ResourceConfig.KeepAlivePeriodInSeconds). */
  keepAliveSeconds?: number
  /** `job.retry_attempts`: RetryStrategy.MaximumRetryAttempts. */
  retryAttempts?: number
  /** `job.input_mode`: AlgorithmSpecification.TrainingInputMode (File when unset). */
  inputMode?: string
  /** `job.max_pending_time`: StoppingCondition.MaxPendingTimeInSeconds. */
  maxPendingSeconds?: number
  /** `job.network_isolation`: EnableNetworkIsolation (left out when unset: SageMaker's default is false). */
  networkIsolation?: boolean
  /** `job.volume_kms_key_id`: ResourceConfig.VolumeKmsKeyId. */
  volumeKmsKeyId?: string
  /** The `request:` block. */
  request?: RequestFields
}

/** Everything the action was asked to do, read and validated once, before any side effect. */
export interface Settings {
  /** Absolute path of the checkout (GITHUB_WORKSPACE or cwd). */
  workspace: string
  jobConfigFile: string
  hydraConfigFile: string
  config: JobConfig
  hydra?: HydraConfig
  overrides: string[]
  command: string[]
  /** Docker build context and Dockerfile, relative to the workspace. */
  context: string
  dockerfile: string
  /** Build and train when files of the build or the configs differ from the commit (listed and marked). */
  allowDirty: boolean
  jobNameTemplate: string
  experimentNameKey: string
  wait: boolean
  /** undefined: wait as long as the job runs. */
  waitTimeoutMinutes?: number
  pollIntervalSeconds: number
  stopOnCancel: boolean
  ifJobExists: IfJobExists
  /** Reuse an image built from the same content by any commit (see image/content-key.ts). */
  reuseByContent: boolean
  skipExistingImage: boolean
  createRepository: boolean
  pushLatest: boolean
  platform: string
  /** The Dockerfile stage to build; '' for the last one. */
  target: string
  /** `K=V` lines as given. */
  buildArgs: string[]
  cache: CacheMode
  /** Rules the final metrics must meet (metric-gates); empty when none. */
  metricGates: GateRule[]
  /** The git tag template created on success (tag-on-success); '' for none. */
  tagOnSuccess: string
  /** The role the action assumes itself with GitHub's OIDC token, renewing it (role-to-assume). */
  role?: RoleSettings
  /** GitHub API token; '' when there is none (then no comment, status or tag). */
  githubToken: string
  /** Base branches whose pull requests get a plan comment (plan-branches patterns). */
  planBranches: string[]
  /** Set the train-on-push commit status (commit-status). */
  commitStatus: boolean
}
