/**
 * Submitting the training job, safely under reruns: one action run creates at
 * most one job, and a rerun of the same commit either attaches to the job that
 * is still running or starts the next attempt (`<name>-2`, `-3`, ...), as
 * `if-job-exists` says.
 *
 * CreateTrainingJob is tried first and the existing job is only looked at when
 * SageMaker answers ResourceInUse: the usual case (a new commit) costs one call,
 * and a job created by someone else between a check and a create cannot slip
 * through, because there is no separate check.
 */
import * as core from './runner.js'
import type { EventEmitter } from 'node:events'
import type {
  CreateTrainingJobCommandInput,
  DescribeTrainingJobCommandOutput,
  SageMakerClient
} from '@aws-sdk/client-sagemaker'
import { sageMakerClient } from './aws-clients.js'
import { State } from './constants.js'
import { errorMessage } from './errors.js'
import { guardAgainstCancel } from './cancel.js'
import { describeJob, errorAttempts, errorName, isRunningStatus, stopJob, TERMINAL_STATUSES } from './job-aws.js'
import { withAttemptSuffix } from './naming.js'
import type { Settings } from './settings.js'
import * as state from './state.js'

export interface JobHooks {
  /** Called the moment the job exists (created or attached): the lead sets job-name/job-arn/console-url/logs-url outputs and saves state for post. */
  onJob(job: { name: string; arn: string; attached: boolean }): void
}

/** The job this run is about: one it created, or a running one it attached to. */
export interface SubmittedJob {
  name: string
  arn: string
  /** True when an existing job was reused instead of creating one. */
  attached: boolean
  /** The job's status when attached (created jobs start InProgress). */
  status?: string
}

/** Optional extras for `submitJob`; main needs none but `shortSha`. */
export interface SubmitOptions {
  /** The commit's short hash, kept whole when `-N` is added to a long name. Found in the request when not given. */
  shortSha?: string
  /** Tests pass a client pointed at a local server; otherwise the one factory makes it. */
  client?: SageMakerClient
  /** Where cancel signals come from (default: the process). */
  signals?: EventEmitter
}

/** More attempts than anyone reruns by hand; stops a runaway loop if names keep colliding. */
const MAX_ATTEMPTS = 99

/**
 * Creates the training job (or attaches to it), applying `if-job-exists`:
 * - `auto`: a job of that name that is InProgress or Stopping is attached to; one
 *   that ended makes the next attempt `<name>-2`, `-3`, ...
 * - `attach`: an existing job of that name is reported whatever its status.
 * - `new`: always a new job, at the first free attempt name.
 * - `fail`: an existing job of that name is an error.
 *
 * `requestFor(name)` returns the full, validated CreateTrainingJobRequest for that job name (the container args embed the name, so a -2 attempt needs a rebuilt request). baseName is the name from the template.
 */
export async function submitJob(
  settings: Settings,
  baseName: string,
  requestFor: (name: string) => CreateTrainingJobCommandInput,
  hooks: JobHooks,
  options: SubmitOptions = {}
): Promise<SubmittedJob> {
  const client = options.client ?? (await sageMakerClient(settings.config.region))
  const { CreateTrainingJobCommand } = await import('@aws-sdk/client-sagemaker')
  // The request builder always records the short hash in the container's lineage environment.
  const shortSha = options.shortSha ?? requestFor(baseName).Environment?.TRAIN_ON_PUSH_SHORT_SHA ?? ''
  const policy = settings.ifJobExists
  const startedAt = Date.now()

  // A cancel during CreateTrainingJob would otherwise kill the process before we
  // know the job's name, leaving it running with nothing to stop it.
  const guard = settings.wait
    ? guardAgainstCancel({
        stopOnCancel: settings.stopOnCancel,
        onSettled: () => state.save(State.JobSettled, 'true'),
        source: options.signals
      })
    : undefined

  const settle = async (job: SubmittedJob): Promise<SubmittedJob> => {
    rememberForPost(settings, job)
    hooks.onJob({ name: job.name, arn: job.arn, attached: job.attached })
    guard?.arm(job.name, async () => void (await stopJob(client, job.name)))
    if (guard?.signal) {
      await guard.stopped()
      throw new Error(`The run was cancelled (${guard.signal}) while training job ${job.name} was being submitted.`)
    }
    return job
  }

  try {
    let lookedUpMissing = false
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const name = attempt === 1 ? baseName : withAttemptSuffix(baseName, attempt, shortSha)
      const request = requestFor(name)
      if (request.TrainingJobName !== name)
        throw new Error(`The request for job ${name} names ${String(request.TrainingJobName)} instead.`)
      let arn: string
      try {
        arn = (await client.send(new CreateTrainingJobCommand(request))).TrainingJobArn ?? ''
      } catch (error) {
        if (errorName(error) !== 'ResourceInUse') throw createError(name, error)
        const existing = await describeJob(client, name)
        if (!existing) {
          // Gone between the two calls (deleted): the name is free again, once.
          if (lookedUpMissing) throw createError(name, error)
          lookedUpMissing = true
          attempt--
          continue
        }
        // The SDK retried the create (a dropped connection, a 5xx) and the retry met
        // the job the first try made: that job is ours, not someone else's.
        if (errorAttempts(error) > 1 && isSameRequest(existing, request, startedAt)) {
          core.info(`Created training job ${name}.`)
          return await settle({
            name,
            arn: existing.TrainingJobArn ?? '',
            attached: false,
            status: 'InProgress'
          })
        }
        const status = existing.TrainingJobStatus ?? 'unknown'
        const decision = decide(policy, status)
        if (decision === 'fail') throw jobExistsError(name, status)
        if (decision === 'attach') {
          core.info(
            isRunningStatus(status)
              ? `Training job ${name} is already ${status}: attaching to it instead of starting another.`
              : `Training job ${name} already ended (${status}): reporting it (if-job-exists: attach).`
          )
          return await settle({ name, arn: existing.TrainingJobArn ?? '', attached: true, status })
        }
        core.info(`Training job ${name} already exists (${status}); trying the next attempt.`)
        continue
      }
      core.info(`Created training job ${name}${attempt > 1 ? ` (attempt ${attempt})` : ''}.`)
      return await settle({ name, arn, attached: false, status: 'InProgress' })
    }
    throw new Error(`Training job names ${baseName} to ${baseName}-${MAX_ATTEMPTS} are all taken.`)
  } finally {
    guard?.dispose()
  }
}

function jobExistsError(name: string, status: string): Error {
  return new Error(
    `Training job ${name} already exists (${status}) and if-job-exists is 'fail'. ` +
      `Use 'auto' to attach to a running job or start the next attempt, or 'new' to always start one.`
  )
}

/**
 * With `if-job-exists: fail`, a job of that name ends the run before the image is built
 * and pushed, not after. The other policies always end in a job, so they need no look.
 */
export async function refuseExistingJob(settings: Settings, name: string): Promise<void> {
  if (settings.ifJobExists !== 'fail') return
  const existing = await describeJob(await sageMakerClient(settings.config.region), name)
  if (existing) throw jobExistsError(name, existing.TrainingJobStatus ?? 'unknown')
}

/** What `if-job-exists` says to do about a job of the same name with this status. */
export function decide(policy: Settings['ifJobExists'], status: string): 'attach' | 'next' | 'fail' {
  switch (policy) {
    case 'attach':
      return 'attach'
    case 'fail':
      return 'fail'
    case 'new':
      return 'next'
    case 'auto':
      return isRunningStatus(status) ? 'attach' : 'next'
  }
}

/**
 * The job found is the one our own request made when it carries the same
 * environment (the TRAIN_ON_PUSH_* lineage includes the run and its attempt) and
 * was created during this submission.
 */
function isSameRequest(
  existing: DescribeTrainingJobCommandOutput,
  request: CreateTrainingJobCommandInput,
  startedAt: number
): boolean {
  const wanted = request.Environment ?? {}
  const found = existing.Environment ?? {}
  const keys = Object.keys(wanted)
  if (keys.length === 0 || keys.length !== Object.keys(found).length) return false
  if (!keys.every((k) => found[k] === wanted[k])) return false
  const created = existing.CreationTime?.getTime()
  // Generous for clock skew; a rerun's job is minutes or days older.
  return created === undefined || created >= startedAt - 5 * 60_000
}

function createError(name: string, error: unknown): Error {
  const code = errorName(error)
  const hint =
    code === 'ResourceLimitExceeded'
      ? ' (an account quota: request an increase for this instance type in Service Quotas, or use another type)'
      : code === 'AccessDeniedException'
        ? ' (the credentials need sagemaker:CreateTrainingJob and iam:PassRole on the execution role)'
        : ''
  return new Error(`Could not create training job ${name}: ${code ? `${code}: ` : ''}${errorMessage(error)}${hint}`)
}

/** State the post step reads to stop a job this run was cancelled out of watching. */
function rememberForPost(settings: Settings, job: SubmittedJob): void {
  state.save(State.JobName, job.name)
  state.save(State.JobRegion, settings.config.region)
  state.save(State.StopOnCancel, String(settings.stopOnCancel))
  // Not waiting means leaving the job running on purpose; an ended job needs no stop.
  if (!settings.wait || TERMINAL_STATUSES.includes(job.status ?? '')) state.save(State.JobSettled, 'true')
}

/**
 * Post step: stop a job that main left running because it was cancelled before it could (reads state: State.JobName, State.JobRegion, State.JobSettled, State.StopOnCancel). Warnings only.
 */
export async function stopAbandonedJob(options: { client?: SageMakerClient } = {}): Promise<void> {
  const name = state.load(State.JobName)
  if (!name || state.load(State.JobSettled) === 'true') return
  if (state.load(State.StopOnCancel) !== 'true') {
    core.info(`Training job ${name} was left running (stop-on-cancel: false).`)
    return
  }
  try {
    const region = state.load(State.JobRegion)
    const client = options.client ?? (await sageMakerClient(region))
    const result = await stopJob(client, name)
    if (result === 'stopping')
      core.info(`The run ended while training job ${name} was running: asked SageMaker to stop it.`)
    else if (result === 'ended') core.info(`Training job ${name} had already ended.`)
    else core.info(`Training job ${name} does not exist; nothing to stop.`)
    state.save(State.JobSettled, 'true')
  } catch (error) {
    core.warning(`Could not stop training job ${name}: ${errorMessage(error)}. Stop it in the SageMaker console.`)
  }
}
