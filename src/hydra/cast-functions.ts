/**
 * Hydra's cast functions `int()`, `float()`, `str()` and `bool()`, evaluated the way
 * `hydra/_internal/grammar/grammar_functions.py` does (containers are cast element-wise).
 * Sweep functions are not evaluated: they only matter under --multirun.
 */
import type { FunctionCall, ParsedElement } from './override-parser.js'
import { bool, dict, float, int, list, pythonFloatRepr, str, type KeyValue, type Value } from './value.js'

/** Raised when a cast fails the way Python's would (e.g. `int('abc')`). */
export class CastError extends Error {}

type Cast = (v: Value<never>) => Value<never>

const PY_INT_RE = /^[+-]?(?:0|[1-9](?:_?[0-9])*|0+(?:_?0)*)$/
const PY_FLOAT_RE =
  /^[+-]?(?:(?:[0-9](?:_?[0-9])*)?\.?[0-9](?:_?[0-9])*(?:[eE][+-]?[0-9](?:_?[0-9])*)?|[0-9](?:_?[0-9])*\.(?:[eE][+-]?[0-9](?:_?[0-9])*)?|inf|infinity|nan)$/i

function pyFloat(text: string): number {
  const t = text.trim()
  if (!PY_FLOAT_RE.test(t)) throw new CastError(`could not convert string to float: '${text}'`)
  const l = t.replace(/_/g, '').toLowerCase()
  const neg = l.startsWith('-')
  const body = l.replace(/^[+-]/, '')
  if (body === 'nan') return NaN
  if (body === 'inf' || body === 'infinity') return neg ? -Infinity : Infinity
  const x = Number(body)
  return neg ? -x : x
}

function mapContainer(v: Value<never>, f: Cast): Value<never> | undefined {
  if (v.kind === 'list') return list(v.items.map(f))
  if (v.kind === 'dict') return dict(v.entries.map((e): [KeyValue, Value<never>] => [e.key, f(e.value)]))
  return undefined
}

const castInt: Cast = (v) => {
  const c = mapContainer(v, castInt)
  if (c) return c
  switch (v.kind) {
    case 'int':
      return v
    case 'bool':
      return int(v.value ? 1 : 0)
    case 'float':
      if (!Number.isFinite(v.value)) throw new CastError(`cannot convert float ${pythonFloatRepr(v.value)} to integer`)
      return int(BigInt(Math.trunc(v.value)))
    case 'str': {
      const t = v.value.trim()
      if (!PY_INT_RE.test(t)) throw new CastError(`invalid literal for int() with base 10: '${v.value}'`)
      const d = t.replace(/_/g, '')
      const n = BigInt(d.replace(/^[+-]/, ''))
      return int(d.startsWith('-') ? -n : n)
    }
    default:
      throw new CastError(`int() argument must be a string or a number, not 'NoneType'`)
  }
}

const castFloat: Cast = (v) => {
  const c = mapContainer(v, castFloat)
  if (c) return c
  switch (v.kind) {
    case 'float':
      return v
    case 'int':
      return float(Number(v.value))
    case 'bool':
      return float(v.value ? 1 : 0)
    case 'str':
      return float(pyFloat(v.value))
    default:
      throw new CastError(`float() argument must be a string or a number, not 'NoneType'`)
  }
}

const castStr: Cast = (v) => {
  const c = mapContainer(v, castStr)
  if (c) return c
  switch (v.kind) {
    case 'str':
      return v
    case 'int':
      return str(v.value.toString())
    case 'float':
      return str(pythonFloatRepr(v.value))
    case 'bool':
      return str(v.value ? 'true' : 'false')
    default:
      return str('None')
  }
}

const castBool: Cast = (v) => {
  const c = mapContainer(v, castBool)
  if (c) return c
  switch (v.kind) {
    case 'bool':
      return v
    case 'int':
      return bool(v.value !== 0n)
    case 'float':
      return bool(v.value !== 0)
    case 'str': {
      const l = v.value.toLowerCase()
      if (l === 'true') return bool(true)
      if (l === 'false') return bool(false)
      throw new CastError(`Cannot cast '${v.value}' to bool`)
    }
    default:
      return bool(false)
  }
}

const CASTS: Readonly<Record<string, Cast>> = { int: castInt, float: castFloat, str: castStr, bool: castBool }

/** Evaluates cast calls inside an element; returns undefined if another function remains. */
export function evaluateCasts(v: ParsedElement): Value<never> | undefined {
  if (v.kind === 'call') return evaluateCall(v)
  if (v.kind === 'list') {
    const items = v.items.map(evaluateCasts)
    return items.every((x) => x !== undefined) ? list(items as Value<never>[]) : undefined
  }
  if (v.kind === 'dict') {
    const values = v.entries.map((e) => evaluateCasts(e.value))
    if (!values.every((x) => x !== undefined)) return undefined
    return dict(v.entries.map((e, i): [KeyValue, Value<never>] => [e.key, values[i] as Value<never>]))
  }
  return v
}

function evaluateCall(c: FunctionCall): Value<never> | undefined {
  const cast = CASTS[c.name]
  if (!cast) return undefined
  const given = [...c.args, ...c.kwargs.filter(([k]) => k === 'value').map(([, v]) => v)]
  if (given.length !== 1 || c.kwargs.some(([k]) => k !== 'value'))
    throw new CastError(`${c.name}() takes exactly one value`)
  const arg = evaluateCasts(given[0])
  return arg === undefined ? undefined : cast(arg)
}
