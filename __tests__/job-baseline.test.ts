/**
 * The baseline: the previous completed job of the same repository and branch, found with
 * the real SDK's Search on the lineage tags the action writes (against the local
 * SageMaker), and how this run's metrics compare with it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { SageMakerClient } from '@aws-sdk/client-sagemaker'
import { AwsCallError } from '../src/aws/errors.js'
import {
  compareMetrics,
  findBaseline,
  finalMetrics,
  metricsJson,
  type BaselineQuery,
  type MetricComparison
} from '../src/job/baseline.js'
import { lineageTags, type Lineage } from '../src/job/lineage.js'
import { memoryLog } from '../src/log.js'
import { startFakeAws, type FakeAws } from './support/fake-aws.js'
import { fakeSageMaker, type FakeSageMaker, type Status } from './support/fake-sagemaker.js'

const region = 'us-east-1'
const HOUR = 3_600_000
const t0 = Date.UTC(2026, 2, 1, 12)
const MODELS = 'refs/heads/models'

/** The tags a run of this action puts on its job. */
const tagsFor = (sha: string, facts: Partial<Lineage> = {}): { Key: string; Value: string }[] =>
  lineageTags({
    sha,
    shortSha: sha.slice(0, 7),
    repository: 'acme/dogs',
    ref: MODELS,
    runUrl: `https://github.com/acme/dogs/actions/runs/${sha.length}/attempts/1`,
    runAttempt: '1',
    actor: 'octocat',
    event: 'push',
    imageDigest: `sha256:${'0'.repeat(64)}`,
    imageCommit: sha,
    fingerprint: 'f'.repeat(16),
    ...facts
  })

const sha = (c: string): string => c.repeat(40)

describe('findBaseline', () => {
  let aws: FakeAws
  let sagemaker: FakeSageMaker
  let client: SageMakerClient

  /** A job as an earlier run left it: created `hoursAgo`, ended half an hour later. */
  const seed = (
    name: string,
    status: Status,
    hoursAgo: number,
    tags: { Key: string; Value: string }[],
    metrics?: { name: string; value: number }[]
  ): void =>
    void sagemaker.seed(name, status, undefined, {
      tags,
      metrics,
      createdAt: t0 - hoursAgo * HOUR,
      ...(status === 'InProgress' ? {} : { endedAt: t0 - hoursAgo * HOUR + HOUR / 2 })
    })

  beforeAll(async () => {
    aws = await startFakeAws()
    sagemaker = fakeSageMaker(aws, { now: () => t0 })
    client = new SageMakerClient({
      region,
      endpoint: aws.url,
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
      maxAttempts: 1
    })
    // This run's own job: the newest, and never its own baseline.
    seed('c0ffee1', 'Completed', 0.1, tagsFor(sha('c')), [{ name: 'val:loss', value: 0.2 }])
    // Newer than the baseline but not one: another run still training, a failed one, one stopped.
    seed('e5e5e5e', 'InProgress', 0.2, tagsFor(sha('e')))
    seed('f4f4f4f', 'Failed', 0.5, tagsFor(sha('4')))
    seed('5709999', 'Stopped', 0.6, tagsFor(sha('9')), [{ name: 'val:loss', value: 0.1 }])
    // Other repositories and branches (one whose name starts like this one's), and a job made by hand.
    seed('ca75ca7', 'Completed', 0.3, tagsFor(sha('7'), { repository: 'acme/cats' }), [
      { name: 'val:loss', value: 0.1 }
    ])
    seed('b16b16b', 'Completed', 0.4, tagsFor(sha('b'), { ref: 'refs/heads/models/big' }))
    seed('3a1a1a1', 'Completed', 0.7, tagsFor(sha('3'), { ref: 'refs/heads/main' }))
    seed('manual-run', 'Completed', 0.05, [{ Key: 'team', Value: 'vision' }])
    // A run of this branch that trained files no commit holds.
    seed('d1d1d1d', 'Completed', 1, tagsFor(sha('d'), { dirty: [{ path: 'src/train.py', change: 'modified' }] }), [
      { name: 'val:loss', value: 0.05 }
    ])
    // The baseline, and an older one that also measured val:f1.
    seed('b2b2b2b', 'Completed', 2, tagsFor(sha('2')), [
      { name: 'val:loss', value: 0.27 },
      { name: 'val:accuracy', value: 0.9 }
    ])
    seed('a0a0a0a', 'Completed', 5, tagsFor(sha('a')), [
      { name: 'val:loss', value: 0.3 },
      { name: 'val:f1', value: 0.7 }
    ])
  })
  afterAll(async () => {
    client?.destroy()
    await aws?.close()
  })
  afterEach(() => aws.setFaults(undefined))

  const query = (extra: Partial<BaselineQuery> = {}): BaselineQuery => ({
    client,
    repository: 'acme/dogs',
    ref: MODELS,
    excludeJob: 'c0ffee1',
    ...extra
  })

  it('finds the newest completed job of the repository and branch, with its commit, end and metrics', async () => {
    const mark = aws.calls.length
    const baseline = await findBaseline(query())
    expect(baseline).toEqual({
      jobName: 'b2b2b2b',
      arn: 'arn:aws:sagemaker:us-east-1:123456789012:training-job/b2b2b2b',
      sha: sha('2'),
      runUrl: 'https://github.com/acme/dogs/actions/runs/40/attempts/1',
      createdAt: new Date(t0 - 2 * HOUR),
      endedAt: new Date(t0 - 1.5 * HOUR),
      metrics: [
        { name: 'val:loss', value: 0.27 },
        { name: 'val:accuracy', value: 0.9 }
      ]
    })
    // One Search, filtering on the lineage tags and the status, sorted newest first.
    const calls = aws.calls.slice(mark)
    expect(calls.map((c) => c.target)).toEqual(['SageMaker.Search'])
    expect(calls[0].input).toEqual({
      Resource: 'TrainingJob',
      SearchExpression: {
        Filters: [
          { Name: 'Tags.train-on-push:repository', Operator: 'Equals', Value: 'acme/dogs' },
          { Name: 'Tags.train-on-push:ref', Operator: 'Equals', Value: MODELS },
          { Name: 'TrainingJobStatus', Operator: 'Equals', Value: 'Completed' },
          { Name: 'TrainingJobName', Operator: 'NotEquals', Value: 'c0ffee1' }
        ]
      },
      SortBy: 'CreationTime',
      SortOrder: 'Descending',
      MaxResults: 10
    })
  })

  it('sends no job-name filter when there is no job of its own (a pull request plan)', async () => {
    const mark = aws.calls.length
    expect((await findBaseline(query({ excludeJob: undefined })))?.jobName).toBeDefined()
    const filters = aws.calls[mark].input.SearchExpression.Filters as { Name: string }[]
    expect(filters.map((f) => f.Name)).not.toContain('TrainingJobName')
  })

  it('takes a branch name for the ref, and says which jobs it passed over', async () => {
    const log = memoryLog()
    expect((await findBaseline(query({ ref: undefined, branch: 'models', log })))?.jobName).toBe('b2b2b2b')
    expect(log.lines).toEqual(['debug: Baseline: passed over d1d1d1d (ran uncommitted files).'])
  })

  it('takes a job that ran uncommitted files only when asked to, and says so', async () => {
    const baseline = await findBaseline(query({ includeDirty: true }))
    expect(baseline).toMatchObject({ jobName: 'd1d1d1d', sha: sha('d'), dirty: '1 uncommitted: src/train.py' })
  })

  it("passes over jobs created after the run's own job (an overlapping later run)", async () => {
    const log = memoryLog()
    const baseline = await findBaseline(query({ createdBefore: new Date(t0 - 3 * HOUR), log }))
    expect(baseline?.jobName).toBe('a0a0a0a')
    expect(log.lines).toEqual([
      'debug: Baseline: passed over d1d1d1d (ran uncommitted files).',
      "debug: Baseline: passed over b2b2b2b (created after this run's job)."
    ])
  })

  it('looks further back for a job that reported every gated metric, within the pages allowed', async () => {
    expect((await findBaseline(query({ metricNames: ['val:loss', 'val:f1'] })))?.jobName).toBe('a0a0a0a')
    expect((await findBaseline(query({ metricNames: ['val:loss'] })))?.jobName).toBe('b2b2b2b')

    const log = memoryLog()
    const mark = aws.calls.length
    const none = await findBaseline(query({ metricNames: ['val:f1'], pageSize: 1, maxPages: 2, log }))
    expect(none).toBeUndefined()
    expect(aws.calls.slice(mark).map((c) => c.input.NextToken === undefined)).toEqual([true, false])
    expect(log.lines.at(-1)).toBe(
      'No baseline: no earlier completed job of acme/dogs on refs/heads/models qualifies among the 2 newest ' +
        '(passed over: 1 ran uncommitted files; 1 did not report every gated metric).'
    )
  })

  it('pages through a long run of passed-over jobs, stopping at the last page or at maxPages', async () => {
    // Twelve newer jobs that ran uncommitted files: the clean one is the 13th, on the third page of five.
    const names = Array.from({ length: 12 }, (_, i) => `dirty-${String(i).padStart(2, '0')}`)
    for (const [i, name] of names.entries())
      seed(
        name,
        'Completed',
        20 + i / 10,
        tagsFor(sha('6'), { ref: 'refs/heads/busy', dirty: [{ path: 'x', change: 'untracked' }] })
      )
    seed('clean-1', 'Completed', 30, tagsFor(sha('1'), { ref: 'refs/heads/busy' }))
    try {
      let mark = aws.calls.length
      expect((await findBaseline(query({ ref: 'refs/heads/busy', pageSize: 5 })))?.jobName).toBe('clean-1')
      expect(aws.calls.slice(mark).map((c) => c.input.MaxResults)).toEqual([5, 5, 5])

      mark = aws.calls.length
      expect(await findBaseline(query({ ref: 'refs/heads/busy', pageSize: 5, maxPages: 2 }))).toBeUndefined()
      expect(aws.calls.slice(mark).length).toBe(2)

      // Fewer jobs than a page: one call, no next page asked for.
      mark = aws.calls.length
      expect(await findBaseline(query({ ref: 'refs/heads/busy', pageSize: 50 }))).toMatchObject({ jobName: 'clean-1' })
      expect(aws.calls.slice(mark).length).toBe(1)
    } finally {
      for (const name of [...names, 'clean-1']) sagemaker.jobs.delete(name)
    }
  })

  it('matches a branch whose name holds characters tags do not allow, written as the lineage tag has it', async () => {
    const ref = 'refs/heads/models/exp#1'
    seed('hash1111', 'Completed', 3, tagsFor(sha('8'), { ref }))
    try {
      const mark = aws.calls.length
      expect((await findBaseline(query({ ref })))?.jobName).toBe('hash1111')
      expect(aws.calls[mark].input.SearchExpression.Filters[1].Value).toBe('refs/heads/models/exp_1')
    } finally {
      sagemaker.jobs.delete('hash1111')
    }
  })

  it('finds none for a new repository or branch, and does not search without one', async () => {
    const log = memoryLog()
    expect(await findBaseline(query({ repository: 'acme/birds', log }))).toBeUndefined()
    expect(log.lines).toEqual(['No baseline: no earlier completed job of acme/birds on refs/heads/models.'])

    const mark = aws.calls.length
    expect(await findBaseline(query({ repository: '', log }))).toBeUndefined()
    expect(await findBaseline(query({ ref: undefined, log }))).toBeUndefined()
    expect(aws.calls.length).toBe(mark)
    expect(log.lines.at(-1)).toBe('No baseline: the run has no repository or branch to look one up by.')
  })

  it('explains a failed Search, naming the permission', async () => {
    aws.setFaults((call) =>
      call.operation === 'Search'
        ? {
            kind: 'error',
            status: 400,
            type: 'AccessDeniedException',
            message:
              'User: arn:aws:sts::123456789012:assumed-role/ci/gha is not authorized to perform: sagemaker:Search'
          }
        : undefined
    )
    const failure = await findBaseline(query()).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(AwsCallError)
    expect((failure as AwsCallError).message).toMatch(
      /^SageMaker Search failed: AccessDeniedException: User: .* is not authorized to perform: sagemaker:Search\. The credentials need sagemaker:Search/
    )
  })
})

describe('finalMetrics', () => {
  it('reads values the SDK passed through as text (a `nan` from the training log) as NaN', () => {
    const metrics = finalMetrics({
      FinalMetricDataList: [
        { MetricName: 'val:loss', Value: 0.25 },
        { MetricName: 'val:acc', Value: 'nan' as unknown as number },
        { MetricName: 'val:f1', Value: undefined }
      ]
    })
    expect(metrics.map((m) => [m.name, m.value])).toEqual([
      ['val:loss', 0.25],
      ['val:acc', NaN],
      ['val:f1', NaN]
    ])
    expect(finalMetrics({})).toEqual([])
  })
})

describe('compareMetrics', () => {
  const m = (entries: Record<string, number>): { name: string; value: number }[] =>
    Object.entries(entries).map(([name, value]) => ({ name, value }))

  it.each<[string, Record<string, number>, Record<string, number>, MetricComparison[]]>([
    [
      'up, down and the same',
      { acc: 0.92, loss: 0.25, epochs: 10 },
      { acc: 0.9, loss: 0.3, epochs: 10 },
      [
        {
          name: 'acc',
          value: 0.92,
          baseline: 0.9,
          difference: 0.92 - 0.9,
          relative: (0.92 - 0.9) / 0.9,
          direction: 'up'
        },
        {
          name: 'loss',
          value: 0.25,
          baseline: 0.3,
          difference: 0.25 - 0.3,
          relative: (0.25 - 0.3) / 0.3,
          direction: 'down'
        },
        { name: 'epochs', value: 10, baseline: 10, difference: 0, relative: 0, direction: 'same' }
      ]
    ],
    [
      'the same at the precision SageMaker keeps (32-bit floats)',
      { acc: 0.9 },
      { acc: 0.8999999761581421 },
      [{ name: 'acc', value: 0.9, baseline: 0.8999999761581421, difference: 0, relative: 0, direction: 'same' }]
    ],
    [
      "new in this run, and missing from it (in the baseline order, after this run's)",
      { f1: 0.5, acc: 0.9 },
      { loss: 0.3, acc: 0.9, iou: 0.4 },
      [
        { name: 'f1', value: 0.5, direction: 'new' },
        { name: 'acc', value: 0.9, baseline: 0.9, difference: 0, relative: 0, direction: 'same' },
        { name: 'loss', baseline: 0.3, direction: 'missing' },
        { name: 'iou', baseline: 0.4, direction: 'missing' }
      ]
    ],
    [
      'NaN counts as no number, on either side',
      { loss: NaN, acc: 0.8 },
      { loss: 0.3, acc: NaN },
      [
        { name: 'loss', value: NaN, baseline: 0.3, direction: 'missing' },
        { name: 'acc', value: 0.8, baseline: NaN, direction: 'new' }
      ]
    ],
    [
      'a baseline of 0 has a difference but no relative one',
      { errors: 2 },
      { errors: 0 },
      [{ name: 'errors', value: 2, baseline: 0, difference: 2, direction: 'up' }]
    ],
    ['nothing on either side', {}, {}, []]
  ])('%s', (_label, current, baseline, expected) => {
    expect(compareMetrics(m(current), m(baseline))).toEqual(expected)
  })

  it('takes the first of repeated names', () => {
    expect(compareMetrics(m({ a: 1 }).concat(m({ a: 5 })), m({ a: 2 }))).toEqual([
      { name: 'a', value: 1, baseline: 2, difference: -1, relative: -0.5, direction: 'down' }
    ])
  })
})

describe('metricsJson', () => {
  it('writes name to value, NaN as null', () => {
    expect(
      metricsJson([
        { name: 'val:loss', value: 0.27 },
        { name: 'val:f1', value: NaN }
      ])
    ).toBe('{"val:loss":0.27,"val:f1":null}')
  })
})
