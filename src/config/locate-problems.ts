/**
 * Finds the line of a problem that only knows its key path (the Hydra translation works on
 * values, not on the YAML text), so it can be shown as an annotation on that line. Only runs
 * when there are problems, so a valid config is parsed once.
 */
import { existsSync, readFileSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'
import { problemAt, type Problem } from '../problems.js'
import { readYaml, type YNode } from './yaml-file.js'

/** `a.b["c d"][0]` → `['a', 'b', 'c d', '0']`; a leading `+`, `++` or `~` is not part of the key. */
export function keySegments(keyPath: string): string[] {
  const segments: string[] = []
  const re = /([^.[\]]+)|\[("(?:[^"\\]|\\.)*"|[^\]]*)\]/g
  for (const m of keyPath.replace(/^[+~]+/, '').matchAll(re)) {
    if (m[1] !== undefined) segments.push(m[1])
    else segments.push(m[2].startsWith('"') ? (JSON.parse(m[2]) as string) : m[2])
  }
  return segments
}

/** The deepest node of `root` the key path reaches. */
function deepest(root: YNode, segments: readonly string[]): YNode {
  let node = root
  for (const segment of segments) {
    const next =
      node.kind === 'map' ? node.entries.get(segment) : node.kind === 'seq' ? node.items[Number(segment)] : undefined
    if (!next) break
    node = next
  }
  return node
}

/** The problems, with a line and column for those that name a key of a file in the checkout. */
export function locateProblems(problems: readonly Problem[], workspace: string): Problem[] {
  const trees = new Map<string, YNode | undefined>()
  return problems.map((p) => {
    if (!p.file || p.line !== undefined || p.key === undefined) return p
    if (!trees.has(p.file)) {
      const path = isAbsolute(p.file) ? p.file : join(workspace, p.file)
      trees.set(p.file, existsSync(path) ? readYaml(readFileSync(path, 'utf8'), p.file).root : undefined)
    }
    const root = trees.get(p.file)
    if (!root) return p
    const at = problemAt(deepest(root, keySegments(p.key)).pos, p.message)
    return { ...p, file: at.file, line: at.line, column: at.column }
  })
}
