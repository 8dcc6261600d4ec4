/**
 * How the GitHub runner reads a step's stdout (actions/runner ActionCommandManager): a line
 * starting with `::` (after spaces) is a command, and so is the older `##[name …]` form found
 * anywhere in a line, unless `::stop-commands::<token>` paused processing until `::<token>::`.
 * Tests use it to show which lines the runner would obey.
 */

export interface ObeyedCommand {
  name: string
  line: string
}

const V2 = /^ *::([A-Za-z-]+)(?: [^:]*)?::(.*)$/
const LEGACY = /##\[([A-Za-z-]+)(?:[^\]]*)\](.*)$/

/** The commands the runner would act on, in order. */
export function obeyedCommands(stdout: string): ObeyedCommand[] {
  const obeyed: ObeyedCommand[] = []
  let stoppedUntil: string | undefined
  for (const line of stdout.split(/\r?\n/)) {
    const v2 = V2.exec(line)
    const legacy = v2 ? undefined : LEGACY.exec(line)
    const name = v2?.[1] ?? legacy?.[1]
    if (!name) continue
    if (stoppedUntil) {
      // While paused, only the token itself (in either form) means anything.
      if (name === stoppedUntil) stoppedUntil = undefined
      continue
    }
    if (name === 'stop-commands') stoppedUntil = (v2?.[2] ?? legacy?.[2] ?? '').trim()
    obeyed.push({ name, line })
  }
  return obeyed
}
