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
import type { EventEmitter } from 'node:events'
import type {
  CreateTrainingJobCommandInput,
  DescribeTrainingJobCommandOutput,
  SageMakerClient
} from '@aws-sdk/client-sagemaker'
import { sageMakerClient } from '../aws/clients.js'
import { errorAttempts, errorName, explainAwsError } from '../aws/errors.js'
import type { Settings } from '../config/settings.js'
import type { Log } from '../log.js'
import { guardAgainstCancel, RunCancelled } from './cancel.js'
import { DESCRIBE_CALL, describeJob, stopJob } from './describe.js'
import { FINGERPRINT_VARIABLE, requestDifferences } from './fingerprint.js'
import { withAttemptSuffix } from './name.js'
import { isRunningStatus, TERMINAL_STATUSES } from './status.js'

/** The job this run is about: one it created, or a running one it attached to. */
export interface SubmittedJob {
  name: string
  arn: string
  /** True when an existing job was reused instead of creating one. */
  attached: boolean
  /** The job's status when attached (created jobs start InProgress). */
  status?: string
}

/** What the submit needs from the action, and what it tells the action as it goes. */
export interface SubmitContext {
  log: Log
  /** The moment the job exists (created or attached): outputs and post-step state are set from it. */
  onJob(job: SubmittedJob): void
  /** A stop went through on cancel, or the job was deliberately left running: post has nothing to do. */
  onSettled(): void
  /** The commit's short hash, kept whole when `-N` is added to a long name. */
  shortSha: string
  /** Tests pass a client pointed at a local server; otherwise the one factory makes it. */
  client?: SageMakerClient
  /** Where cancel signals come from (default: the process). */
  signals?: EventEmitter
}

/** More attempts than anyone reruns by hand; stops a runaway loop if names keep colliding. */
const MAX_ATTEMPTS = 99

const CREATE_CALL = {
  service: 'SageMaker',
  operation: 'CreateTrainingJob',
  permissions: ['sagemaker:CreateTrainingJob', 'iam:PassRole on the execution role']
}

/**
 * Creates the training job (or attaches to it), applying `if-job-exists`:
 * - `auto`: a job of that name that is InProgress or Stopping and carries this request's
 *   fingerprint is attached to; any other makes the next attempt `<name>-2`, `-3`, ...
 * - `attach`: an existing job of that name with this request's fingerprint is reported
 *   whatever its status; one with another fingerprint is an error saying what differs.
 * - `new`: always a new job, at the first free attempt name.
 * - `fail`: an existing job of that name is an error.
 *
 * `requestFor(name)` returns the full, checked request for that job name (the container
 * arguments carry the name, so a `-2` attempt needs its own request).
 */
export async function submitJob(
  settings: Settings,
  baseName: string,
  requestFor: (name: string) => CreateTrainingJobCommandInput,
  ctx: SubmitContext
): Promise<SubmittedJob> {
  const { log } = ctx
  const client = ctx.client ?? (await sageMakerClient(settings.config.region))
  const { CreateTrainingJobCommand } = await import('@aws-sdk/client-sagemaker')
  const policy = settings.ifJobExists
  const startedAt = Date.now()

  // A cancel during CreateTrainingJob would otherwise kill the process before we
  // know the job's name, leaving it running with nothing to stop it.
  const guard = settings.wait
    ? guardAgainstCancel({
        stopOnCancel: settings.stopOnCancel,
        onSettled: ctx.onSettled,
        log,
        source: ctx.signals
      })
    : undefined

  const settle = async (job: SubmittedJob): Promise<SubmittedJob> => {
    ctx.onJob(job)
    guard?.arm(job.name, async () => void (await stopJob(client, job.name)))
    if (guard?.signal) {
      const stopped = await guard.stopped()
      throw new RunCancelled(
        `The run was cancelled (${guard.signal}) while training job ${job.name} was being submitted.`,
        stopped
      )
    }
    return job
  }

  try {
    let lookedUpMissing = false
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const name = attempt === 1 ? baseName : withAttemptSuffix(baseName, attempt, ctx.shortSha)
      const request = requestFor(name)
      if (request.TrainingJobName !== name)
        throw new Error(`The request for job ${name} names ${String(request.TrainingJobName)} instead.`)
      let arn: string
      try {
        arn = (await client.send(new CreateTrainingJobCommand(request))).TrainingJobArn ?? ''
      } catch (error) {
        if (errorName(error) !== 'ResourceInUse') throw explainAwsError(CREATE_CALL, error)
        const existing = await describeJob(client, name).catch((e: unknown) => {
          throw explainAwsError(DESCRIBE_CALL, e)
        })
        if (!existing) {
          // Gone between the two calls (deleted): the name is free again, once.
          if (lookedUpMissing) throw explainAwsError(CREATE_CALL, error)
          lookedUpMissing = true
          attempt--
          continue
        }
        // The SDK retried the create (a dropped connection, a 5xx) and the retry met
        // the job the first try made: that job is ours, not someone else's.
        if (errorAttempts(error) > 1 && isSameRequest(existing, request, startedAt)) {
          log.info(`Created training job ${name}.`)
          return await settle({ name, arn: existing.TrainingJobArn ?? '', attached: false, status: 'InProgress' })
        }
        const status = existing.TrainingJobStatus ?? 'unknown'
        const same = isSameFingerprint(existing, request)
        const decision = decide(policy, status, same)
        if (decision === 'fail') throw jobExistsError(name, status)
        if (decision === 'refuse') throw differentJobError(name, status, requestDifferences(existing, request))
        if (decision === 'attach') {
          log.info(
            isRunningStatus(status)
              ? `Training job ${name} is already ${status} with the same request (fingerprint ${fingerprintOf(request)}): attaching to it instead of starting another.`
              : `Training job ${name} already ended (${status}) with the same request: reporting it (if-job-exists: attach).`
          )
          return await settle({ name, arn: existing.TrainingJobArn ?? '', attached: true, status })
        }
        if (isRunningStatus(status) && !same) {
          log.info(
            `Training job ${name} is ${status}, but it is not this request (${requestDifferences(existing, request).join('; ') || `fingerprint ${fingerprintOf(existing) || 'none'} ≠ ${fingerprintOf(request)}`}); trying the next attempt.`
          )
        } else log.info(`Training job ${name} already exists (${status}); trying the next attempt.`)
        continue
      }
      log.info(`Created training job ${name}${attempt > 1 ? ` (attempt ${attempt})` : ''}.`)
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
  const existing = await describeJob(await sageMakerClient(settings.config.region), name).catch((e: unknown) => {
    throw explainAwsError(DESCRIBE_CALL, e)
  })
  if (existing) throw jobExistsError(name, existing.TrainingJobStatus ?? 'unknown')
}

/**
 * True when the post step has nothing to do for this job: the run does not wait for it
 * (leaving it running is the point), or it had already ended when this run attached to it.
 */
export function settledAtSubmit(settings: Pick<Settings, 'wait'>, job: SubmittedJob): boolean {
  return !settings.wait || TERMINAL_STATUSES.includes(job.status ?? '')
}

/**
 * What `if-job-exists` says to do about a job of the same name with this status; `same` is
 * whether it carries this request's fingerprint. A job that is not the same request is never
 * adopted: `auto` moves on to the next attempt name, `attach` refuses.
 */
export function decide(
  policy: Settings['ifJobExists'],
  status: string,
  same: boolean
): 'attach' | 'next' | 'fail' | 'refuse' {
  switch (policy) {
    case 'attach':
      return same ? 'attach' : 'refuse'
    case 'fail':
      return 'fail'
    case 'new':
      return 'next'
    case 'auto':
      return isRunningStatus(status) && same ? 'attach' : 'next'
  }
}

const fingerprintOf = (job: { Environment?: Record<string, string> }): string =>
  job.Environment?.[FINGERPRINT_VARIABLE] ?? ''

/** The job found carries the fingerprint of the request this run would send. */
function isSameFingerprint(
  existing: DescribeTrainingJobCommandOutput,
  request: CreateTrainingJobCommandInput
): boolean {
  const wanted = fingerprintOf(request)
  return wanted !== '' && fingerprintOf(existing) === wanted
}

function differentJobError(name: string, status: string, differences: string[]): Error {
  return new Error(
    `Training job ${name} exists (${status}) but is not the job this run would submit, so it is not attached to ` +
      `(if-job-exists: attach). What differs: ${differences.join('; ') || 'the request fingerprint'}. ` +
      `Use 'auto' to start the next attempt instead.`
  )
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
