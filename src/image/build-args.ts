/** The `build-args` input: `NAME=value` lines passed to the build. */
import type { Problem } from '../problems.js'

const BUILD_ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/** Checks `build-args` lines (`K=V`); blank lines and `#` comments are allowed. */
export function validateBuildArgs(lines: readonly string[], where = 'build-args'): Problem[] {
  const problems: Problem[] = []
  for (const raw of lines) {
    const line = raw.trim()
    if (!line || line.startsWith('#')) continue
    const eq = line.indexOf('=')
    const name = eq < 0 ? line : line.slice(0, eq)
    if (eq < 0) {
      problems.push({
        where,
        message: `'${line}' is not KEY=VALUE (write ${name}=<value>, or ${name}= for empty)`
      })
    } else if (!BUILD_ARG_NAME.test(name)) {
      problems.push({
        where,
        message: `'${name}' is not a valid build argument name (letters, digits and _; not starting with a digit)`
      })
    }
  }
  return problems
}

/** `build-args` lines without blanks and comments. Values keep inner spaces. */
export function buildArgList(lines: readonly string[]): string[] {
  return lines.map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))
}
