// fast-check generators for typed Hydra configs, and a YAML writer for them.
import fc from 'fast-check'
import {
  NULL,
  bool,
  dict,
  float,
  int,
  list,
  pythonFloatRepr,
  str,
  type DictValue,
  type HydraValue,
  type KeyValue
} from '../../src/hydra/value.js'

const NASTY_UNITS = [
  "'",
  '"',
  '\\',
  ' ',
  '\t',
  '\n',
  '\r',
  ',',
  '=',
  ':',
  '[',
  ']',
  '{',
  '}',
  '(',
  ')',
  '$',
  '#',
  '~',
  '!',
  '*',
  '@',
  '%',
  '|',
  '?',
  '/',
  '.',
  '-',
  '+',
  '_',
  'a',
  'Z',
  '0',
  '1',
  'e',
  'é',
  '😀',
  '\u00a0',
  '\u0000',
  '\u0085',
  '\u2028',
  'ключ'
]

const SPECIAL_STRINGS = [
  '',
  ' ',
  '007',
  '1',
  '-1',
  '+1',
  '1.0',
  '1.',
  '.5',
  '1e5',
  '1E-3',
  'inf',
  '-inf',
  '+INF',
  'nan',
  'NaN',
  'true',
  'False',
  'TRUE',
  'null',
  'NULL',
  'None',
  'yes',
  'no',
  'on',
  '~',
  '1,2',
  'a,b',
  'range(1,3)',
  'choice(a,b)',
  'str(1)',
  'int(1)',
  'glob(*)',
  'range',
  '${a.b}',
  '${a.${b}}',
  '${oc.env:HOME,/tmp}',
  '${oc.select:a,{b: 1}}',
  '\\${x}',
  "it's",
  'say "hi"',
  'C:\\path\\',
  "C:\\'some folder'\\",
  '[1,2]',
  '{a:1}',
  'a=b',
  '.inf',
  '-.inf',
  '.nan',
  '1_000',
  '1__000',
  '0x10',
  '0o17',
  '0b101',
  '1:30',
  '  padded  ',
  'x\\',
  '\\',
  "'",
  '"',
  "\\'",
  '\\"',
  'a b',
  'hello  world',
  'héllo 😀',
  'a\nb',
  '-true',
  '1.2.3',
  '/abs/path.txt',
  '$HOME',
  '50%',
  'user@host',
  'http://h:1/p?q=1',
  '\t',
  'Infinity',
  '1e309',
  '1 2'
]

/** Strings that stress quoting and typing. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...SPECIAL_STRINGS),
  fc.string({ unit: fc.constantFrom(...NASTY_UNITS), maxLength: 10 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc
    .tuple(fc.constantFrom('', '-', '+'), fc.nat(), fc.constantFrom('', '.', '.5', 'e5', '_0'))
    .map(([s, n, t]) => `${s}${n}${t}`)
)

/** Any double, with the awkward ones made likely. */
export const anyFloat: fc.Arbitrary<number> = fc.oneof(
  fc.double(),
  fc.constantFrom(
    0,
    -0,
    1,
    -1,
    0.1,
    1e16,
    1e20,
    1e21,
    1e22,
    1e-5,
    1e-7,
    5e-324,
    1.7976931348623157e308,
    Infinity,
    -Infinity,
    NaN,
    0.30000000000000004,
    123456789.125,
    2 ** 53,
    2 ** 53 + 2
  )
)

/** Any int, including ones far beyond 2^53. */
export const anyInt: fc.Arbitrary<bigint> = fc.oneof(
  fc.integer().map(BigInt),
  fc.bigInt({ min: -(1n << 100n), max: 1n << 100n })
)

/** Any scalar value. */
export const scalar: fc.Arbitrary<HydraValue> = fc.oneof(
  anyInt.map(int),
  anyFloat.map(float),
  fc.boolean().map(bool),
  fc.constant(NULL),
  nastyString.map(str)
)

const identifier = fc.stringMatching(/^[A-Za-z_$][A-Za-z0-9_$-]{0,7}$/)

/** Top-level keys Hydra can override (the Defaults List and prefixes excluded). */
export const topKey: fc.Arbitrary<KeyValue> = identifier.filter((k) => k !== 'defaults').map(str)

/** Nested keys that a `{...}` literal can hold. */
export const literalKey: fc.Arbitrary<KeyValue> = fc.oneof(
  identifier.map(str),
  fc
    .constantFrom(
      'a b',
      'a.b',
      'c:d',
      '007',
      'x(y)',
      ' lead',
      'tail ',
      'a\tb',
      'w=1',
      'p,q',
      '[i]',
      '{j}',
      '\\',
      '$\\{k}',
      '-',
      '1-2',
      '/x/y',
      '1e',
      'Infinity'
    )
    .map(str),
  anyInt.map(int),
  anyFloat.map(float),
  fc.boolean().map(bool)
)

/** Any nested key at all, expressible or not (prefix markers excluded). */
export const anyKey: fc.Arbitrary<KeyValue> = fc.oneof(
  literalKey,
  nastyString.filter((s) => !/^[+~]/.test(s)).map(str),
  fc.constant(NULL)
)

/** Nested values with keys drawn from `key`. */
export function valueArb(key: fc.Arbitrary<KeyValue>, maxDepth = 3): fc.Arbitrary<HydraValue> {
  const { value } = fc.letrec<{ value: HydraValue; list: HydraValue; dict: HydraValue }>((tie) => ({
    value: fc.oneof({ depthSize: 'small', maxDepth }, scalar, tie('list'), tie('dict')),
    list: fc.array(tie('value'), { maxLength: 4 }).map((items) => list(items)),
    dict: fc.array(fc.tuple(key, tie('value')), { maxLength: 4 }).map((e) => dict(e))
  }))
  return value
}

/** A config root: identifier keys at the top, anything below. */
export function configArb(key: fc.Arbitrary<KeyValue>, maxKeys = 6): fc.Arbitrary<DictValue> {
  return fc.array(fc.tuple(topKey, valueArb(key)), { maxLength: maxKeys }).map((e) => dict(e))
}

function yamlString(s: string): string {
  let out = '"'
  for (const ch of s) {
    const c = ch.codePointAt(0)!
    if (ch === '"') out += '\\"'
    else if (ch === '\\') out += '\\\\'
    else if (
      c < 0x20 ||
      c === 0x7f ||
      c === 0x85 ||
      c === 0x2028 ||
      c === 0x2029 ||
      c === 0xfeff ||
      (c >= 0xd800 && c <= 0xdfff)
    )
      out += `\\u${c.toString(16).padStart(4, '0')}`
    else out += ch
  }
  return `${out}"`
}

/** Writes a value as flow-style YAML that PyYAML reads back to the same typed value. */
export function toYaml(v: HydraValue): string {
  switch (v.kind) {
    case 'null':
      return 'null'
    case 'bool':
      return v.value ? 'true' : 'false'
    case 'int':
      return v.value.toString()
    case 'float':
      if (Number.isNaN(v.value)) return '.nan'
      if (v.value === Infinity) return '.inf'
      if (v.value === -Infinity) return '-.inf'
      return pythonFloatRepr(v.value)
    case 'str':
      return yamlString(v.value)
    case 'list':
      return `[${v.items.map(toYaml).join(', ')}]`
    case 'dict':
      return `{${v.entries.map((e) => `${toYaml(e.key)}: ${toYaml(e.value)}`).join(', ')}}`
  }
}
