import { describe, expect, it } from '@jest/globals'
import type { RunResult } from '../src/action/result.js'
import { headline, renderSummary } from '../src/action/summary.js'
import { escapeText, formatDuration } from '../src/text.js'
import { spotSaving } from '../src/job/outcome.js'
import { compareMetrics } from '../src/job/baseline.js'
import { evaluateGates, parseGates } from '../src/job/gates.js'

const commit = {
  sha: 'a'.repeat(40),
  shortSha: 'aaaaaaa',
  branch: 'models/<x>',
  ref: 'refs/heads/models/<x>',
  repository: 'acme/dogs',
  eventName: 'push'
}
const job = {
  name: 'aaaaaaa',
  arn: 'arn:aws:sagemaker:us-east-1:123456789012:training-job/aaaaaaa',
  consoleUrl: 'https://us-east-1.console.aws.amazon.com/sagemaker/home?region=us-east-1#/jobs/aaaaaaa',
  logsUrl: 'https://logs.example/?a=1&b=2',
  region: 'us-east-1',
  instanceType: 'ml.g5.xlarge',
  instanceCount: 2,
  spot: true,
  status: 'Completed',
  secondaryStatus: 'Completed',
  transitions: [
    {
      status: 'Starting',
      start: new Date('2026-11-22T10:00:00Z'),
      end: new Date('2026-11-22T10:03:05Z'),
      message: 'Preparing <instances>'
    },
    { status: 'Training', start: new Date('2026-11-22T10:03:05Z'), end: new Date('2026-11-22T11:03:05Z') }
  ],
  metrics: [{ name: 'val:accuracy', value: 0.91 }],
  modelArtifacts: 's3://b/p/output/aaaaaaa/output/model.tar.gz',
  trainingSeconds: 4000,
  billableSeconds: 1200
}

describe('renderSummary', () => {
  it('shows a finished job the way a person wants to read it', () => {
    const result: RunResult = {
      dryRun: false,
      stage: 'done',
      commit,
      image: { uri: 'r/x:aaaaaaa', digest: 'sha256:abc', pinned: 'r/x@sha256:abc', built: false, tags: ['aaaaaaa'] },
      job,
      arguments: {
        args: ['python', 'train.py', "name='<b>'"],
        configOverrides: 1,
        unpackedCount: 140,
        packed: true,
        packedKeys: ['model', 'data'],
        skippedKeys: [],
        shadowedKeys: [],
        warnings: []
      },
      notices: []
    }
    const md = renderSummary(result)
    expect(md).toContain('## ✅ Training job aaaaaaa completed')
    expect(md).toContain(
      '<a href="https://github.com/acme/dogs/commit/' +
        'a'.repeat(40) +
        '">aaaaaaa</a> on <code>models/&#60;x&#62;</code>'
    )
    expect(md).toContain('reused (already in the registry for this commit)')
    expect(md).toContain('<code>ml.g5.xlarge</code> × 2 (managed spot)')
    expect(md).toContain('1h 6m 40s')
    expect(md).toContain('20m × 2 = 40m (spot saved 70.0%)')
    expect(md).toContain('<td>Starting (3m 5s)</td><td>Preparing &#60;instances&#62;</td>')
    expect(md).toContain('<td>val:accuracy</td><td>0.91</td>')
    expect(md).toMatch(/needed 140 container arguments.*packed into dict literals.*`model`, `data`/)
    // Arguments sit in a code fence, where GitHub shows markup as text.
    expect(md).toMatch(/```text\npython\ntrain.py\nname='<b>'\n```/)
    expect(md).toContain('href="https://logs.example/?a=1&#38;b=2"')
    expect(md.replace(/```text[\s\S]*?```/, '')).not.toMatch(/<b>|<x>|<instances>/)
  })

  it('summarises a failure with its reason', () => {
    const md = renderSummary({
      dryRun: false,
      stage: 'wait',
      commit,
      job: { ...job, status: 'Failed', failureReason: 'AlgorithmError: <oops>' },
      notices: [],
      error: 'Training job aaaaaaa failed: AlgorithmError: <oops>'
    })
    expect(md).toContain('## ❌ Training job aaaaaaa failed')
    expect(md).toContain('<pre>Training job aaaaaaa failed: AlgorithmError: &#60;oops&#62;</pre>')
    expect(md).toContain('AlgorithmError: &#60;oops&#62;')
  })

  it('keeps text from AWS and users inside its table and out of Markdown', () => {
    const md = renderSummary({
      dryRun: false,
      stage: 'wait',
      commit,
      job: { ...job, status: 'Failed', failureReason: 'ClientError: bad input\n\n- [click](https://x) **now**' },
      notices: ['src/__init__.py changed, ask @octocat'],
      error: 'Training job aaaaaaa failed:\n\nsee above'
    })
    // A blank line would end the table's HTML block and let the rest be read as Markdown.
    expect(md).toContain('<td>ClientError: bad input<br><br>- &#91;click&#93;(https://x) &#42;&#42;now&#42;&#42;</td>')
    // In a <pre> block blank lines are safe and kept.
    expect(md).toContain('<pre>Training job aaaaaaa failed:\n\nsee above</pre>')
    // A notice is prose: no bold from underscores, and no mention.
    expect(md).toContain('> src/&#95;&#95;init&#95;&#95;.py changed, ask @&#8203;octocat')
  })

  it('marks a dry run, also one with configuration problems', () => {
    expect(renderSummary({ dryRun: true, stage: 'done', notices: [] })).toContain(
      'Dry run: nothing was built or submitted'
    )
    expect(renderSummary({ dryRun: true, stage: 'configuration', notices: [], error: 'x' })).toContain(
      'Dry run: the configuration has problems'
    )
  })

  it('lists uncommitted files and a checkout of another commit, so neither is ever hidden', () => {
    const md = renderSummary({
      dryRun: false,
      stage: 'done',
      commit,
      source: {
        fromWorktree: false,
        head: commit.sha,
        uncommitted: [
          { path: 'src/train.py', change: 'modified' },
          { path: 'src/gen.bin', change: 'untracked' }
        ]
      },
      job: { ...job, status: 'Submitted' },
      notices: []
    })
    expect(md).toMatch(/Uncommitted<\/th><td>⚠️ 2 file\(s\) differ from the commit/)
    expect(md).toContain('<code>src/train.py</code> (modified)')
    const other = renderSummary({
      dryRun: false,
      stage: 'done',
      commit,
      source: { fromWorktree: true, head: 'b'.repeat(40), uncommitted: [] },
      notices: []
    })
    expect(other).toContain('read from commit <code>aaaaaaa</code> itself: the checkout was at <code>bbbbbbb</code>')
  })
})

describe('the baseline and the gates', () => {
  const base: RunResult = {
    dryRun: false,
    stage: 'done',
    commit,
    job: {
      ...job,
      metrics: [
        { name: 'val:accuracy', value: 0.91 },
        { name: 'val:loss', value: 0.3 },
        { name: 'f1', value: 0.5 }
      ]
    },
    notices: []
  }

  it('shows each metric with the baseline, the difference and its direction', () => {
    const md = renderSummary({
      ...base,
      baseline: { jobName: 'bbbbbbb', sha: 'b'.repeat(40), metrics: [] },
      comparisons: compareMetrics(base.job!.metrics, [
        { name: 'val:accuracy', value: 0.88 },
        { name: 'val:loss', value: 0.3 },
        { name: 'epochs', value: 9 }
      ])
    })
    expect(md).toContain('Compared with <code>bbbbbbb</code> (commit <code>bbbbbbb</code>)')
    expect(md).toContain('<tr><td>val:accuracy</td><td>0.91</td><td>0.88</td><td>▲ +0.03</td></tr>')
    expect(md).toContain('<tr><td>val:loss</td><td>0.3</td><td>0.3</td><td>= 0</td></tr>')
    expect(md).toContain('<tr><td>f1</td><td>0.5</td><td></td><td>new </td></tr>')
    expect(md).toContain('<tr><td>epochs</td><td></td><td>9</td><td>missing </td></tr>')
  })

  it('without a baseline, lists the metrics alone', () => {
    const md = renderSummary(base)
    expect(md).toContain('<tr><th>Metric</th><th>Value</th></tr>')
    expect(md).not.toContain('Compared with')
  })

  it('lists every gate with its result, and the tag', () => {
    const gates = evaluateGates(
      parseGates('val:accuracy >= 0.95\nval:loss <= baseline\nf1 > 0.1').rules,
      base.job!.metrics,
      undefined
    )
    const md = renderSummary({ ...base, gates, successTag: 'trained/aaaaaaa' })
    expect(md).toMatch(
      /<tr><td>❌ failed<\/td><td><code>val:accuracy &#62;= 0.95<\/code><\/td><td>.*val:accuracy is 0.91, which is below the minimum 0.95/
    )
    expect(md).toMatch(/<tr><td>⏭️ skipped<\/td><td><code>val:loss &#60;= baseline<\/code>/)
    expect(md).toMatch(/<tr><td>✅ passed<\/td><td><code>f1 &#62; 0.1<\/code>/)
    expect(md).toContain('Tagged the commit <code>trained/aaaaaaa</code>.')
  })
})

describe('headline: only what really happened', () => {
  const base = { dryRun: false, notices: [], commit }
  it.each<[string, Partial<RunResult>, string]>([
    [
      'a config problem',
      { stage: 'configuration', error: 'x' },
      '❌ Nothing was submitted: the configuration has problems'
    ],
    [
      'a job planned, the image failed',
      { stage: 'image', error: 'docker', job: { ...job, status: 'NotSubmitted' } },
      '❌ Nothing was submitted: the image could not be built or pushed'
    ],
    [
      'if-job-exists: fail against a completed job',
      { stage: 'submit', error: 'exists', job: { ...job, status: 'NotSubmitted' } },
      '❌ Nothing was submitted: SageMaker did not take the job'
    ],
    [
      'submitted, not waited for',
      { stage: 'done', job: { ...job, status: 'Submitted' } },
      '🚀 Training job aaaaaaa submitted'
    ],
    [
      'the identical job was running, not waited for',
      { stage: 'done', job: { ...job, status: 'Attached', attached: true } },
      '🔗 Training job aaaaaaa was already running with the same request: followed it, submitted nothing'
    ],
    [
      'attached and waited to the end',
      { stage: 'done', job: { ...job, status: 'Completed', attached: true } },
      '✅ Training job aaaaaaa completed (the identical job already running)'
    ],
    ['failed', { stage: 'wait', error: 'x', job: { ...job, status: 'Failed' } }, '❌ Training job aaaaaaa failed'],
    [
      'stopped by its maximum runtime',
      { stage: 'wait', error: 'x', job: { ...job, status: 'Stopped' } },
      '❌ Training job aaaaaaa was stopped'
    ],
    [
      'cancelled and stopped',
      { stage: 'wait', error: 'x', job: { ...job, status: 'Stopping', cancelled: true } },
      '⏹️ Cancelled: training job aaaaaaa was stopped'
    ],
    [
      'cancelled, left running',
      { stage: 'wait', error: 'x', job: { ...job, status: 'InProgress', cancelled: true } },
      '⏹️ Cancelled: training job aaaaaaa keeps running'
    ],
    [
      'stopped waiting',
      { stage: 'done', job: { ...job, status: 'WaitTimedOut' } },
      '⏳ Training job aaaaaaa still running (stopped waiting)'
    ],
    [
      'lost track of it',
      { stage: 'wait', error: 'x', job: { ...job, status: 'InProgress' } },
      '⚠️ Training job aaaaaaa was submitted, but the run lost track of it'
    ]
  ])('%s', (_label, result, text) => {
    expect(headline({ ...base, stage: 'done', ...result } as RunResult)).toBe(text)
    // A run that never submitted must never speak of a failed job.
    if (text.includes('Nothing was submitted')) expect(text).not.toMatch(/failed/)
  })
})

describe('helpers', () => {
  it.each([
    [0, '0s'],
    [59, '59s'],
    // One way of writing durations everywhere GitHub shows them (summary, comment, status).
    [60, '1m'],
    [3725, '1h 2m 5s'],
    [90000, '1d 1h']
  ])('formatDuration(%d) = %s', (s, text) => expect(formatDuration(s)).toBe(text))

  it('computes the spot saving as SageMaker defines it', () => {
    expect(spotSaving({ trainingSeconds: 1000, billableSeconds: 250 })).toBe(75)
    expect(spotSaving({ trainingSeconds: undefined, billableSeconds: 250 })).toBeUndefined()
  })

  it('escapes markup and table pipes', () => {
    expect(escapeText(`<a href="x">|'&\``)).toBe('&#60;a href=&#34;x&#34;&#62;&#124;&#39;&#38;&#96;')
  })
})
