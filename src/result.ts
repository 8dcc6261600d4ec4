import type { ContainerArgumentsPlan } from './hydra/index.js'
import type { Commit } from './settings.js'

/** The image the job runs. */
export interface ImageOutcome {
  /** `<registry>/<repo>:<short-sha>` */
  uri: string
  /** `sha256:...`; unknown in a dry run. */
  digest?: string
  /** `<registry>/<repo>@sha256:...`, what the job is pinned to. */
  pinned?: string
  /** false when the tag already existed and the build was skipped; undefined in a dry run. */
  built?: boolean
  tags: string[]
}

export interface StatusTransition {
  status: string
  start: Date
  end?: Date
  message?: string
}

export interface JobOutcome {
  name: string
  arn?: string
  consoleUrl: string
  logsUrl: string
  region: string
  instanceType: string
  instanceCount: number
  spot: boolean
  /** True when an existing run of this job was attached to instead of submitting. */
  attached?: boolean
  /** The workflow was cancelled while waiting (the job was stopped unless stop-on-cancel was false). */
  cancelled?: boolean
  /** TrainingJobStatus, or `WaitTimedOut` / `Submitted` / `DryRun` as the action saw it. */
  status?: string
  secondaryStatus?: string
  failureReason?: string
  transitions: StatusTransition[]
  metrics: { name: string; value: number }[]
  modelArtifacts?: string
  trainingSeconds?: number
  billableSeconds?: number
}

/** What one run of the action did; the step summary and the outputs are written from it. */
export interface RunResult {
  dryRun: boolean
  commit?: Commit
  image?: ImageOutcome
  job?: JobOutcome
  /** The container arguments and how they were made (packing, keys set later). */
  arguments?: ContainerArgumentsPlan
  /** The request sent (or, in a dry run, that would be sent). */
  request?: unknown
  notices: string[]
  error?: string
}
