// Synthetic configs of a given size, shared by the packing tests and the benchmark.
import { dict, float, int, str, type DictValue, type HydraValue, type KeyValue } from '../../src/hydra/value.js'

function leaf(i: number): HydraValue {
  switch (i % 4) {
    case 0:
      return int(i)
    case 1:
      return float(i / 8)
    case 2:
      return str(`v${i}`)
    default:
      return float(i)
  }
}

/** `parents` top-level keys, `leaves` leaves spread evenly under them. */
export function wideConfig(leaves: number, parents = 4): DictValue {
  const groups: Array<Array<[KeyValue, HydraValue]>> = Array.from({ length: parents }, () => [])
  for (let i = 0; i < leaves; i++) groups[i % parents].push([str(`k${i}`), leaf(i)])
  return dict(groups.map((g, p): [KeyValue, HydraValue] => [str(`group${p}`), dict(g)]))
}

/** A tree `depth` levels deep with `fanout` children per level, cut off at `leaves` leaves. */
export function deepConfig(leaves: number, fanout: number, depth: number, topKeys = fanout): DictValue {
  let made = 0
  const build = (level: number, width: number): DictValue => {
    const entries: Array<[KeyValue, HydraValue]> = []
    for (let i = 0; i < width && made < leaves; i++) {
      if (level === depth) entries.push([str(`l${i}`), leaf(made++)])
      else entries.push([str(`n${level}_${i}`), build(level + 1, fanout)])
    }
    return dict(entries)
  }
  return build(1, topKeys)
}

/** Number of leaves (non-dict values and empty dicts) in a config. */
export function countLeaves(v: HydraValue): number {
  if (v.kind !== 'dict' || v.entries.length === 0) return 1
  return v.entries.reduce((n, e) => n + countLeaves(e.value), 0)
}
