// Two edges of the Hydra translation: a top-level key that looks like an integer but holds a
// mapping, and override lines whose only "blank" is a Unicode space.
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { INPUT_DEFAULTS } from '../src/action/names.js'
import { readSettings, trimBlanks } from '../src/config/read-settings.js'
import { loadHydraConfig, planContainerArguments } from '../src/hydra/index.js'
import { flattenConfig } from '../src/hydra/flatten.js'
import { parseOverride } from '../src/hydra/override-parser.js'
import { packOverrides } from '../src/hydra/pack.js'
import { describeValue, dict, str, valuesEqual, type DictValue, type HydraValue } from '../src/hydra/value.js'
import { ConfigError, type Problem } from '../src/problems.js'
import { applyOverrides } from '../__fixtures__/hydra/apply.js'
import { configArb, literalKey, valueArb } from '../__fixtures__/hydra/arbitraries.js'
import { repoRoot } from './support/paths.js'

const examples = JSON.parse(readFileSync(join(repoRoot, '__fixtures__/hydra/grammar-examples.json'), 'utf8')) as {
  override: string
  hydra: string
}[]
const hydraSays = (override: string): string => examples.find((e) => e.override === override)!.hydra

function plan(cfg: DictValue, overrides: string[] = [], maxArgs = Number.MAX_SAFE_INTEGER): string[] {
  return planContainerArguments({
    command: [],
    config: cfg,
    configFile: 'c.yaml',
    overrides,
    maxArgs,
    maxArgLength: Number.MAX_SAFE_INTEGER
  }).args
}
const rebuild = (args: string[]): DictValue => applyOverrides(dict([]), args.map(parseOverride))
const same = (a: HydraValue, b: HydraValue): void => {
  if (!valuesEqual(a, b)) expect(describeValue(a)).toBe(describeValue(b))
}
function problemsOf(fn: () => unknown): Problem[] {
  try {
    fn()
  } catch (e) {
    if (e instanceof ConfigError) return [...e.problems]
    throw e
  }
  throw new Error('expected a ConfigError')
}
// A top-level key made of an integer segment (as Hydra's lexer reads one: 0, 12, 1_000).
const intKey = fc.oneof(fc.constantFrom('0', '7', '10', '1_000'), fc.nat({ max: 99999 }).map(String))
// Key segments a dotted key takes below the top: identifiers and integers.
const segmentKey = fc.oneof(fc.stringMatching(/^[A-Za-z_$][A-Za-z0-9_$-]{0,5}$/), fc.nat({ max: 999 }).map(String))

describe('a top-level key that looks like an integer', () => {
  it('is a lexer error alone but fine as the start of a dotted key, as Hydra says', () => {
    expect(hydraSays('0=1')).toMatch(/ERROR.*LexerNoViableAltException/)
    expect(hydraSays('0.a=1')).toBe('int 1')
    expect(() => parseOverride('0=1')).toThrow()
    expect(parseOverride('++0.a=1')).toMatchObject({ key: '0.a', type: 'force_add' })
  })

  it.each([
    ["'0': {a: 1}", ['0.a=1']],
    ["'++0': {a: 1}", ['++0.a=1']],
    ["'+12': {a: 1, b: [1, 2]}", ['+12.a=1', '+12.b=[1,2]']],
    ["'0': {a: {b: {c: x}}}", ['0.a.b.c=x']],
    ["'0': {'1': x, a: {}}", ['0.1=x', '0.a={}']],
    ["'0': {a: {1: x, 'c d': y}}", ['0.a={1:x}', '0.a={c\\ d:y}']]
  ])('translates %s', (yaml, expected) => {
    const args = plan(loadHydraConfig(yaml, 'c.yaml'))
    expect(args).toEqual(expected)
    // A `+`/`++` prefix says how to set the keys; the config it builds has them without it.
    same(rebuild(args), loadHydraConfig(yaml.replace(/^'\+{1,2}/, "'"), 'c.yaml'))
  })

  it('is never packed into a literal at the integer key itself', () => {
    const cfg = loadHydraConfig("'0': {a: 1, b: 2, c: {d: 3, e: 4}}", 'c.yaml')
    const packed = packOverrides(flattenConfig(cfg).children, 256).args
    expect(packed).toEqual(['0.a=1', '0.b=2', '0.c={d:3,e:4}'])
    same(rebuild(packed), cfg)
    // Forced to pack by SageMaker's limit, through the planner too.
    expect(plan(cfg, [], 3)).toEqual(packed)
  })

  it.each([
    ["'0': 1", 'c.yaml key ["0"]', /a top-level integer key can only begin a longer key \(0.a=1/],
    ["'0': {}", 'c.yaml key ["0"]', /it must hold a non-empty mapping/],
    ["'0': {1: x}", 'c.yaml key ["0"][1]', /needs a \{…\} literal at 0; but 0 is a top-level integer key/],
    ["'0': {'a b': 1}", 'c.yaml key ["0"]["a b"]', /needs a \{…\} literal at 0/],
    ["'~0': {a: 1}", 'c.yaml key ~["0"]', /a deletion \(~\) needs a key that can be written as a dotted override key/],
    // A YAML integer key is an int in OmegaConf, while a dotted key always makes a string key.
    ['0: {a: 1}', 'c.yaml key [0]', /a top-level key must be an identifier/]
  ])('refuses %s naming %s', (yaml, where, message) => {
    const problems = problemsOf(() => plan(loadHydraConfig(yaml, 'c.yaml')))
    expect(problems.map((p) => p.where)).toEqual([where])
    expect(problems[0].message).toMatch(message)
  })

  it('lets a user override set a leaf under it, dropping the config copy', () => {
    const cfg = loadHydraConfig("'0': {a: 1, b: 2}", 'c.yaml')
    expect(plan(cfg, ['0.a=5'])).toEqual(['0.b=2', '0.a=5'])
  })

  // Round trips: configs that mix integer top-level keys with ordinary ones.
  const withIntegerKeys = (below: fc.Arbitrary<HydraValue>): fc.Arbitrary<DictValue> =>
    fc
      .tuple(
        configArb(literalKey, 3),
        fc.array(fc.tuple(intKey, fc.array(fc.tuple(segmentKey, below), { minLength: 1, maxLength: 3 })), {
          maxLength: 3
        })
      )
      .map(([cfg, extra]) =>
        dict([
          ...cfg.entries.map((e): [typeof e.key, HydraValue] => [e.key, e.value]),
          ...extra.map(([k, entries]): [ReturnType<typeof str>, HydraValue] => [
            str(k),
            dict(entries.map(([sk, v]) => [str(sk), v]))
          ])
        ])
      )

  it('rebuilds configs with integer top-level keys exactly, in order', () => {
    fc.assert(
      fc.property(withIntegerKeys(valueArb(literalKey, 2)), (cfg) => {
        same(rebuild(plan(cfg)), cfg)
      }),
      { numRuns: 300 }
    )
  })

  it('packs them into arguments that rebuild the same config and never set an integer key alone', () => {
    fc.assert(
      fc.property(withIntegerKeys(valueArb(literalKey, 3)), fc.integer({ min: 16, max: 120 }), (cfg, maxLength) => {
        const packed = packOverrides(flattenConfig(cfg).children, maxLength).args
        for (const a of packed) expect(a).not.toMatch(/^[+~]*\d[\d_]*=/)
        same(rebuild(packed), cfg)
      }),
      { numRuns: 300 }
    )
  })
})

describe('blanks around override lines', () => {
  it('trims spaces and tabs only: U+00A0 and other Unicode spaces stay part of the text', () => {
    expect(trimBlanks(' \t a=1 \t')).toBe('a=1')
    for (const space of ['\u00a0', '\u2007', '\u202f', '\u3000', '\ufeff'])
      expect(trimBlanks(`a=${space}`)).toBe(`a=${space}`)
    // What JavaScript's trim() would have done: a different override, which Hydra would read as ''.
    expect('a=\u00a0'.trim()).toBe('a=')
  })

  it('reports a line of a Unicode space instead of dropping it as blank', () => {
    const problems = problemsOf(() => plan(dict([]), ['a=1', '\u00a0', ' \t', 'b=\u00a0']))
    expect(problems.map((p) => p.where)).toEqual(['input overrides line 2', 'input overrides line 4'])
    expect(problems[1].message).toMatch(/unexpected character "\u00a0".*at column 3/s)
    // Lines of spaces and tabs are layout.
    expect(plan(dict([]), ['a=1', ' \t', '', 'b=2'])).toEqual(['a=1', 'b=2'])
  })

  it('keeps what the overrides input says, through readSettings and the planner', () => {
    const dir = mkdtempSync(join(tmpdir(), 'top-blanks-'))
    try {
      writeFileSync(
        join(dir, 'job.yaml'),
        'job: {instance_type: ml.m5.large}\naws: {region: us-east-1, ecr_repository: team/model, s3_bucket: my-bucket}\ninputs: {}\n'
      )
      writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\n')
      const inputs = {
        ...INPUT_DEFAULTS,
        'job-config': 'job.yaml',
        'hydra-config': '',
        context: '.',
        dockerfile: 'Dockerfile',
        overrides: '  lr=0.1\t\n\tname=\u00a0 \n \t\n'
      }
      const { settings } = readSettings(inputs, dir, {})
      expect(settings.overrides).toEqual(['lr=0.1', 'name=\u00a0', '', ''])
      const problems = problemsOf(() =>
        planContainerArguments({ command: [], configFile: '', overrides: settings.overrides })
      )
      expect(problems).toEqual([
        { where: 'input overrides line 2', message: expect.stringMatching(/unexpected character "\u00a0"/) }
      ])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
