// loadHydraConfig reads YAML the way Hydra does: PyYAML SafeLoader (YAML 1.1) plus
// OmegaConf's float resolver, no timestamps, duplicate keys rejected.
import { describe, expect, it } from '@jest/globals'
import { ConfigError } from '../src/problems.js'
import { loadHydraConfig } from '../src/hydra/index.js'
import { describeValue, type HydraValue } from '../src/hydra/value.js'

function load(yaml: string): HydraValue {
  const cfg = loadHydraConfig(`x: ${yaml}`, 'c.yaml')
  return cfg.entries[0].value
}
const typed = (v: HydraValue): string => `${v.kind} ${describeValue(v)}`

describe('plain scalars resolve like PyYAML + OmegaConf', () => {
  it.each([
    ['1', 'int 1'],
    ['-0', 'int 0'],
    ['+12', 'int 12'],
    ['1.0', 'float 1.0'],
    ['1.', 'float 1.0'],
    ['.5', 'float 0.5'],
    ['1e5', 'float 100000.0'],
    ['1E-3', 'float 0.001'],
    ['1.0e5', 'float 100000.0'],
    ['1.5e+3', 'float 1500.0'],
    ['.5e3', 'str ".5e3"'],
    ['.5e+3', 'float 500.0'],
    ['-0.0', 'float -0.0'],
    ['.inf', 'float inf'],
    ['-.Inf', 'float -inf'],
    ['+.INF', 'float inf'],
    ['.nan', 'float nan'],
    ['.NaN', 'float nan'],
    ['inf', 'str "inf"'],
    ['nan', 'str "nan"'],
    ['yes', 'bool true'],
    ['No', 'bool false'],
    ['ON', 'bool true'],
    ['off', 'bool false'],
    ['True', 'bool true'],
    ['tRUE', 'str "tRUE"'],
    ['y', 'str "y"'],
    ['n', 'str "n"'],
    ['017', 'int 15'],
    ['-017', 'int -15'],
    ['08', 'str "08"'],
    ['09.5', 'float 9.5'],
    ['0x1F', 'int 31'],
    ['0b101', 'int 5'],
    ['0o17', 'str "0o17"'],
    ['1_000', 'int 1000'],
    ['1__000', 'int 1000'],
    ['1_000.5', 'float 1000.5'],
    ['1:30', 'int 90'],
    ['-1:30', 'int -90'],
    ['190:20:30', 'int 685230'],
    ['190:20:30.15', 'float 685230.15'],
    ['0:30', 'str "0:30"'],
    ['1:70', 'str "1:70"'],
    ['123456789012345678901234567890', 'int 123456789012345678901234567890'],
    ['9007199254740993', 'int 9007199254740993'],
    ['0.30000000000000004', 'float 0.30000000000000004'],
    ['1e400', 'float inf'],
    ['2023-01-01', 'str "2023-01-01"'],
    ['2001-12-14t21:59:43.10-05:00', 'str "2001-12-14t21:59:43.10-05:00"'],
    ['~', 'null null'],
    ['null', 'null null'],
    ['Null', 'null null'],
    ['nULL', 'str "nULL"'],
    ['', 'null null'],
    ['None', 'str "None"'],
    ["'1.0'", 'str "1.0"'],
    ['"yes"', 'str "yes"'],
    ['!!str 1.0', 'str "1.0"'],
    ['!!int "017"', 'int 15'],
    ['!!float "1"', 'float 1.0'],
    ['!!float "inf"', 'float inf'],
    ['!!bool "On"', 'bool true'],
    ['!!null "x"', 'null null'],
    ['! 12', 'str "12"'],
    ['${a.b}', 'str "${a.b}"'],
    ['a b  c', 'str "a b  c"'],
    ['|\n  line\n', 'str "line\\n"']
  ])('%s → %s', (yaml, expected) => {
    expect(typed(load(yaml))).toBe(expected)
  })
})

describe('structure', () => {
  it('expands anchors, aliases and merge keys like PyYAML', () => {
    const cfg = loadHydraConfig(
      ['a: &A {p: 1, q: 2}', 'b: &B {q: 3, r: 4}', 'c:', '  <<: [*A, *B]', '  r: 5', 'd: *A', "e: {'<<': 1}"].join(
        '\n'
      ),
      'c.yaml'
    )
    expect(describeValue(cfg)).toBe(
      '{"a": {"p": 1, "q": 2}, "b": {"q": 3, "r": 4}, "c": {"q": 2, "r": 5, "p": 1}, "d": {"p": 1, "q": 2}, "e": {"<<": 1}}'
    )
  })

  it('keeps non-string keys and merges keys Python considers equal', () => {
    expect(describeValue(loadHydraConfig('x: {1: a, 1.5: b, true: c, "1": d, null: e}', 'c.yaml'))).toBe(
      '{"x": {1: "c", 1.5: "b", "1": "d", null: "e"}}'
    )
  })

  it.each([
    ['', '{}'],
    ['# only a comment\n', '{}'],
    ['~\n', '{}'],
    ['---\n', '{}']
  ])('treats %j as an empty config', (yaml, expected) => {
    expect(describeValue(loadHydraConfig(yaml, 'c.yaml'))).toBe(expected)
  })
})

describe('errors carry file, line and column', () => {
  it.each([
    ['a: [1, 2\nb: 3', 'c.yaml:2:', /invalid YAML/],
    ['a: 1\nb:\n  c: 1\n  c: 2', 'c.yaml:4:3', /duplicate key "c"/],
    ['a: 1\n"a": 2', 'c.yaml:2:1', /duplicate key "a"/],
    ['- 1\n- 2', 'c.yaml:1:1', /must be a mapping, found a list/],
    ['just text', 'c.yaml:1:1', /must be a mapping, found a str/],
    ['a: !foo 1', 'c.yaml:1:9', /tag !foo is not supported/],
    ['a: !!timestamp 2020-01-01', 'c.yaml:1:16', /tag !!timestamp is not supported/],
    ['a: !!binary aGk=', 'c.yaml:1:13', /tag !!binary is not supported/],
    ['a: &x [*x]', 'c.yaml:1:7', /recursive alias/],
    ['a: *nope', 'c.yaml:1:', /./],
    ['a: !!int abc', 'c.yaml:1:10', /cannot read "abc" as an int/],
    ['a: 0b_', 'c.yaml:1:4', /as an int/],
    ['? [1]\n: 2', 'c.yaml:1:3', /unhashable key/],
    ['a: 1\n---\nb: 2', 'c.yaml:2:1', /single YAML document/],
    ['a:\n\tb: 1', 'c.yaml:2:', /./]
  ])('%j', (yaml, where, message) => {
    try {
      loadHydraConfig(yaml, 'c.yaml')
      throw new Error('should have failed')
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError)
      const [p] = (e as ConfigError).problems
      expect(p.where.startsWith(where)).toBe(true)
      expect(p.message).toMatch(message)
    }
  })
})
