/**
 * Packs sibling overrides into dict literals (`a={b:1,c:2}` instead of `a.b=1 a.c=2`).
 *
 * Lossless because Hydra applies every override with `OmegaConf.update(..., merge=True)`:
 * a dict literal merges into the existing mapping, keeping keys it does not mention, and a
 * dict value is always a config override even when the key names a config group.
 *
 * The leaves are cut, in YAML order, into consecutive runs; each run becomes one override
 * rooted at the deepest key its leaves share, with the rest of their paths nested inside
 * the literal (`a.b={c:{d:1},e:2}`). Extending a run never makes it shorter or more
 * writable, so growing each run greedily until the next leaf no longer fits gives the
 * fewest overrides of any order-keeping packing — and keeping the order means the composed
 * config lists its keys exactly as the YAML did. Only leaves with the same prefix share a
 * literal; deletions are never packed.
 */
import { isOverrideKey } from './encode.js'
import { renderUnit, type Child, type Prefix } from './flatten.js'

/** The packed overrides and the key paths that were packed into literals. */
export interface PackResult {
  readonly args: string[]
  readonly packedKeys: string[]
}

interface Leaf {
  readonly child: Child
  /** Entries from the top-level key down to this leaf. */
  readonly nodes: readonly Child[]
  /** How many leading entries can be written as dotted segments. */
  readonly pathable: number
  /** The shallowest root below which every key can be written inside a literal. */
  readonly minRoot: number
  readonly prefix: Prefix
  readonly packable: boolean
}

function collect(children: readonly Child[], stack: Child[], out: Leaf[]): void {
  for (const c of children) {
    stack.push(c)
    if (c.group) collect(c.group.children, stack, out)
    else {
      const nodes = stack.slice()
      let pathable = 0
      while (pathable < nodes.length && nodes[pathable].seg !== undefined) pathable++
      let minRoot = 0
      nodes.forEach((n, i) => {
        if (n.literalKey === undefined) minRoot = i + 1
        // A key no override can name alone (a top-level integer, `0`) cannot hold the literal either.
        if (n.group && !isOverrideKey(n.group.key)) minRoot = Math.max(minRoot, i + 2)
      })
      out.push({
        child: c,
        nodes,
        pathable,
        minRoot,
        prefix: c.prefix,
        packable: c.prefix !== '~' && c.valueText !== undefined
      })
    }
    stack.pop()
  }
}

function commonDepth(a: readonly Child[], b: readonly Child[]): number {
  const n = Math.min(a.length, b.length)
  let i = 0
  while (i < n && a[i] === b[i]) i++
  return i
}

/** Length of the literal for leaves[from, to), which share their first `depth` entries. */
function literalLength(leaves: readonly Leaf[], from: number, to: number, depth: number): number {
  let len = 2
  for (let i = from; i < to;) {
    const node = leaves[i].nodes[depth]
    let j = i + 1
    while (j < to && leaves[j].nodes[depth] === node) j++
    if (i > from) len += 1
    len += (node.literalKey?.length ?? 0) + 1
    len += leaves[i].nodes.length === depth + 1 ? (node.valueText?.length ?? 0) : literalLength(leaves, i, j, depth + 1)
    i = j
  }
  return len
}

function renderLiteral(leaves: readonly Leaf[], from: number, to: number, depth: number): string {
  const parts: string[] = []
  for (let i = from; i < to;) {
    const node = leaves[i].nodes[depth]
    let j = i + 1
    while (j < to && leaves[j].nodes[depth] === node) j++
    const inner = leaves[i].nodes.length === depth + 1 ? (node.valueText ?? '') : renderLiteral(leaves, i, j, depth + 1)
    parts.push(`${node.literalKey ?? ''}:${inner}`)
    i = j
  }
  return `{${parts.join(',')}}`
}

/**
 * What appending `leaf` adds to a literal whose previous leaf shares its first `shared`
 * entries: a comma, the new nested keys with their braces, and the value.
 */
function addedLength(leaf: Leaf, shared: number): number {
  const { nodes } = leaf
  let len = 1
  for (let k = shared; k < nodes.length - 1; k++) len += (nodes[k].literalKey?.length ?? 0) + 3
  const last = nodes[nodes.length - 1]
  return len + (last.literalKey?.length ?? 0) + 1 + (last.valueText?.length ?? 0)
}

/** The dotted key of the entry at `root - 1` on the leaf's path. */
function rootKey(leaf: Leaf, root: number): string {
  return leaf.nodes[root - 1].group?.key ?? ''
}

/**
 * Packs the flattened config into as few overrides as it can, each at most `maxLength`
 * characters where possible (a single value longer than that cannot be split and is
 * returned as is, for the caller to report).
 */
export function packOverrides(children: readonly Child[], maxLength: number): PackResult {
  const leaves: Leaf[] = []
  collect(children, [], leaves)
  const args: string[] = []
  const packedKeys = new Set<string>()
  for (let i = 0; i < leaves.length;) {
    const first = leaves[i]
    let end = i
    let root = 0
    if (first.packable) {
      let depth = first.nodes.length
      let pathable = first.pathable
      let minRoot = first.minRoot
      let literal = 0 // literal length of the current run at `root`
      for (let j = i + 1; j < leaves.length; j++) {
        const next = leaves[j]
        if (!next.packable || next.prefix !== first.prefix) break
        const shared = commonDepth(leaves[j - 1].nodes, next.nodes)
        const d = Math.min(depth, shared)
        const p = Math.min(pathable, next.pathable)
        const m = Math.max(minRoot, next.minRoot)
        const r = Math.min(d, p)
        if (r < 1 || r < m) break
        // Same root: only the new leaf's entries are added; otherwise measure afresh.
        const lit = r === root ? literal + addedLength(next, shared) : literalLength(leaves, i, j + 1, r)
        if (first.prefix.length + rootKey(first, r).length + 1 + lit > maxLength) break
        depth = d
        pathable = p
        minRoot = m
        root = r
        literal = lit
        end = j
      }
    }
    if (end === i) args.push(renderUnit(first.child.unit ?? { prefix: first.prefix, key: '', keyPath: '' }))
    else {
      args.push(`${first.prefix}${rootKey(first, root)}=${renderLiteral(leaves, i, end + 1, root)}`)
      packedKeys.add(first.nodes[root - 1].keyPath)
    }
    i = end + 1
  }
  return { args, packedKeys: [...packedKeys] }
}
