/**
 * What a pull request changes in the Hydra config: the keys it adds, removes and changes,
 * with the old and the new value, compared the way Hydra would see them.
 *
 * - Mappings are walked key by key, so `optimizer.lr` changing shows as that key alone.
 *   Keys match under Python's equality, as in the loaded config (`1` and `1.0` are one key).
 * - Lists are compared whole, as a Hydra override replaces a list whole.
 * - Types count: `1` → `1.0` (int to float) and `1` → `'1'` (int to string) are changes,
 *   as is `-0.0` → `0.0`; floats compare by bit pattern (`nan` equals `nan`).
 * - A subtree that appears or disappears lists each of its leaves; a key that turns from a
 *   mapping into something else (or back) is one change with both whole values.
 */
import { appendKeyPath, encodeValue } from '../hydra/encode.js'
import {
  describeValue,
  keyIdentity,
  valuesEqual,
  type DictValue,
  type HydraValue,
  type KeyValue
} from '../hydra/value.js'

/** One key the pull request adds, removes or changes. */
export interface HyperparameterChange {
  kind: 'added' | 'removed' | 'changed'
  /** The keys from the root down to this one. */
  path: readonly KeyValue[]
  /** The path as people read it: `model.layers`, `data["train.csv"]`, `weights[1]`. */
  key: string
  /** The value on the base branch (absent when added). */
  base?: HydraValue
  /** The value in the pull request (absent when removed). */
  head?: HydraValue
}

/** Every change, in config order (a mapping's new keys after its existing ones), and the same split by kind. */
export interface HyperparameterDiff {
  changes: readonly HyperparameterChange[]
  added: readonly HyperparameterChange[]
  removed: readonly HyperparameterChange[]
  changed: readonly HyperparameterChange[]
}

const isNonEmptyDict = (v: HydraValue): v is DictValue => v.kind === 'dict' && v.entries.length > 0

/** Compares two loaded Hydra configs (the base branch's and the pull request's). Pure. */
export function diffHyperparameters(base: DictValue, head: DictValue): HyperparameterDiff {
  const changes: HyperparameterChange[] = []

  const leaves = (kind: 'added' | 'removed', value: HydraValue, path: readonly KeyValue[], key: string): void => {
    if (isNonEmptyDict(value)) {
      for (const e of value.entries) leaves(kind, e.value, [...path, e.key], appendKeyPath(key, e.key))
      return
    }
    changes.push(kind === 'added' ? { kind, path, key, head: value } : { kind, path, key, base: value })
  }

  const walk = (b: DictValue, h: DictValue, path: readonly KeyValue[], key: string): void => {
    const headByKey = new Map<string, (typeof h.entries)[number]>()
    for (const e of h.entries) {
      const id = keyIdentity(e.key)
      if (id !== undefined) headByKey.set(id, e)
    }
    const matched = new Set<string>()
    for (const be of b.entries) {
      const id = keyIdentity(be.key)
      const he = id === undefined ? undefined : headByKey.get(id)
      if (!he || id === undefined) {
        leaves('removed', be.value, [...path, be.key], appendKeyPath(key, be.key))
        continue
      }
      matched.add(id)
      const childPath = [...path, he.key]
      const childKey = appendKeyPath(key, he.key)
      if (isNonEmptyDict(be.value) && isNonEmptyDict(he.value)) walk(be.value, he.value, childPath, childKey)
      else if (be.value.kind === 'dict' && he.value.kind === 'dict') {
        // One side is `{}`: list what the other side has, key by key.
        if (isNonEmptyDict(be.value)) leaves('removed', be.value, childPath, childKey)
        else if (isNonEmptyDict(he.value)) leaves('added', he.value, childPath, childKey)
      } else if (!valuesEqual(be.value, he.value)) {
        changes.push({ kind: 'changed', path: childPath, key: childKey, base: be.value, head: he.value })
      }
    }
    for (const he of h.entries) {
      const id = keyIdentity(he.key)
      if (id !== undefined && matched.has(id)) continue
      leaves('added', he.value, [...path, he.key], appendKeyPath(key, he.key))
    }
  }

  walk(base, head, [], '')
  return {
    changes,
    added: changes.filter((c) => c.kind === 'added'),
    removed: changes.filter((c) => c.kind === 'removed'),
    changed: changes.filter((c) => c.kind === 'changed')
  }
}

/**
 * A value as Hydra override text (`0.001`, `'1'`, `[1,2]`, `{a:1}`): exactly what a
 * `key=value` override would carry, so `1`, `1.0` and `'1'` read differently. A value no
 * override can write (a mapping with a null key) falls back to a Python-like rendering.
 */
export function formatHydraValue(value: HydraValue): string {
  try {
    return encodeValue(value)
  } catch {
    return describeValue(value)
  }
}

/** Python's name for a value's type (`int`, `float`, `str`, `bool`, `None`, `list`, `dict`). */
export function pythonTypeName(value: HydraValue): string {
  return value.kind === 'null' ? 'None' : value.kind
}
