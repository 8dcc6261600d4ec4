/**
 * A stateful SageMaker for the local AWS-protocol server: training jobs that
 * move through a scripted progression as they are described, answering the way
 * AWS does where it matters to the action:
 * - CreateTrainingJob of a taken name → ResourceInUse;
 * - DescribeTrainingJob of an unknown name → ValidationException "Requested resource not found.";
 * - StopTrainingJob → Stopping, then Stopped at the next describe; of an ended job →
 *   ValidationException "... is in status Stopped.".
 */
import { AwsFault, type FakeAws } from './fake-aws.js'

export type Status = 'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped'

/** One state the job moves to, when enough describes or time have passed since the previous step. */
export interface JobStep {
  status: Status
  secondary: string
  message?: string
  /** Reached at the n-th DescribeTrainingJob of this job (counting from its creation). */
  afterCalls?: number
  /** Reached once this many ms (on the fake's clock) have passed since creation. */
  afterMs?: number
  /** Runs when the step is reached (e.g. to write log lines). */
  onEnter?: (job: FakeJob) => void
}

export interface JobScript {
  /** After the initial InProgress/Starting. Steps without a condition are reached one per describe. */
  steps: JobStep[]
  failureReason?: string
  metrics?: { name: string; value: number }[]
  trainingSeconds?: number
  billableSeconds?: number
}

export interface FakeJob {
  name: string
  arn: string
  request: any
  status: Status
  secondary: string
  failureReason?: string
  transitions: { Status: string; StartTime: Date; EndTime?: Date; StatusMessage?: string }[]
  describeCalls: number
  createdAt: number
  startedAt?: number
  endedAt?: number
  /** Index of the next step to reach. */
  next: number
  script: JobScript
  stopRequested: boolean
  /** Describe count when StopTrainingJob arrived; the next describe finds it Stopped. */
  stoppingSince?: number
}

export interface FakeSageMaker {
  jobs: Map<string, FakeJob>
  /** Script a job before it is created (by name), or the default for any job. */
  script(name: string | '*', script: JobScript): void
  /** Creates a job directly, as if another run had (or as a fault plan that "loses" the answer). */
  create(request: any): FakeJob
  /** A job that already exists in the given state. */
  seed(name: string, status: Status, secondary?: string, extra?: Partial<FakeJob>): FakeJob
  /** Names StopTrainingJob was called with, in order. */
  stops: string[]
}

const TERMINAL: Status[] = ['Completed', 'Failed', 'Stopped']
const account = '123456789012'

/** The usual life of a job that succeeds, one step per describe. */
export const quickSuccess = (metrics = [{ name: 'validation:loss', value: 0.25 }]): JobScript => ({
  steps: [
    { status: 'InProgress', secondary: 'Downloading', message: 'Downloading the training image' },
    {
      status: 'InProgress',
      secondary: 'Training',
      message: 'Training image download completed. Training in progress.'
    },
    { status: 'InProgress', secondary: 'Uploading', message: 'Uploading generated training model' },
    { status: 'Completed', secondary: 'Completed', message: 'Training job completed' }
  ],
  metrics,
  trainingSeconds: 120,
  billableSeconds: 120
})

/** Registers the SageMaker handlers on the fake server. `now` is the clock for times and `afterMs`. */
export function fakeSageMaker(aws: FakeAws, options: { now?: () => number; region?: string } = {}): FakeSageMaker {
  const now = options.now ?? Date.now
  const region = options.region ?? 'us-east-1'
  const jobs = new Map<string, FakeJob>()
  const scripts = new Map<string, JobScript>()
  const stops: string[] = []

  const transition = (job: FakeJob, status: string, message?: string): void => {
    const at = new Date(now())
    const last = job.transitions.at(-1)
    if (last && !last.EndTime) last.EndTime = at
    job.transitions.push({
      Status: status,
      StartTime: at,
      ...(message ? { StatusMessage: message } : {})
    })
  }

  const enter = (job: FakeJob, step: JobStep): void => {
    job.status = step.status
    if (step.secondary !== job.secondary) transition(job, step.secondary, step.message)
    job.secondary = step.secondary
    if (step.secondary === 'Training' && job.startedAt === undefined) job.startedAt = now()
    if (TERMINAL.includes(step.status)) finish(job)
    step.onEnter?.(job)
  }

  const finish = (job: FakeJob): void => {
    job.endedAt = now()
    const last = job.transitions.at(-1)
    if (last && !last.EndTime) last.EndTime = new Date(job.endedAt)
    if (job.status === 'Failed')
      job.failureReason = job.script.failureReason ?? 'AlgorithmError: training script exited with 1'
  }

  const create = (request: any): FakeJob => {
    const name: string = request.TrainingJobName
    const job: FakeJob = {
      name,
      arn: `arn:aws:sagemaker:${region}:${account}:training-job/${name.toLowerCase()}`,
      request,
      status: 'InProgress',
      secondary: 'Starting',
      transitions: [],
      describeCalls: 0,
      createdAt: now(),
      next: 0,
      script: scripts.get(name) ?? scripts.get('*') ?? quickSuccess(),
      stopRequested: false
    }
    transition(job, 'Starting', 'Preparing the instances for training')
    jobs.set(name, job)
    return job
  }

  const advance = (job: FakeJob): void => {
    if (job.status === 'Stopping' && job.stoppingSince !== undefined && job.describeCalls > job.stoppingSince) {
      job.status = 'Stopped'
      job.secondary = 'Stopped'
      transition(job, 'Stopped', 'Training job stopped')
      finish(job)
      return
    }
    if (TERMINAL.includes(job.status)) return
    for (;;) {
      const step = job.script.steps[job.next]
      if (!step) return
      const byCalls = step.afterCalls === undefined || job.describeCalls >= step.afterCalls
      const byTime = step.afterMs === undefined || now() - job.createdAt >= step.afterMs
      if (!byCalls || !byTime) return
      job.next++
      enter(job, step)
      // Unconditioned steps advance one per describe; timed or counted ones catch up at once.
      if (step.afterCalls === undefined && step.afterMs === undefined) return
      if (TERMINAL.includes(job.status)) return
    }
  }

  const describe = (job: FakeJob): Record<string, unknown> => {
    const r = job.request
    const ended = job.endedAt !== undefined
    const seconds = (fallback: number | undefined): number =>
      fallback ?? Math.max(1, Math.round(((job.endedAt ?? now()) - (job.startedAt ?? job.createdAt)) / 1000))
    return {
      TrainingJobName: job.name,
      TrainingJobArn: job.arn,
      TrainingJobStatus: job.status,
      SecondaryStatus: job.secondary,
      ...(job.failureReason ? { FailureReason: job.failureReason } : {}),
      ModelArtifacts: {
        S3ModelArtifacts: `${r.OutputDataConfig?.S3OutputPath ?? 's3://bucket/out'}/${job.name}/output/model.tar.gz`
      },
      AlgorithmSpecification: r.AlgorithmSpecification,
      RoleArn: r.RoleArn,
      OutputDataConfig: r.OutputDataConfig,
      ResourceConfig: r.ResourceConfig,
      StoppingCondition: r.StoppingCondition ?? { MaxRuntimeInSeconds: 86400 },
      EnableManagedSpotTraining: r.EnableManagedSpotTraining ?? false,
      ...(r.Environment ? { Environment: r.Environment } : {}),
      ...(r.HyperParameters ? { HyperParameters: r.HyperParameters } : {}),
      CreationTime: new Date(job.createdAt),
      LastModifiedTime: new Date(now()),
      ...(job.startedAt !== undefined ? { TrainingStartTime: new Date(job.startedAt) } : {}),
      ...(ended ? { TrainingEndTime: new Date(job.endedAt!) } : {}),
      SecondaryStatusTransitions: job.transitions,
      ...(ended && job.status === 'Completed'
        ? {
            FinalMetricDataList: (job.script.metrics ?? []).map((m) => ({
              MetricName: m.name,
              Value: m.value,
              Timestamp: new Date(job.endedAt!)
            }))
          }
        : {}),
      ...(ended && job.startedAt !== undefined
        ? {
            TrainingTimeInSeconds: seconds(job.script.trainingSeconds),
            BillableTimeInSeconds: seconds(job.script.billableSeconds ?? job.script.trainingSeconds)
          }
        : {})
    }
  }

  aws.on('SageMaker.CreateTrainingJob', (input) => {
    const existing = jobs.get(input.TrainingJobName)
    if (existing)
      throw new AwsFault(
        'ResourceInUse',
        `Training job names must be unique within an AWS account and region, and a training job with this name already exists (${existing.arn})`
      )
    return { TrainingJobArn: create(input).arn }
  })

  aws.on('SageMaker.DescribeTrainingJob', (input) => {
    const job = jobs.get(input.TrainingJobName)
    if (!job) throw new AwsFault('ValidationException', 'Requested resource not found.')
    job.describeCalls++
    advance(job)
    return describe(job)
  })

  aws.on('SageMaker.StopTrainingJob', (input) => {
    stops.push(input.TrainingJobName)
    const job = jobs.get(input.TrainingJobName)
    if (!job) throw new AwsFault('ValidationException', 'Requested resource not found.')
    if (TERMINAL.includes(job.status))
      throw new AwsFault(
        'ValidationException',
        `The request was rejected because the training job is in status ${job.status}.`
      )
    job.stopRequested = true
    job.stoppingSince ??= job.describeCalls
    if (job.status !== 'Stopping') {
      job.status = 'Stopping'
      job.secondary = 'Stopping'
      transition(job, 'Stopping', 'Stopping the training job')
    }
    return {}
  })

  return {
    jobs,
    stops,
    script: (name, script) => void scripts.set(name, script),
    create,
    seed(name, status, secondary, extra = {}) {
      const job = create({
        TrainingJobName: name,
        RoleArn: `arn:aws:iam::${account}:role/train`,
        OutputDataConfig: { S3OutputPath: 's3://bucket/out' },
        AlgorithmSpecification: { TrainingImage: 'x/y:z', TrainingInputMode: 'File' },
        ResourceConfig: { InstanceType: 'ml.m5.large', InstanceCount: 1, VolumeSizeInGB: 10 },
        ...(extra.request ?? {})
      })
      job.createdAt = now() - 3_600_000
      job.status = status
      if ((secondary ?? status) !== 'Starting')
        transition(job, secondary ?? (status === 'InProgress' ? 'Training' : status))
      job.secondary = secondary ?? (status === 'InProgress' ? 'Training' : status)
      job.script = scripts.get(name) ?? { steps: [] }
      if (TERMINAL.includes(status)) {
        job.startedAt = job.createdAt
        finish(job)
      }
      Object.assign(job, extra, { request: job.request })
      return job
    }
  }
}
