/**
 * A stateful SageMaker for the local AWS-protocol server: training jobs that
 * move through a scripted progression as they are described, answering the way
 * AWS does where it matters to the action:
 * - CreateTrainingJob of a taken name → ResourceInUse;
 * - DescribeTrainingJob of an unknown name → ValidationException "Requested resource not found.";
 * - StopTrainingJob → Stopping, then Stopped at the next describe; of an ended job →
 *   ValidationException "... is in status Stopped.".
 * - Search over training jobs (created or seeded): filters on tags, metrics, status,
 *   names and times, And/Or sub-expressions, sorting and paging (see `searchJobs`).
 */
import { createHash } from 'node:crypto'
import { AwsFault, checkedOutput, type FakeAws } from './fake-aws.js'

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
  /** Final metrics given to `seed`: reported however the job ended (scripted jobs report theirs on success). */
  finalMetrics?: { name: string; value: number }[]
}

/** What `seed` takes besides the FakeJob fields: how the job was tagged, what it measured, when it ran. */
export interface SeedExtras {
  /** Tags as CreateTrainingJob was given them, as a record or AWS's Key/Value list; added to `request.Tags`. */
  tags?: Record<string, string> | { Key: string; Value: string }[]
  /** Its FinalMetricDataList, whatever its status. */
  metrics?: { name: string; value: number }[]
  /** When it was created (the fake's clock; default an hour ago). Training starts then too, unless `startedAt` says otherwise. */
  createdAt?: number
  /** When an ended job ended (default: now). */
  endedAt?: number
}

export interface FakeSageMaker {
  jobs: Map<string, FakeJob>
  /** Script a job before it is created (by name), or the default for any job. */
  script(name: string | '*', script: JobScript): void
  /** Creates a job directly, as if another run had (or as a fault plan that "loses" the answer). */
  create(request: any): FakeJob
  /** A job that already exists in the given state, e.g. `seed('j1', 'Completed', undefined, { tags, metrics, createdAt })`. */
  seed(name: string, status: Status, secondary?: string, extra?: Partial<FakeJob> & SeedExtras): FakeJob
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
      // What AWS describes back of the request, as it was given.
      ...(r.InputDataConfig ? { InputDataConfig: r.InputDataConfig } : {}),
      ...(r.CheckpointConfig ? { CheckpointConfig: r.CheckpointConfig } : {}),
      ...(r.VpcConfig ? { VpcConfig: r.VpcConfig } : {}),
      CreationTime: new Date(job.createdAt),
      LastModifiedTime: new Date(now()),
      ...(job.startedAt !== undefined ? { TrainingStartTime: new Date(job.startedAt) } : {}),
      ...(ended ? { TrainingEndTime: new Date(job.endedAt!) } : {}),
      SecondaryStatusTransitions: job.transitions,
      ...(job.finalMetrics
        ? {
            FinalMetricDataList: job.finalMetrics.map((m) => ({
              MetricName: m.name,
              Value: m.value,
              Timestamp: new Date(job.endedAt ?? now())
            }))
          }
        : ended && job.status === 'Completed'
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

  // What Search shows of a job: what a describe returns, plus its tags as created. Search
  // does not move scripted jobs along (describes do); LastModifiedTime is the job's last
  // change rather than the describe's "now", so sorting by it (Search's default) means something.
  const searchRecord = (job: FakeJob): Record<string, unknown> => {
    const changes = [job.createdAt, job.startedAt ?? 0, job.endedAt ?? 0]
    for (const t of job.transitions) changes.push(t.StartTime.getTime(), t.EndTime?.getTime() ?? 0)
    return {
      ...describe(job),
      LastModifiedTime: new Date(Math.max(...changes)),
      Tags: job.request.Tags ?? []
    }
  }

  aws.on('SageMaker.Search', (input) => {
    if (input.Resource !== 'TrainingJob')
      throw new AwsFault('NotImplemented', `The test server searches TrainingJob only, not ${input.Resource}`, 501)
    if (input.VisibilityConditions !== undefined)
      throw new AwsFault('NotImplemented', 'The test server does not support VisibilityConditions', 501)
    const records = [...jobs.values()].map(searchRecord)
    return checkedOutput('SageMaker', 'Search', searchJobs(records, input))
  })

  return {
    jobs,
    stops,
    script: (name, script) => void scripts.set(name, script),
    create,
    seed(name, status, secondary, allExtra = {}) {
      const { tags, metrics, ...extra } = allExtra
      const request: Record<string, any> = {
        TrainingJobName: name,
        RoleArn: `arn:aws:iam::${account}:role/train`,
        OutputDataConfig: { S3OutputPath: 's3://bucket/out' },
        AlgorithmSpecification: { TrainingImage: 'x/y:z', TrainingInputMode: 'File' },
        ResourceConfig: { InstanceType: 'ml.m5.large', InstanceCount: 1, VolumeSizeInGB: 10 },
        ...(extra.request ?? {})
      }
      if (tags) {
        const list = Array.isArray(tags) ? tags : Object.entries(tags).map(([Key, Value]) => ({ Key, Value }))
        request.Tags = [...(request.Tags ?? []), ...list]
      }
      const job = create(request)
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
      const derivedStart = job.startedAt
      Object.assign(job, extra, { request: job.request })
      if (metrics) job.finalMetrics = metrics
      if (extra.createdAt !== undefined || extra.endedAt !== undefined) {
        // Times given: the start follows the creation, and the history says the same as the times.
        if (extra.startedAt === undefined && derivedStart !== undefined) job.startedAt = job.createdAt
        const started = job.startedAt ?? job.createdAt
        const [first, last] = [job.transitions[0], job.transitions.at(-1)!]
        first.StartTime = new Date(job.createdAt)
        if (job.transitions.length > 1) {
          first.EndTime = new Date(started)
          last.StartTime = new Date(started)
        }
        if (job.endedAt !== undefined && TERMINAL.includes(job.status)) last.EndTime = new Date(job.endedAt)
      }
      return job
    }
  }
}

// ---- Search ----------------------------------------------------------------------------

/** A property's value as Search compares it: text, a number, or a time (ms since the epoch). */
type Property = { kind: 'text' | 'number' | 'time'; value: string | number } | undefined
type Kind = 'text' | 'number' | 'time' | 'hyper'

const TIME_PROPERTIES = new Set(['CreationTime', 'TrainingStartTime', 'TrainingEndTime', 'LastModifiedTime'])
const NUMBER_PROPERTIES = new Set([
  'TrainingTimeInSeconds',
  'BillableTimeInSeconds',
  'ResourceConfig.InstanceCount',
  'ResourceConfig.VolumeSizeInGB',
  'StoppingCondition.MaxRuntimeInSeconds',
  'StoppingCondition.MaxWaitTimeInSeconds'
])
const ORDERING = new Set(['GreaterThan', 'GreaterThanOrEqualTo', 'LessThan', 'LessThanOrEqualTo'])

const invalid = (message: string): AwsFault => new AwsFault('ValidationException', message)

// What kind of value a property name holds, known before looking at any job, so a bad
// filter is refused even when no job exists (as AWS does).
function kindOf(name: string): Kind {
  if (TIME_PROPERTIES.has(name)) return 'time'
  if (NUMBER_PROPERTIES.has(name) || name.startsWith('Metrics.')) return 'number'
  // Hyperparameters are text that compares as numbers when both sides are numbers.
  if (name.startsWith('HyperParameters.')) return 'hyper'
  return 'text'
}

// `Tags.<key>`, `Metrics.<name>`, `HyperParameters.<name>`, `Environment.<name>`, or a dotted
// path into the record (`TrainingJobStatus`, `ResourceConfig.InstanceType`).
function propertyOf(record: Record<string, any>, name: string): Property {
  const dot = name.indexOf('.')
  const head = dot < 0 ? name : name.slice(0, dot)
  const tail = dot < 0 ? '' : name.slice(dot + 1)
  if (head === 'Tags' && tail) {
    const tag = (record.Tags as { Key: string; Value: string }[]).find((t) => t.Key === tail)
    return tag ? { kind: 'text', value: tag.Value } : undefined
  }
  if (head === 'Metrics' && tail) {
    const metric = (record.FinalMetricDataList as { MetricName: string; Value: number }[] | undefined)?.find(
      (m) => m.MetricName === tail
    )
    return metric ? { kind: 'number', value: metric.Value } : undefined
  }
  if ((head === 'HyperParameters' || head === 'Environment') && tail) {
    const value = (record[head] as Record<string, string> | undefined)?.[tail]
    return value === undefined ? undefined : { kind: 'text', value }
  }
  let value: any = record
  for (const part of name.split('.')) value = value !== null && typeof value === 'object' ? value[part] : undefined
  if (value instanceof Date) return { kind: 'time', value: value.getTime() }
  if (typeof value === 'number') return { kind: 'number', value }
  if (typeof value === 'string') return { kind: 'text', value }
  if (typeof value === 'boolean') return { kind: 'text', value: String(value) }
  return undefined
}

// Search takes times as `YYYY-mm-ddTHH:MM:SS` (UTC unless a zone is given).
function parseTime(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.test(text)) return undefined
  const ms = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(text) ? text : `${text}Z`)
  return Number.isNaN(ms) ? undefined : ms
}

const isNumber = (text: string): boolean => /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text.trim())

// Refuses what AWS refuses before searching: empty expressions, a missing Value, orderings
// on text, In/Contains on numbers or times, values that are not numbers or times, and
// more than one Contains.
function checkExpression(expression: any, contains = { count: 0 }): void {
  const filters: any[] = expression.Filters ?? []
  const subs: any[] = expression.SubExpressions ?? []
  if (expression.NestedFilters !== undefined)
    throw new AwsFault('NotImplemented', 'The test server does not support NestedFilters', 501)
  if (filters.length + subs.length === 0)
    throw invalid('A SearchExpression must contain at least one Filter, NestedFilter or SubExpression.')
  if (filters.length + subs.length > 20) throw invalid('A SearchExpression can contain up to twenty elements.')
  for (const filter of filters) {
    const op: string = filter.Operator ?? 'Equals'
    const kind = kindOf(filter.Name)
    if (op === 'Exists' || op === 'NotExists') continue
    if (filter.Value === undefined) throw invalid(`The filter on ${filter.Name} needs a Value for ${op}.`)
    if (op === 'Contains' && ++contains.count > 1) throw invalid("'CONTAINS' operator usage limit of 1 exceeded.")
    if (ORDERING.has(op) && kind === 'text')
      throw invalid(`${op} is not supported for the text property ${filter.Name}.`)
    if ((op === 'In' || op === 'Contains') && (kind === 'number' || kind === 'time'))
      throw invalid(`${op} is only supported for text properties, not ${filter.Name}.`)
    if (kind === 'time' && op !== 'In' && parseTime(filter.Value) === undefined)
      throw invalid(`The value '${filter.Value}' for ${filter.Name} must be a date-time like 2024-01-31T12:00:00.`)
    if (kind === 'number' && !isNumber(filter.Value))
      throw invalid(`The value '${filter.Value}' for ${filter.Name} must be a number.`)
  }
  for (const sub of subs) checkExpression(sub, contains)
}

function compareValues(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function matchesFilter(record: Record<string, any>, filter: any): boolean {
  const op: string = filter.Operator ?? 'Equals'
  const property = propertyOf(record, filter.Name)
  if (op === 'Exists') return property !== undefined
  if (op === 'NotExists') return property === undefined
  if (property === undefined) return false
  const text: string = filter.Value
  if (op === 'In') return text.split(',').some((v) => v.trim() === String(property.value))
  if (op === 'Contains') return String(property.value).includes(text)
  let order: number
  if (property.kind === 'time') order = compareValues(property.value, parseTime(text)!)
  else if (
    property.kind === 'number' ||
    (kindOf(filter.Name) === 'hyper' && isNumber(String(property.value)) && isNumber(text))
  )
    order = compareValues(Number(property.value), Number(text))
  else order = compareValues(String(property.value), text)
  switch (op) {
    case 'Equals':
      return order === 0
    case 'NotEquals':
      return order !== 0
    case 'GreaterThan':
      return order > 0
    case 'GreaterThanOrEqualTo':
      return order >= 0
    case 'LessThan':
      return order < 0
    case 'LessThanOrEqualTo':
      return order <= 0
    default:
      return false
  }
}

function matchesExpression(record: Record<string, any>, expression: any): boolean {
  const tests: (() => boolean)[] = [
    ...(expression.Filters ?? []).map((f: any) => () => matchesFilter(record, f)),
    ...(expression.SubExpressions ?? []).map((e: any) => () => matchesExpression(record, e))
  ]
  return expression.Operator === 'Or' ? tests.some((t) => t()) : tests.every((t) => t())
}

/** Where a page stopped: the sort value and the name (unique) of its last record. */
interface Anchor {
  value: string | number | null
  name: string
}

/**
 * SageMaker's Search over training-job records (what `SearchRecord.TrainingJob` holds):
 * `SearchExpression` filters (`Equals`, `NotEquals`, `Exists`, `NotExists`, `Contains`,
 * `In`, the orderings) on `Tags.<key>`, `Metrics.<name>`, `HyperParameters.<name>`,
 * `Environment.<name>` and plain or dotted properties, combined with And/Or through
 * `SubExpressions`; `SortBy` (default `LastModifiedTime`) and `SortOrder` (default
 * `Descending`), jobs without the property last and equal ones by name; `MaxResults`
 * (default 10) and a `NextToken` that carries the last record's sort value and name, so
 * the next page starts right after it even when jobs are created in between. A token
 * from a different query is refused. `NestedFilters` are not supported.
 */
export function searchJobs(records: Record<string, any>[], input: any): Record<string, unknown> {
  if (input.SearchExpression !== undefined) checkExpression(input.SearchExpression)
  const sortBy: string = input.SortBy ?? 'LastModifiedTime'
  const descending = (input.SortOrder ?? 'Descending') === 'Descending'
  const query = createHash('sha256')
    .update(JSON.stringify([input.Resource, input.SearchExpression ?? null, sortBy, descending]))
    .digest('base64url')
    .slice(0, 16)

  const keyOf = (record: Record<string, any>): Anchor => ({
    value: propertyOf(record, sortBy)?.value ?? null,
    name: record.TrainingJobName
  })
  // A total order: by the sort value in the asked direction, missing values last, then by name.
  const compare = (a: Anchor, b: Anchor): number => {
    if (a.value === null || b.value === null) {
      if (a.value !== b.value) return a.value === null ? 1 : -1
    } else {
      const order = compareValues(a.value, b.value)
      if (order !== 0) return descending ? -order : order
    }
    return compareValues(a.name, b.name)
  }

  let matching = records.filter(
    (r) => input.SearchExpression === undefined || matchesExpression(r, input.SearchExpression)
  )
  const total = matching.length
  matching.sort((a, b) => compare(keyOf(a), keyOf(b)))
  if (input.NextToken !== undefined) {
    let anchor: Anchor
    try {
      const token = JSON.parse(Buffer.from(String(input.NextToken), 'base64url').toString('utf8'))
      if (token.q !== query) throw new Error('another query')
      anchor = token.after
    } catch {
      throw invalid('The NextToken is not valid for this search.')
    }
    matching = matching.filter((r) => compare(keyOf(r), anchor) > 0)
  }
  const page = matching.slice(0, input.MaxResults ?? 10)
  const more = matching.length > page.length
  return {
    Results: page.map((TrainingJob) => ({ TrainingJob })),
    ...(more
      ? { NextToken: Buffer.from(JSON.stringify({ q: query, after: keyOf(page.at(-1)!) })).toString('base64url') }
      : {}),
    TotalHits: { Value: total, Relation: 'EqualTo' }
  }
}
