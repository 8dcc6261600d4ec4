/** Metric gates: reading `metric-gates` line by line, and judging the job's final metrics by them. */
import { describe, expect, it } from '@jest/globals'
import {
  describeRule,
  evaluateGates,
  formatNumber,
  gatesFailure,
  parseGates,
  type GateBaseline,
  type GateRule,
  type GateStatus,
  type Metric
} from '../src/job/gates.js'

/** The one rule a line makes (fails the test when it makes a problem instead). */
const rule = (line: string): GateRule => {
  const { rules, problems } = parseGates(line)
  expect(problems).toEqual([])
  expect(rules).toHaveLength(1)
  return rules[0]
}

describe('parseGates', () => {
  it.each<[string, Omit<GateRule, 'line' | 'text'>]>([
    ['val:accuracy >= 0.9', { metric: 'val:accuracy', operator: '>=', bound: { kind: 'number', value: 0.9 } }],
    ['train_loss<0.5', { metric: 'train_loss', operator: '<', bound: { kind: 'number', value: 0.5 } }],
    ['validation:rmse <= 1e-3', { metric: 'validation:rmse', operator: '<=', bound: { kind: 'number', value: 0.001 } }],
    ['epoch > -2.5E+1', { metric: 'epoch', operator: '>', bound: { kind: 'number', value: -25 } }],
    ['f1 >= .75', { metric: 'f1', operator: '>=', bound: { kind: 'number', value: 0.75 } }],
    ['f1 >= 1.', { metric: 'f1', operator: '>=', bound: { kind: 'number', value: 1 } }],
    ['val:loss <= baseline', { metric: 'val:loss', operator: '<=', bound: { kind: 'baseline', offset: 0 } }],
    ['val:loss <= baseline + 0.5', { metric: 'val:loss', operator: '<=', bound: { kind: 'baseline', offset: 0.5 } }],
    [
      'val:accuracy >= baseline - 0.01',
      { metric: 'val:accuracy', operator: '>=', bound: { kind: 'baseline', offset: -0.01 } }
    ],
    ['acc>=baseline-1e-3', { metric: 'acc', operator: '>=', bound: { kind: 'baseline', offset: -0.001 } }],
    ['acc >= baseline - 0', { metric: 'acc', operator: '>=', bound: { kind: 'baseline', offset: 0 } }],
    // SageMaker allows any characters in a metric name, spaces and slashes included.
    [
      'eval/top-5 accuracy (%) > 90',
      { metric: 'eval/top-5 accuracy (%)', operator: '>', bound: { kind: 'number', value: 90 } }
    ],
    [
      'run#2:loss < 1  # a comment after a blank',
      { metric: 'run#2:loss', operator: '<', bound: { kind: 'number', value: 1 } }
    ]
  ])('%s', (line, expected) => {
    const parsed = rule(line)
    expect(parsed).toEqual({ line: 1, text: line.replace(/\s+# .*$/, ''), ...expected })
    expect(Object.is((parsed.bound as { offset?: number }).offset, -0)).toBe(false)
  })

  it('skips blank lines and comments, and numbers rules by the line the user sees', () => {
    const { rules, problems } = parseGates(
      [
        '# quality bars',
        '',
        'val:accuracy >= 0.9',
        '   ',
        '\t# loss may not grow',
        'val:loss <= baseline + 0.01\r',
        ''
      ].join('\n')
    )
    expect(problems).toEqual([])
    expect(rules.map((r) => [r.line, r.text])).toEqual([
      [3, 'val:accuracy >= 0.9'],
      [6, 'val:loss <= baseline + 0.01']
    ])
    expect(parseGates('').rules).toEqual([])
  })

  it.each<[string, RegExp]>([
    [
      'val:accuracy => 0.9',
      /^'=>' is not a comparison in 'val:accuracy => 0\.9': write <metric> <op> <number> or <metric> <op> baseline \[\+\|- <number>\], where <op> is >=, <=, > or </
    ],
    ['val:accuracy == 0.9', /^'==' is not a comparison/],
    ['val:accuracy = 0.9', /^'=' is not a comparison/],
    ['val:accuracy 0.9', /^'val:accuracy 0\.9' has no comparison: write/],
    ['>= 0.9', /^'>= 0\.9' names no metric before '>='/],
    ['val:accuracy >=', /has nothing after '>='/],
    ['val:accuracy >= # forgot it', /has nothing after '>='/],
    ['val:accuracy >= 90%', /^'90%' is not a number \(like 0\.9, -1 or 1e-3\)/],
    ['val:accuracy >= 0x10', /^'0x10' is not a number/],
    ['val:accuracy >= NaN', /^'NaN' is not a number/],
    ['val:accuracy >= Infinity', /^'Infinity' is not a number/],
    ['val:accuracy >= 1e999', /^'1e999' is too large/],
    ['val:accuracy >= 0.9 0.8', /^'0\.9 0\.8' is not a number/],
    ['val:loss <= baseline * 1.1', /^'baseline \* 1\.1' is not a bound/],
    ['val:loss <= Baseline', /^'Baseline' is not a bound/],
    ['val:loss <= baseline +', /^'' after 'baseline \+' is not a number/],
    ['val:loss <= baseline + -0.1', /^'-0\.1' after 'baseline \+' is not a number/],
    ['val:loss <= baseline + 1%', /^'1%' after 'baseline \+' is not a number/],
    [
      `${'m'.repeat(256)} < 1`,
      /^the metric name 'm{40}\.\.\.' must be at most 255 characters \(it has 256\): SageMaker metric names are 1 to 255 characters$/
    ]
  ])('refuses %j', (line, message) => {
    const { rules, problems } = parseGates(`# first line\n${line}`)
    expect(rules).toEqual([])
    expect(problems).toEqual([{ where: 'input metric-gates line 2', message: expect.stringMatching(message) }])
  })

  it('reports every malformed line together, keeping the good ones', () => {
    const { rules, problems } = parseGates('a >= 1\nb => 2\nc <= baseline\nd ~ 4')
    expect(rules.map((r) => r.metric)).toEqual(['a', 'c'])
    expect(problems.map((p) => p.where)).toEqual(['input metric-gates line 2', 'input metric-gates line 4'])
  })

  it.each([
    ['val:accuracy>=0.90', 'val:accuracy >= 0.9'],
    ['val:loss <= baseline+5e-1', 'val:loss <= baseline + 0.5'],
    ['val:loss <= baseline -0.010', 'val:loss <= baseline - 0.01'],
    ['x < baseline', 'x < baseline']
  ])('shows %j as %j', (line, shown) => {
    expect(describeRule(rule(line))).toBe(shown)
  })
})

describe('formatNumber', () => {
  it.each<[number, string]>([
    [0.8999999761581421, '0.9'],
    [0.28000001072883606, '0.28'],
    [42, '42'],
    [-3, '-3'],
    [1e-7, '1e-7'],
    [123456789, '123456789'],
    [NaN, 'NaN'],
    [Infinity, 'Infinity']
  ])('%p reads %p', (value, text) => expect(formatNumber(value)).toBe(text))
})

describe('evaluateGates', () => {
  const baseline: GateBaseline = {
    jobName: 'a1b2c3d',
    sha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
    metrics: [
      { name: 'val:accuracy', value: 0.9 },
      { name: 'val:loss', value: 0.27 },
      { name: 'val:f1', value: NaN }
    ]
  }

  /** The status and message of one rule against some metrics (and the baseline above, unless given one or 'none'). */
  const judge = (
    line: string,
    metrics: Metric[],
    base: GateBaseline | Error | 'none' = baseline
  ): { status: GateStatus; message: string } => {
    const [result] = evaluateGates([rule(line)], metrics, base === 'none' ? undefined : base)
    return { status: result.status, message: result.message }
  }

  it.each<[string, number, GateStatus, RegExp]>([
    // At the bound: >= and <= hold, > and < do not.
    ['acc >= 0.9', 0.9, 'passed', /^acc >= 0\.9: acc is 0\.9, >= 0\.9$/],
    ['acc > 0.9', 0.9, 'failed', /^acc > 0\.9: acc is 0\.9, which is not above 0\.9$/],
    ['acc <= 0.9', 0.9, 'passed', /acc is 0\.9, <= 0\.9/],
    ['acc < 0.9', 0.9, 'failed', /acc is 0\.9, which is not below 0\.9$/],
    // SageMaker hands the value back as a 32-bit float: still at the bound.
    ['acc >= 0.9', 0.8999999761581421, 'passed', /acc is 0\.9, >= 0\.9/],
    ['acc > 0.9', 0.8999999761581421, 'failed', /not above 0\.9/],
    ['acc < 0.9', 0.8999999761581421, 'failed', /not below 0\.9/],
    // Either side of it.
    ['acc >= 0.9', 0.85, 'failed', /^acc >= 0\.9: acc is 0\.85, which is below the minimum 0\.9$/],
    ['acc > 0.9', 0.91, 'passed', /acc is 0\.91, > 0\.9/],
    ['loss <= 0.3', 0.31, 'failed', /^loss <= 0\.3: loss is 0\.31, which is above the maximum 0\.3$/],
    ['loss < 0.3', 0.29, 'passed', /loss is 0\.29, < 0\.3/],
    ['loss < 1e-3', 0.0005, 'passed', /loss is 0\.0005, < 0\.001/],
    ['delta >= -1', -1, 'passed', /delta is -1, >= -1/],
    ['delta > -1', -1.5, 'failed', /delta is -1\.5, which is not above -1/]
  ])('%s with %p: %s', (line, value, status, message) => {
    const metric = line.split(' ')[0]
    const result = judge(line, [{ name: metric, value }])
    expect(result.status).toBe(status)
    expect(result.message).toMatch(message)
  })

  it.each<[string, Metric[], GateStatus, RegExp]>([
    [
      'val:accuracy >= baseline - 0.01',
      [{ name: 'val:accuracy', value: 0.89 }],
      'passed',
      /^val:accuracy >= baseline - 0\.01: val:accuracy is 0\.89, >= 0\.89 \(the baseline job a1b2c3d \(commit a1b2c3d4e5f6\) had 0\.9 - 0\.01\)$/
    ],
    [
      'val:accuracy >= baseline - 0.01',
      [{ name: 'val:accuracy', value: 0.88 }],
      'failed',
      /val:accuracy is 0\.88, which is below the minimum 0\.89 \(the baseline job a1b2c3d \(commit a1b2c3d4e5f6\) had 0\.9 - 0\.01\)$/
    ],
    [
      'val:loss <= baseline + 0.5',
      [{ name: 'val:loss', value: 0.77 }],
      'passed',
      /val:loss is 0\.77, <= 0\.77 \(the baseline .* had 0\.27 \+ 0\.5\)/
    ],
    [
      'val:loss <= baseline + 0.5',
      [{ name: 'val:loss', value: 0.7700001 }],
      'failed',
      /which is above the maximum 0\.77 \(the baseline .* had 0\.27 \+ 0\.5\)/
    ],
    [
      'val:loss < baseline',
      [{ name: 'val:loss', value: 0.27 }],
      'failed',
      /is not below 0\.27 \(the baseline .* had 0\.27\)$/
    ],
    ['val:loss <= baseline', [{ name: 'val:loss', value: 0.27 }], 'passed', /<= 0\.27/]
  ])('%s with %j: %s', (line, metrics, status, message) => {
    const result = judge(line, metrics)
    expect(result.status).toBe(status)
    expect(result.message).toMatch(message)
  })

  it('compares with a baseline SageMaker gave back as a 32-bit float at its own precision', () => {
    const stored = { ...baseline, metrics: [{ name: 'val:accuracy', value: 0.8999999761581421 }] }
    expect(judge('val:accuracy >= baseline', [{ name: 'val:accuracy', value: 0.9 }], stored).status).toBe('passed')
    expect(judge('val:accuracy > baseline', [{ name: 'val:accuracy', value: 0.9 }], stored).status).toBe('failed')
    expect(judge('val:accuracy >= baseline', [{ name: 'val:accuracy', value: 0.8999 }], stored).status).toBe('failed')
  })

  it('is an error, never a pass, for a metric the job did not report or reported as NaN', () => {
    const reported = [
      { name: 'val:loss', value: NaN },
      { name: 'val:accuracy', value: 0.95 },
      { name: 'val:auc', value: Infinity }
    ]
    expect(judge('val:f1 >= 0.5', reported)).toEqual({
      status: 'error',
      message:
        'val:f1 >= 0.5: the job did not report val:f1 (it reported val:loss, val:accuracy, val:auc); check metric_definitions in the job config'
    })
    expect(judge('val:f1 >= 0.5', [])).toEqual({
      status: 'error',
      message: expect.stringContaining('(it reported no final metrics)')
    })
    // Every comparison with NaN is false, so `<` and `>` alike must not let it through.
    for (const op of ['<=', '>=', '<', '>'])
      expect(judge(`val:loss ${op} 0.5`, reported)).toEqual({
        status: 'error',
        message: `val:loss ${op} 0.5: val:loss is NaN, not a number a gate can pass`
      })
    expect(judge('val:auc >= 0.5', reported)).toEqual({
      status: 'error',
      message: 'val:auc >= 0.5: val:auc is Infinity, not a number a gate can pass'
    })
    expect(judge('val:loss <= baseline', reported).status).toBe('error')
  })

  it('skips a baseline rule without a baseline, or when the baseline lacks the metric; errs when it could not be looked up', () => {
    const metrics = [
      { name: 'val:loss', value: 0.2 },
      { name: 'val:f1', value: 0.8 },
      { name: 'val:iou', value: 0.5 }
    ]
    expect(judge('val:loss <= baseline', metrics, 'none')).toEqual({
      status: 'skipped',
      message:
        'val:loss <= baseline: skipped, there is no earlier completed job of this repository and branch to compare with'
    })
    expect(judge('val:iou >= baseline', metrics)).toEqual({
      status: 'skipped',
      message: 'val:iou >= baseline: skipped, the baseline job a1b2c3d (commit a1b2c3d4e5f6) did not report val:iou'
    })
    expect(judge('val:f1 >= baseline', metrics)).toEqual({
      status: 'skipped',
      message: 'val:f1 >= baseline: skipped, the baseline job a1b2c3d (commit a1b2c3d4e5f6) reported val:f1 as NaN'
    })
    expect(judge('val:loss <= baseline', metrics, new Error('SageMaker Search failed: AccessDeniedException'))).toEqual(
      {
        status: 'error',
        message:
          'val:loss <= baseline: the baseline could not be looked up, so the gate cannot be checked (SageMaker Search failed: AccessDeniedException)'
      }
    )
    // Fixed bounds do not need the baseline at all.
    expect(judge('val:loss <= 0.3', metrics, new Error('no Search')).status).toBe('passed')
  })

  it('gives the value, the bound and the baseline with each result, and the first of repeated metrics', () => {
    const [result] = evaluateGates(
      [rule('val:loss <= baseline + 0.01')],
      [
        { name: 'val:loss', value: 0.275 },
        { name: 'val:loss', value: 9 }
      ],
      baseline
    )
    expect(result).toMatchObject({ status: 'passed', value: 0.275, baseline: 0.27 })
    expect(result.bound).toBeCloseTo(0.28, 12)
  })
})

describe('gatesFailure', () => {
  const rules = parseGates('a >= 1\nb <= 2\nc >= baseline\nd > 0').rules
  it('fails on failed and unchecked gates, not on skipped ones', () => {
    const results = evaluateGates(
      rules,
      [
        { name: 'a', value: 0.5 },
        { name: 'b', value: 1 },
        { name: 'd', value: NaN }
      ],
      undefined
    )
    expect(results.map((r) => r.status)).toEqual(['failed', 'passed', 'skipped', 'error'])
    expect(gatesFailure(results)).toBe(
      '2 of 4 metric gates did not pass (1 failed, 1 could not be checked):\n' +
        '  - a >= 1: a is 0.5, which is below the minimum 1\n' +
        '  - d > 0: d is NaN, not a number a gate can pass'
    )
  })

  it('passes when every gate passed or was skipped', () => {
    const results = evaluateGates(rules.slice(1, 3), [{ name: 'b', value: 2 }], undefined)
    expect(results.map((r) => r.status)).toEqual(['passed', 'skipped'])
    expect(gatesFailure(results)).toBeUndefined()
    expect(gatesFailure([])).toBeUndefined()
  })
})
