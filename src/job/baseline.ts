/**
 * The baseline: the last job of the same repository and branch that completed before this
 * run's job, found through the lineage tags every job carries, and how this run's final
 * metrics compare with its own.
 */
import type { SageMakerClient, SearchCommandInput, TrainingJob } from '@aws-sdk/client-sagemaker'
import { explainAwsError, type AwsCall } from '../aws/errors.js'
import type { Log } from '../log.js'
import type { Metric } from './gates.js'
// Matched as the earlier runs wrote them: through the same tag-value rule.
import { TAG_PREFIX, tagValue } from './lineage.js'

export const SEARCH_CALL: AwsCall = { service: 'SageMaker', operation: 'Search', permissions: ['sagemaker:Search'] }

/** The earlier job this run is compared with. */
export interface Baseline {
  jobName: string
  arn?: string
  /** The commit it trained (tag `train-on-push:sha`). */
  sha?: string
  /** The workflow run that made it (tag `train-on-push:run-url`). */
  runUrl?: string
  createdAt?: Date
  /** When training ended (or, if SageMaker gave no end time, when the job last changed). */
  endedAt?: Date
  /** Its final metrics; a value SageMaker could not give as a number is NaN. */
  metrics: Metric[]
  /** Set only with `includeDirty`: the job's `train-on-push:dirty` tag (the uncommitted files it ran). */
  dirty?: string
}

export interface BaselineQuery {
  client: SageMakerClient
  /** `owner/name`, as the run's lineage has it. */
  repository: string
  /** The run's ref as the lineage tag holds it (`refs/heads/models`); or give `branch`. */
  ref?: string
  /** A branch name, looked up as `refs/heads/<branch>`. */
  branch?: string
  /** The run's own job, never its own baseline (a plan has none yet). */
  excludeJob?: string
  /** Only jobs created before this (the run's own job's creation), so an overlapping later run is not taken. */
  createdBefore?: Date
  /** Only a job that reported all of these metrics as numbers (the metrics baseline gates compare). */
  metricNames?: readonly string[]
  /**
   * Also take jobs that ran uncommitted files. Off by default: such a job's metrics belong
   * to no commit of the branch, so "better than the baseline" would compare with code
   * nobody can check out again.
   */
  includeDirty?: boolean
  /** Jobs per Search page (default 10). */
  pageSize?: number
  /** Pages looked at before giving up (default 3). */
  maxPages?: number
  /** Says which jobs were passed over and why (debug), and when no baseline was found (info). */
  log?: Log
}

const tagOf = (job: TrainingJob, key: string): string | undefined =>
  job.Tags?.find((t) => t.Key === `${TAG_PREFIX}${key}`)?.Value

/** The final metrics of a job; values the SDK could not read as numbers (`nan`) become NaN. */
export function finalMetrics(job: Pick<TrainingJob, 'FinalMetricDataList'>): Metric[] {
  return (job.FinalMetricDataList ?? []).map((m) => ({
    name: m.MetricName ?? '',
    // The SDK passes a value it cannot read as a number through as text (`nan` from a training log).
    value: typeof m.Value === 'number' ? m.Value : Number(m.Value ?? NaN)
  }))
}

/**
 * Finds the newest Completed job (by creation time) of `repository` and `ref` other than
 * `excludeJob`, with SageMaker Search on the lineage tags. Jobs that ran uncommitted files,
 * were created after `createdBefore`, or lack one of `metricNames` are passed over; at most
 * `maxPages` pages are read. Undefined when there is none; a failed Search throws,
 * explained (`sagemaker:Search`).
 *
 * Usage: `const baseline = await findBaseline({ client, repository, ref, excludeJob: jobName, log })`
 */
export async function findBaseline(query: BaselineQuery): Promise<Baseline | undefined> {
  const { log } = query
  const ref = query.ref ?? (query.branch !== undefined ? `refs/heads/${query.branch}` : '')
  if (query.repository === '' || ref === '') {
    log?.info('No baseline: the run has no repository or branch to look one up by.')
    return undefined
  }
  const { SearchCommand } = await import('@aws-sdk/client-sagemaker')
  const input: SearchCommandInput = {
    Resource: 'TrainingJob',
    SearchExpression: {
      Filters: [
        {
          Name: `Tags.${TAG_PREFIX}repository`,
          Operator: 'Equals',
          Value: tagValue(query.repository)
        },
        { Name: `Tags.${TAG_PREFIX}ref`, Operator: 'Equals', Value: tagValue(ref) },
        { Name: 'TrainingJobStatus', Operator: 'Equals', Value: 'Completed' },
        // SageMaker refuses an empty filter value, so a plan (no job of its own) sends none.
        ...(query.excludeJob
          ? [{ Name: 'TrainingJobName', Operator: 'NotEquals' as const, Value: query.excludeJob }]
          : [])
      ]
    },
    // Creation order is push order: the job of the previous push, even if a slower one ended later.
    SortBy: 'CreationTime',
    SortOrder: 'Descending',
    MaxResults: query.pageSize ?? 10
  }
  const maxPages = query.maxPages ?? 3
  const passedOver = { dirty: 0, newer: 0, lacking: 0 }
  let seen = 0
  for (let page = 0; page < maxPages; page++) {
    let answer
    try {
      answer = await query.client.send(new SearchCommand(input))
    } catch (error) {
      throw explainAwsError(SEARCH_CALL, error)
    }
    for (const result of answer.Results ?? []) {
      const job = result.TrainingJob
      if (!job?.TrainingJobName || job.TrainingJobName === query.excludeJob) continue
      seen++
      const verdict = passOver(job, query)
      if (verdict) {
        passedOver[verdict]++
        log?.debug(`Baseline: passed over ${job.TrainingJobName} (${REASONS[verdict]}).`)
        continue
      }
      const [sha, runUrl, dirty] = [tagOf(job, 'sha'), tagOf(job, 'run-url'), tagOf(job, 'dirty')]
      const endedAt = job.TrainingEndTime ?? job.LastModifiedTime
      return {
        jobName: job.TrainingJobName,
        ...(job.TrainingJobArn ? { arn: job.TrainingJobArn } : {}),
        ...(sha ? { sha } : {}),
        ...(runUrl ? { runUrl } : {}),
        ...(job.CreationTime ? { createdAt: job.CreationTime } : {}),
        ...(endedAt ? { endedAt } : {}),
        metrics: finalMetrics(job),
        ...(dirty !== undefined ? { dirty } : {})
      }
    }
    if (!answer.NextToken) break
    input.NextToken = answer.NextToken
  }
  const skipped = (Object.keys(passedOver) as (keyof typeof passedOver)[])
    .filter((k) => passedOver[k] > 0)
    .map((k) => `${passedOver[k]} ${REASONS[k]}`)
  log?.info(
    `No baseline: no earlier completed job of ${query.repository} on ${ref}` +
      (seen > 0 ? ` qualifies among the ${seen} newest (passed over: ${skipped.join('; ')})` : '') +
      '.'
  )
  return undefined
}

const REASONS = {
  dirty: 'ran uncommitted files',
  newer: "created after this run's job",
  lacking: 'did not report every gated metric'
} as const

function passOver(job: TrainingJob, query: BaselineQuery): keyof typeof REASONS | undefined {
  if (!query.includeDirty && tagOf(job, 'dirty') !== undefined) return 'dirty'
  if (query.createdBefore && job.CreationTime && job.CreationTime.getTime() >= query.createdBefore.getTime())
    return 'newer'
  if (query.metricNames?.length) {
    const metrics = finalMetrics(job)
    const ok = query.metricNames.every((name) => Number.isFinite(metrics.find((m) => m.name === name)?.value ?? NaN))
    if (!ok) return 'lacking'
  }
  return undefined
}

export type MetricDirection = 'up' | 'down' | 'same' | 'new' | 'missing'

/** One metric of this run next to the baseline's. */
export interface MetricComparison {
  name: string
  /** This run's value (NaN when it reported one that is not a number). */
  value?: number
  baseline?: number
  /** value − baseline, when both are numbers. */
  difference?: number
  /** The difference relative to the baseline (0.05 is 5 %), when the baseline is not 0. */
  relative?: number
  /**
   * `up` / `down` / `same` (equal at the 32-bit precision SageMaker keeps); `new` when only
   * this run has a number for it, `missing` when only the baseline has (NaN counts as no number).
   */
  direction: MetricDirection
}

/**
 * This run's final metrics against the baseline's, in this run's order, then the ones only
 * the baseline reported. Whether up is better depends on the metric: that is for gates to say.
 *
 * Usage: `compareMetrics(outcome.metrics, baseline.metrics)`
 */
export function compareMetrics(current: readonly Metric[], baseline: readonly Metric[]): MetricComparison[] {
  const out: MetricComparison[] = []
  const seen = new Set<string>()
  const find = (list: readonly Metric[], name: string): Metric | undefined => list.find((m) => m.name === name)
  for (const metric of current) {
    if (seen.has(metric.name)) continue
    seen.add(metric.name)
    const earlier = find(baseline, metric.name)
    const now = metric.value
    const then = earlier?.value
    const entry: MetricComparison = {
      name: metric.name,
      value: now,
      ...(then !== undefined ? { baseline: then } : {}),
      direction: 'same'
    }
    if (!Number.isFinite(now)) entry.direction = 'missing'
    else if (then === undefined || !Number.isFinite(then)) entry.direction = 'new'
    else {
      const [a, b] = [Math.fround(now), Math.fround(then)]
      entry.direction = a > b ? 'up' : a < b ? 'down' : 'same'
      // Equal as SageMaker stores them: no difference worth printing.
      entry.difference = entry.direction === 'same' ? 0 : now - then
      if (then !== 0) entry.relative = entry.difference / Math.abs(then)
    }
    out.push(entry)
  }
  for (const metric of baseline) {
    if (seen.has(metric.name)) continue
    seen.add(metric.name)
    out.push({ name: metric.name, baseline: metric.value, direction: 'missing' })
  }
  return out
}

/** Metrics as the `final-metrics` and `baseline-metrics` outputs: a JSON object of name to value (NaN as null). */
export function metricsJson(metrics: readonly Metric[]): string {
  return JSON.stringify(Object.fromEntries(metrics.map((m) => [m.name, Number.isFinite(m.value) ? m.value : null])))
}
