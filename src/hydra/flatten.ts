/**
 * Turns a loaded config into Hydra overrides, one per leaf (Hydra's override grammar: https://hydra.cc/docs/advanced/override_grammar/basic/),
 * keeping the tree shape (and which keys fit in a literal) so the packer can merge siblings.
 */
import {
  appendKeyPath,
  dictKeyProblem,
  renderDictKey,
  encodeValue,
  isIntegerSegment,
  isKeySegment,
  isOverrideKey
} from './encode.js'
import { int, str, type DictValue, type HydraValue, type KeyValue } from './value.js'

/** Override prefix: change (''), add ('+'), force-add ('++') or delete ('~'). */
export type Prefix = '' | '+' | '++' | '~'

/** One flat override. */
export interface Unit {
  readonly prefix: Prefix
  /** The dotted override key. */
  readonly key: string
  /** Value text after '=', or undefined for a bare `~key`. */
  readonly valueText?: string
  /** Human-readable key path (for messages), e.g. `model.layers[1]`. */
  readonly keyPath: string
}

/** A non-empty mapping reached through a dotted key; its leaves may be packed into literals. */
export interface Group {
  readonly key: string
  readonly keyPath: string
  readonly children: readonly Child[]
}

/** One entry of a group (or of the root): either a group or a leaf override. */
export interface Child {
  /** The key as one dotted segment, when it can be one. */
  readonly seg?: string
  /** The key as written inside a `{...}` literal, when it can be. */
  readonly literalKey?: string
  /** The prefix in force for this entry (its own, or inherited). */
  readonly prefix: Prefix
  readonly group?: Group
  readonly unit?: Unit
  /** A leaf's value text (undefined for a group, or a bare `~key`). */
  readonly valueText?: string
  /** Flat overrides this child needs. */
  readonly unitCount: number
  /** The key path (for messages). */
  readonly keyPath: string
}

/** Something the translation cannot express, with the key path it concerns. */
export interface FlattenProblem {
  readonly keyPath: string
  readonly message: string
}

/** The flattened config: top-level children in YAML order, plus every problem found. */
export interface Flattened {
  readonly children: readonly Child[]
  readonly problems: readonly FlattenProblem[]
  /** Top-level keys deliberately not translated (the Defaults List). */
  readonly skipped: readonly string[]
}

const PREFIX_RE = /^(\+\+|\+|~)(.*)$/s

/** Every flat override of the tree, in emission order. */
export function* units(children: readonly Child[]): Generator<Unit> {
  for (const c of children) {
    if (c.unit) yield c.unit
    if (c.group) yield* units(c.group.children)
  }
}

/** Renders a flat override. */
export function renderUnit(u: Unit): string {
  return u.valueText === undefined ? `${u.prefix}${u.key}` : `${u.prefix}${u.key}=${u.valueText}`
}

class Flattener {
  readonly problems: FlattenProblem[] = []
  readonly skipped: string[] = []

  constructor(private readonly drop: (dottedKey: string, isGroup: boolean) => boolean) {}

  /** Reports every dict key inside `v` that no literal can hold; true when all are fine. */
  checkValue(v: HydraValue, keyPath: string): boolean {
    let ok = true
    if (v.kind === 'list') v.items.forEach((x, i) => (ok = this.checkValue(x, appendKeyPath(keyPath, int(i))) && ok))
    else if (v.kind === 'dict')
      for (const e of v.entries) {
        const problem = dictKeyProblem(e.key)
        if (problem) {
          this.problems.push({ keyPath: appendKeyPath(keyPath, e.key), message: problem })
          ok = false
        }
        ok = this.checkValue(e.value, appendKeyPath(keyPath, e.key)) && ok
      }
    return ok
  }

  /**
   * `parentKey` is the dotted override key of `d` ('' at the root), or of its nearest
   * ancestor reachable by a dotted key when `literalChain` (the literal keys from there
   * down to `d`) is not empty; `parentPath` is `d`'s message path.
   */
  entries(
    d: DictValue,
    parentKey: string,
    parentPath: string,
    inherited: Prefix,
    topLevel: boolean,
    literalChain: readonly string[] = []
  ): Child[] {
    const out: Child[] = []
    const inLiteral = literalChain.length > 0
    for (const { key: rawKey, value } of d.entries) {
      let prefix = inherited
      let key: KeyValue = rawKey
      const m = rawKey.kind === 'str' ? PREFIX_RE.exec(rawKey.value) : null
      if (m) {
        prefix = m[1] as Prefix
        key = str(m[2])
      }
      const plainPath = appendKeyPath(parentPath, key)
      const keyPath = m ? `${m[1]}${plainPath}` : plainPath
      if (topLevel && !m && key.kind === 'str' && key.value === 'defaults') {
        // The Defaults List is consumed by Hydra while composing; it is not a config value
        // and `defaults=...` would fail. Config groups are chosen with `group=option`.
        this.skipped.push('defaults')
        continue
      }
      if (m && key.kind === 'str' && key.value === '') {
        this.problems.push({ keyPath, message: `the prefix '${m[1]}' must be followed by a key name` })
        continue
      }
      // A top-level integer key (`'0': {a: 1}`) can begin a dotted key (`0.a=1`) though it
      // cannot be one alone (`0=1` is a lexer error), so its mapping is set leaf by leaf.
      const leadsOnly =
        topLevel &&
        key.kind === 'str' &&
        isIntegerSegment(key.value) &&
        value.kind === 'dict' &&
        value.entries.length > 0 &&
        prefix !== '~'
      // Below a key that only a literal can hold, every key must be in the literal too.
      const seg =
        !inLiteral && key.kind === 'str' && (isKeySegment(key.value, topLevel) || leadsOnly) ? key.value : undefined
      const dotted = seg === undefined ? parentKey : topLevel ? seg : `${parentKey}.${seg}`
      const isGroup = value.kind === 'dict' && value.entries.length > 0 && prefix !== '~'
      if (seg !== undefined && this.drop(dotted, isGroup)) continue
      const keyProblem = dictKeyProblem(key)
      const literalKey = keyProblem ? undefined : renderDictKey(key)
      if (prefix === '~') {
        if (seg === undefined) {
          this.problems.push({
            keyPath,
            message: 'a deletion (~) needs a key that can be written as a dotted override key'
          })
          continue
        }
        if (!this.checkValue(value, plainPath)) continue
        const unit: Unit = {
          prefix,
          key: dotted,
          ...(value.kind === 'null' ? {} : { valueText: encodeValue(value) }),
          keyPath
        }
        out.push({ seg, prefix, unit, unitCount: 1, keyPath })
        continue
      }
      if (seg !== undefined && value.kind === 'dict' && value.entries.length > 0) {
        const children = this.entries(value, dotted, plainPath, prefix, false)
        if (children.length === 0) continue
        out.push({
          seg,
          ...(literalKey === undefined ? {} : { literalKey }),
          prefix,
          group: { key: dotted, keyPath, children },
          unitCount: children.reduce((n, c) => n + c.unitCount, 0),
          keyPath
        })
        continue
      }
      if (!this.checkValue(value, plainPath)) continue
      if (seg !== undefined) {
        const valueText = encodeValue(value)
        out.push({
          seg,
          ...(literalKey === undefined ? {} : { literalKey }),
          prefix,
          unit: { prefix, key: dotted, valueText, keyPath },
          valueText,
          unitCount: 1,
          keyPath
        })
        continue
      }
      if (topLevel) {
        const integer = key.kind === 'str' && isIntegerSegment(key.value) ? key.value : undefined
        this.problems.push({
          keyPath,
          message: integer
            ? `a top-level integer key can only begin a longer key (${integer}.a=1 sets the key a of a mapping under it); Hydra cannot set ${integer} itself from the command line (${integer}=… is a lexer error), so it must hold a non-empty mapping — move the value under a parent key or into the image's own config`
            : "a top-level key must be an identifier (letters, digits, _, $ and -, not starting with a digit or -) to be overridden; Hydra cannot set this key from the command line — move it under a parent key or into the image's own config"
        })
        continue
      }
      if (!isOverrideKey(parentKey)) {
        // Under a top-level integer key only dotted keys work: a {…} literal would have to
        // sit at the integer key itself, which no override can name.
        this.problems.push({
          keyPath,
          message: `the key is not a dotted key segment, so it needs a {…} literal at ${parentKey}; but ${parentKey} is a top-level integer key, which Hydra accepts only as the start of a longer key (${parentKey}.a=1), never alone — rename the key or move the mapping under a parent key`
        })
        continue
      }
      if (literalKey === undefined) {
        this.problems.push({
          keyPath,
          message: `${keyProblem}, and it is not a valid dotted key segment either, so no override can set it`
        })
        continue
      }
      // Not a dotted segment but fine inside a literal: a one-entry dict at the nearest
      // dotted key, which Hydra merges into the existing mapping. A mapping there is split
      // into one such override per leaf, so the packer can regroup it under the limit.
      const chain = [...literalChain, literalKey]
      // A NaN key never equals another NaN, so its mapping must travel in one piece.
      const nanKey = key.kind === 'float' && Number.isNaN(key.value)
      if (value.kind === 'dict' && value.entries.length > 0 && !nanKey) {
        const children = this.entries(value, parentKey, plainPath, prefix, false, chain)
        if (children.length === 0) continue
        out.push({
          literalKey,
          prefix,
          group: { key: parentKey, keyPath, children },
          unitCount: children.reduce((n, c) => n + c.unitCount, 0),
          keyPath
        })
        continue
      }
      const valueText = encodeValue(value)
      out.push({
        literalKey,
        prefix,
        unit: {
          prefix,
          key: parentKey,
          valueText: chain.reduceRight((inner, k) => `{${k}:${inner}}`, valueText),
          keyPath
        },
        valueText,
        unitCount: 1,
        keyPath
      })
    }
    return out
  }
}

/**
 * Flattens a config into override units. `drop` removes keys that a later override
 * sets anyway (the experiment name, user overrides) so Hydra never sees both.
 */
export function flattenConfig(
  config: DictValue,
  drop: (dottedKey: string, isGroup: boolean) => boolean = () => false
): Flattened {
  const f = new Flattener(drop)
  const children = f.entries(config, '', '', '', true)
  return { children, problems: f.problems, skipped: f.skipped }
}
