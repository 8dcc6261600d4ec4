/**
 * Renders typed values as Hydra override text that Hydra's parser reads back to the
 * identical value and type (the rules of Hydra's override grammar for values, quoting and escapes).
 */
import { pythonFloatRepr, type HydraValue, type KeyValue } from './value.js'

/** A value or dict key that no override can express, with the reason. */
export class InexpressibleError extends Error {}

// Text Hydra would read as a typed scalar if written bare (the whole text is one token).
const INTU = '(?:0|[1-9](?:_?[0-9])*)'
const DIGITS = '[0-9](?:_?[0-9])*'
const TYPED_RE = new RegExp(
  `^(?:[+-]?${INTU}` +
    `|[+-]?(?:${INTU}?\\.${DIGITS}(?:[eE][+-]?${DIGITS})?|${INTU}\\.(?:[eE][+-]?${DIGITS})?|${INTU}[eE][+-]?${DIGITS}|inf|nan)` +
    '|true|false|null)$',
  'i'
)

/** True when `text`, written bare, would be read as an int, float, bool or null. */
export function looksTyped(text: string): boolean {
  return TYPED_RE.test(text)
}

// Characters that are always literal in a bare value and never form escapes, quotes,
// interpolations or calls. ':' is fine in values (not in dict keys).
const BARE_VALUE_RE = /^[A-Za-z0-9_\-/+.$%*@?|:]+$/
// Dict keys: the same minus ':', plus the backslash-escapable characters (escaped below).
const KEY_CHAR_RE = /^[A-Za-z0-9_\-/+.$%*@?|\\()[\]{}:=, \t]+$/
const KEY_ESCAPE_RE = /[\\()[\]{}:=, \t]/g

/**
 * Hydra's own `QuotedString.with_quotes` escaping: a run of backslashes that ends right
 * before the delimiter (escaped) or before the closing quote is doubled; nothing else is.
 */
export function quoteString(text: string): string {
  const q = text.includes("'") && !text.includes('"') ? '"' : "'"
  let out = q
  let run = 0
  for (const c of text) {
    if (c === '\\') {
      run++
      continue
    }
    if (c === q) out += '\\'.repeat(run * 2) + '\\' + q
    else out += '\\'.repeat(run) + c
    run = 0
  }
  return out + '\\'.repeat(run * 2) + q
}

/** A string value: bare when that is unambiguous (`relu`, `a/b.txt`), quoted otherwise. */
export function encodeString(text: string): string {
  if (BARE_VALUE_RE.test(text) && !looksTyped(text)) return text
  return quoteString(text)
}

/** Renders a float so it reads back as the same double and stays a float. */
export function encodeFloat(x: number): string {
  return pythonFloatRepr(x)
}

/** Renders a scalar or container as override value text (an element, never a sweep). */
export function encodeValue(v: HydraValue): string {
  switch (v.kind) {
    case 'null':
      return 'null'
    case 'bool':
      return v.value ? 'true' : 'false'
    case 'int':
      return v.value.toString()
    case 'float':
      return encodeFloat(v.value)
    case 'str':
      return encodeString(v.value)
    case 'list':
      return `[${v.items.map(encodeValue).join(',')}]`
    case 'dict':
      return `{${v.entries.map((e) => `${encodeDictKey(e.key)}:${encodeValue(e.value)}`).join(',')}}`
  }
}

/** Why a key cannot appear in a `{...}` literal, or undefined when it can. */
export function dictKeyProblem(key: KeyValue): string | undefined {
  switch (key.kind) {
    case 'null':
      return 'a null dict key is rejected by OmegaConf'
    case 'bool':
    case 'int':
    case 'float':
      return undefined
    case 'str': {
      const k = key.value
      if (k === '') return 'an empty key cannot be written in an override'
      if (!KEY_CHAR_RE.test(k))
        return `the key ${JSON.stringify(k)} has characters Hydra's override grammar cannot write in a key (only ASCII letters, digits and _-/+.$%*@?| plus escapable \\()[]{}:=, blank and tab)`
      if (looksTyped(k))
        return `the string key ${JSON.stringify(k)} would be read back as ${typedKind(k)} key inside {...}`
      return undefined
    }
  }
}

function typedKind(k: string): string {
  const l = k.toLowerCase()
  if (l === 'true' || l === 'false') return 'a bool'
  if (l === 'null') return 'a null'
  return /^[+-]?(?:0|[1-9](?:_?[0-9])*)$/.test(k) ? 'an int' : 'a float'
}

/** Renders a dict key for a `{...}` literal; throws {@link InexpressibleError} if impossible. */
export function encodeDictKey(key: KeyValue): string {
  const problem = dictKeyProblem(key)
  if (problem) throw new InexpressibleError(problem)
  return renderDictKey(key)
}

/** Renders a key already checked with {@link dictKeyProblem}. */
export function renderDictKey(key: KeyValue): string {
  switch (key.kind) {
    case 'str':
      return key.value.replace(KEY_ESCAPE_RE, (c) => `\\${c}`)
    case 'bool':
      return key.value ? 'true' : 'false'
    case 'int':
      return key.value.toString()
    case 'float':
      return encodeFloat(key.value)
    default:
      throw new InexpressibleError('a null dict key is rejected by OmegaConf')
  }
}

const IDENT_SEGMENT_RE = /^[A-Za-z_$][A-Za-z0-9_$-]*$/
const INT_SEGMENT_RE = /^(?:0|[1-9](?:_?[0-9])*)$/

/**
 * Whether a string key can be one segment of a dotted override key. Integer segments are
 * legal only below the top level (`0=1` is a lexer error, `a.0=1` is fine).
 */
export function isKeySegment(key: string, topLevel: boolean): boolean {
  return IDENT_SEGMENT_RE.test(key) || (!topLevel && INT_SEGMENT_RE.test(key))
}

/** Whether a string key is an integer segment (`0`, `12`, `1_000`): legal in a dotted key, but not as all of it. */
export function isIntegerSegment(key: string): boolean {
  return INT_SEGMENT_RE.test(key)
}

/**
 * Whether a dotted key can be the whole key of an override. Hydra's lexer reads a key of
 * two or more segments as a dotted path, where integer segments are fine (`0.a=1`), but a
 * key of one segment must be an identifier (`0=1` is a lexer error).
 */
export function isOverrideKey(dotted: string): boolean {
  return dotted.includes('.') || IDENT_SEGMENT_RE.test(dotted)
}

/** Extends a message key path by one key: `a` + `b` → `a.b`, `a` + 1 → `a[1]`. */
export function appendKeyPath(parent: string, k: KeyValue): string {
  if (k.kind === 'str' && IDENT_SEGMENT_RE.test(k.value)) return parent === '' ? k.value : `${parent}.${k.value}`
  if (k.kind === 'str') return `${parent}[${JSON.stringify(k.value)}]`
  if (k.kind === 'null') return `${parent}[null]`
  return `${parent}[${k.kind === 'float' ? encodeFloat(k.value) : String(k.value)}]`
}
