/**
 * Which files of the build context Docker sends to the builder, decided the way BuildKit
 * decides it: the `.dockerignore` rules of moby/patternmatcher, applied by the file walk of
 * tonistiigi/fsutil that `docker buildx build` runs on the client.
 *
 * The aim is to agree with Docker on every path, including its odd corners: a pattern is
 * turned into a Go regular expression exactly as patternmatcher does it, and that
 * expression is translated to a JavaScript one. Where a pattern would need the one Go
 * regular-expression feature this translation does not model (`\p{…}` Unicode classes),
 * matching throws instead of guessing, so an answer is never silently different.
 */
import { readFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { errorMessage } from '../errors.js'

/** The name of the ignore file at the root of the build context. */
const DOCKERIGNORE = '.dockerignore'

/**
 * The patterns of an ignore file, one per line, as Docker reads them: a byte order mark
 * at the start is dropped, lines starting with `#` are comments, blank lines are skipped,
 * each pattern is trimmed and cleaned like a path (`a//b/../c/` is `a/c`), and a leading
 * `/` is dropped because patterns are always relative to the context. An exception keeps
 * its `!` in front. Note that only a `#` in the first column starts a comment: ` # x` is a
 * pattern.
 */
export function readIgnorePatterns(text: string): string[] {
  const patterns: string[] = []
  const lines = text.split('\n')
  for (let n = 0; n < lines.length; n++) {
    let line = lines[n]
    if (line.endsWith('\r')) line = line.slice(0, -1)
    if (n === 0 && line.startsWith('\uFEFF')) line = line.slice(1)
    if (line.startsWith('#')) continue
    let pattern = trimGoSpace(line)
    if (pattern === '') continue
    const exception = pattern.startsWith('!')
    if (exception) pattern = trimGoSpace(pattern.slice(1))
    if (pattern !== '') {
      pattern = cleanPath(pattern)
      if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1)
    }
    patterns.push(exception ? '!' + pattern : pattern)
  }
  return patterns
}

/**
 * A path cleaned the way Go's `filepath.Clean` does it on Linux: repeated slashes and `.`
 * parts go, `x/..` pairs cancel out, a trailing slash goes, and an empty path is `.`.
 */
function cleanPath(path: string): string {
  if (path === '') return '.'
  const rooted = path.startsWith('/')
  const parts: string[] = []
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop()
      else if (!rooted) parts.push('..')
      continue
    }
    parts.push(part)
  }
  const joined = parts.join('/')
  if (rooted) return '/' + joined
  return joined === '' ? '.' : joined
}

// Go's idea of white space (unicode.IsSpace), which differs from JavaScript's trim(): Go
// keeps U+FEFF and removes U+0085.
const GO_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000'
const GO_SPACE_AT_ENDS = new RegExp(`^[${GO_SPACE}]+|[${GO_SPACE}]+$`, 'g')
function trimGoSpace(text: string): string {
  return text.replace(GO_SPACE_AT_ENDS, '')
}

/** What matching a directory found, handed to its children so they inherit it. */
type MatchState = readonly boolean[]

/** The outcome of matching one path. */
interface PathMatch {
  /** True when the rules exclude this path. */
  excluded: boolean
  /** What the children of this path inherit (pass it when matching them). */
  state: MatchState
}

type PatternKind = 'exact' | 'prefix' | 'suffix' | 'regexp'

interface Pattern {
  /** The cleaned pattern, without the `!` of an exception. */
  text: string
  exception: boolean
  kind: PatternKind
  /** Only for `regexp` patterns: the Go regular expression patternmatcher makes of it. */
  goExpression?: string
  /** Its JavaScript translation, made on first use (see {@link IgnoreMatcher.test}). */
  regexp?: RegExp
}

/**
 * The rules of one ignore file. Patterns apply in order and the last one that matches a
 * path decides: a plain pattern excludes, an exception (`!pattern`) includes again.
 */
export class IgnoreMatcher {
  private readonly patterns: Pattern[] = []
  private readonly hasExceptions: boolean
  /** True when every exception is a plain path, perhaps ending in `/*` or `/**`. */
  private readonly onlyPlainExceptions: boolean

  /**
   * @param patterns as {@link readIgnorePatterns} returns them
   * @param source the ignore file, for error messages
   * @throws when a pattern is not valid glob syntax (Docker refuses to build then too)
   */
  constructor(
    patterns: readonly string[],
    private readonly source = DOCKERIGNORE
  ) {
    for (const raw of patterns) {
      let text = trimGoSpace(raw)
      if (text === '') continue
      text = cleanPath(text)
      let exception = false
      if (text.startsWith('!')) {
        if (text.length === 1) throw new Error(`${source}: '!' alone is not a valid exception pattern`)
        exception = true
        text = text.slice(1)
      }
      const syntaxError = globSyntaxError(text)
      if (syntaxError)
        throw new Error(`${source}: pattern '${raw}' is not valid (${syntaxError}); Docker refuses it too`)
      this.patterns.push({ text, exception, ...compilePattern(text) })
    }
    const exceptions = this.patterns.filter((p) => p.exception)
    this.hasExceptions = exceptions.length > 0
    this.onlyPlainExceptions = exceptions.every((p) => !/[*[\]?^\\]/.test(withoutTrailingGlob(p.text)))
  }

  /**
   * Matches one path (`/`-separated, relative to the context) given what matching its
   * parent directory found (omit it for a path at the top of the context).
   *
   * This is patternmatcher's `MatchesUsingParentResults`, which fsutil uses while walking:
   * a pattern that matched a directory counts as matching everything inside it, and a
   * pattern is only tried when it could change the answer so far (an exclusion while the
   * path is included, an exception while it is excluded).
   */
  match(path: string, parent: MatchState = []): PathMatch {
    let excluded = false
    const state = this.patterns.map(() => false)
    for (let i = 0; i < this.patterns.length; i++) {
      const pattern = this.patterns[i]
      let matched = parent[i] ?? false
      if (!matched) {
        if (pattern.exception !== excluded) continue
        matched = this.test(pattern, path)
      }
      state[i] = matched
      if (matched) excluded = !pattern.exception
    }
    return { excluded, state }
  }

  /** True when the rules exclude `path`, matching each of its parent directories first as the walk does. */
  excludes(path: string): boolean {
    const parts = path.split('/')
    let found: PathMatch = { excluded: false, state: [] }
    for (let n = 1; n <= parts.length; n++) found = this.match(parts.slice(0, n).join('/'), found.state)
    return found.excluded
  }

  /**
   * Whether the walk may skip an excluded directory without looking inside. fsutil only
   * looks inside when some exception could include a path below it: always when an
   * exception has wildcards, otherwise only when an exception names a path under it.
   * Skipping matters: a file under a skipped directory stays out even if a later
   * exception would have matched it, and a skipped directory is never read, so one that
   * cannot be read is no error.
   */
  skipsExcludedDirectory(dir: string): boolean {
    if (!this.hasExceptions) return true
    if (!this.onlyPlainExceptions) return false
    const below = dir + '/'
    return !this.patterns.some((p) => p.exception && (withoutTrailingGlob(p.text) + '/').startsWith(below))
  }

  private test(pattern: Pattern, path: string): boolean {
    switch (pattern.kind) {
      case 'exact':
        return path === pattern.text
      case 'prefix':
        return path.startsWith(pattern.text.slice(0, -2))
      case 'suffix': {
        const suffix = pattern.text.slice(2)
        return path.endsWith(suffix) || (suffix.startsWith('/') && path === suffix.slice(1))
      }
      case 'regexp':
        if (!pattern.regexp) {
          // Docker compiles a pattern the first time it is needed, and fails the build then.
          try {
            pattern.regexp = new RegExp(goRegexpToJs(pattern.goExpression ?? ''), 'u')
          } catch (error) {
            throw new Error(`${this.source}: pattern '${pattern.text}' cannot be matched: ${errorMessage(error)}`)
          }
        }
        return pattern.regexp.test(path)
    }
  }
}

/** A pattern with a trailing `/**` and then `/*` removed, as fsutil compares exceptions with directories. */
function withoutTrailingGlob(text: string): string {
  let trimmed = text.endsWith('/**') ? text.slice(0, -3) : text
  if (trimmed.endsWith('/*')) trimmed = trimmed.slice(0, -2)
  return trimmed
}

/**
 * The kind of a pattern and, for `regexp` ones, the Go regular expression patternmatcher
 * makes of it.
 *
 * patternmatcher avoids regular expressions where it can: a pattern without wildcards is
 * compared as a string, `dir/**` as a prefix and a pattern starting with `**` whose rest
 * has no wildcards as a suffix (so `**foo` matches `barfoo`, unlike the expression).
 * `*` and `?` never cross a `/`; `**` crosses any number of them.
 */
function compilePattern(text: string): { kind: PatternKind; goExpression?: string } {
  const chars = Array.from(text)
  let pos = chars[0] === '\uFEFF' ? 1 : 0 // Go's text scanner skips a leading byte order mark
  let kind: PatternKind = 'exact'
  let expression = '^'
  for (let i = 0; pos < chars.length; i++) {
    const ch = chars[pos++]
    if (ch === '*') {
      if (chars[pos] === '*') {
        pos++
        if (chars[pos] === '/') pos++
        if (pos >= chars.length) {
          if (kind === 'exact') kind = 'prefix'
          else {
            expression += '.*'
            kind = 'regexp'
          }
        } else {
          expression += '(.*/)?'
          kind = 'regexp'
        }
        if (i === 0) kind = 'suffix'
      } else {
        expression += '[^/]*'
        kind = 'regexp'
      }
    } else if (ch === '?') {
      expression += '[^/]'
      kind = 'regexp'
    } else if ('.+()|{}$'.includes(ch)) {
      expression += '\\' + ch
    } else if (ch === '\\') {
      if (pos < chars.length) {
        expression += '\\' + chars[pos++]
        kind = 'regexp'
      } else expression += '\\'
    } else if (ch === '[' || ch === ']') {
      expression += ch
      kind = 'regexp'
    } else expression += ch
  }
  return kind === 'regexp' ? { kind, goExpression: expression + '$' } : { kind }
}

/**
 * Why Go's `filepath.Match` rejects a pattern, or undefined when it accepts it. Docker
 * checks every pattern this way before using it: `\` must escape something, and a `[…]`
 * class must be closed, not empty, and write `-` and `]` escaped except as a range's dash.
 */
function globSyntaxError(pattern: string): string | undefined {
  const chars = Array.from(pattern)
  let pos = 0
  // One character of a class, perhaps escaped; a class must not end right after it.
  const classChar = (): boolean => {
    if (pos >= chars.length || chars[pos] === '-' || chars[pos] === ']') return false
    if (chars[pos] === '\\') {
      pos++
      if (pos >= chars.length) return false
    }
    pos++
    return pos < chars.length
  }
  while (pos < chars.length) {
    const ch = chars[pos++]
    if (ch === '\\') {
      if (pos >= chars.length) return 'it ends with a lone \\'
      pos++
    } else if (ch === '[') {
      if (chars[pos] === '^') pos++
      let ranges = 0
      for (;;) {
        if (chars[pos] === ']' && ranges > 0) {
          pos++
          break
        }
        if (!classChar()) return 'a [ class is unclosed, empty or has an unescaped - or ]'
        if (chars[pos] === '-') {
          pos++
          if (!classChar()) return 'a [ class is unclosed, empty or has an unescaped - or ]'
        }
        ranges++
      }
    }
  }
  return undefined
}

const MAX_RUNE = 0x10ffff
type Ranges = [number, number][]

const DIGITS: Ranges = [[0x30, 0x39]]
const WORD: Ranges = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a]
]
const SPACE: Ranges = [
  [0x09, 0x0a],
  [0x0c, 0x0d],
  [0x20, 0x20]
]
/** Go's `\d \s \w`: ASCII only, unlike JavaScript's `\s`. */
const PERL_CLASSES: Record<string, Ranges> = { d: DIGITS, s: SPACE, w: WORD }
/** The `[:name:]` classes Go accepts inside brackets. */
const POSIX_CLASSES: Record<string, Ranges> = {
  alnum: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a]
  ],
  alpha: [
    [0x41, 0x5a],
    [0x61, 0x7a]
  ],
  ascii: [[0x00, 0x7f]],
  blank: [
    [0x09, 0x09],
    [0x20, 0x20]
  ],
  cntrl: [
    [0x00, 0x1f],
    [0x7f, 0x7f]
  ],
  digit: DIGITS,
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [
    [0x21, 0x2f],
    [0x3a, 0x40],
    [0x5b, 0x60],
    [0x7b, 0x7e]
  ],
  space: [
    [0x09, 0x0d],
    [0x20, 0x20]
  ],
  upper: [[0x41, 0x5a]],
  word: WORD,
  xdigit: [
    [0x30, 0x39],
    [0x41, 0x46],
    [0x61, 0x66]
  ]
}

function complement(ranges: Ranges): Ranges {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0])
  const out: Ranges = []
  let next = 0
  for (const [lo, hi] of sorted) {
    if (lo > next) out.push([next, lo - 1])
    next = Math.max(next, hi + 1)
  }
  if (next <= MAX_RUNE) out.push([next, MAX_RUNE])
  return out
}

const hex = (rune: number): string => `\\u{${rune.toString(16)}}`
function classSource(ranges: Ranges): string {
  return '[' + ranges.map(([lo, hi]) => (lo === hi ? hex(lo) : `${hex(lo)}-${hex(hi)}`)).join('') + ']'
}

const isOctal = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '7'
const hexValue = (c: string | undefined): number => (c !== undefined && /^[0-9a-f]$/i.test(c) ? parseInt(c, 16) : -1)
const ESCAPED_CONTROLS: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 }
const isPerlClass = (c: string | undefined): c is string => c !== undefined && /^[dDsSwW]$/.test(c)

/**
 * Translates the Go (RE2) regular expressions that {@link compilePattern} can produce into
 * JavaScript ones that match the same strings. Every literal character is written as
 * `\u{…}` and every class as explicit ranges, so JavaScript's own syntax never gets in the
 * way; Go's meanings are kept where they differ (`.` skips only `\n`, `\s` is ASCII).
 * Errors are those Go reports when compiling the same expression.
 */
function goRegexpToJs(source: string): string {
  const cs = Array.from(source)
  let pos = 0
  let out = ''
  let depth = 0
  // What a `*` or `?` may follow: an atom, or nothing (then Go reports an error).
  let canRepeat = false
  let repeated = false

  // One escaped character after a `\` (Go's parseEscape); pos is just past the `\`.
  const escape = (): number => {
    const c = cs[pos++]
    if (c === undefined) throw new Error('trailing \\')
    const code = c.codePointAt(0)!
    if (code < 0x80 && !/[0-9A-Za-z]/.test(c)) return code
    if (c >= '1' && c <= '7' && !isOctal(cs[pos])) throw new Error(`invalid escape \\${c}`)
    if (c >= '0' && c <= '7') {
      let value = Number(c)
      for (let n = 1; n < 3 && isOctal(cs[pos]); n++) value = value * 8 + Number(cs[pos++])
      return value
    }
    if (c === 'x') {
      if (cs[pos] === '{') {
        pos++
        let value = 0
        let digits = 0
        while (cs[pos] !== '}') {
          const v = hexValue(cs[pos++])
          if (v < 0 || (value = value * 16 + v) > MAX_RUNE) throw new Error('invalid escape \\x{…}')
          digits++
        }
        pos++
        if (digits === 0) throw new Error('invalid escape \\x{}')
        return value
      }
      const hi = hexValue(cs[pos++])
      const lo = hexValue(cs[pos++])
      if (hi < 0 || lo < 0) throw new Error('invalid escape \\x')
      return hi * 16 + lo
    }
    if (Object.hasOwn(ESCAPED_CONTROLS, c)) return ESCAPED_CONTROLS[c]
    throw new Error(`invalid escape \\${c}`)
  }

  // A bracketed class (Go's parseClass); pos is just past the `[`.
  const bracketClass = (): Ranges => {
    let negated = false
    if (cs[pos] === '^') {
      negated = true
      pos++
    }
    const ranges: Ranges = []
    let first = true
    while (pos >= cs.length || cs[pos] !== ']' || first) {
      first = false
      if (cs[pos] === '[' && cs[pos + 1] === ':') {
        const rest = cs.slice(pos + 2).join('')
        const end = rest.indexOf(':]')
        if (end >= 0) {
          let name = rest.slice(0, end)
          const not = name.startsWith('^')
          if (not) name = name.slice(1)
          const named = Object.hasOwn(POSIX_CLASSES, name) ? POSIX_CLASSES[name] : undefined
          if (!named) throw new Error(`invalid character class [:${rest.slice(0, end)}:]`)
          ranges.push(...(not ? complement(named) : named))
          pos += 2 + Array.from(rest.slice(0, end)).length + 2
          continue
        }
      }
      if (cs[pos] === '\\' && (cs[pos + 1] === 'p' || cs[pos + 1] === 'P')) {
        throw new Error('Unicode classes (\\p, \\P) are not supported here')
      }
      if (cs[pos] === '\\' && isPerlClass(cs[pos + 1])) {
        const letter = cs[pos + 1]
        const perl = PERL_CLASSES[letter.toLowerCase()]
        ranges.push(...(letter === letter.toUpperCase() ? complement(perl) : perl))
        pos += 2
        continue
      }
      const lo = classChar()
      let hi = lo
      if (cs[pos] === '-' && cs[pos + 1] !== undefined && cs[pos + 1] !== ']') {
        pos++
        hi = classChar()
        if (hi < lo) throw new Error('invalid character class range')
      }
      ranges.push([lo, hi])
    }
    pos++
    return negated ? complement(ranges) : ranges
  }
  const classChar = (): number => {
    const c = cs[pos++]
    if (c === undefined) throw new Error('missing closing ]')
    return c === '\\' ? escape() : c.codePointAt(0)!
  }

  const atom = (text: string): void => {
    out += text
    canRepeat = true
    repeated = false
  }
  const assertion = (text: string): void => {
    out += text
    canRepeat = false
    repeated = false
  }

  while (pos < cs.length) {
    const c = cs[pos++]
    switch (c) {
      case '*':
      case '?':
      case '+':
        if (repeated && c === '?') {
          out += '?' // Go's non-greedy marker: the same strings match
          repeated = false
          canRepeat = false
          break
        }
        if (repeated) throw new Error('invalid nested repetition operator')
        if (!canRepeat) throw new Error(`missing argument to repetition operator ${c}`)
        out += c
        repeated = true
        break
      case '^':
        assertion('^')
        break
      case '$':
        assertion('$')
        break
      case '.':
        atom(classSource(complement([[0x0a, 0x0a]])))
        break
      case '(':
        if (cs[pos] === '?') throw new Error('unexpected (?')
        depth++
        out += '(?:'
        canRepeat = false
        repeated = false
        break
      case ')':
        if (depth === 0) throw new Error('unexpected )')
        depth--
        atom(')')
        break
      case '|':
        out += '|'
        canRepeat = false
        repeated = false
        break
      case '[':
        atom(classSource(bracketClass()))
        break
      case '\\': {
        const next = cs[pos]
        const assertions: Record<string, string> = { A: '^', z: '$', b: '\\b', B: '\\B' }
        if (next !== undefined && Object.hasOwn(assertions, next)) {
          pos++
          assertion(assertions[next])
        } else if (next === 'C') throw new Error('invalid escape \\C')
        else if (next === 'p' || next === 'P') throw new Error(`Unicode classes (\\${next}) are not supported here`)
        else if (next === 'Q') {
          pos++
          const rest = cs.slice(pos).join('')
          const end = rest.indexOf('\\E')
          const literal = end < 0 ? rest : rest.slice(0, end)
          for (const ch of literal) atom(hex(ch.codePointAt(0)!))
          pos += Array.from(literal).length + (end < 0 ? 0 : 2)
        } else if (isPerlClass(next)) {
          pos++
          const perl = PERL_CLASSES[next.toLowerCase()]
          atom(classSource(next === next.toUpperCase() ? complement(perl) : perl))
        } else atom(hex(escape()))
        break
      }
      default:
        atom(hex(c.codePointAt(0)!))
    }
  }
  if (depth > 0) throw new Error('missing closing )')
  return out
}

/** One entry of a context directory, as the walk needs to see it. */
export interface ContextChild {
  name: string
  /** A real directory (a symbolic link to one is not: Docker sends the link). */
  directory: boolean
}

/** Lists one directory of the context (`''` is the context itself). */
type ListDirectory = (dir: string) => Promise<readonly ContextChild[]>

/**
 * Walks the build context as BuildKit's file sender does and calls `send` for each path
 * Docker sends, a directory before what is in it.
 *
 * An excluded directory is sent only when something inside it is (an exception re-includes
 * a file below it), and looked into only when {@link IgnoreMatcher.skipsExcludedDirectory}
 * says so. A directory the walk looks into but cannot list is an error, excluded or not:
 * fsutil alone would pass over an excluded one, but the BuildKit client wraps the context in
 * a second filter (the one that resets owners) that reports the error before the ignore
 * rules are consulted, and the build fails.
 */
export async function walkSentPaths(
  matcher: IgnoreMatcher,
  list: ListDirectory,
  send: (path: string, child: ContextChild) => Promise<void> | void
): Promise<void> {
  // Excluded directories entered but not sent yet: sent as soon as something inside is.
  const pending: { path: string; child: ContextChild }[] = []
  const sendWithParents = async (path: string, child: ContextChild): Promise<void> => {
    for (const parent of pending.splice(0)) await send(parent.path, parent.child)
    await send(path, child)
  }

  const walk = async (dir: string, state: MatchState): Promise<void> => {
    let children: readonly ContextChild[]
    try {
      children = await list(dir)
    } catch (error) {
      throw new Error(`cannot read directory '${dir || '.'}' of the build context: ${errorMessage(error)}`, {
        cause: error
      })
    }
    // Go walks a directory in byte order of the names.
    const sorted = [...children].sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)))
    for (const child of sorted) {
      const path = dir ? `${dir}/${child.name}` : child.name
      const found = matcher.match(path, state)
      if (!found.excluded) {
        await sendWithParents(path, child)
        if (child.directory) await walk(path, found.state)
      } else if (child.directory && !matcher.skipsExcludedDirectory(path)) {
        pending.push({ path, child })
        await walk(path, found.state)
        if (pending.at(-1)?.path === path) pending.pop()
      }
    }
  }
  await walk('', [])
}

/** The ignore file that applies to a build, and its patterns. */
interface IgnoreFile {
  /** Absolute path of the file. */
  path: string
  patterns: string[]
}

/**
 * The ignore file Docker uses for a build: `<Dockerfile name>.dockerignore` next to the
 * Dockerfile when it exists (even empty: it then replaces the context's), else
 * `.dockerignore` at the root of the context, else none.
 */
export async function findIgnoreFile(context: string, dockerfile: string): Promise<IgnoreFile | undefined> {
  const candidates = [join(dirname(dockerfile), basename(dockerfile) + DOCKERIGNORE), join(context, DOCKERIGNORE)]
  for (const path of candidates) {
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      // BuildKit treats an ignore file it cannot find (or that is a directory) as absent.
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') continue
      throw new Error(`cannot read ${path}: ${errorMessage(error)}`, { cause: error })
    }
    return { path, patterns: readIgnorePatterns(text) }
  }
  return undefined
}
