/**
 * Metric gates: rules the job's final metrics must meet for the step to pass, written one
 * per line in the `metric-gates` input:
 *
 *   val:accuracy >= 0.9            # a fixed bound
 *   val:loss <= baseline + 0.01    # at most 0.01 worse than the last good job of the branch
 *   val:accuracy >= baseline - 0.005
 *
 * A gate never passes on a metric the job did not report or reported as NaN: a broken
 * metric is an error, not a pass.
 */
import { SAGEMAKER_SHAPES } from '../aws/generated/sagemaker-shapes.js'
import { validateShape } from '../aws/shapes.js'
import type { Problem } from '../problems.js'

/** The input the rules come from. */
export const METRIC_GATES_INPUT = 'metric-gates'

export type GateOperator = '>=' | '<=' | '>' | '<'
const OPERATORS: readonly GateOperator[] = ['>=', '<=', '>', '<']

/** One rule of `metric-gates`. */
export interface GateRule {
  /** 1-based line of the input, as the user sees it. */
  line: number
  /** The rule as written, without its comment. */
  text: string
  metric: string
  operator: GateOperator
  /** A fixed number, or the baseline job's value of the same metric moved by `offset`. */
  bound: { kind: 'number'; value: number } | { kind: 'baseline'; offset: number }
}

/** A final metric as the job (or the baseline job) reported it. */
export interface Metric {
  name: string
  value: number
}

/** What a baseline rule compares with: the earlier job and its final metrics. */
export interface GateBaseline {
  jobName: string
  /** Its commit, to say where the bound came from. */
  sha?: string
  metrics: readonly Metric[]
}

export type GateStatus = 'passed' | 'failed' | 'error' | 'skipped'

/** What became of one rule. */
export interface GateResult {
  rule: GateRule
  status: GateStatus
  /** The job's value of the metric, when it reported one. */
  value?: number
  /** The number the value was compared with. */
  bound?: number
  /** The baseline job's value, for a baseline rule that had one. */
  baseline?: number
  /** In words: the metric, its value, the bound and where the bound came from; for skips, why. */
  message: string
}

// Plain or exponent notation, as people write thresholds: 0.9, -1, .5, 1e-3, 2.5E+2.
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/
const UNSIGNED = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/
// The first operator-like run of characters splits the metric from the bound; the ones
// people reach for by mistake (=>, ==, =) are caught so the message can name them.
const SPLIT = /^(.*?)[ \t]*(>=|<=|=>|=<|==|!=|=|>|<)[ \t]*(.*)$/
const BASELINE = /^baseline(?:[ \t]*([+-])[ \t]*(.*))?$/

const ALLOWED =
  'write <metric> <op> <number> or <metric> <op> baseline [+|- <number>], where <op> is >=, <=, > or < ' +
  '(e.g. val:accuracy >= 0.9, val:loss <= baseline + 0.01)'

/**
 * Reads `metric-gates`: one rule per line; blank lines and comments (`#` at the start of a
 * line or after a blank) are skipped. Each malformed line is a problem naming its line
 * and what is allowed. Metric names are SageMaker's (1 to 255 characters; they may hold
 * `:`, `/`, `.` and the like, but not an operator character).
 *
 * Usage: `const { rules, problems } = parseGates(inputs['metric-gates'])`
 */
export function parseGates(text: string): { rules: GateRule[]; problems: Problem[] } {
  const rules: GateRule[] = []
  const problems: Problem[] = []
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1
    const rule = raw.replace(/(^|[ \t])#.*$/, '').replace(/^[ \t]+|[ \t]+$/g, '')
    if (rule === '') return
    const problem = (message: string): void =>
      void problems.push({ where: `input ${METRIC_GATES_INPUT} line ${line}`, message })

    const split = SPLIT.exec(rule)
    if (!split) return problem(`'${rule}' has no comparison: ${ALLOWED}`)
    const [, metric, op, right] = split
    if (!(OPERATORS as readonly string[]).includes(op))
      return problem(`'${op}' is not a comparison in '${rule}': ${ALLOWED}`)
    if (metric === '') return problem(`'${rule}' names no metric before '${op}': ${ALLOWED}`)
    const badName = validateShape(SAGEMAKER_SHAPES, 'MetricName', metric)[0]
    if (badName)
      return problem(
        `the metric name '${metric.length > 40 ? `${metric.slice(0, 40)}...` : metric}' ${badName.message}: ` +
          'SageMaker metric names are 1 to 255 characters'
      )
    if (right === '') return problem(`'${rule}' has nothing after '${op}': ${ALLOWED}`)

    const operator = op as GateOperator
    const baseline = BASELINE.exec(right)
    if (baseline) {
      const [, sign, amount] = baseline
      if (sign === undefined) return void rules.push({ line, text: rule, metric, operator, bound: baselineBound(0) })
      if (!UNSIGNED.test(amount ?? ''))
        return problem(`'${amount}' after 'baseline ${sign}' is not a number (like 0.01 or 1e-3): ${ALLOWED}`)
      const offset = Number(amount)
      if (!Number.isFinite(offset)) return problem(`'${amount}' is too large to be a number; ${ALLOWED}`)
      return void rules.push({
        line,
        text: rule,
        metric,
        operator,
        bound: baselineBound(sign === '-' ? -offset : offset)
      })
    }
    if (/^baseline/i.test(right)) return problem(`'${right}' is not a bound: ${ALLOWED}`)
    if (!NUMBER.test(right)) return problem(`'${right}' is not a number (like 0.9, -1 or 1e-3): ${ALLOWED}`)
    const value = Number(right)
    if (!Number.isFinite(value)) return problem(`'${right}' is too large to be a number; ${ALLOWED}`)
    rules.push({ line, text: rule, metric, operator, bound: { kind: 'number', value } })
  })
  return { rules, problems }
}

const baselineBound = (offset: number): GateRule['bound'] => ({ kind: 'baseline', offset: offset === 0 ? 0 : offset })

/** A rule written the one way the action shows it: `val:loss <= baseline + 0.01`. */
export function describeRule(rule: GateRule): string {
  const { bound } = rule
  if (bound.kind === 'number') return `${rule.metric} ${rule.operator} ${formatNumber(bound.value)}`
  if (bound.offset === 0) return `${rule.metric} ${rule.operator} baseline`
  return `${rule.metric} ${rule.operator} baseline ${bound.offset < 0 ? '-' : '+'} ${formatNumber(Math.abs(bound.offset))}`
}

/**
 * A number as people read it: integers whole, fractions to 7 significant digits (what a
 * 32-bit float holds, so SageMaker's 0.8999999761581421 reads 0.9).
 */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (!Number.isFinite(value) || (Number.isInteger(value) && Math.abs(value) < 1e15)) return String(value)
  return String(Number(value.toPrecision(7)))
}

// SageMaker keeps metric values as 32-bit floats (the model's `Float`): a value the training
// code printed as 0.9 comes back as 0.8999999761581421. Comparing both sides at that
// precision makes `>= 0.9` hold for it, and `> 0.9` not.
const f32 = Math.fround

function holds(value: number, operator: GateOperator, bound: number): boolean {
  const [a, b] = [f32(value), f32(bound)]
  switch (operator) {
    case '>=':
      return a >= b
    case '<=':
      return a <= b
    case '>':
      return a > b
    case '<':
      return a < b
  }
}

/** Why a value fails, in words: "is below the minimum 0.9". */
function shortfall(operator: GateOperator, bound: string): string {
  switch (operator) {
    case '>=':
      return `is below the minimum ${bound}`
    case '>':
      return `is not above ${bound}`
    case '<=':
      return `is above the maximum ${bound}`
    case '<':
      return `is not below ${bound}`
  }
}

const first = (metrics: readonly Metric[], name: string): Metric | undefined => metrics.find((m) => m.name === name)

const jobOf = (baseline: GateBaseline): string =>
  `job ${baseline.jobName}${baseline.sha ? ` (commit ${baseline.sha.slice(0, 12)})` : ''}`

/**
 * Checks each rule against the job's final metrics. A baseline rule takes the baseline
 * job's value of the same metric; without a baseline (none found) it is skipped, and when
 * the baseline could not be looked up (an Error) it is an error. A metric the job did not
 * report, or reported as NaN or infinite, is an error: it never passes.
 *
 * Usage: `const results = evaluateGates(rules, outcome.metrics, baseline)`
 */
export function evaluateGates(
  rules: readonly GateRule[],
  metrics: readonly Metric[],
  baseline?: GateBaseline | Error
): GateResult[] {
  return rules.map((rule): GateResult => {
    const shown = describeRule(rule)
    let bound: number
    let from = ''
    let baselineValue: number | undefined
    if (rule.bound.kind === 'number') bound = rule.bound.value
    else {
      if (baseline instanceof Error)
        return {
          rule,
          status: 'error',
          message: `${shown}: the baseline could not be looked up, so the gate cannot be checked (${baseline.message})`
        }
      if (baseline === undefined)
        return {
          rule,
          status: 'skipped',
          message: `${shown}: skipped, there is no earlier completed job of this repository and branch to compare with`
        }
      const earlier = first(baseline.metrics, rule.metric)
      if (earlier === undefined)
        return {
          rule,
          status: 'skipped',
          message: `${shown}: skipped, the baseline ${jobOf(baseline)} did not report ${rule.metric}`
        }
      if (!Number.isFinite(earlier.value))
        return {
          rule,
          status: 'skipped',
          message: `${shown}: skipped, the baseline ${jobOf(baseline)} reported ${rule.metric} as ${formatNumber(earlier.value)}`
        }
      baselineValue = earlier.value
      bound = earlier.value + rule.bound.offset
      const offset = rule.bound.offset
      from = ` (the baseline ${jobOf(baseline)} had ${formatNumber(earlier.value)}${
        offset === 0 ? '' : ` ${offset < 0 ? '-' : '+'} ${formatNumber(Math.abs(offset))}`
      })`
    }

    const reported = first(metrics, rule.metric)
    if (reported === undefined) {
      const names = metrics.map((m) => m.name)
      return {
        rule,
        status: 'error',
        ...(baselineValue !== undefined ? { baseline: baselineValue } : {}),
        bound,
        message:
          `${shown}: the job did not report ${rule.metric} ` +
          (names.length > 0 ? `(it reported ${names.join(', ')})` : '(it reported no final metrics)') +
          '; check metric_definitions in the job config'
      }
    }
    const value = reported.value
    const base = { rule, value, bound, ...(baselineValue !== undefined ? { baseline: baselineValue } : {}) }
    if (!Number.isFinite(value))
      return {
        ...base,
        status: 'error',
        message: `${shown}: ${rule.metric} is ${formatNumber(value)}, not a number a gate can pass`
      }
    const boundText = formatNumber(bound)
    if (holds(value, rule.operator, bound))
      return {
        ...base,
        status: 'passed',
        message: `${shown}: ${rule.metric} is ${formatNumber(value)}, ${rule.operator} ${boundText}${from}`
      }
    return {
      ...base,
      status: 'failed',
      message: `${shown}: ${rule.metric} is ${formatNumber(value)}, which ${shortfall(rule.operator, boundText)}${from}`
    }
  })
}

/**
 * The error message when the step must fail: a gate failed or could not be checked.
 * Skipped gates (no baseline yet) do not fail the step. Undefined when nothing failed.
 */
export function gatesFailure(results: readonly GateResult[]): string | undefined {
  const bad = results.filter((r) => r.status === 'failed' || r.status === 'error')
  if (bad.length === 0) return undefined
  const failed = bad.filter((r) => r.status === 'failed').length
  const errors = bad.length - failed
  const counts = [failed > 0 ? `${failed} failed` : '', errors > 0 ? `${errors} could not be checked` : ''].filter(
    (s) => s !== ''
  )
  const head = `${bad.length} of ${results.length} metric gate${results.length === 1 ? '' : 's'} did not pass (${counts.join(', ')})`
  return `${head}:\n${bad.map((r) => `  - ${r.message}`).join('\n')}`
}
