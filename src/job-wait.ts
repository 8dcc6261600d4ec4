/**
 * Watching a training job to the end: status transitions and every instance's
 * logs in the step log, a summary of how it went, and a stop when the workflow
 * is cancelled.
 *
 * This is our own loop rather than the SDK's waiter: the waiter sleeps 2 minutes
 * between polls and up to 6 hours after a while, cannot stream logs, and treats
 * `Stopped` (even MaxRuntimeExceeded) as success.
 */
import * as core from './runner.js'
import type { DescribeTrainingJobCommandOutput, SageMakerClient } from '@aws-sdk/client-sagemaker'
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs'
import { logsClient, sageMakerClient } from './aws-clients.js'
import { guardAgainstCancel } from './cancel.js'
import { State } from './constants.js'
import { errorMessage } from './errors.js'
import {
  describeJob,
  errorName,
  isJobNotFound,
  isThrottling,
  isTransient,
  stopJob,
  TERMINAL_STATUSES
} from './job-aws.js'
import { LogTailer, type LogLine } from './job-logs.js'
import { trainingJobConsoleUrl } from './job-urls.js'
import type { JobOutcome, StatusTransition } from './result.js'
import type { Settings } from './settings.js'
import * as state from './state.js'
import { spotSaving } from './summary.js'

/** Time as the loop sees it; tests and the bench pass a fake one. */
export interface Clock {
  now(): number
}

/** Injection points for tests and the bench; main passes none. */
export interface WaitOptions {
  clock?: Clock
  /** Must advance `clock` by `ms` when both are fakes; may end early when `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  /** Clients pointed elsewhere (tests); otherwise the one factory makes them. */
  clients?: { sageMaker: SageMakerClient; logs: CloudWatchLogsClient }
  /** Where log lines go (default: the step log). */
  printLogs?: (lines: LogLine[], multiInstance: boolean) => void
  /** Where signals come from (default: the process). */
  signals?: NodeJS.EventEmitter
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

const realClock: Clock = { now: () => Date.now() }
// Abortable, so a cancelled run does not sit out the rest of a poll interval before exiting.
const realSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms)
    function done(): void {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    signal?.addEventListener('abort', done)
  })

/** Under throttling the interval doubles up to this (or 8× the set interval, if larger). */
const MAX_BACKOFF_MS = 60_000
/** Consecutive failed polls (not throttling) before giving up on the job's status. */
const MAX_FAILED_POLLS = 10
/** Secondary statuses during which no training container runs yet, so no log stream can appear. */
const BEFORE_CONTAINER = new Set([
  'Starting',
  'Pending',
  'LaunchingMLInstances',
  'PreparingTrainingStack',
  'Downloading',
  'DownloadingTrainingImage'
])
/** A just-created job can be briefly unknown to Describe. */
const MAX_NOT_FOUND_POLLS = 3

/**
 * Polls until the job ends or the timeout elapses; streams logs; installs the cancel handler (per settings.stopOnCancel) for its duration. Fills and returns a JobOutcome-compatible partial (status, secondaryStatus, failureReason, transitions, metrics, modelArtifacts, trainingSeconds, billableSeconds). Does NOT throw for a failed job: returns the outcome; see `jobFailure`. Throws only when the job's status cannot be read at all (missing, no permission, AWS unreachable for long), or when the run was cancelled and the stop did not go through (the job still runs; post retries).
 */
export async function waitForJob(settings: Settings, jobName: string, options: WaitOptions = {}): Promise<WaitOutcome> {
  const clock = options.clock ?? realClock
  const sleep = options.sleep ?? realSleep
  const region = settings.config.region
  // Listening before anything else: a cancel while the clients load is still caught,
  // and the stop goes out as soon as there is a client to send it.
  const guard = guardAgainstCancel({
    stopOnCancel: settings.stopOnCancel,
    onSettled: () => state.save(State.JobSettled, 'true'),
    source: options.signals
  })
  let sageMaker: SageMakerClient
  let stopper: SageMakerClient
  let logs: CloudWatchLogsClient
  try {
    sageMaker = options.clients?.sageMaker ?? (await sageMakerClient(region))
    // Its own client: the adaptive rate limiter is per client, and after heavy throttling of
    // the polls it could hold back the one call that has to go out at once.
    stopper = options.clients?.sageMaker ?? (await sageMakerClient(region))
    logs = options.clients?.logs ?? (await logsClient(region))
    // Loaded now so that a stop on cancel does not wait for a module to load.
    await import('@aws-sdk/client-sagemaker')
  } catch (error) {
    guard.dispose()
    throw error
  }

  const baseInterval = Math.max(1, settings.pollIntervalSeconds) * 1000
  const maxInterval = Math.max(baseInterval * 8, MAX_BACKOFF_MS)
  const started = clock.now()
  const deadline = settings.waitTimeoutMinutes === undefined ? Infinity : started + settings.waitTimeoutMinutes * 60_000

  const outcome: WaitOutcome = {
    name: jobName,
    status: undefined,
    transitions: [],
    metrics: [],
    timedOut: false,
    cancelled: false,
    stopRequested: false,
    spot: settings.config.spot,
    instanceCount: settings.config.instanceCount,
    stats: { polls: 0, describeCalls: 0, logCalls: 0, throttled: 0, errors: 0 }
  }
  const tailer = new LogTailer(logs, jobName, {
    instanceCount: settings.config.instanceCount,
    print: options.printLogs
  })
  const printed = new Set<string>()

  let stopError: unknown
  guard.arm(jobName, async () => {
    try {
      const result = await stopJob(stopper, jobName)
      outcome.stopRequested = result === 'stopping'
      if (result !== 'stopping') core.info(`Training job ${jobName} had already ended.`)
    } catch (error) {
      stopError = error
      throw error
    }
  })

  const wake = new AbortController()
  void guard.cancelled.then(() => wake.abort())

  core.info(`Waiting for training job ${jobName}: ${trainingJobConsoleUrl(region, jobName)}`)
  let interval = baseInterval
  let failedPolls = 0
  let notFound = 0
  let described: DescribeTrainingJobCommandOutput | undefined
  try {
    for (;;) {
      // The poll at the deadline is the last, so the outcome has the freshest status.
      const lastPoll = clock.now() >= deadline
      outcome.stats.polls++
      // How hard AWS pushed back this poll: 1.5 when the SDK had to retry, 2 when even that failed.
      let pressure = 1
      try {
        outcome.stats.describeCalls++
        const job = await describeJob(sageMaker, jobName)
        if (!job) {
          if (++notFound > MAX_NOT_FOUND_POLLS || described)
            throw new Error(`Training job ${jobName} was not found in ${region}.`)
        } else {
          notFound = 0
          failedPolls = 0
          if ((job.$metadata.attempts ?? 1) > 1) pressure = 1.5
          absorb(outcome, job, printed, tailer, clock, described === undefined)
          described = job
        }
      } catch (error) {
        if (guard.signal) break
        if (isThrottling(error)) {
          outcome.stats.throttled++
          pressure = 2
        } else if (isTransient(error) && ++failedPolls < MAX_FAILED_POLLS) {
          outcome.stats.errors++
          pressure = 2
          core.info(
            `Could not read the job's status this time (${errorName(error) || errorMessage(error)}); trying again.`
          )
        } else throw describeError(jobName, error)
      }
      if (guard.signal) break

      const finished = TERMINAL_STATUSES.includes(described?.TrainingJobStatus ?? '')
      // Before the container starts there is nothing to log; looking for streams would be wasted calls.
      const containerMayRun = finished || !BEFORE_CONTAINER.has(described?.SecondaryStatus ?? 'Starting')
      const tail = await tailer.poll(containerMayRun)
      outcome.stats.logCalls += tail.calls
      if (tail.throttled) {
        outcome.stats.throttled++
        pressure = Math.max(pressure, 1.5)
      }
      if (finished || guard.signal) break
      if (lastPoll) {
        outcome.timedOut = true
        break
      }

      // Back off while AWS pushes back; come back to the set pace once it stops.
      interval =
        pressure > 1
          ? Math.min(Math.round(interval * pressure), maxInterval)
          : Math.max(baseInterval, Math.floor(interval / 2))
      await sleepUnlessCancelled(sleep, Math.max(0, Math.min(interval, deadline - clock.now())), wake.signal)
      if (guard.signal) break
    }
  } finally {
    // A cancel is settled by the guard once its stop went through; anything else
    // (ended, timed out, status unreadable) leaves nothing for post to do.
    if (!guard.signal) {
      state.save(State.JobSettled, 'true')
      guard.dispose()
    }
  }

  if (guard.signal) {
    outcome.cancelled = true
    outcome.leftRunning = !settings.stopOnCancel
    const stopped = await guard.stopped()
    guard.dispose()
    if (stopped) {
      // What SageMaker now says, without another call: the stop was accepted.
      outcome.status = 'Stopping'
      outcome.secondaryStatus = 'Stopping'
    }
    // An error, not an outcome: the job is still running and nothing may mark it settled,
    // so that the post step tries the stop again.
    if (stopError !== undefined)
      throw new Error(
        `The run was cancelled (${guard.signal}) and training job ${jobName} could not be stopped: ` +
          `${errorMessage(stopError)}. Stop it in the SageMaker console if the post step cannot: ` +
          trainingJobConsoleUrl(region, jobName)
      )
    return outcome
  }

  if (outcome.timedOut) {
    outcome.status = 'WaitTimedOut'
    core.warning(
      `Stopped waiting after ${settings.waitTimeoutMinutes} minutes (wait-timeout-minutes): training job ${jobName} is ` +
        `still ${outcome.lastStatus ?? 'running'}${outcome.secondaryStatus ? ` (${outcome.secondaryStatus})` : ''} and keeps running. ` +
        `Follow it at ${trainingJobConsoleUrl(region, jobName)}`
    )
  }
  report(outcome)
  return outcome
}

/**
 * Sleeps, but wakes as soon as `signal` aborts, even if an injected sleep ignores
 * the signal. A listener per sleep, removed after, so long waits do not pile them up.
 */
function sleepUnlessCancelled(
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>,
  ms: number,
  signal: AbortSignal
): Promise<void> {
  if (signal.aborted) return Promise.resolve()
  return new Promise((resolve) => {
    const done = (): void => {
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done)
    sleep(ms, signal).then(done, done)
  })
}

/** Copies what DescribeTrainingJob says into the outcome, printing new status transitions. */
function absorb(
  outcome: WaitOutcome,
  job: DescribeTrainingJobCommandOutput,
  printed: Set<string>,
  tailer: LogTailer,
  clock: Clock,
  firstLook: boolean
): void {
  outcome.status = job.TrainingJobStatus
  outcome.lastStatus = job.TrainingJobStatus
  outcome.secondaryStatus = job.SecondaryStatus
  outcome.failureReason = job.FailureReason || undefined
  outcome.modelArtifacts = job.ModelArtifacts?.S3ModelArtifacts
  outcome.trainingSeconds = job.TrainingTimeInSeconds
  outcome.billableSeconds = job.BillableTimeInSeconds
  if (job.EnableManagedSpotTraining !== undefined) outcome.spot = job.EnableManagedSpotTraining
  const count =
    job.ResourceConfig?.InstanceCount ??
    job.ResourceConfig?.InstanceGroups?.reduce((n, g) => n + (g.InstanceCount ?? 0), 0)
  if (count) {
    outcome.instanceCount = count
    tailer.setInstanceCount(count)
  }
  outcome.metrics = (job.FinalMetricDataList ?? []).map((m) => ({
    name: m.MetricName ?? '',
    value: m.Value ?? NaN
  }))
  if (outcome.spot) outcome.spotSavingPercent = spotSaving(outcome)

  const transitions: StatusTransition[] = (job.SecondaryStatusTransitions ?? []).map((t) => ({
    status: t.Status ?? '',
    start: t.StartTime ?? new Date(clock.now()),
    end: t.EndTime,
    message: t.StatusMessage || undefined
  }))
  if (transitions.length === 0 && job.SecondaryStatus) {
    // Older or partial answers carry no transitions: keep our own record of the changes seen.
    const last = outcome.transitions.at(-1)
    if (last?.status !== job.SecondaryStatus) {
      if (last) last.end = new Date(clock.now())
      outcome.transitions.push({ status: job.SecondaryStatus, start: new Date(clock.now()) })
    }
  } else outcome.transitions = transitions

  for (const t of outcome.transitions) {
    const key = `${t.status}|${t.start.getTime()}|${t.message ?? ''}`
    if (printed.has(key)) continue
    printed.add(key)
    core.info(`${formatTime(t.start)}  ${t.status}${t.message ? `: ${t.message}` : ''}`)
    // A spot interruption brings the instances back with new log streams.
    if (!firstLook && (t.status === 'Interrupted' || t.status === 'Restarting'))
      tailer.expectRestart(outcome.instanceCount ?? 1)
  }
}

/** Prints how the job ended, as the SageMaker Python SDK does at the end of `fit()`. */
function report(outcome: WaitOutcome): void {
  const count = outcome.instanceCount ?? 1
  const lines = [
    `Training job ${outcome.name}: ${outcome.status}${outcome.secondaryStatus && outcome.secondaryStatus !== outcome.status ? ` (${outcome.secondaryStatus})` : ''}`
  ]
  if (outcome.failureReason) lines.push(`Failure reason: ${outcome.failureReason}`)
  if (outcome.metrics.length > 0) {
    lines.push('Final metrics:')
    for (const m of outcome.metrics) lines.push(`  ${m.name} = ${m.value}`)
  }
  const times = (label: string, seconds: number | undefined): void => {
    if (seconds === undefined) return
    lines.push(`${label}: ${seconds}${count > 1 ? ` per instance, ${seconds * count} in total` : ''}`)
  }
  times('Training seconds', outcome.trainingSeconds)
  times('Billable seconds', outcome.billableSeconds)
  if (outcome.spotSavingPercent !== undefined)
    lines.push(`Managed spot training saving: ${outcome.spotSavingPercent.toFixed(1)}%`)
  if (outcome.modelArtifacts && outcome.status === 'Completed') lines.push(`Model artifacts: ${outcome.modelArtifacts}`)
  for (const line of lines) core.info(line)
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

function describeError(jobName: string, error: unknown): Error {
  if (error instanceof Error && /was not found/.test(error.message)) return error
  const code = errorName(error)
  const hint = code === 'AccessDeniedException' ? ' (the credentials need sagemaker:DescribeTrainingJob)' : ''
  const what = isJobNotFound(error) ? 'not found' : `${code ? `${code}: ` : ''}${errorMessage(error)}`
  return new Error(`Could not read the status of training job ${jobName}: ${what}${hint}`)
}

/** `2026-11-22 09:41:03Z` */
function formatTime(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')}Z`
}
