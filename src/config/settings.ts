import type { HydraConfig } from '../hydra/index.js'

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
  inputMode?: string
  contentType?: string
  compression?: string
}

/** The SageMaker job config file, validated and with action inputs applied over it. */
export interface JobConfig {
  instanceType: string
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
  roleArn: string
  tags: Record<string, string>
  /** channel name -> where its data comes from */
  channels: Record<string, Channel>
  environment: Record<string, string>
  checkpointS3Uri?: string
  vpc?: { subnets: string[]; securityGroups: string[] }
  kmsKeyId?: string
  metricDefinitions: { name: string; regex: string }[]
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
  shaInput: string
  /** Build and train when files of the build or the configs differ from the commit (listed and marked). */
  allowDirty: boolean
  shortShaLength: number
  jobNameTemplate: string
  experimentNameKey: string
  dryRun: boolean
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
}
