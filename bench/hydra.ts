/**
 * Hydra translation benchmark: time and heap to turn a 10,000-leaf config into container
 * arguments (goal: under 50 ms), and argument counts before/after packing for a wide and
 * a deep config. Run through `npm run bench` (compiled into .bench/).
 */
import { runInNewContext } from 'node:vm'
import { setFlagsFromString } from 'node:v8'
import { loadHydraConfig, planContainerArguments } from '../src/hydra/index.js'
import { flattenConfig, renderUnit, units } from '../src/hydra/flatten.js'
import { packOverrides } from '../src/hydra/pack.js'
import type { DictValue, HydraValue } from '../src/hydra/value.js'
import { deepConfig, wideConfig } from '../__fixtures__/hydra/configs.js'

const WARMUP = 5
const RUNS = 25
const LEAVES = 10_000
const MAX_ARG_LENGTH = 256

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const round = (x: number, digits = 2): number => Number(x.toFixed(digits))

function gcFunction(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose_gc')
    return runInNewContext('gc') as () => void
  } catch {
    return undefined
  }
}

/** The translation proper: every leaf encoded, then packed under SageMaker's length limit. */
function translate(cfg: DictValue): { flat: number; packed: number } {
  const { children } = flattenConfig(cfg)
  const flat = [...units(children)].map(renderUnit)
  const packed = packOverrides(children, MAX_ARG_LENGTH).args
  return { flat: flat.length, packed: packed.length }
}

function timeIt(fn: () => unknown): { medianMs: number; minMs: number } {
  for (let i = 0; i < WARMUP; i++) fn()
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint()
    fn()
    times.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  return { medianMs: round(median(times)), minMs: round(Math.min(...times)) }
}

function heapDeltaMb(fn: () => unknown, gc: (() => void) | undefined): number {
  gc?.()
  const before = process.memoryUsage().heapUsed
  let peak = before
  // Sampling after the call misses garbage collected mid-run, so take the larger of the
  // end state and the retained result: an honest lower bound on the peak.
  const result = fn()
  peak = Math.max(peak, process.memoryUsage().heapUsed)
  void result
  return round((peak - before) / (1024 * 1024))
}

function toYaml(v: HydraValue, indent = ''): string {
  if (v.kind !== 'dict')
    return JSON.stringify(
      v.kind === 'int' ? Number(v.value) : v.kind === 'float' ? v.value : v.kind === 'str' ? v.value : null
    )
  return v.entries
    .map((e) => {
      const k = String(e.key.kind === 'str' ? e.key.value : '')
      return e.value.kind === 'dict'
        ? `${indent}${k}:\n${toYaml(e.value, `${indent}  `)}`
        : `${indent}${k}: ${toYaml(e.value)}`
    })
    .join('\n')
}

export async function run(): Promise<Record<string, unknown>> {
  const gc = gcFunction()
  const wide = wideConfig(LEAVES, 4)
  const deep = deepConfig(LEAVES, 10, 6, 4)
  const yaml = toYaml(wide)

  const translation = timeIt(() => translate(wide))
  const translationDeep = timeIt(() => translate(deep))
  const loading = timeIt(() => loadHydraConfig(yaml, 'bench.yaml'))
  const yaml1k = toYaml(wideConfig(1000, 4))
  const endToEnd1k = timeIt(() =>
    planContainerArguments({
      command: ['python', 'train.py'],
      config: loadHydraConfig(yaml1k, 'bench.yaml'),
      configFile: 'bench.yaml',
      overrides: ['seed=1'],
      experiment: { key: 'experiment_name', value: 'bench' }
    })
  )
  const heap = heapDeltaMb(() => translate(wide), gc)
  const loadHeap = heapDeltaMb(() => loadHydraConfig(yaml, 'bench.yaml'), gc)

  const counts = {
    wide: { leaves: LEAVES, parents: 4, ...translate(wide) },
    deep: { leaves: LEAVES, levels: 6, ...translate(deep) },
    wide1000: { leaves: 1000, parents: 4, ...translate(wideConfig(1000, 4)) },
    deep1000: { leaves: 1000, levels: 6, ...translate(deepConfig(1000, 4, 6, 4)) }
  }

  const lines = [
    `translate 10,000 leaves (wide): median ${translation.medianMs} ms, min ${translation.minMs} ms (goal < 50 ms); heap +${heap} MB`,
    `translate 10,000 leaves (deep, 6 levels): median ${translationDeep.medianMs} ms`,
    `load the same config from YAML (${Math.round(yaml.length / 1024)} KB, the yaml package's parser dominates): median ${loading.medianMs} ms; heap +${loadHeap} MB`,
    `end to end, 1,000-leaf YAML → load → planContainerArguments (packed to fit): median ${endToEnd1k.medianMs} ms`,
    ...Object.entries(counts).map(
      ([name, c]) => `${name}: ${c.flat} arguments flat → ${c.packed} packed (≤ ${MAX_ARG_LENGTH} characters each)`
    )
  ]
  for (const l of lines) console.log(l)
  return {
    translation10kWide: { ...translation, heapDeltaMb: heap, goalMs: 50 },
    translation10kDeep: translationDeep,
    yamlLoad10k: { ...loading, heapDeltaMb: loadHeap, yamlKb: Math.round(yaml.length / 1024) },
    endToEnd1kLeaves: endToEnd1k,
    argumentCounts: counts
  }
}
