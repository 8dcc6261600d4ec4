/**
 * Builds SageMaker `ContainerArguments` from the command words, the Hydra config, the
 * experiment name and the user's raw overrides, within SageMaker's limits.
 */
import { ConfigError, type Problem } from '../problems.js'
import { encodeString } from './encode.js'
import { flattenConfig, renderUnit, units, type Child } from './flatten.js'
import { OverrideSyntaxError, parseOverride, type ParsedOverride } from './override-parser.js'
import { packOverrides } from './pack.js'
import type { HydraConfig } from './yaml-load.js'

/** SageMaker's limits on `ContainerArguments`. */
export const SAGEMAKER_MAX_ARGS = 100
export const SAGEMAKER_MAX_ARG_LENGTH = 256

export interface ContainerArgumentsPlan {
  /** Final ContainerArguments: command words, config overrides, experiment override, user overrides. */
  args: string[]
  /** How many came from the config, after packing. */
  configOverrides: number
  /** Total args the flat (unpacked) translation would need. */
  unpackedCount: number
  /** True when sibling leaves were packed into dict literals. */
  packed: boolean
  /** Key paths that were packed (for the summary). */
  packedKeys: string[]
  /** Top-level config keys deliberately left out (the Defaults List). */
  skippedKeys: string[]
  /** Config leaves left out because the experiment or a user override sets the same key. */
  shadowedKeys: string[]
  /** Things that are valid for Hydra but worth a look (e.g. a line break inside an argument). */
  warnings: string[]
}

export interface PlanInput {
  /** Leading words (already split). */
  command: string[]
  /** The Hydra config; may be absent (no hydra file). */
  config?: HydraConfig
  /** For error messages. */
  configFile: string
  /** Raw user overrides, appended last, validated with parseOverride. Line N is index N-1. */
  overrides: string[]
  /** E.g. experiment_name=<job name>; emitted last before the user overrides, as `++key=value`. */
  experiment?: { key: string; value: string }
  /** Default 100. */
  maxArgs?: number
  /** Default 256. */
  maxArgLength?: number
}

// Hydra's own command-line flags (argparse), and those that take the next word as value.
const MULTIRUN_FLAGS = new Set(['-m', '--multirun'])
const FLAGS_WITH_VALUE = new Set([
  '-cp',
  '--config-path',
  '-cn',
  '--config-name',
  '-cd',
  '--config-dir',
  '-c',
  '--cfg',
  '-p',
  '--package',
  '--experimental-rerun'
])

/**
 * Whether Hydra runs in multirun mode. `python -m module` uses `-m` for Python itself,
 * so a `-m` right after a python executable does not count.
 */
function isMultirun(words: readonly string[]): boolean {
  return words.some(
    (w, i) => w === '--multirun' || (w === '-m' && !(i > 0 && /(^|\/)python[\d.]*$/.test(words[i - 1])))
  )
}

function validateOverrides(
  overrides: readonly string[],
  lineOf: (index: number) => number,
  multirun: boolean,
  problems: Problem[]
): ParsedOverride[] {
  const parsed: ParsedOverride[] = []
  let flagValue = false
  overrides.forEach((text, i) => {
    const where = `input overrides line ${lineOf(i)}`
    // Hydra flags (--cfg job, -cn other) pass through untouched; they are not overrides.
    if (flagValue) {
      flagValue = false
      return
    }
    if (text.startsWith('-')) {
      flagValue = FLAGS_WITH_VALUE.has(text)
      return
    }
    try {
      const o = parseOverride(text)
      if (o.valueType && o.valueType !== 'element' && !multirun)
        problems.push({
          where,
          message:
            o.valueType === 'simple_choice_sweep'
              ? `${JSON.stringify(text)} is a sweep (an unquoted comma), which Hydra rejects without --multirun: write a list as key=[a,b] or quote a string as key='a,b'`
              : `${JSON.stringify(text)} is a sweep (${o.valueType.replace(/_/g, ' ')}), which Hydra rejects without --multirun`
        })
      parsed.push(o)
    } catch (e) {
      if (e instanceof OverrideSyntaxError) problems.push({ where, message: e.message })
      else throw e
    }
  })
  return parsed
}

function sizeReport(children: readonly Child[], maxLength: number): string {
  const rows = children
    .map((c) => {
      const args = packOverrides([c], maxLength).args
      return { key: c.keyPath, args: args.length, chars: args.reduce((n, a) => n + a.length, 0) }
    })
    .sort((a, b) => b.args - a.args || b.chars - a.chars)
  const shown = rows
    .slice(0, 10)
    .map((r) => `${r.key} (${r.args} argument${r.args === 1 ? '' : 's'}, ${r.chars} characters)`)
  const more = rows.length > 10 ? `, and ${rows.length - 10} more` : ''
  return `${shown.join(', ')}${more}`
}

/**
 * Pure. Throws ConfigError listing every problem: inexpressible values (with key path),
 * bad user overrides (override + column), and limits that cannot be met (offending keys,
 * sizes and what to do).
 */
export function planContainerArguments(input: PlanInput): ContainerArgumentsPlan {
  const maxArgs = input.maxArgs ?? SAGEMAKER_MAX_ARGS
  const maxLen = input.maxArgLength ?? SAGEMAKER_MAX_ARG_LENGTH
  const problems: Problem[] = []
  const configWhere = (keyPath: string): string => `${input.configFile} key ${keyPath}`
  const configProblem = (keyPath: string, message: string): Problem => ({
    where: configWhere(keyPath),
    message,
    file: input.configFile,
    key: keyPath
  })

  // Blank lines in the overrides input are layout; messages keep the user's line numbers.
  // Blank means spaces and tabs only, the only white space Hydra's grammar knows: trim()
  // would also drop a line of U+00A0 (or any other Unicode space), which Hydra rejects.
  const lines = input.overrides.map((text, i) => ({ text, line: i + 1 })).filter((o) => !/^[ \t]*$/.test(o.text))
  const overrides = lines.map((o) => o.text)
  const lineOf = (index: number): number => lines[index].line
  const multirun = isMultirun(input.command) || overrides.some((w) => MULTIRUN_FLAGS.has(w))
  const user = validateOverrides(overrides, lineOf, multirun, problems)

  let experimentArg: string[] = []
  let experimentKey: string | undefined
  if (input.experiment) {
    const { key, value } = input.experiment
    const arg = `++${key}=${encodeString(value)}`
    try {
      const o = parseOverride(arg)
      if (o.isGroup || o.package !== undefined || o.key !== key)
        throw new OverrideSyntaxError(arg, 3, 'not a plain config key')
      experimentArg = [arg]
      experimentKey = key
    } catch (e) {
      if (!(e instanceof OverrideSyntaxError)) throw e
      problems.push({
        where: 'experiment',
        message: `${JSON.stringify(key)} cannot be used as an override key: ${e.message}`
      })
    }
  }

  // Hydra applies value overrides in order, so a later one simply wins; dropping the
  // config's copy of a key set again later keeps the list short and the intent obvious.
  // A user override on a whole mapping may be a config-group choice, so mappings stay.
  const userKeys = new Set(user.filter((o) => !o.isGroup && o.package === undefined && o.key !== '').map((o) => o.key))
  const shadowed: string[] = []
  const drop = (dotted: string, isGroup: boolean): boolean => {
    const hit = dotted === experimentKey || (!isGroup && userKeys.has(dotted))
    if (hit) shadowed.push(dotted)
    return hit
  }

  const flat = input.config ? flattenConfig(input.config, drop) : { children: [], problems: [], skipped: [] }
  for (const p of flat.problems) problems.push(configProblem(p.keyPath, p.message))

  const flatArgs = [...units(flat.children)].map(renderUnit)
  const fixed = input.command.length + experimentArg.length + overrides.length
  const unpackedCount = fixed + flatArgs.length
  const budget = maxArgs - fixed

  let configArgs = flatArgs
  let packedKeys: string[] = []
  if (flatArgs.length > budget) {
    const packed = packOverrides(flat.children, maxLen)
    configArgs = packed.args
    packedKeys = packed.packedKeys
  }

  input.command.forEach((w, i) => {
    if (w.length > maxLen)
      problems.push({
        where: 'input command',
        message: `word ${i + 1} is ${w.length} characters; SageMaker allows at most ${maxLen} per argument`
      })
  })
  for (const a of configArgs)
    if (a.length > maxLen) {
      const key = a.replace(/^[+~]*/, '').split('=')[0]
      problems.push(
        configProblem(
          key,
          `the override is ${a.length} characters but SageMaker allows at most ${maxLen} per argument, and a single value cannot be split; shorten the value or move it into a file in the image and point to it`
        )
      )
    }
  overrides.forEach((o, i) => {
    if (o.length > maxLen)
      problems.push({
        where: `input overrides line ${lineOf(i)}`,
        message: `the override is ${o.length} characters; SageMaker allows at most ${maxLen} per argument`
      })
  })
  for (const a of experimentArg)
    if (a.length > maxLen)
      problems.push({
        where: 'experiment',
        message: `the experiment override is ${a.length} characters; SageMaker allows at most ${maxLen}`
      })

  if (budget < 0) {
    problems.push({
      where: 'input overrides',
      message: `the command words (${input.command.length}), experiment override (${experimentArg.length}) and user overrides (${overrides.length}) alone need ${fixed} arguments; SageMaker allows at most ${maxArgs}`
    })
  } else if (configArgs.length > budget) {
    problems.push({
      where: input.configFile,
      message:
        `the config needs ${configArgs.length} arguments even after packing sibling keys into dict literals, ` +
        `but only ${Math.max(0, budget)} of SageMaker's ${maxArgs} are left (${input.command.length} command words, ` +
        `${experimentArg.length} experiment override, ${overrides.length} user overrides). ` +
        `It has ${flat.children.length} top-level keys, and each needs at least one argument. Largest: ${sizeReport(flat.children, maxLen)}. ` +
        'To fit, group top-level keys under fewer parents, shorten long keys and values, or ship the bulky parts as a config file in the image and select it with a config group'
    })
  }

  if (problems.length > 0) throw new ConfigError(problems)
  // Hydra reads line breaks inside quoted values fine, but SageMaker documents the
  // argument pattern as `.*`, which may not admit them; say so rather than guess.
  const warnings: string[] = []
  const lineBreak = /[\n\r\u0085\u2028\u2029]/
  for (const u of units(flat.children))
    if (lineBreak.test(u.valueText ?? ''))
      warnings.push(
        `${configWhere(u.keyPath)}: the value contains a line break; SageMaker's ContainerArguments pattern (.*) may reject it`
      )
  overrides.forEach((o, i) => {
    if (lineBreak.test(o))
      warnings.push(`input overrides line ${lineOf(i)}: the override contains a line break; SageMaker may reject it`)
  })
  return {
    args: [...input.command, ...configArgs, ...experimentArg, ...overrides],
    configOverrides: configArgs.length,
    unpackedCount,
    packed: packedKeys.length > 0,
    packedKeys,
    skippedKeys: [...flat.skipped],
    shadowedKeys: shadowed,
    warnings
  }
}
