/**
 * Reads a YAML config file into a small tree that remembers where each value
 * came from, so every complaint can name file:line:column and the key path.
 * YAML 1.1 rules, as the PyYAML-based script this action replaces used.
 */
import { LineCounter, parseDocument, isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml'
import { problemAt, type Position, type Problem } from '../problems.js'

interface Base {
  /** Where the value (for a mapping entry: its key) was written. */
  pos: Position
  /** Dotted key path from the root (`job.instance_type`, `metric_definitions[0].name`). */
  path: string
}
export interface YScalar extends Base {
  kind: 'scalar'
  value: unknown
  /** The text as written (so `1.0` stays `1.0` where a string is wanted). */
  source: string
  quoted: boolean
}
export interface YMap extends Base {
  kind: 'map'
  entries: Map<string, YNode>
}
export interface YSeq extends Base {
  kind: 'seq'
  items: YNode[]
}
export type YNode = YScalar | YMap | YSeq

/** Parses the text; YAML syntax errors come back as problems with their position. */
export function readYaml(text: string, file: string): { root?: YNode; problems: Problem[] } {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { version: '1.1', lineCounter, uniqueKeys: true, prettyErrors: true })
  const problems: Problem[] = doc.errors.map((e) => {
    const p = e.linePos?.[0]
    const message = `invalid YAML: ${e.message.split('\n')[0]}`
    return p ? problemAt({ file, line: p.line, column: p.col }, message) : { where: file, message, file }
  })
  if (problems.length > 0) return { problems }
  if (doc.contents === null) return { problems }
  const at = (node: Node | null | undefined): Position => {
    const offset = node?.range?.[0]
    if (offset === undefined) return { file, line: 1, column: 1 }
    const { line, col } = lineCounter.linePos(offset)
    return { file, line, column: col }
  }
  return { root: convert(doc, doc.contents as Node, '', at), problems }
}

// A map entry is reported at its key: that is the line a person looks for.
function convert(doc: Document, node: Node, path: string, at: (n: Node) => Position, keyAt?: Position): YNode {
  const target = isAlias(node) ? (node.resolve(doc) as Node) : node
  const where = keyAt ?? at(target)
  if (isMap(target)) {
    const entries = new Map<string, YNode>()
    for (const pair of target.items) {
      const keyNode = pair.key as Node
      const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode)
      const child = path ? `${path}.${key}` : key
      const value = (pair.value as Node | null) ?? null
      entries.set(
        key,
        value === null
          ? { kind: 'scalar', value: null, source: '', quoted: false, pos: at(keyNode), path: child }
          : convert(doc, value, child, at, at(keyNode))
      )
    }
    return { kind: 'map', entries, pos: where, path }
  }
  if (isSeq(target)) {
    const items = target.items.map((item, i) => convert(doc, item as Node, `${path}[${i}]`, at))
    return { kind: 'seq', items, pos: where, path }
  }
  const scalar = target as Node & { value?: unknown; source?: string; type?: string }
  return {
    kind: 'scalar',
    value: scalar.value ?? null,
    source: scalar.source ?? String(scalar.value ?? ''),
    quoted: scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE',
    pos: where,
    path
  }
}
