// planContainerArguments: ordering, experiment and user overrides, errors, and the
// examples of how Hydra's override grammar writes each kind of value.
import { describe, expect, it } from '@jest/globals'
import { ConfigError } from '../src/problems.js'
import { applyOverrides } from '../__fixtures__/hydra/apply.js'
import { formatArgumentsSummary, loadHydraConfig, planContainerArguments, type PlanInput } from '../src/hydra/index.js'
import { parseOverride } from '../src/hydra/override-parser.js'
import { describeValue, dict, valuesEqual } from '../src/hydra/value.js'

function configArgs(yaml: string, extra: Partial<PlanInput> = {}): string[] {
  const plan = planContainerArguments({
    command: [],
    config: loadHydraConfig(yaml, 'c.yaml'),
    configFile: 'c.yaml',
    overrides: [],
    ...extra
  })
  return plan.args.slice(0, plan.configOverrides)
}

function problemsOf(fn: () => unknown): Array<{ where: string; message: string }> {
  try {
    fn()
  } catch (e) {
    if (e instanceof ConfigError) return [...e.problems]
    throw e
  }
  throw new Error('expected a ConfigError')
}

describe('how each kind of value is written', () => {
  // Written with `++` these would work too; the action writes plain `key=value`
  // (a key the config declares needs no `++`), and bare strings where Hydra reads both forms alike.
  it.each([
    ['optimizer: {lr: 0.001, betas: [0.9, 0.999]}', ['optimizer.lr=0.001', 'optimizer.betas=[0.9,0.999]']],
    ['model: {layers: [64, 128]}', ['model.layers=[64,128]']],
    ['name: hello world', ["name='hello world'"]],
    ['x: 1.0', ['x=1.0']],
    ['x: .inf', ['x=inf']],
    ['x: -.inf', ['x=-inf']],
    ['x: .nan', ['x=nan']],
    ['x: -0.0', ['x=-0.0']],
    ["x: '007'", ['x=007']],
    ["x: '1e5'", ["x='1e5'"]],
    [`x: "it's"`, [`x="it's"`]],
    ["x: 'C:\\path\\'", ["x='C:\\path\\\\'"]],
    ["x: ''", ["x=''"]],
    ["x: '  padded  '", ["x='  padded  '"]],
    ['x: ${a.${b}}', ["x='${a.${b}}'"]],
    ['x: {}', ['x={}']],
    ['x: {a.b: 1}', ['x={a.b:1}']],
    ['x: {1: a, 2: b}', ['x={1:a}', 'x={2:b}']],
    ["x: {'1': a}", ['x.1=a']],
    ["x: {'1': a, 2: b, c d: e, f: g}", ['x.1=a', 'x={2:b}', 'x={c\\ d:e}', 'x.f=g']],
    ["x: {true: a, 'true': b}", ['x={true:a}', 'x.true=b']],
    ['a: {b: {c.d: {e f: 1}}}', ['a.b={c.d:{e\\ f:1}}']],
    ['x: {key with space: 1}', ['x={key\\ with\\ space:1}']],
    ['x: 1e20', ['x=1e+20']],
    ['x: 100000000000000000000', ['x=100000000000000000000']],
    ['x: 1_000', ['x=1000']],
    ['x: 017', ['x=15']],
    ['x: 1:30', ['x=90']],
    ['x: yes', ['x=true']],
    ['x: y', ['x=y']],
    ['x: ~', ['x=null']],
    ["x: '1,2'", ["x='1,2'"]],
    ["x: 'range(1,3)'", ["x='range(1,3)'"]],
    ["x: 'a=b'", ["x='a=b'"]],
    ['x: a:b', ['x=a:b']],
    ['x: [[], {}, [1, [2]]]', ['x=[[],{},[1,[2]]]']]
  ])('%s', (yaml, expected) => {
    const args = configArgs(yaml)
    expect(args).toEqual(expected)
    const cfg = loadHydraConfig(yaml, 'c.yaml')
    const rebuilt = applyOverrides(dict([]), args.map(parseOverride))
    if (!valuesEqual(rebuilt, cfg)) expect(describeValue(rebuilt)).toBe(describeValue(cfg))
  })

  it.each([
    ['x: {ключ: 1}', 'c.yaml key x["ключ"]'],
    ["x: {'': 1}", 'c.yaml key x[""]'],
    [`x: {"a'b": 1}`, `c.yaml key x["a'b"]`],
    ["x: {'-1': 1}", 'c.yaml key x["-1"]'],
    ["x: {'1e5': 1}", 'c.yaml key x["1e5"]'],
    ['x: {null: 1}', 'c.yaml key x[null]'],
    ["'a.b': 1", 'c.yaml key ["a.b"]'],
    ["'0': 1", 'c.yaml key ["0"]'],
    ['my key: 1', 'c.yaml key ["my key"]'],
    ['1: 1', 'c.yaml key [1]'],
    ['x: [{ключ: 1}]', 'c.yaml key x[0]["ключ"]']
  ])('refuses %s naming %s', (yaml, where) => {
    expect(problemsOf(() => configArgs(yaml)).map((p) => p.where)).toEqual([where])
  })
})

describe('planContainerArguments', () => {
  const yaml = [
    'defaults:',
    '  - model: resnet',
    '  - _self_',
    'lr: 0.1',
    'experiment_name: local',
    'model: {depth: 3}'
  ].join('\n')

  it('orders command, config, experiment, then user overrides', () => {
    const plan = planContainerArguments({
      command: ['python', 'train.py'],
      config: loadHydraConfig(yaml, 'c.yaml'),
      configFile: 'c.yaml',
      overrides: ['model.depth=5', 'trainer.max_epochs=2'],
      experiment: { key: 'experiment_name', value: 'train-on-push abc123' }
    })
    expect(plan.args).toEqual([
      'python',
      'train.py',
      'lr=0.1',
      "++experiment_name='train-on-push abc123'",
      'model.depth=5',
      'trainer.max_epochs=2'
    ])
    expect(plan.configOverrides).toBe(1)
    expect(plan.unpackedCount).toBe(6)
    expect(plan.skippedKeys).toEqual(['defaults'])
    expect(plan.shadowedKeys).toEqual(['experiment_name', 'model.depth'])
    expect(plan.packed).toBe(false)
  })

  it('keeps the config under a key the user overrides as a whole (it may be a config group)', () => {
    const plan = planContainerArguments({
      command: [],
      config: loadHydraConfig(yaml, 'c.yaml'),
      configFile: 'c.yaml',
      overrides: ['model=vit']
    })
    expect(plan.args).toEqual(['lr=0.1', 'experiment_name=local', 'model.depth=3', 'model=vit'])
  })

  it('works without a config', () => {
    const plan = planContainerArguments({ command: ['python', 'x.py'], configFile: 'none', overrides: ['a=1'] })
    expect(plan.args).toEqual(['python', 'x.py', 'a=1'])
  })

  it('honours +, ++ and ~ on YAML keys', () => {
    expect(configArgs('+new: {a: 1}\n++forced: 2\n~gone:\n~old: 3\nm: {+extra: [1]}')).toEqual([
      '+new.a=1',
      '++forced=2',
      '~gone',
      '~old=3',
      '+m.extra=[1]'
    ])
  })

  it('reports every bad user override with its line, column and a caret', () => {
    const problems = problemsOf(() =>
      planContainerArguments({
        command: [],
        configFile: 'c.yaml',
        overrides: ['ok=1', "name='it's'", 'a b=1', 'lr=0.1,0.2', 'x=range(1,3)']
      })
    )
    expect(problems.map((p) => p.where)).toEqual([
      'input overrides line 2',
      'input overrides line 3',
      'input overrides line 4',
      'input overrides line 5'
    ])
    expect(problems[0].message).toContain("at column 11 of the override\n  name='it's'\n            ^")
    expect(problems[1].message).toContain('at column 2')
    expect(problems[2].message).toContain("quote a string as key='a,b'")
    expect(problems[3].message).toContain('range sweep')
  })

  it('allows sweeps under --multirun', () => {
    const plan = planContainerArguments({
      command: ['python', 'train.py', '--multirun'],
      configFile: 'c.yaml',
      overrides: ['lr=0.1,0.2']
    })
    expect(plan.args.at(-1)).toBe('lr=0.1,0.2')
  })

  it('rejects an experiment key that is not an override key', () => {
    const problems = problemsOf(() =>
      planContainerArguments({
        command: [],
        configFile: 'c.yaml',
        overrides: [],
        experiment: { key: 'bad key', value: 'x' }
      })
    )
    expect(problems[0].where).toBe('experiment')
  })

  it('quotes any experiment value so Hydra reads it back verbatim', () => {
    for (const value of ['job-1', "it's,a=b", '007', 'true', '${x}', 'a\\']) {
      const plan = planContainerArguments({
        command: [],
        configFile: 'c.yaml',
        overrides: [],
        experiment: { key: 'experiment_name', value }
      })
      expect(parseOverride(plan.args[0]).value).toEqual({ kind: 'str', value })
    }
  })

  it('collects config and override problems together', () => {
    const problems = problemsOf(() =>
      planContainerArguments({
        command: [],
        config: loadHydraConfig('x: {ключ: 1}', 'c.yaml'),
        configFile: 'c.yaml',
        overrides: ['==']
      })
    )
    expect(problems.map((p) => p.where).sort()).toEqual(['c.yaml key x["ключ"]', 'input overrides line 1'])
  })
})

describe('summary', () => {
  it('shows the arguments in a collapsible block and says when packing happened', () => {
    const cfg = loadHydraConfig(
      ['model:', ...Array.from({ length: 120 }, (_, i) => `  w${i}: ${i}`), 'note: "a `tick` ```"'].join('\n'),
      'c.yaml'
    )
    const plan = planContainerArguments({
      command: ['python', 'train.py'],
      config: cfg,
      configFile: 'c.yaml',
      overrides: []
    })
    expect(plan.packed).toBe(true)
    const md = formatArgumentsSummary(plan)
    expect(md).toContain('packed into dict literals')
    expect(md).toContain('`model`')
    expect(md).toContain(`<summary>Container arguments (${plan.args.length})</summary>`)
    expect(md).toContain('````text\npython\ntrain.py\nmodel={w0:0,')
    expect(md.trimEnd().endsWith('</details>')).toBe(true)
  })

  it('does not mention packing when there was none, and warns about line breaks', () => {
    const plan = planContainerArguments({
      command: [],
      config: loadHydraConfig('msg: "two\\nlines"', 'c.yaml'),
      configFile: 'c.yaml',
      overrides: []
    })
    expect(formatArgumentsSummary(plan)).not.toContain('packed')
    expect(formatArgumentsSummary(plan)).toContain("msg='two\\nlines'")
    expect(plan.warnings).toEqual([expect.stringContaining('c.yaml key msg: the value contains a line break')])
  })
})

describe('Hydra flags among the overrides', () => {
  it('passes flags through and counts -m after python as a module flag, not --multirun', () => {
    const problems = problemsOf(() =>
      planContainerArguments({
        command: ['python', '-m', 'pkg.train'],
        configFile: 'c.yaml',
        overrides: ['lr=0.1,0.2']
      })
    )
    expect(problems[0].message).toContain('without --multirun')
    const plan = planContainerArguments({
      command: ['python', '-m', 'pkg.train'],
      configFile: 'c.yaml',
      overrides: ['-cn', 'other', '--cfg', 'job', '-m', 'lr=0.1,0.2']
    })
    expect(plan.args).toEqual(['python', '-m', 'pkg.train', '-cn', 'other', '--cfg', 'job', '-m', 'lr=0.1,0.2'])
  })
})
