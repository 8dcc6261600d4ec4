// Packing under SageMaker's limits (100 arguments of at most 256 characters).
import { describe, expect, it } from '@jest/globals'
import { ConfigError } from '../src/problems.js'
import { applyOverrides } from '../__fixtures__/hydra/apply.js'
import { planContainerArguments } from '../src/hydra/index.js'
import { flattenConfig, units } from '../src/hydra/flatten.js'
import { parseOverride } from '../src/hydra/override-parser.js'
import { packOverrides } from '../src/hydra/pack.js'
import {
  describeValue,
  dict,
  valuesEqual,
  float,
  str,
  type DictValue,
  type HydraValue,
  type KeyValue
} from '../src/hydra/value.js'
import { countLeaves, deepConfig, wideConfig } from '../__fixtures__/hydra/configs.js'

const COMMAND = ['python', 'train.py']

function expectRebuilds(args: string[], cfg: DictValue): void {
  const rebuilt = applyOverrides(dict([]), args.map(parseOverride))
  // Exact, key order included: packing keeps the YAML order.
  if (!valuesEqual(rebuilt, cfg)) expect(describeValue(rebuilt)).toBe(describeValue(cfg))
  expect(valuesEqual(rebuilt, cfg)).toBe(true)
}

function planFor(cfg: DictValue, overrides: string[] = []): ReturnType<typeof planContainerArguments> {
  return planContainerArguments({
    command: COMMAND,
    config: cfg,
    configFile: 'big.yaml',
    overrides,
    experiment: { key: 'experiment_name', value: 'job-1' }
  })
}

describe.each([
  ['wide', 100, () => wideConfig(100)],
  ['wide', 1000, () => wideConfig(1000)],
  ['deep', 100, () => deepConfig(100, 3, 6, 3)],
  ['deep', 1000, () => deepConfig(1000, 4, 6, 4)]
])('%s config with %i leaves', (_shape, leaves, make) => {
  const cfg = make()
  it('has the intended size', () => {
    expect(countLeaves(cfg)).toBe(leaves)
  })

  it('fits in 100 arguments of at most 256 characters and rebuilds exactly', () => {
    const plan = planFor(cfg, ['seed=1'])
    expect(plan.unpackedCount).toBe(leaves + 4)
    expect(plan.packed).toBe(true)
    expect(plan.args.length).toBeLessThanOrEqual(100)
    for (const a of plan.args) expect(a.length).toBeLessThanOrEqual(256)
    expect(plan.args.slice(0, 2)).toEqual(COMMAND)
    expect(plan.args.slice(-2)).toEqual(['++experiment_name=job-1', 'seed=1'])
    expect(plan.configOverrides).toBe(plan.args.length - 4)
    expect(plan.packedKeys.length).toBeGreaterThan(0)
    expectRebuilds(plan.args.slice(2, 2 + plan.configOverrides), cfg)
  })
})

describe('10,000 leaves', () => {
  const wide = wideConfig(10_000)
  const deep = deepConfig(10_000, 10, 6, 4)

  it.each([
    ['wide', wide],
    ['deep', deep]
  ])('%s: packs losslessly, then reports that it cannot fit, with sizes and advice', (_shape, cfg) => {
    expect(countLeaves(cfg)).toBe(10_000)
    const flat = flattenConfig(cfg)
    const packed = packOverrides(flat.children, 256)
    expect(packed.args.length).toBeLessThan(10_000 / 10)
    for (const a of packed.args) expect(a.length).toBeLessThanOrEqual(256)
    expectRebuilds(packed.args, cfg)

    let error: unknown
    try {
      planFor(cfg)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    const [problem] = (error as ConfigError).problems
    expect(problem.where).toBe('big.yaml')
    expect(problem.message).toContain(`needs ${packed.args.length} arguments even after packing`)
    expect(problem.message).toMatch(
      /Largest: n1_0 \(\d+ arguments, \d+ characters\)|Largest: group\d \(\d+ arguments, \d+ characters\)/
    )
    expect(problem.message).toContain('To fit,')
  })
})

describe('packing rules', () => {
  it('does not pack when the flat list fits', () => {
    const plan = planFor(wideConfig(20))
    expect(plan.packed).toBe(false)
    expect(plan.packedKeys).toEqual([])
    expect(plan.configOverrides).toBe(20)
    expect(plan.args[2]).toBe('group0.k0=0')
  })

  it('packs a whole mapping into one literal when it fits', () => {
    const cfg = dict<never>([
      [
        str('opt'),
        dict<never>([
          [str('lr'), float(0.001)],
          [str('betas'), { kind: 'list', items: [float(0.9), float(0.999)] }]
        ])
      ]
    ])
    expect(packOverrides(flattenConfig(cfg).children, 256).args).toEqual(['opt={lr:0.001,betas:[0.9,0.999]}'])
  })

  it('keeps prefixes apart, keeps YAML order and never packs deletions', () => {
    const entries: Array<[KeyValue, HydraValue]> = [
      [str('a'), str('x')],
      [str('c'), str('z')],
      [str('+b'), str('y')],
      [str('+f'), str('v')],
      [str('++d'), str('w')],
      [str('~e'), { kind: 'null' }],
      [str('~g'), { kind: 'null' }],
      [str('h'), str('u')]
    ]
    const cfg = dict<never>([[str('m'), dict(entries)]])
    expect(packOverrides(flattenConfig(cfg).children, 256).args).toEqual([
      'm={a:x,c:z}',
      '+m={b:y,f:v}',
      '++m.d=w',
      '~m.e',
      '~m.g',
      'm.h=u'
    ])
  })

  it('nests partial mappings so one override can span several branches', () => {
    const cfg = deepConfig(64, 4, 3, 1)
    const args = packOverrides(flattenConfig(cfg).children, 120).args
    expect(args.length).toBeGreaterThan(1)
    expect(args.some((a) => /^n1_0=\{n2_\d:\{.*\},n2_\d:\{/.test(a))).toBe(true)
    for (const a of args) expect(a.length).toBeLessThanOrEqual(120)
    expectRebuilds(args, cfg)
  })

  it('writes keys that only a dotted path can express outside the literal', () => {
    const cfg = dict<never>([
      [
        str('x'),
        dict<never>([
          [str('1'), str('a')],
          [str('b'), str('c')],
          [str('d'), str('e')]
        ])
      ]
    ])
    const args = packOverrides(flattenConfig(cfg).children, 256).args
    expect(args).toEqual(['x.1=a', 'x={b:c,d:e}'])
    expectRebuilds(args, cfg)
  })

  it('reports too many top-level keys', () => {
    const cfg = dict<never>(Array.from({ length: 120 }, (_, i): [KeyValue, HydraValue] => [str(`key${i}`), float(i)]))
    expect(() => planFor(cfg)).toThrow(/It has 120 top-level keys, and each needs at least one argument/)
  })

  it('reports a single value longer than 256 characters with its key and size', () => {
    const cfg = dict<never>([[str('model'), dict<never>([[str('prompt'), str('x'.repeat(300))]])]])
    try {
      planFor(cfg)
      throw new Error('should have failed')
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError)
      expect((e as ConfigError).problems).toEqual([
        expect.objectContaining({
          where: 'big.yaml key model.prompt',
          message: expect.stringContaining('313 characters')
        })
      ])
    }
  })

  it('counts flat overrides exactly once per leaf', () => {
    const cfg = deepConfig(500, 5, 4, 5)
    expect([...units(flattenConfig(cfg).children)].length).toBe(500)
  })
})

describe('mappings under keys only a literal can hold', () => {
  it('get one override per leaf, which the packer regroups under the limit', () => {
    const inner = dict<never>(
      Array.from({ length: 40 }, (_, i): [KeyValue, HydraValue] => [str(`unit${i}`), float(i + 0.5)])
    )
    const cfg = dict<never>([[str('layers'), dict<never>([[{ kind: 'int', value: 0n }, inner]])]])
    const flat = [...units(flattenConfig(cfg).children)].map((u) => u.valueText)
    expect(flat.slice(0, 2)).toEqual(['{0:{unit0:0.5}}', '{0:{unit1:1.5}}'])
    const packed = packOverrides(flattenConfig(cfg).children, 256).args
    expect(packed.length).toBeGreaterThan(1)
    for (const a of packed) {
      expect(a.length).toBeLessThanOrEqual(256)
      expect(a.startsWith('layers={0:{unit')).toBe(true)
    }
    expectRebuilds(packed, cfg)
  })
})
