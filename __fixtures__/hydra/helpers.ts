// Shared helpers for the hydra test suite.
import { NULL, bool, dict, float, int, list, str, type HydraValue, type KeyValue } from '../../src/hydra/value.js'

/**
 * Parses the "Hydra result" notation of the grammar notes (`int 1`, `str "a"`,
 * `[int 1, float 2.0]`, `{str "a": null}`) into a typed value.
 */
export function parseNotation(text: string): HydraValue {
  let i = 0
  const ws = (): void => {
    while (text[i] === ' ') i++
  }
  const value = (): HydraValue => {
    ws()
    if (text[i] === '[') {
      i++
      const items: HydraValue[] = []
      ws()
      if (text[i] === ']') {
        i++
        return list(items)
      }
      for (;;) {
        items.push(value())
        ws()
        if (text[i] === ',') i++
        else if (text[i] === ']') {
          i++
          return list(items)
        } else throw new Error(`bad notation at ${i}: ${text}`)
      }
    }
    if (text[i] === '{') {
      i++
      const entries: Array<[KeyValue, HydraValue]> = []
      ws()
      if (text[i] === '}') {
        i++
        return dict(entries)
      }
      for (;;) {
        const k = value() as KeyValue
        ws()
        if (text[i] !== ':') throw new Error(`bad notation at ${i}: ${text}`)
        i++
        entries.push([k, value()])
        ws()
        if (text[i] === ',') i++
        else if (text[i] === '}') {
          i++
          return dict(entries)
        } else throw new Error(`bad notation at ${i}: ${text}`)
      }
    }
    if (text.startsWith('null', i)) {
      i += 4
      return NULL
    }
    const m = /^(int|float|bool|str) /.exec(text.slice(i))
    if (!m) throw new Error(`bad notation at ${i}: ${text}`)
    i += m[0].length
    if (m[1] === 'str') {
      // A JSON string literal.
      let j = i + 1
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1
      const s = JSON.parse(text.slice(i, j + 1)) as string
      i = j + 1
      return str(s)
    }
    const tok = /^[^,\]}: ]+/.exec(text.slice(i))![0]
    i += tok.length
    if (m[1] === 'int') return int(BigInt(tok))
    if (m[1] === 'bool') return bool(tok === 'true')
    if (tok === 'inf') return float(Infinity)
    if (tok === '-inf') return float(-Infinity)
    if (tok === 'nan') return float(NaN)
    return float(Number(tok))
  }
  const v = value()
  ws()
  if (i !== text.length) throw new Error(`trailing notation at ${i}: ${text}`)
  return v
}
