/**
 * Reads a Hydra YAML config the way Hydra does (OmegaConf's loader: PyYAML SafeLoader,
 * YAML 1.1, OmegaConf's extra float resolver, no timestamps, duplicate keys rejected).
 *
 * The `yaml` package does the parsing (with the failsafe schema, so every scalar arrives
 * as its raw text plus its style and explicit tag); typing, merge keys and key handling
 * follow PyYAML's constructor so that values keep the type Hydra would give them.
 */
import {
  LineCounter,
  isAlias,
  isMap,
  isScalar as isYamlScalar,
  isSeq,
  parseDocument,
  type Node as YamlNode,
  type Document,
  type Pair,
  type Scalar,
  type YAMLMap,
  type YAMLSeq
} from 'yaml'
import { ConfigError, problemAt, type Position, type Problem } from '../problems.js'
import { NULL, dict, list, str, isScalar, type DictValue, type HydraValue, type KeyValue } from './value.js'
import {
  ScalarConstructError,
  constructBool,
  constructFloat,
  constructInt,
  constructPlain,
  resolvePlainTag
} from './yaml-resolve.js'

/** A loaded Hydra config: the root mapping, with typed values. */
export type HydraConfig = DictValue

/** Expanded size above which aliases are treated as an attack rather than a config. */
const MAX_EXPANDED_NODES = 1_000_000

const CORE = 'tag:yaml.org,2002:'

class LoadError extends Error {
  constructor(
    message: string,
    readonly offset: number
  ) {
    super(message)
  }
}

class Constructor {
  private readonly memo = new Map<YamlNode, HydraValue>()
  private readonly active = new Set<YamlNode>()

  constructor(private readonly doc: Document) {}

  deref(node: unknown, offset: number): YamlNode {
    let n = node as YamlNode
    for (let hops = 0; isAlias(n); hops++) {
      const target = n.resolve(this.doc)
      if (!target || hops > 1000) throw new LoadError(`unknown alias *${n.source}`, offset)
      n = target
    }
    return n
  }

  offsetOf(node: unknown, fallback: number): number {
    const r = (node as { range?: [number, number, number] } | null)?.range
    return r ? r[0] : fallback
  }

  /** The tag PyYAML would give a scalar node, before construction. */
  scalarTag(node: Scalar): string {
    const explicit = node.tag
    if (explicit && explicit !== '!') return explicit
    if (explicit === '!' || node.type !== 'PLAIN') return `${CORE}str`
    return `${CORE}${resolvePlainTag(String(node.value ?? ''))}`
  }

  build(node: unknown, offset: number): HydraValue {
    const n = this.deref(node, offset)
    const at = this.offsetOf(n, offset)
    const cached = this.memo.get(n)
    if (cached) return cached
    if (this.active.has(n)) throw new LoadError('recursive alias: a node contains itself', at)
    this.active.add(n)
    try {
      let v: HydraValue
      if (isYamlScalar(n)) v = this.scalar(n, at)
      else if (isMap(n)) v = this.mapping(n, at)
      else if (isSeq(n)) v = this.sequence(n, at)
      else throw new LoadError('unsupported YAML node', at)
      this.memo.set(n, v)
      return v
    } finally {
      this.active.delete(n)
    }
  }

  scalar(node: Scalar, at: number): HydraValue {
    const text = node.value === null || node.value === undefined ? '' : String(node.value)
    const tag = node.tag
    try {
      if (!tag || tag === '!') {
        if (tag === '!' || node.type !== 'PLAIN') return str(text)
        const v = constructPlain(text)
        if (v === 'merge') throw new LoadError("'<<' (a merge key) used as a value", at)
        if (v === 'value') throw new LoadError("'=' cannot be used as a value (PyYAML has no constructor for it)", at)
        return v
      }
      switch (tag) {
        case `${CORE}str`:
          return str(text)
        case `${CORE}int`:
          return constructInt(text)
        case `${CORE}float`:
          return constructFloat(text)
        case `${CORE}bool`:
          return constructBool(text)
        case `${CORE}null`:
          return NULL
        default:
          throw new LoadError(unsupportedTag(tag), at)
      }
    } catch (e) {
      if (e instanceof ScalarConstructError) throw new LoadError(e.message, at)
      throw e
    }
  }

  sequence(node: YAMLSeq, at: number): HydraValue {
    const tag = node.tag
    if (tag && tag !== '!' && tag !== `${CORE}seq`) throw new LoadError(unsupportedTag(tag), at)
    const items = node.items.map((item) => (item === null ? NULL : this.build(item, this.offsetOf(item, at))))
    return list(items)
  }

  /** PyYAML's `flatten_mapping`: merge-key sources first (later sources lose), own pairs last. */
  flatPairs(node: YAMLMap, at: number, seen: Set<YAMLMap> = new Set()): Array<[unknown, unknown]> {
    if (seen.has(node)) throw new LoadError('recursive merge key', at)
    seen.add(node)
    const merged: Array<[unknown, unknown]> = []
    const own: Array<[unknown, unknown]> = []
    for (const pair of node.items as Pair[]) {
      const k = pair.key === null ? null : this.deref(pair.key, at)
      if (k && isYamlScalar(k) && this.scalarTag(k) === `${CORE}merge`) {
        const src = pair.value === null ? null : this.deref(pair.value, at)
        const where = this.offsetOf(pair.value, at)
        if (src && isMap(src)) merged.push(...this.flatPairs(src, where, seen))
        else if (src && isSeq(src)) {
          const groups: Array<Array<[unknown, unknown]>> = []
          for (const sub of src.items) {
            const m = sub === null ? null : this.deref(sub, where)
            if (!m || !isMap(m)) throw new LoadError('a merge key (<<) expects a mapping or a list of mappings', where)
            groups.push(this.flatPairs(m, where, new Set(seen)))
          }
          for (const g of groups.reverse()) merged.push(...g)
        } else throw new LoadError('a merge key (<<) expects a mapping or a list of mappings', where)
      } else own.push([pair.key, pair.value])
    }
    return [...merged, ...own]
  }

  mapping(node: YAMLMap, at: number): HydraValue {
    const tag = node.tag
    if (tag && tag !== '!' && tag !== `${CORE}map`) throw new LoadError(unsupportedTag(tag), at)
    // OmegaConf's loader rejects a string key written twice in the same mapping (merged
    // keys excepted), comparing the raw scalar text of keys that resolve to str.
    const seenKeys = new Set<string>()
    for (const pair of node.items as Pair[]) {
      const k = pair.key === null ? null : this.deref(pair.key, at)
      if (k && isYamlScalar(k) && this.scalarTag(k) === `${CORE}str`) {
        const text = k.value === null || k.value === undefined ? '' : String(k.value)
        if (seenKeys.has(text)) throw new LoadError(`found duplicate key ${JSON.stringify(text)}`, this.offsetOf(k, at))
        seenKeys.add(text)
      }
    }
    const entries: Array<[KeyValue, HydraValue]> = []
    for (const [rawKey, rawValue] of this.flatPairs(node, at)) {
      const keyAt = this.offsetOf(rawKey, at)
      let key: HydraValue = NULL
      if (rawKey !== null && rawKey !== undefined) {
        const k = this.deref(rawKey, keyAt)
        // '=' as a key is turned into a plain string by PyYAML's flatten_mapping.
        key = isYamlScalar(k) && this.scalarTag(k) === `${CORE}value` ? str('=') : this.build(k, keyAt)
      }
      if (!isScalar(key)) throw new LoadError('found unhashable key (a list or mapping used as a key)', keyAt)
      const value =
        rawValue === null || rawValue === undefined ? NULL : this.build(rawValue, this.offsetOf(rawValue, keyAt))
      entries.push([key, value])
    }
    return dict(entries)
  }

  /** Expanded node count, so a handful of aliases cannot blow up the emitter. */
  expandedSize(v: HydraValue, budget: { left: number }): void {
    budget.left -= 1
    if (budget.left < 0) return
    if (v.kind === 'list') for (const x of v.items) this.expandedSize(x, budget)
    else if (v.kind === 'dict') for (const e of v.entries) this.expandedSize(e.value, budget)
  }
}

function unsupportedTag(tag: string): string {
  const short = tag.startsWith(CORE) ? `!!${tag.slice(CORE.length)}` : tag
  return `the tag ${short} is not supported: Hydra's loader (PyYAML SafeLoader) only builds str, int, float, bool, null, lists and mappings that OmegaConf accepts`
}

/**
 * Parse Hydra YAML text the way Hydra (PyYAML) does. Throws
 * a ConfigError whose problems carry `file:line:col` on bad YAML; a root that is
 * not a mapping is an error too. An empty file (or a `null` document) is an empty config.
 */
export function loadHydraConfig(text: string, file: string): HydraConfig {
  const lc = new LineCounter()
  const where = (offset: number): Position => {
    const { line, col } = lc.linePos(offset)
    return { file, line: Math.max(line, 1), column: Math.max(col, 1) }
  }
  const doc = parseDocument(text, {
    version: '1.1',
    schema: 'failsafe',
    lineCounter: lc,
    uniqueKeys: false,
    prettyErrors: false,
    strict: true
  })
  if (doc.errors.length > 0) {
    const problems: Problem[] = doc.errors.map((e) => {
      const pos = e.linePos?.[0]
      const loc = pos ? { file, line: pos.line, column: pos.col } : where(e.pos[0])
      const message =
        e.code === 'MULTIPLE_DOCS'
          ? 'a Hydra config file must hold a single YAML document (found a second one)'
          : `invalid YAML: ${e.message.split('\n')[0]}`
      return problemAt(loc, message)
    })
    throw new ConfigError(problems)
  }
  const c = new Constructor(doc)
  let root: HydraValue
  try {
    root = doc.contents === null ? NULL : c.build(doc.contents, 0)
    const budget = { left: MAX_EXPANDED_NODES }
    c.expandedSize(root, budget)
    if (budget.left < 0)
      throw new LoadError(`the config expands to more than ${MAX_EXPANDED_NODES} values through aliases`, 0)
  } catch (e) {
    if (e instanceof LoadError) throw new ConfigError([problemAt(where(e.offset), e.message)])
    throw e
  }
  if (root.kind === 'null') return dict([])
  if (root.kind !== 'dict')
    throw new ConfigError([
      problemAt(
        where(c.offsetOf(doc.contents, 0)),
        `the root of a Hydra config must be a mapping, found a ${root.kind}`
      )
    ])
  return root
}
