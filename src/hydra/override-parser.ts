/**
 * A parser for Hydra 1.3's override grammar (`OverrideParser.g4` plus the value rules of
 * `overrides_visitor.py`), returning typed values so it can judge the emitter exactly.
 */
import { CastError, evaluateCasts } from './cast-functions.js'
import { LexError, tokenize, type Token, type TokenType } from './override-lexer.js'
import { NULL, bool, dict, float, int, list, str, type KeyValue, type ScalarValue, type Value } from './value.js'

/** A function call left unevaluated (`choice(a,b)`, `int(3.5)`, ...). */
export interface FunctionCall {
  readonly kind: 'call'
  readonly name: string
  readonly args: ReadonlyArray<ParsedElement>
  readonly kwargs: ReadonlyArray<readonly [string, ParsedElement]>
}
/** An element as written: a typed value whose leaves may be function calls. */
export type ParsedElement = Value<FunctionCall>

/** Hydra's override types. */
export type OverrideType = 'change' | 'add' | 'force_add' | 'delete'
/** Hydra's value types; everything but `element` is a sweep. */
export type ValueType =
  'element' | 'simple_choice_sweep' | 'choice_sweep' | 'range_sweep' | 'interval_sweep' | 'glob_choice_sweep'

/** One parsed override. */
export interface ParsedOverride {
  /** The override exactly as given. */
  readonly input: string
  readonly type: OverrideType
  /** `a.b.c`, a config group such as `hydra/launcher`, or '' for the global package. */
  readonly key: string
  /** The `@package` part, if any. */
  readonly package?: string
  /** True when the key is a config-group path (`a/b`). */
  readonly isGroup: boolean
  /** The value; absent only for `~key` without `=`. A simple sweep is its list of choices. */
  readonly value?: ParsedElement
  readonly valueType?: ValueType
  /** The choices of a `a,b,c` sweep. */
  readonly choices?: ReadonlyArray<ParsedElement>
}

/** Function names Hydra 1.3 knows. */
export const KNOWN_FUNCTIONS: ReadonlySet<string> = new Set([
  'int',
  'float',
  'str',
  'bool',
  'choice',
  'range',
  'interval',
  'glob',
  'tag',
  'sort',
  'shuffle'
])

/** A syntax error in one override, with a 1-based column and a caret line in the message. */
export class OverrideSyntaxError extends Error {
  constructor(
    readonly override: string,
    /** 1-based column of the offending character. */
    readonly column: number,
    readonly reason: string
  ) {
    super(
      `${reason} at column ${column} of the override\n  ${visible(override)}\n  ${' '.repeat(
        Math.max(0, visible(override.slice(0, column - 1)).length)
      )}^`
    )
    this.name = 'OverrideSyntaxError'
  }
}

// Control characters would break the caret line; show them escaped.
function visible(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f]/g, (c) =>
    c === '\t' ? '\\t' : c === '\n' ? '\\n' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`
  )
}

const PRIMITIVE_TOKENS: ReadonlySet<TokenType> = new Set([
  'ID',
  'NULL',
  'INT',
  'FLOAT',
  'BOOL',
  'INTERPOLATION',
  'UNQUOTED_CHAR',
  'COLON',
  'ESC',
  'WS'
])
const DICT_KEY_TOKENS: ReadonlySet<TokenType> = new Set([
  'ID',
  'NULL',
  'INT',
  'FLOAT',
  'BOOL',
  'UNQUOTED_CHAR',
  'ESC',
  'WS'
])
const SWEEP_FUNCTIONS: Readonly<Record<string, ValueType>> = {
  choice: 'choice_sweep',
  range: 'range_sweep',
  interval: 'interval_sweep',
  glob: 'glob_choice_sweep',
  tag: 'choice_sweep'
}

/** Python's `int(text)` for an INT token (sign, `_` separators). */
export function intFromToken(text: string): ScalarValue {
  const t = text.replace(/_/g, '')
  const negative = t.startsWith('-')
  const n = BigInt(t.replace(/^[+-]/, ''))
  return int(negative ? -n : n)
}

/** Python's `float(text)` for a FLOAT token. */
export function floatFromToken(text: string): ScalarValue {
  const t = text.replace(/_/g, '').toLowerCase()
  const negative = t.startsWith('-')
  const body = t.replace(/^[+-]/, '')
  if (body === 'nan') return float(NaN)
  if (body === 'inf') return float(negative ? -Infinity : Infinity)
  const x = Number(body)
  return float(negative ? -x : x)
}

/** Hydra's `_unescape_quoted_string`: only backslash runs right before a quote are escapes. */
export function unquote(token: string): string {
  const q = token[0]
  const body = token.slice(1, -1)
  let out = ''
  let i = 0
  while (i < body.length) {
    const c = body[i]
    if (c !== '\\') {
      out += c
      i++
      continue
    }
    let j = i
    while (j < body.length && body[j] === '\\') j++
    const run = j - i
    if (j === body.length) out += '\\'.repeat(run / 2)
    else if (body[j] === q) {
      out += '\\'.repeat((run - 1) / 2) + q
      j++
    } else out += '\\'.repeat(run)
    i = j
  }
  return out
}

class Parser {
  private pos = 0

  constructor(
    private readonly input: string,
    private readonly tokens: Token[]
  ) {}

  private get tok(): Token {
    return this.tokens[this.pos]
  }
  private peek(n = 1): Token {
    return this.tokens[Math.min(this.pos + n, this.tokens.length - 1)]
  }
  private fail(reason: string, token: Token = this.tok): never {
    throw new OverrideSyntaxError(this.input, token.start + 1, reason)
  }
  private expect(type: TokenType, what: string): Token {
    if (this.tok.type !== type) this.fail(`expected ${what}, found ${describe(this.tok)}`)
    return this.tokens[this.pos++]
  }

  override(): ParsedOverride {
    let type: OverrideType = 'change'
    if (this.tok.type === 'TILDE') {
      this.pos++
      type = 'delete'
    } else if (this.tok.type === 'PLUS') {
      this.pos++
      type = 'add'
      if (this.tok.type === 'PLUS') {
        this.pos++
        type = 'force_add'
      }
    }
    const { key, pkg, isGroup } = this.key()
    const base = { input: this.input, type, key, isGroup, ...(pkg === undefined ? {} : { package: pkg }) }
    if (type === 'delete' && this.tok.type === 'EOF') return base
    this.expect('EQUAL', "'='")
    if (this.tok.type === 'EOF') return { ...base, value: str(''), valueType: 'element' }
    const first = this.element()
    if (this.tok.type === 'COMMA') {
      const choices = [first]
      while (this.tok.type === 'COMMA') {
        this.pos++
        choices.push(this.element())
      }
      this.expect('EOF', 'the end of the override')
      return { ...base, value: list(choices), valueType: 'simple_choice_sweep', choices }
    }
    this.expect('EOF', 'the end of the override')
    return { ...base, value: first, valueType: sweepType(first) }
  }

  private key(): { key: string; pkg?: string; isGroup: boolean } {
    let key = ''
    let isGroup = false
    if (this.tok.type === 'ID' && this.peek().type === 'SLASH') {
      key = this.tok.text
      this.pos++
      while ((this.tok.type as TokenType) === 'SLASH') {
        this.pos++
        key += `/${this.expect('ID', 'a config group name').text}`
      }
      isGroup = true
    } else key = this.packageName()
    if (this.tok.type === 'AT') {
      this.pos++
      return { key, pkg: this.packageName(), isGroup }
    }
    return { key, isGroup }
  }

  private packageName(): string {
    const t = this.tok.type
    if (t === 'ID' || t === 'KEY_SPECIAL' || t === 'DOT_PATH') return this.tokens[this.pos++].text
    return ''
  }

  element(): ParsedElement {
    const t = this.tok
    switch (t.type) {
      case 'BRACKET_OPEN':
        return this.listValue()
      case 'BRACE_OPEN':
        return this.dictValue()
      case 'QUOTED_VALUE':
        this.pos++
        return str(unquote(t.text))
      case 'ID':
        if (this.peek().type === 'POPEN') return this.call()
        return this.primitive(PRIMITIVE_TOKENS)
      default:
        if (PRIMITIVE_TOKENS.has(t.type)) return this.primitive(PRIMITIVE_TOKENS)
        return this.fail(`expected a value, found ${describe(t)}`)
    }
  }

  private listValue(): ParsedElement {
    this.pos++
    const items: ParsedElement[] = []
    if (this.tok.type !== 'BRACKET_CLOSE') {
      items.push(this.element())
      while (this.tok.type === 'COMMA') {
        this.pos++
        items.push(this.element())
      }
    }
    this.expect('BRACKET_CLOSE', "',' or ']'")
    return list(items)
  }

  private dictValue(): ParsedElement {
    this.pos++
    const entries: Array<[KeyValue, ParsedElement]> = []
    if (this.tok.type !== 'BRACE_CLOSE') {
      entries.push(this.pair())
      while (this.tok.type === 'COMMA') {
        this.pos++
        entries.push(this.pair())
      }
    }
    this.expect('BRACE_CLOSE', "',' or '}'")
    return dict(entries)
  }

  private pair(): [KeyValue, ParsedElement] {
    if (!DICT_KEY_TOKENS.has(this.tok.type))
      this.fail(`expected a dict key (bare text only: no quotes, no ':' and no \${...}), found ${describe(this.tok)}`)
    const key = this.primitive(DICT_KEY_TOKENS) as KeyValue
    this.expect('COLON', "':' after the dict key")
    return [key, this.element()]
  }

  private call(): ParsedElement {
    const nameTok = this.tokens[this.pos++]
    this.pos++ // POPEN
    const args: ParsedElement[] = []
    const kwargs: Array<[string, ParsedElement]> = []
    if (this.tok.type !== 'PCLOSE') {
      for (;;) {
        if (this.tok.type === 'ID' && this.peek().type === 'EQUAL') {
          const name = this.tok.text
          this.pos += 2
          kwargs.push([name, this.element()])
        } else {
          const at = this.tok
          const v = this.element()
          if (kwargs.length > 0) this.fail('positional argument follows keyword argument', at)
          args.push(v)
        }
        if (this.tok.type !== 'COMMA') break
        this.pos++
      }
    }
    this.expect('PCLOSE', "',' or ')'")
    if (!KNOWN_FUNCTIONS.has(nameTok.text))
      this.fail(
        `unknown function '${nameTok.text}' (quote the value, or escape '(' ')' ',' with a backslash, if it is a string)`,
        nameTok
      )
    const call: FunctionCall = { kind: 'call', name: nameTok.text, args, kwargs }
    try {
      return evaluateCasts(call) ?? call
    } catch (e) {
      if (e instanceof CastError) this.fail(`${e.message} (while evaluating ${nameTok.text}(...))`, nameTok)
      throw e
    }
  }

  /** `_createPrimitive`: one token is typed, several are a string (escapes undone, ends trimmed). */
  private primitive(allowed: ReadonlySet<TokenType>): ScalarValue {
    const start = this.pos
    while (allowed.has(this.tok.type)) this.pos++
    const toks = this.tokens.slice(start, this.pos)
    let first = 0
    let last = toks.length
    if (toks[0].type === 'WS') {
      if (toks.length === 1) this.fail('a value cannot be only blanks here; quote it', toks[0])
      first = 1
    }
    if (toks[toks.length - 1].type === 'WS') last -= 1
    if (last - first > 1)
      return str(
        toks
          .slice(first, last)
          .map((t) => (t.type === 'ESC' ? everyOther(t.text) : t.text))
          .join('')
      )
    const t = toks[first]
    switch (t.type) {
      case 'INT':
        return intFromToken(t.text)
      case 'FLOAT':
        return floatFromToken(t.text)
      case 'NULL':
        return NULL
      case 'BOOL':
        return bool(t.text.toLowerCase() === 'true')
      case 'ESC':
        return str(everyOther(t.text))
      default:
        return str(t.text)
    }
  }
}

// Python's text[1::2]: an ESC token is backslash/character pairs.
function everyOther(s: string): string {
  let out = ''
  for (let i = 1; i < s.length; i += 2) out += s[i]
  return out
}

function sweepType(v: ParsedElement): ValueType {
  if (v.kind === 'call') {
    const t = SWEEP_FUNCTIONS[v.name]
    if (t) return t
    // sort()/shuffle() of several values or of a sweep give a sweep; of one list, a list.
    if ((v.name === 'sort' || v.name === 'shuffle') && !(v.args.length === 1 && v.args[0].kind === 'list'))
      return 'choice_sweep'
  }
  return 'element'
}

function describe(t: Token): string {
  if (t.type === 'EOF') return 'the end of the override'
  return `'${t.text}'`
}

/** Parse one raw override (as on Hydra's command line). Throws {@link OverrideSyntaxError}. */
export function parseOverride(text: string): ParsedOverride {
  let tokens: Token[]
  try {
    tokens = tokenize(text)
  } catch (e) {
    if (e instanceof LexError) {
      const c = text[e.offset]
      const hint =
        c === "'" || c === '"'
          ? ` (an unterminated quote: inside a quoted value, escape the same quote with a backslash)`
          : c === ' ' || c === '\t'
            ? ' (blanks are not allowed in keys, nor after a quoted value)'
            : ' (quote the value if it is part of a string)'
      throw new OverrideSyntaxError(text, e.offset + 1, `unexpected character ${JSON.stringify(c)}${hint}`)
    }
    throw e
  }
  return new Parser(text, tokens).override()
}

/** Parses just a value (what follows `key=`), e.g. to check an emitted value in isolation. */
export function parseValue(text: string): ParsedElement {
  return parseOverride(`x=${text}`).value ?? str('')
}
