import { describe, expect, it } from '@jest/globals'
import type { RunResult } from '../src/action/result.js'
import { escapeHtml, formatDuration, renderSummary } from '../src/action/summary.js'
import { spotSaving } from '../src/job/outcome.js'

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
    expect(md).toContain('## ✅ Training job completed: aaaaaaa')
    expect(md).toContain(
      '<a href="https://github.com/acme/dogs/commit/' +
        'a'.repeat(40) +
        '">aaaaaaa</a> on <code>models/&#60;x&#62;</code>'
    )
    expect(md).toContain('reused (already in the registry)')
    expect(md).toContain('<code>ml.g5.xlarge</code> × 2 (managed spot)')
    expect(md).toContain('1h 6m 40s')
    expect(md).toContain('20m 0s × 2 = 40m 0s (spot saved 70.0%)')
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
      commit,
      job: { ...job, status: 'Failed', failureReason: 'AlgorithmError: <oops>' },
      notices: [],
      error: 'Training job aaaaaaa failed: AlgorithmError: <oops>'
    })
    expect(md).toContain('## ❌ Training job aaaaaaa failed')
    expect(md).toContain('<pre>Training job aaaaaaa failed: AlgorithmError: &#60;oops&#62;</pre>')
    expect(md).toContain('AlgorithmError: &#60;oops&#62;')
  })

  it('marks a dry run, also one with configuration problems', () => {
    expect(renderSummary({ dryRun: true, notices: [] })).toContain('Dry run: nothing was built or submitted')
    expect(renderSummary({ dryRun: true, notices: [], error: 'x' })).toContain(
      'Dry run: the configuration has problems'
    )
  })
})

describe('helpers', () => {
  it.each([
    [0, '0s'],
    [59, '59s'],
    [60, '1m 0s'],
    [3725, '1h 2m 5s']
  ])('formatDuration(%d) = %s', (s, text) => expect(formatDuration(s)).toBe(text))

  it('computes the spot saving as SageMaker defines it', () => {
    expect(spotSaving({ trainingSeconds: 1000, billableSeconds: 250 })).toBe(75)
    expect(spotSaving({ trainingSeconds: undefined, billableSeconds: 250 })).toBeUndefined()
  })

  it('escapes markup and table pipes', () => {
    expect(escapeHtml(`<a href="x">|'&\``)).toBe('&#60;a href=&#34;x&#34;&#62;&#124;&#39;&#38;&#96;')
  })
})
