/**
 * How Hydra's YAML loader (OmegaConf's PyYAML SafeLoader subclass, YAML 1.1) types scalars.
 *
 * The `yaml` package's own 1.1 schema is close but not identical (it reads `y`/`n` as
 * bools, for one), so plain scalars are resolved here with PyYAML's regular expressions,
 * in PyYAML's order, and constructed with PyYAML's constructor rules.
 */
import { NULL, bool, float, int, str, type ScalarValue } from './value.js'

// PyYAML's implicit resolvers, in the order they are consulted for a scalar's first
// character: bool, float, int, (merge), null, (timestamp: removed by OmegaConf), (value),
// and finally the extra float resolver OmegaConf appends so that `1e5` is a float.
const BOOL_RE = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/
const FLOAT_RE =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/
const INT_RE =
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/
const NULL_RE = /^(?:~|null|Null|NULL|)$/
const OMEGACONF_FLOAT_RE =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/

/** The YAML tag PyYAML's resolver gives a plain (unquoted, untagged) scalar. */
export type ImplicitTag = 'bool' | 'float' | 'int' | 'null' | 'merge' | 'value' | 'str'

/** Resolves a plain scalar's tag exactly as PyYAML + OmegaConf do. */
export function resolvePlainTag(text: string): ImplicitTag {
  // PyYAML only consults resolvers registered for the first character.
  const first = text.length === 0 ? '' : text[0]
  if ('yYnNtTfFoO'.includes(first) && first !== '' && BOOL_RE.test(text)) return 'bool'
  const numeric = first !== '' && '-+0123456789.'.includes(first)
  if (numeric && FLOAT_RE.test(text)) return 'float'
  if (numeric && first !== '.' && INT_RE.test(text)) return 'int'
  if (text === '<<') return 'merge'
  if ((first === '' || '~nN'.includes(first)) && NULL_RE.test(text)) return 'null'
  if (text === '=') return 'value'
  if (numeric && OMEGACONF_FLOAT_RE.test(text)) return 'float'
  return 'str'
}

/** Thrown when PyYAML's constructor would raise on a scalar. */
export class ScalarConstructError extends Error {}

/** PyYAML's `construct_yaml_bool`: any case of yes/no/true/false/on/off. */
export function constructBool(text: string): ScalarValue {
  const v = text.toLowerCase()
  if (v === 'yes' || v === 'true' || v === 'on') return bool(true)
  if (v === 'no' || v === 'false' || v === 'off') return bool(false)
  throw new ScalarConstructError(`cannot read ${JSON.stringify(text)} as a bool`)
}

function digitsToBigInt(digits: string, radix: 2 | 8 | 10 | 16): bigint {
  const re = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[radix]
  if (!re.test(digits)) throw new ScalarConstructError(`invalid base-${radix} digits`)
  const prefix = { 2: '0b', 8: '0o', 10: '', 16: '0x' }[radix]
  return BigInt(prefix + digits)
}

/**
 * PyYAML's `construct_yaml_int`: underscores dropped, then binary, hex, octal (leading 0),
 * sexagesimal (`1:30` is 90) or decimal, all exact.
 */
export function constructInt(text: string): ScalarValue {
  let v = text.replace(/_/g, '')
  let negative = false
  if (v.startsWith('-')) negative = true
  if (v.startsWith('-') || v.startsWith('+')) v = v.slice(1)
  let n: bigint
  try {
    if (v === '0') n = 0n
    else if (v.startsWith('0b')) n = digitsToBigInt(v.slice(2), 2)
    else if (v.startsWith('0x')) n = digitsToBigInt(v.slice(2), 16)
    else if (v.startsWith('0')) n = digitsToBigInt(v, 8)
    else if (v.includes(':')) {
      n = 0n
      for (const part of v.split(':')) n = n * 60n + digitsToBigInt(part, 10)
    } else n = digitsToBigInt(v, 10)
  } catch {
    throw new ScalarConstructError(`cannot read ${JSON.stringify(text)} as an int`)
  }
  return int(negative ? -n : n)
}

const PY_FLOAT_RE = /^[-+]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[-+]?[0-9]+)?|inf|infinity|nan)$/

/** Python's `float(str)` for the strings PyYAML hands it (already lowercase, no `_`). */
function pythonFloat(text: string): number {
  const t = text.trim()
  if (!PY_FLOAT_RE.test(t)) throw new ScalarConstructError(`cannot read ${JSON.stringify(text)} as a float`)
  const negative = t.startsWith('-')
  const body = t.replace(/^[-+]/, '')
  if (body === 'nan') return NaN
  if (body === 'inf' || body === 'infinity') return negative ? -Infinity : Infinity
  // Both Python and JS round decimal strings correctly, so this is the same double.
  const x = Number(body)
  return negative ? -x : x
}

/**
 * PyYAML's `construct_yaml_float`, step for step (including its sexagesimal sum, done in
 * the same floating-point order so the rounding matches).
 */
export function constructFloat(text: string): ScalarValue {
  let v = text.replace(/_/g, '').toLowerCase()
  if (v.length === 0) throw new ScalarConstructError('cannot read an empty string as a float')
  let sign = 1
  if (v[0] === '-') sign = -1
  if (v[0] === '-' || v[0] === '+') v = v.slice(1)
  if (v === '.inf') return float(sign * Infinity)
  if (v === '.nan') return float(NaN)
  if (v.includes(':')) {
    const digits = v.split(':').map(pythonFloat).reverse()
    let base = 1
    let total = 0.0
    for (const d of digits) {
      total += d * base
      base *= 60
    }
    return float(sign * total)
  }
  return float(sign * pythonFloat(v))
}

/** Types a plain scalar the way Hydra's loader does. */
export function constructPlain(text: string): ScalarValue | 'merge' | 'value' {
  const tag = resolvePlainTag(text)
  switch (tag) {
    case 'bool':
      return constructBool(text)
    case 'float':
      return constructFloat(text)
    case 'int':
      return constructInt(text)
    case 'null':
      return NULL
    case 'str':
      return str(text)
    default:
      return tag
  }
}
