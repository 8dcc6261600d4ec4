/**
 * What a training job did, as the action reports it: filled from DescribeTrainingJob while
 * waiting, and turned into the step's verdict (`jobFailure`) at the end.
 */
import type { DescribeTrainingJobCommandOutput } from '@aws-sdk/client-sagemaker'
import { finalMetrics } from './baseline.js'

export interface StatusTransition {
  status: string
  start: Date
  end?: Date
  message?: string
}

/** The job as the summary and the outputs show it. */
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
  /** The action waited for the job, so the metrics are the last SageMaker reported. */
  waited?: boolean
  /** TrainingJobStatus, or `WaitTimedOut` / `DryRun` as the action saw it. */
  status?: string
  secondaryStatus?: string
  failureReason?: string
  transitions: StatusTransition[]
  metrics: { name: string; value: number }[]
  modelArtifacts?: string
  trainingSeconds?: number
  billableSeconds?: number
}

/** What the wait saw; the fields shared with JobOutcome fill the summary and outputs. */
export interface WaitOutcome extends Pick<
  JobOutcome,
  | 'status'
  | 'secondaryStatus'
  | 'failureReason'
  | 'transitions'
  | 'metrics'
  | 'modelArtifacts'
  | 'trainingSeconds'
  | 'billableSeconds'
> {
  name: string
  /** `wait-timeout-minutes` passed with the job still running; `status` is then `WaitTimedOut`. */
  timedOut: boolean
  /** The workflow was cancelled during the wait. */
  cancelled: boolean
  /** We sent StopTrainingJob (on cancel), so a `Stopped` job is no surprise. */
  stopRequested: boolean
  /** Cancelled with stop-on-cancel: false: the job was deliberately left running. */
  leftRunning?: boolean
  /** The AWS credentials expired during the wait (no role-to-assume): the job runs on, unfollowed. */
  credentialsExpired?: boolean
  /** When SageMaker created the job (for finding the job that came before it). */
  createdAt?: Date
  /** The last TrainingJobStatus SageMaker reported. */
  lastStatus?: string
  spot?: boolean
  instanceCount?: number
  /** Percentage saved by managed spot, when SageMaker reported both times. */
  spotSavingPercent?: number
  /** How the wait went, for the bench and debugging. */
  stats: {
    polls: number
    describeCalls: number
    logCalls: number
    throttled: number
    errors: number
  }
}

/** Spot saving as SageMaker defines it: 1 - billable / training, in percent. */
export function spotSaving(job: Pick<JobOutcome, 'trainingSeconds' | 'billableSeconds'>): number | undefined {
  if (!job.trainingSeconds || job.billableSeconds === undefined) return undefined
  return Math.max(0, (1 - job.billableSeconds / job.trainingSeconds) * 100)
}

/** How many instances a job runs, in one group or several. */
export function instanceCountOf(job: DescribeTrainingJobCommandOutput): number | undefined {
  const count =
    job.ResourceConfig?.InstanceCount ??
    job.ResourceConfig?.InstanceGroups?.reduce((n, g) => n + (g.InstanceCount ?? 0), 0)
  return count || undefined
}

/**
 * Copies what DescribeTrainingJob says into the outcome. Answers without a transition list
 * still build one from the secondary statuses seen, stamped with `now`.
 */
export function absorbDescription(outcome: WaitOutcome, job: DescribeTrainingJobCommandOutput, now: number): void {
  outcome.status = job.TrainingJobStatus
  outcome.lastStatus = job.TrainingJobStatus
  outcome.secondaryStatus = job.SecondaryStatus
  outcome.failureReason = job.FailureReason || undefined
  outcome.modelArtifacts = job.ModelArtifacts?.S3ModelArtifacts
  outcome.trainingSeconds = job.TrainingTimeInSeconds
  outcome.createdAt = job.CreationTime ?? outcome.createdAt
  outcome.billableSeconds = job.BillableTimeInSeconds
  if (job.EnableManagedSpotTraining !== undefined) outcome.spot = job.EnableManagedSpotTraining
  outcome.instanceCount = instanceCountOf(job) ?? outcome.instanceCount
  outcome.metrics = finalMetrics(job)
  if (outcome.spot) outcome.spotSavingPercent = spotSaving(outcome)

  const transitions: StatusTransition[] = (job.SecondaryStatusTransitions ?? []).map((t) => ({
    status: t.Status ?? '',
    start: t.StartTime ?? new Date(now),
    end: t.EndTime,
    message: t.StatusMessage || undefined
  }))
  if (transitions.length === 0 && job.SecondaryStatus) {
    // Older or partial answers carry no transitions: keep our own record of the changes seen.
    const last = outcome.transitions.at(-1)
    if (last?.status !== job.SecondaryStatus) {
      if (last) last.end = new Date(now)
      outcome.transitions.push({ status: job.SecondaryStatus, start: new Date(now) })
    }
  } else outcome.transitions = transitions
}

/**
 * The error message when the step must fail: the job Failed, ran past its
 * MaxRuntime (or spot MaxWait), was stopped by someone other than this run, or the
 * run was cancelled. Undefined when it completed, or is still running past
 * `wait-timeout-minutes` (a warning, not a failure).
 */
export function jobFailure(outcome: WaitOutcome): string | undefined {
  const name = outcome.name
  const reason = outcome.failureReason ? `: ${outcome.failureReason}` : ''
  if (outcome.cancelled) {
    if (outcome.stopRequested) return `The run was cancelled; training job ${name} was asked to stop.`
    if (outcome.leftRunning) return `The run was cancelled; training job ${name} keeps running (stop-on-cancel: false).`
    return `The run was cancelled.`
  }
  switch (outcome.status) {
    case 'Failed':
      return `Training job ${name} failed${reason || ' (SageMaker gave no reason)'}`
    case 'Stopped':
    case 'Stopping':
      if (outcome.secondaryStatus === 'MaxRuntimeExceeded')
        return `Training job ${name} was stopped: it ran past its maximum runtime (MaxRuntimeInSeconds)${reason}`
      if (outcome.secondaryStatus === 'MaxWaitTimeExceeded')
        return `Training job ${name} was stopped: spot capacity plus runtime exceeded MaxWaitTimeInSeconds${reason}`
      if (!outcome.stopRequested) return `Training job ${name} was stopped by someone else (not by this run)${reason}`
      return undefined
    default:
      return undefined
  }
}
