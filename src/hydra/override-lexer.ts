/**
 * A lexer equivalent to Hydra 1.3's `OverrideLexer.g4`.
 *
 * ANTLR lexers pick the longest match among all rules and break ties by rule order, and
 * they switch from key mode to value mode at the first `=`. Both behaviours matter for
 * exactness (`inf` is a float but `inf_x` an identifier; `1.2.3` is two floats, hence a
 * string), so every rule below is tried and the longest wins.
 */

/** Token kinds, named as in Hydra's grammar. */
export type TokenType =
  | 'EQUAL'
  | 'TILDE'
  | 'PLUS'
  | 'AT'
  | 'COLON'
  | 'SLASH'
  | 'ID'
  | 'KEY_SPECIAL'
  | 'DOT_PATH'
  | 'POPEN'
  | 'COMMA'
  | 'PCLOSE'
  | 'BRACKET_OPEN'
  | 'BRACKET_CLOSE'
  | 'BRACE_OPEN'
  | 'BRACE_CLOSE'
  | 'FLOAT'
  | 'INT'
  | 'BOOL'
  | 'NULL'
  | 'UNQUOTED_CHAR'
  | 'ESC'
  | 'WS'
  | 'QUOTED_VALUE'
  | 'INTERPOLATION'
  | 'EOF'

/** One token: its kind, exact text and 0-based offset in the override. */
export interface Token {
  readonly type: TokenType
  readonly text: string
  readonly start: number
}

/** Raised when no lexer rule matches at `offset`. */
export class LexError extends Error {
  constructor(readonly offset: number) {
    super('no token can start here')
  }
}

type Rule = readonly [TokenType, (s: string, at: number) => number]

function re(type: TokenType, pattern: string): Rule {
  const rx = new RegExp(pattern, 'y')
  return [
    type,
    (s, at) => {
      rx.lastIndex = at
      const m = rx.exec(s)
      return m ? m[0].length : 0
    }
  ]
}

function longest(type: TokenType, patterns: string[]): Rule {
  const rules = patterns.map((p) => re(type, p)[1])
  return [type, (s, at) => Math.max(...rules.map((r) => r(s, at)))]
}

const WS = '[ \\t]'
const INTU = '(?:0|[1-9](?:_?[0-9])*)'
const DIGITS = '[0-9](?:_?[0-9])*'
const KEY_SPECIAL = '[a-zA-Z_$][a-zA-Z0-9_$-]*'
const ID = '[a-zA-Z_][a-zA-Z0-9_-]*'

/**
 * QUOTED_VALUE ends at the first matching quote preceded by an even run of backslashes
 * (ANTLR's non-greedy loop stops there, which is why `'it's'` is an error).
 */
function quoted(s: string, at: number): number {
  const q = s[at]
  if (q !== "'" && q !== '"') return 0
  let backslashes = 0
  for (let i = at + 1; i < s.length; i++) {
    const c = s[i]
    if (c === q && backslashes % 2 === 0) return i - at + 1
    backslashes = c === '\\' ? backslashes + 1 : 0
  }
  return 0
}

const KEY_RULES: Rule[] = [
  re('EQUAL', `=${WS}*`),
  re('TILDE', '~'),
  re('PLUS', '\\+'),
  re('AT', '@'),
  re('COLON', ':'),
  re('SLASH', '/'),
  re('ID', ID),
  re('KEY_SPECIAL', KEY_SPECIAL),
  re('DOT_PATH', `(?:${KEY_SPECIAL}|${INTU})(?:\\.(?:${KEY_SPECIAL}|${INTU}))+`)
]

const VALUE_RULES: Rule[] = [
  re('POPEN', `${WS}*\\(${WS}*`),
  re('COMMA', `${WS}*,${WS}*`),
  re('PCLOSE', `${WS}*\\)`),
  re('BRACKET_OPEN', `\\[${WS}*`),
  re('BRACKET_CLOSE', `${WS}*\\]`),
  re('BRACE_OPEN', `\\{${WS}*`),
  re('BRACE_CLOSE', `${WS}*\\}`),
  re('COLON', `${WS}*:${WS}*`),
  re('EQUAL', `${WS}*=${WS}*`),
  longest('FLOAT', [
    `[+-]?${INTU}?\\.${DIGITS}(?:[eE][+-]?${DIGITS})?`,
    `[+-]?${INTU}\\.(?:[eE][+-]?${DIGITS})?`,
    `[+-]?${INTU}[eE][+-]?${DIGITS}`,
    '[+-]?(?:[iI][nN][fF]|[nN][aA][nN])'
  ]),
  re('INT', `[+-]?${INTU}`),
  re('BOOL', '(?:[tT][rR][uU][eE]|[fF][aA][lL][sS][eE])'),
  re('NULL', '[nN][uU][lL][lL]'),
  re('UNQUOTED_CHAR', '[/\\-\\\\+.$%*@?|]'),
  re('ID', ID),
  re('ESC', '(?:\\\\[\\\\()\\[\\]{}:=, \\t])+'),
  re('WS', `${WS}+`),
  ['QUOTED_VALUE', quoted],
  re('INTERPOLATION', '\\$\\{[^}]+\\}')
]

/** Splits an override into tokens, switching to value mode after the first `=`. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let rules = KEY_RULES
  let at = 0
  while (at < text.length) {
    let best: TokenType | undefined
    let bestLen = 0
    for (const [type, match] of rules) {
      const len = match(text, at)
      if (len > bestLen) {
        best = type
        bestLen = len
      }
    }
    if (best === undefined) throw new LexError(at)
    tokens.push({ type: best, text: text.slice(at, at + bestLen), start: at })
    if (best === 'EQUAL') rules = VALUE_RULES
    at += bestLen
  }
  tokens.push({ type: 'EOF', text: '', start: text.length })
  return tokens
}
