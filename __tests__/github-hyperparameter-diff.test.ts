import { describe, expect, it } from '@jest/globals'
import { diffHyperparameters, formatHydraValue } from '../src/github/hyperparameter-diff.js'
import { loadHydraConfig } from '../src/hydra/index.js'
import { NULL, dict, float, int, str, type DictValue } from '../src/hydra/value.js'

const load = (text: string): DictValue => loadHydraConfig(text, 'train.yaml')

/** Each change as `kind key: base → head`, values as Hydra override text. */
function lines(baseText: string, headText: string): string[] {
  return diffHyperparameters(load(baseText), load(headText)).changes.map(
    (c) =>
      `${c.kind} ${c.key}: ${c.base === undefined ? '-' : formatHydraValue(c.base)} → ${c.head === undefined ? '-' : formatHydraValue(c.head)}`
  )
}

describe('diffHyperparameters', () => {
  const cases: { name: string; base: string; head: string; expected: string[] }[] = [
    { name: 'identical configs', base: 'a: 1\nb: {c: x}\n', head: 'a: 1\nb: {c: x}\n', expected: [] },
    { name: 'key order alone is no change', base: 'a: 1\nb: 2\n', head: 'b: 2\na: 1\n', expected: [] },
    {
      name: 'nested mappings: only the leaf that changed',
      base: 'optimizer:\n  name: adam\n  lr: 0.001\nmodel: {depth: 3}\n',
      head: 'optimizer:\n  name: adam\n  lr: 0.0003\nmodel: {depth: 3}\n',
      expected: ['changed optimizer.lr: 0.001 → 0.0003']
    },
    {
      name: 'added and removed keys, new keys after the existing ones',
      base: 'a: 1\nb: 2\nc: 3\n',
      head: 'z: 0\na: 1\nc: 3\n',
      expected: ['removed b: 2 → -', 'added z: - → 0']
    },
    {
      name: 'lists are compared whole',
      base: 'layers: [64, 128]\n',
      head: 'layers: [64, 128, 256]\n',
      expected: ['changed layers: [64,128] → [64,128,256]']
    },
    {
      name: 'a list of mappings is one value',
      base: 'aug:\n  - {name: flip, p: 0.5}\n',
      head: 'aug:\n  - {name: flip, p: 0.25}\n',
      expected: ['changed aug: [{name:flip,p:0.5}] → [{name:flip,p:0.25}]']
    },
    { name: 'int to float', base: 'epochs: 1\n', head: 'epochs: 1.0\n', expected: ['changed epochs: 1 → 1.0'] },
    { name: "int to the string '1'", base: 'seed: 1\n', head: "seed: '1'\n", expected: ["changed seed: 1 → '1'"] },
    {
      name: 'bool to the string',
      base: 'flag: true\n',
      head: 'flag: "true"\n',
      expected: ["changed flag: true → 'true'"]
    },
    {
      name: 'int to bool (equal in Python, not in Hydra)',
      base: 'x: 1\n',
      head: 'x: true\n',
      expected: ['changed x: 1 → true']
    },
    { name: '-0.0 is not 0.0', base: 'x: 0.0\n', head: 'x: -0.0\n', expected: ['changed x: 0.0 → -0.0'] },
    { name: 'nan equals nan', base: 'x: .nan\n', head: 'x: .nan\n', expected: [] },
    { name: 'null to a value', base: 'x: null\n', head: 'x: 3\n', expected: ['changed x: null → 3'] },
    {
      name: 'keys with dots are not paths',
      base: '"a.b": 1\na: {b: 1}\n',
      head: '"a.b": 2\na: {b: 1}\n',
      expected: ['changed ["a.b"]: 1 → 2']
    },
    {
      name: 'a dotted key inside a mapping',
      base: 'data:\n  "train.csv": 1\n',
      head: 'data:\n  "train.csv": 2\n',
      expected: ['changed data["train.csv"]: 1 → 2']
    },
    {
      name: 'a deleted subtree lists each leaf',
      base: 'model: {head: {dim: 128, dropout: 0.1}, depth: 3}\n',
      head: 'model: {depth: 3}\n',
      expected: ['removed model.head.dim: 128 → -', 'removed model.head.dropout: 0.1 → -']
    },
    {
      name: 'an added subtree lists each leaf',
      base: 'a: 1\n',
      head: 'a: 1\nsched: {name: cosine, warmup: {steps: 10}}\n',
      expected: ['added sched.name: - → cosine', 'added sched.warmup.steps: - → 10']
    },
    {
      name: 'a mapping replaced by a scalar is one change',
      base: 'sched: {name: cosine}\n',
      head: 'sched: null\n',
      expected: ['changed sched: {name:cosine} → null']
    },
    {
      name: 'a scalar replaced by a mapping is one change',
      base: 'sched: none\n',
      head: 'sched: {name: step, gamma: 0.1}\n',
      expected: ['changed sched: none → {name:step,gamma:0.1}']
    },
    {
      name: 'an empty mapping filled',
      base: 'extra: {}\n',
      head: 'extra: {a: 1}\n',
      expected: ['added extra.a: - → 1']
    },
    {
      name: 'a mapping emptied',
      base: 'extra: {a: 1}\n',
      head: 'extra: {}\n',
      expected: ['removed extra.a: 1 → -']
    },
    {
      name: 'an empty mapping added whole',
      base: 'a: 1\n',
      head: 'a: 1\nextra: {}\n',
      expected: ['added extra: - → {}']
    },
    {
      name: 'integer keys, matched under Python equality',
      base: 'weights: {1: 0.5, 2: 0.5}\n',
      head: 'weights: {1: 0.7, 2: 0.5}\n',
      expected: ['changed weights[1]: 0.5 → 0.7']
    },
    {
      name: 'strings are quoted only when Hydra would need it',
      base: 'name: resnet\npath: a b\n',
      head: 'name: resnet50\npath: "a  b"\n',
      expected: ['changed name: resnet → resnet50', "changed path: 'a b' → 'a  b'"]
    },
    {
      name: 'a key named <script>',
      base: '"<script>": 1\n',
      head: '"<script>": 2\n',
      expected: ['changed ["<script>"]: 1 → 2']
    },
    {
      name: 'everything new against an empty base',
      base: '',
      head: 'a: 1\nb: [x]\n',
      expected: ['added a: - → 1', 'added b: - → [x]']
    }
  ]
  it.each(cases)('$name', ({ base, head, expected }) => {
    expect(lines(base, head)).toEqual(expected)
  })

  it('splits the changes by kind and keeps both values and the key path', () => {
    const diff = diffHyperparameters(load('a: 1\nb: {c: 2}\nd: x\n'), load('a: 1.0\nb: {e: 3}\n'))
    expect(diff.changed.map((c) => c.key)).toEqual(['a'])
    expect(diff.removed.map((c) => c.key)).toEqual(['b.c', 'd'])
    expect(diff.added.map((c) => c.key)).toEqual(['b.e'])
    expect(diff.changed[0]).toEqual({ kind: 'changed', path: [str('a')], key: 'a', base: int(1), head: float(1) })
    expect(diff.added[0].path).toEqual([str('b'), str('e')])
    expect(diff.changes.map((c) => c.kind)).toEqual(['changed', 'removed', 'added', 'removed'])
  })

  it('shows a value no override can write in a Python-like form instead of failing', () => {
    const withNullKey = dict<never>([[NULL, int(1)]])
    expect(formatHydraValue(withNullKey)).toBe('{null: 1}')
    const diff = diffHyperparameters(dict<never>([[str('m'), int(0)]]), dict<never>([[str('m'), withNullKey]]))
    expect(diff.changed).toHaveLength(1)
  })
})
