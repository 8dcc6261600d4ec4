// Every example of __fixtures__/hydra/grammar-examples.json (each checked against Hydra 1.3.2's
// real parser when it was written down), replayed against our override parser.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parseOverride, OverrideSyntaxError } from '../src/hydra/override-parser.js'
import { describeValue, valuesEqual, type HydraValue } from '../src/hydra/value.js'
import { parseNotation } from '../__fixtures__/hydra/helpers.js'

interface Example {
  override: string
  hydra: string
}
const examples = JSON.parse(
  readFileSync(new URL('../__fixtures__/hydra/grammar-examples.json', import.meta.url), 'utf8')
) as Example[]

const SWEEPS: Record<string, string> = {
  SIMPLE_CHOICE_SWEEP: 'simple_choice_sweep',
  CHOICE_SWEEP: 'choice_sweep',
  RANGE_SWEEP: 'range_sweep',
  INTERVAL_SWEEP: 'interval_sweep',
  GLOB: 'glob_choice_sweep'
}
const TYPES: Record<string, string> = { CHANGE: 'change', ADD: 'add', FORCE_ADD: 'force_add', DEL: 'delete' }

describe('override parser against the grammar notes', () => {
  it('has all 160 examples', () => {
    expect(examples.length).toBe(160)
  })

  it.each(examples.map((e) => [e.override, e.hydra]))('%j → %s', (override, hydra) => {
    if (hydra.startsWith('**ERROR**')) {
      expect(() => parseOverride(override)).toThrow(OverrideSyntaxError)
      return
    }
    const o = parseOverride(override)
    const sweep = /^([A-Z_]+) ?\(/.exec(hydra)
    if (sweep && SWEEPS[sweep[1]]) {
      expect(o.valueType).toBe(SWEEPS[sweep[1]])
      if (sweep[1] === 'SIMPLE_CHOICE_SWEEP') {
        const expected = parseNotation(`[${hydra.slice(hydra.indexOf('(') + 1, -1)}]`)
        expect(describeValue(o.value as HydraValue)).toBe(describeValue(expected))
      }
      return
    }
    let notation = hydra.split(' — ')[0]
    const typed = /^([A-Z_]+) key='([^']*)'(?: pkg='([^']*)')? value: (.*)$/.exec(notation)
    if (typed) {
      expect(o.type).toBe(TYPES[typed[1]])
      expect(o.key).toBe(typed[2])
      expect(o.package).toBe(typed[3])
      notation = typed[4]
      if (notation === '(no value)') {
        expect(o.value).toBeUndefined()
        return
      }
    } else expect(o.valueType).toBe('element')
    const expected = parseNotation(notation)
    const got = o.value as HydraValue
    expect(describeValue(got)).toBe(describeValue(expected))
    expect(valuesEqual(got, expected)).toBe(true)
  })
})

describe('override syntax errors', () => {
  it('report the column and show a caret under it', () => {
    try {
      parseOverride("x='a' ")
      throw new Error('should have failed')
    } catch (e) {
      expect(e).toBeInstanceOf(OverrideSyntaxError)
      const err = e as OverrideSyntaxError
      expect(err.column).toBe(6)
      expect(err.override).toBe("x='a' ")
      expect(err.message).toContain("\n  x='a' \n       ^")
    }
  })

  it('name unknown functions', () => {
    expect(() => parseOverride('x=foo(1)')).toThrow(/unknown function 'foo'/)
  })

  it('evaluate cast functions like Hydra', () => {
    expect(describeValue(parseOverride('x=int(3.9)').value as HydraValue)).toBe('3')
    expect(describeValue(parseOverride('x=float(1)').value as HydraValue)).toBe('1.0')
    expect(describeValue(parseOverride('x=str(true)').value as HydraValue)).toBe('"true"')
    expect(describeValue(parseOverride("x=bool('False')").value as HydraValue)).toBe('false')
    expect(describeValue(parseOverride('x=int([1.5,{a:2.5}])').value as HydraValue)).toBe('[1, {"a": 2}]')
    expect(() => parseOverride('x=int(abc)')).toThrow(/invalid literal for int/)
  })

  it('accept config-group and package keys', () => {
    expect(parseOverride('hydra/launcher=basic')).toMatchObject({ key: 'hydra/launcher', isGroup: true })
    expect(parseOverride('+db@backup=mysql')).toMatchObject({ type: 'add', key: 'db', package: 'backup' })
  })
})
