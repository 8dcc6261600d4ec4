// Property tests: random typed configs → overrides → our Hydra parser → the same config,
// type for type (an int is never a float, -0.0 keeps its sign, NaN stays NaN).
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { ConfigError } from '../src/problems.js'
import { applyOverrides } from '../__fixtures__/hydra/apply.js'
import { loadHydraConfig, planContainerArguments } from '../src/hydra/index.js'
import { encodeValue } from '../src/hydra/encode.js'
import { flattenConfig, units } from '../src/hydra/flatten.js'
import { OverrideSyntaxError, parseOverride, parseValue } from '../src/hydra/override-parser.js'
import { packOverrides } from '../src/hydra/pack.js'
import { describeValue, dict, valuesEqual, type DictValue, type HydraValue } from '../src/hydra/value.js'
import {
  anyKey,
  configArb,
  literalKey,
  nastyString,
  scalar,
  toYaml,
  valueArb
} from '../__fixtures__/hydra/arbitraries.js'

const RUNS = { numRuns: 300 }

function rebuild(args: string[]): DictValue {
  return applyOverrides(dict([]), args.map(parseOverride))
}

function plan(cfg: DictValue): string[] {
  return planContainerArguments({
    command: [],
    config: cfg,
    configFile: 'c.yaml',
    overrides: [],
    maxArgs: Number.MAX_SAFE_INTEGER,
    maxArgLength: Number.MAX_SAFE_INTEGER
  }).args
}

const same = (a: HydraValue, b: HydraValue): void => {
  if (!valuesEqual(a, b)) expect(describeValue(a)).toBe(describeValue(b))
  expect(valuesEqual(a, b)).toBe(true)
}

describe('value encoding', () => {
  it('reads back every scalar exactly', () => {
    fc.assert(
      fc.property(scalar, (v) => same(parseValue(encodeValue(v)) as HydraValue, v)),
      { numRuns: 2000 }
    )
  })

  it('reads back any string exactly, quoted or bare', () => {
    fc.assert(
      fc.property(fc.oneof(nastyString, fc.string({ unit: 'binary', maxLength: 20 })), (s) => {
        const text = encodeValue({ kind: 'str', value: s })
        same(parseValue(text) as HydraValue, { kind: 'str', value: s })
      }),
      { numRuns: 2000 }
    )
  })

  it('reads back nested lists and dicts exactly', () => {
    fc.assert(
      fc.property(valueArb(literalKey, 4), (v) => same(parseValue(encodeValue(v)) as HydraValue, v)),
      RUNS
    )
  })

  it('never lets a value turn into a sweep or a call', () => {
    fc.assert(
      fc.property(valueArb(literalKey), (v) => {
        expect(parseOverride(`x=${encodeValue(v)}`).valueType).toBe('element')
      }),
      RUNS
    )
  })
})

describe('config → container arguments → Hydra', () => {
  it('rebuilds configs with expressible keys exactly, in order', () => {
    fc.assert(
      fc.property(configArb(literalKey), (cfg) => {
        same(rebuild(plan(cfg)), cfg)
      }),
      RUNS
    )
  })

  it('either rebuilds any config exactly or refuses with the key path', () => {
    fc.assert(
      fc.property(configArb(anyKey), (cfg) => {
        let args: string[]
        try {
          args = plan(cfg)
        } catch (e) {
          expect(e).toBeInstanceOf(ConfigError)
          for (const p of (e as ConfigError).problems) expect(p.where).toMatch(/^c\.yaml key /)
          return
        }
        same(rebuild(args), cfg)
      }),
      RUNS
    )
  })

  it('packs into fewer, shorter arguments that rebuild the same config', () => {
    fc.assert(
      fc.property(configArb(literalKey, 4), fc.integer({ min: 24, max: 256 }), (cfg, maxLength) => {
        const flat = flattenConfig(cfg)
        const unpacked = [...units(flat.children)].length
        const packed = packOverrides(flat.children, maxLength).args
        expect(packed.length).toBeLessThanOrEqual(unpacked)
        const rebuilt = rebuild(packed)
        same(rebuilt, cfg) // key order too: packing keeps YAML order
        // Longer than the limit only if it is a single flat override that cannot be split.
        const flatTexts = new Set(plan(cfg))
        for (const a of packed) if (a.length > maxLength) expect(flatTexts.has(a)).toBe(true)
      }),
      RUNS
    )
  })
})

describe('override parser robustness', () => {
  const unit = fc.constantFrom(
    'a',
    'b',
    'x',
    '_',
    '$',
    '-',
    '+',
    '~',
    '@',
    '/',
    '.',
    ':',
    '=',
    ',',
    ' ',
    '\t',
    "'",
    '"',
    '\\',
    '(',
    ')',
    '[',
    ']',
    '{',
    '}',
    '0',
    '1',
    '9',
    'e',
    'inf',
    'nan',
    'true',
    'null',
    '${',
    'int',
    'str',
    'choice',
    'range',
    'é',
    '\n',
    '#',
    '*',
    '%',
    '?',
    '|'
  )
  it('either parses or throws OverrideSyntaxError with a column inside the text', () => {
    fc.assert(
      fc.property(
        fc.array(unit, { maxLength: 16 }).map((u) => u.join('')),
        (text) => {
          try {
            parseOverride(text)
          } catch (e) {
            expect(e).toBeInstanceOf(OverrideSyntaxError)
            const col = (e as OverrideSyntaxError).column
            expect(col).toBeGreaterThanOrEqual(1)
            expect(col).toBeLessThanOrEqual(text.length + 1)
          }
        }
      ),
      { numRuns: 3000 }
    )
  })
})

describe('YAML loading', () => {
  it('reads back YAML written from a random config exactly', () => {
    fc.assert(
      fc.property(configArb(anyKey), (cfg) => {
        same(loadHydraConfig(toYaml(cfg), 'gen.yaml'), cfg)
      }),
      RUNS
    )
  })
})
