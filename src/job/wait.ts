/**
 * Watching a training job to the end: status transitions and every instance's
 * logs in the step log, a summary of how it went, and a stop when the workflow
 * is cancelled.
 *
 * This is our own loop rather than the SDK's waiter: the waiter sleeps 2 minutes
 * between polls and up to 6 hours after a while, cannot stream logs, and treats
 * `Stopped` (even MaxRuntimeExceeded) as success.
 *
 * A poll is one DescribeTrainingJob and, once a training container may run, one
 * FilterLogEvents for the logs of every instance. Polls stretch while nothing changes
 * and tighten again on a change (see poll-schedule.ts); the stop on cancel does not wait
 * for the next poll.
 */
import type { DescribeTrainingJobCommandOutput, SageMakerClient } from '@aws-sdk/client-sagemaker'
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs'
import { logsClient, sageMakerClient } from '../aws/clients.js'
import { renewAfterExpiredCredentials } from '../aws/credentials.js'
import {
  errorName,
  explainAwsError,
  isExpiredCredentials,
  isThrottling,
  isTransient,
  isUnreadableAnswer
} from '../aws/errors.js'
import type { Settings } from '../config/settings.js'
import { errorMessage } from '../errors.js'
import type { Log } from '../log.js'
import { guardAgainstCancel } from './cancel.js'
import { DESCRIBE_CALL, describeJob, stopJob } from './describe.js'
import { LogTailer, type LogLine } from './logs.js'
import { absorbDescription, type WaitOutcome } from './outcome.js'
import { nextPoll, pollSchedule } from './poll-schedule.js'
import { callsLine, reportLines } from './report.js'
import { TERMINAL_STATUSES } from './status.js'
import { trainingJobConsoleUrl } from './urls.js'

/** Time as the loop sees it; tests and the bench pass a fake one. */
export interface Clock {
  now(): number
}

/** What the wait needs from the action, and injection points for tests and the bench. */
export interface WaitOptions {
  log: Log
  /** The job was stopped, left running on purpose, or ended: the post step has nothing to do. */
  onSettled(): void
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

/** Consecutive failed polls (not throttling) before giving up on the job's status. */
const MAX_FAILED_POLLS = 10
/** Secondary statuses during which no training container runs yet, so there are no logs to read. */
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
 * Polls until the job ends or the timeout elapses, streaming the logs, and stops the job if
 * the workflow is cancelled meanwhile (as `stop-on-cancel` says). A failed job is not an
 * error here: the outcome says how it ended and `jobFailure` turns that into the verdict.
 * Throws only when the job's status cannot be read at all (missing, no permission, AWS
 * unreachable for long), or when the run was cancelled and the stop did not go through
 * (the job still runs; the post step tries again).
 */
export async function waitForJob(settings: Settings, jobName: string, options: WaitOptions): Promise<WaitOutcome> {
  const { log } = options
  const clock = options.clock ?? realClock
  const sleep = options.sleep ?? realSleep
  const region = settings.config.region
  // Listening before anything else: a cancel while the clients load is still caught,
  // and the stop goes out as soon as there is a client to send it.
  const guard = guardAgainstCancel({
    stopOnCancel: settings.stopOnCancel,
    onSettled: options.onSettled,
    log,
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

  const schedule = pollSchedule(settings.pollIntervalSeconds)
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
    log,
    print: options.printLogs
  })
  const printed = new Set<string>()

  let stopError: unknown
  guard.arm(jobName, async () => {
    try {
      const result = await stopJob(stopper, jobName)
      outcome.stopRequested = result === 'stopping'
      if (result !== 'stopping') log.info(`Training job ${jobName} had already ended.`)
    } catch (error) {
      stopError = error
      throw error
    }
  })

  const wake = new AbortController()
  void guard.cancelled.then(() => wake.abort())

  log.info(`Waiting for training job ${jobName}: ${trainingJobConsoleUrl(region, jobName)}`)
  let interval = schedule.baseMs
  // What the last poll saw, to tell whether this one saw a change.
  let seenStatus: string | undefined
  let logsSinceChange = false
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
      let changed = false
      let gone = false
      try {
        outcome.stats.describeCalls++
        const job = await describeJob(sageMaker, jobName)
        if (!job) {
          gone = ++notFound > MAX_NOT_FOUND_POLLS || described !== undefined
          // Not a quiet job but one about to show up: look again at the set pace.
          changed = true
        } else {
          notFound = 0
          failedPolls = 0
          if ((job.$metadata.attempts ?? 1) > 1) pressure = 1.5
          absorbDescription(outcome, job, clock.now())
          if (outcome.instanceCount) tailer.setInstanceCount(outcome.instanceCount)
          if (job.CreationTime) tailer.startAt(job.CreationTime.getTime())
          for (const t of outcome.transitions) {
            const key = `${t.status}|${t.start.getTime()}|${t.message ?? ''}`
            if (printed.has(key)) continue
            printed.add(key)
            changed = true
            log.info(`${formatTime(t.start)}  ${t.status}${t.message ? `: ${t.message}` : ''}`)
          }
          const status = `${job.TrainingJobStatus ?? ''}|${job.SecondaryStatus ?? ''}`
          if (status !== seenStatus) changed = true
          seenStatus = status
          described = job
        }
      } catch (error) {
        if (guard.signal) break
        if (isExpiredCredentials(error)) {
          // With role-to-assume the action renews its own session and polls on; without it, the
          // workflow's session ran out: stop following the job, which goes on running.
          if (renewAfterExpiredCredentials(error)) {
            log.info('The AWS session expired; role-to-assume was assumed again.')
            continue
          }
          outcome.credentialsExpired = true
          break
        }
        if (isThrottling(error)) {
          outcome.stats.throttled++
          pressure = 2
        } else if ((isTransient(error) || isUnreadableAnswer(error)) && ++failedPolls < MAX_FAILED_POLLS) {
          outcome.stats.errors++
          pressure = 2
          log.info(
            `Could not read the job's status this time (${errorName(error) || errorMessage(error)}); trying again.`
          )
        } else throw readStatusError(jobName, region, error)
      }
      if (guard.signal) break
      if (gone) throw new Error(`Training job ${jobName} was not found in ${region}.`)

      const finished = TERMINAL_STATUSES.includes(described?.TrainingJobStatus ?? '')
      // Before the container starts there is nothing to log: reading would be wasted calls.
      // Once the job ended the logs are read one last time, for its final lines.
      const containerMayRun = finished || !BEFORE_CONTAINER.has(described?.SecondaryStatus ?? 'Starting')
      if (containerMayRun) {
        const tail = await tailer.poll()
        outcome.stats.logCalls += tail.calls
        if (tail.throttled) {
          outcome.stats.throttled++
          pressure = Math.max(pressure, 1.5)
        }
        // The logs changed when they start: the container's first lines, or its first since the
        // status last changed (after a spot restart, say). Lines that keep coming at every poll
        // are the job going on as before, and let the polls stretch.
        if (changed) logsSinceChange = false
        if (tail.lines > 0 && !logsSinceChange) {
          changed = true
          logsSinceChange = true
        }
      }
      if (finished || guard.signal) break
      if (lastPoll) {
        outcome.timedOut = true
        break
      }

      const next = nextPoll(schedule, { previousMs: interval, changed, pressure, remainingMs: deadline - clock.now() })
      interval = next.intervalMs
      await sleepUnlessCancelled(sleep, next.sleepMs, wake.signal)
      if (guard.signal) break
    }
  } finally {
    // A cancel is settled by the guard once its stop went through; anything else
    // (ended, timed out, status unreadable) leaves nothing for post to do.
    if (!guard.signal) {
      options.onSettled()
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

  if (outcome.credentialsExpired) {
    outcome.status = 'InProgress'
    log.warning(
      `The AWS credentials expired while waiting: training job ${jobName} keeps running and is no longer followed ` +
        `(last seen ${outcome.lastStatus ?? 'running'}${outcome.secondaryStatus ? `, ${outcome.secondaryStatus}` : ''}). ` +
        `To wait as long as training takes, set role-to-assume (the action then renews its own session), or make the ` +
        `session of configure-aws-credentials last longer (role-duration-seconds, and the role's maximum session ` +
        `duration). Follow the job at ${trainingJobConsoleUrl(region, jobName)}`
    )
  }
  if (outcome.timedOut) {
    outcome.status = 'WaitTimedOut'
    log.warning(
      `Stopped waiting after ${settings.waitTimeoutMinutes} minutes (wait-timeout-minutes): training job ${jobName} is ` +
        `still ${outcome.lastStatus ?? 'running'}${outcome.secondaryStatus ? ` (${outcome.secondaryStatus})` : ''} and keeps running. ` +
        `Follow it at ${trainingJobConsoleUrl(region, jobName)}`
    )
  }
  for (const line of reportLines(outcome)) log.info(line)
  log.debug(callsLine(outcome))
  return outcome
}

/** Why the job's status could not be read, naming the call. */
function readStatusError(jobName: string, region: string, error: unknown): Error {
  const explained = explainAwsError(DESCRIBE_CALL, error)
  return new Error(`Could not read the status of training job ${jobName} (${region}): ${explained.message}`)
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

/** `2026-11-22 09:41:03Z` */
function formatTime(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')}Z`
}
