/**
 * Packs sibling overrides into dict literals (`a={b:1,c:2}` instead of `a.b=1 a.c=2`).
 *
 * Lossless because Hydra applies every override with `OmegaConf.update(..., merge=True)`:
 * a dict literal merges into the existing mapping, keeping keys it does not mention, and a
 * dict value is always a config override even when the key names a config group. Only
 * leaves with the same prefix share a literal, and deletions are never packed.
 */
import { renderUnit, type Child, type Group, type Prefix } from './flatten.js'

/** The packed overrides and the key paths that were packed into literals. */
export interface PackResult {
  readonly args: string[]
  readonly packedKeys: string[]
}

interface Item {
  readonly index: number
  readonly text: string
}

/**
 * Minimal bins for items of `size + 1` (the separating comma) in bins of `capacity + 1`.
 * Greedy consecutive filling keeps YAML order and is optimal among order-keeping packings;
 * first-fit decreasing is used instead when it needs fewer bins.
 */
function binPack(items: readonly Item[], capacity: number): Item[][] {
  const cap = capacity + 1
  const size = (it: Item): number => it.text.length + 1
  const consecutive: Item[][] = []
  let current: Item[] = []
  let left = cap
  for (const it of items) {
    if (size(it) > left && current.length > 0) {
      consecutive.push(current)
      current = []
      left = cap
    }
    current.push(it)
    left -= size(it)
  }
  if (current.length > 0) consecutive.push(current)
  if (consecutive.length <= 2) return consecutive

  const bins: Array<{ items: Item[]; left: number }> = []
  for (const it of [...items].sort((a, b) => size(b) - size(a) || a.index - b.index)) {
    const s = size(it)
    let bin = bins.find((b) => b.left >= s)
    if (!bin) {
      bin = { items: [], left: cap }
      bins.push(bin)
    }
    bin.items.push(it)
    bin.left -= s
  }
  if (bins.length >= consecutive.length) return consecutive
  return bins.map((b) => b.items.sort((x, y) => x.index - y.index)).sort((x, y) => x[0].index - y[0].index)
}

class Packer {
  readonly packedKeys: string[] = []

  constructor(private readonly maxLength: number) {}

  /** Overrides for one child of a group at `parentKey` (or of the root when undefined). */
  child(c: Child): string[] {
    if (c.group) return this.group(c.group)
    return c.unit ? [renderUnit(c.unit)] : []
  }

  group(g: Group): string[] {
    const { children, key } = g
    const prefixes = new Set(children.map((c) => c.prefix))
    const [only] = prefixes
    if (prefixes.size === 1 && only !== undefined && only !== '~' && children.every((c) => c.fragment)) {
      const whole = `${only}${key}={${children.map((c) => c.fragment).join(',')}}`
      if (whole.length <= this.maxLength) {
        if (children.length > 1 || children[0].group) this.packedKeys.push(g.keyPath)
        return [whole]
      }
    }
    // Too big (or mixed): siblings that fit share literals at this key, per prefix; the
    // rest are split further down.
    const out: Array<{ index: number; args: string[] }> = []
    const byPrefix = new Map<Prefix, Item[]>()
    children.forEach((c, index) => {
      const p = c.prefix
      const fits =
        c.fragment !== undefined &&
        p !== undefined &&
        p !== '~' &&
        `${p}${key}={${c.fragment}}`.length <= this.maxLength
      if (fits && p !== undefined && c.fragment !== undefined) {
        const list = byPrefix.get(p) ?? []
        list.push({ index, text: c.fragment })
        byPrefix.set(p, list)
      } else out.push({ index, args: this.child(c) })
    })
    for (const [p, items] of byPrefix) {
      if (items.length === 1) {
        // Alone, the dotted form is shorter and reads better.
        const c = children[items[0].index]
        out.push({ index: items[0].index, args: this.child(c) })
        continue
      }
      const head = `${p}${key}=`
      for (const bin of binPack(items, this.maxLength - head.length - 2)) {
        if (bin.length === 1) {
          out.push({ index: bin[0].index, args: this.child(children[bin[0].index]) })
          continue
        }
        this.packedKeys.push(g.keyPath)
        out.push({ index: bin[0].index, args: [`${head}{${bin.map((b) => b.text).join(',')}}`] })
      }
    }
    return out.sort((a, b) => a.index - b.index).flatMap((o) => o.args)
  }
}

/**
 * Packs the flattened config into as few overrides as it can, each at most `maxLength`
 * characters where possible (a single value longer than that cannot be split and is
 * returned as is, for the caller to report).
 */
export function packOverrides(children: readonly Child[], maxLength: number): PackResult {
  const p = new Packer(maxLength)
  const args = children.flatMap((c) => p.child(c))
  return { args, packedKeys: [...new Set(p.packedKeys)] }
}
