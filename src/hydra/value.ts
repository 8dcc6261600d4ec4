/**
 * The typed value model shared by the YAML loader, the emitter and the override parser.
 *
 * JavaScript numbers cannot tell `1` from `1.0` and lose digits past 2^53, while Hydra
 * (Python) keeps int and float apart and keeps every digit. So every scalar carries its kind,
 * ints are bigints, and dicts are ordered entry lists whose keys may be non-strings.
 */

/** Python `None`. */
export interface NullValue {
  readonly kind: 'null'
}
/** Python `bool`. */
export interface BoolValue {
  readonly kind: 'bool'
  readonly value: boolean
}
/** Python `int`, exact at any size. */
export interface IntValue {
  readonly kind: 'int'
  readonly value: bigint
}
/** Python `float` (an IEEE double, including inf, nan and -0.0). */
export interface FloatValue {
  readonly kind: 'float'
  readonly value: number
}
/** Python `str`. Interpolations such as `${a.b}` are plain strings at this level. */
export interface StrValue {
  readonly kind: 'str'
  readonly value: string
}
/** Any scalar. */
export type ScalarValue = NullValue | BoolValue | IntValue | FloatValue | StrValue
/** What a dict key can be: Python hashable scalars. */
export type KeyValue = ScalarValue

/** A list whose elements may also be `Extra` (the parser uses that for function calls). */
export interface ListValue<Extra = never> {
  readonly kind: 'list'
  readonly items: ReadonlyArray<Value<Extra>>
}
/** One dict entry, in insertion order. */
export interface DictEntry<Extra = never> {
  readonly key: KeyValue
  readonly value: Value<Extra>
}
/** An ordered dict; keys are unique under Python equality (see {@link keyIdentity}). */
export interface DictValue<Extra = never> {
  readonly kind: 'dict'
  readonly entries: ReadonlyArray<DictEntry<Extra>>
}
/** A value tree; `Extra` widens the leaves (never, for plain config values). */
export type Value<Extra = never> = ScalarValue | ListValue<Extra> | DictValue<Extra> | Extra
/** A plain config value, as Hydra would hold it after composing. */
export type HydraValue = Value<never>

export const NULL: NullValue = Object.freeze({ kind: 'null' })
/** Builds a bool value. */
export const bool = (value: boolean): BoolValue => ({ kind: 'bool', value })
/** Builds an int value (numbers must be safe integers; pass a bigint otherwise). */
export const int = (value: bigint | number): IntValue => ({ kind: 'int', value: BigInt(value) })
/** Builds a float value. */
export const float = (value: number): FloatValue => ({ kind: 'float', value })
/** Builds a string value. */
export const str = (value: string): StrValue => ({ kind: 'str', value })
/** Builds a list value. */
export const list = <E = never>(items: ReadonlyArray<Value<E>>): ListValue<E> => ({ kind: 'list', items })

/**
 * Builds a dict from entries the way a Python dict literal would: a key equal to an
 * earlier one (under Python equality, where `1 == 1.0 == True`) keeps the earlier key
 * and position but takes the later value.
 */
export function dict<E = never>(entries: Iterable<readonly [KeyValue, Value<E>]>): DictValue<E> {
  const out: DictEntry<E>[] = []
  const index = new Map<string, number>()
  for (const [key, value] of entries) {
    const id = keyIdentity(key)
    const at = id === undefined ? undefined : index.get(id)
    if (at === undefined) {
      if (id !== undefined) index.set(id, out.length)
      out.push({ key, value })
    } else {
      out[at] = { key: out[at].key, value }
    }
  }
  return { kind: 'dict', entries: out }
}

/**
 * A string that is equal for keys Python considers equal (`1`, `1.0`, `True`), or
 * undefined for NaN, which never equals anything (each NaN key is its own entry).
 */
export function keyIdentity(key: KeyValue): string | undefined {
  switch (key.kind) {
    case 'null':
      return 'n'
    case 'bool':
      return key.value ? 'i1' : 'i0'
    case 'int':
      return `i${key.value}`
    case 'float':
      if (Number.isNaN(key.value)) return undefined
      if (Number.isInteger(key.value)) return `i${BigInt(key.value)}`
      return `f${key.value}`
    case 'str':
      return `s${key.value}`
  }
}

/** True for scalar kinds. */
export function isScalar<E>(v: Value<E>): v is ScalarValue {
  const k = (v as { kind?: string }).kind
  return k === 'null' || k === 'bool' || k === 'int' || k === 'float' || k === 'str'
}

/**
 * Strict structural equality: kinds must match (int 1 is not float 1.0 nor True),
 * floats compare by bit pattern (so -0.0 differs from 0.0 and NaN equals NaN), and dict
 * entries must match in order.
 */
export function valuesEqual(a: HydraValue, b: HydraValue): boolean {
  if (a.kind !== b.kind) return false
  switch (a.kind) {
    case 'null':
      return true
    case 'bool':
    case 'int':
    case 'str':
      return a.value === (b as typeof a).value
    case 'float':
      return Object.is(a.value, (b as FloatValue).value)
    case 'list': {
      const bi = (b as ListValue).items
      return a.items.length === bi.length && a.items.every((x, i) => valuesEqual(x, bi[i]))
    }
    case 'dict': {
      const be = (b as DictValue).entries
      return (
        a.entries.length === be.length &&
        a.entries.every((e, i) => valuesEqual(e.key, be[i].key) && valuesEqual(e.value, be[i].value))
      )
    }
  }
}

/** Python's `repr` of a float: shortest round-trip digits, `.0` kept, `inf`/`nan` spelled out. */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan'
  if (x === Infinity) return 'inf'
  if (x === -Infinity) return '-inf'
  if (Object.is(x, -0)) return '-0.0'
  // toExponential() without an argument gives the shortest digits that round-trip, like
  // Python's repr; Python then writes fixed notation for exponents in [-4, 16).
  const [mantissa, expText] = Math.abs(x).toExponential().split('e')
  const exp = Number(expText)
  const digits = mantissa.replace('.', '')
  const sign = x < 0 ? '-' : ''
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits
    const e = Math.abs(exp).toString().padStart(2, '0')
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${e}`
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0')
  const frac = digits.slice(exp + 1)
  return `${sign}${intPart}.${frac === '' ? '0' : frac}`
}

/** A short Python-like rendering for error messages and summaries. */
export function describeValue(v: HydraValue): string {
  switch (v.kind) {
    case 'null':
      return 'null'
    case 'bool':
      return v.value ? 'true' : 'false'
    case 'int':
      return v.value.toString()
    case 'float':
      return pythonFloatRepr(v.value)
    case 'str':
      return JSON.stringify(v.value)
    case 'list':
      return `[${v.items.map(describeValue).join(', ')}]`
    case 'dict':
      return `{${v.entries.map((e) => `${describeValue(e.key)}: ${describeValue(e.value)}`).join(', ')}}`
  }
}
