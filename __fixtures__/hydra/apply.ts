/**
 * A model of how Hydra applies value overrides to a config (`OmegaConf.update(cfg, key,
 * value, merge=True)` per override, in order). Used to check that packed overrides rebuild
 * the config exactly; it ignores struct mode (every key may be created).
 */
import type { ParsedOverride } from '../../src/hydra/override-parser.js'
import { dict, keyIdentity, str, type DictValue, type HydraValue, type KeyValue } from '../../src/hydra/value.js'

/** OmegaConf's merge: mappings merge key by key (recursively), anything else replaces. */
export function mergeValues(base: HydraValue, incoming: HydraValue): HydraValue {
  if (base.kind !== 'dict' || incoming.kind !== 'dict') return incoming
  const entries: Array<[KeyValue, HydraValue]> = base.entries.map((e) => [e.key, e.value])
  const index = new Map<string, number>()
  entries.forEach(([k], i) => {
    const id = keyIdentity(k)
    if (id !== undefined) index.set(id, i)
  })
  for (const e of incoming.entries) {
    const id = keyIdentity(e.key)
    const at = id === undefined ? undefined : index.get(id)
    if (at === undefined) {
      if (id !== undefined) index.set(id, entries.length)
      entries.push([e.key, e.value])
    } else entries[at] = [entries[at][0], mergeValues(entries[at][1], e.value)]
  }
  return dict(entries)
}

function update(node: DictValue, segs: readonly string[], value: HydraValue | undefined): DictValue {
  const [head, ...rest] = segs
  const key = str(head)
  const id = keyIdentity(key)
  const existing = node.entries.find((e) => keyIdentity(e.key) === id)
  let next: HydraValue | undefined
  if (rest.length === 0) next = value === undefined ? undefined : existing ? mergeValues(existing.value, value) : value
  else {
    const child = existing && existing.value.kind === 'dict' ? existing.value : dict([])
    next = update(child, rest, value)
  }
  if (next === undefined)
    return dict(node.entries.filter((e) => keyIdentity(e.key) !== id).map((e) => [e.key, e.value]))
  if (existing) return dict(node.entries.map((e) => [e.key, keyIdentity(e.key) === id ? next : e.value]))
  return dict([...node.entries.map((e): [KeyValue, HydraValue] => [e.key, e.value]), [key, next]])
}

/**
 * Applies parsed value overrides to `base` in order. Function calls and sweeps are not
 * evaluated (they throw); `~key` deletes.
 */
export function applyOverrides(base: DictValue, overrides: readonly ParsedOverride[]): DictValue {
  let cfg = base
  for (const o of overrides) {
    if (o.isGroup || o.package !== undefined) throw new Error(`not a value override: ${o.input}`)
    if (o.valueType !== undefined && o.valueType !== 'element') throw new Error(`sweep: ${o.input}`)
    if (containsCall(o.value)) throw new Error(`function call not evaluated: ${o.input}`)
    const segs = o.key === '' ? [''] : o.key.split('.')
    cfg = update(cfg, segs, o.type === 'delete' ? undefined : (o.value as HydraValue))
  }
  return cfg
}

function containsCall(v: ParsedOverride['value']): boolean {
  if (v === undefined) return false
  if (v.kind === 'call') return true
  if (v.kind === 'list') return v.items.some(containsCall)
  if (v.kind === 'dict') return v.entries.some((e) => containsCall(e.value))
  return false
}
