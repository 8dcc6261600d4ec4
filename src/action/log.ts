/**
 * The step log the stages write to, on @actions/core. Text that came from elsewhere
 * (training output, a build's output, a failure reason) is printed between
 * `::stop-commands::<token>` and `::<token>::`, so the runner shows it without obeying it.
 */
import * as core from '@actions/core'
import { randomUUID } from 'node:crypto'
import type { Log } from '../log.js'

/**
 * What the runner would read as a command: a line starting with `::` (after spaces), or
 * the older `##[command]` form anywhere in a line (actions/runner ActionCommand.TryParse).
 */
const RUNNER_COMMAND = /(^|[\r\n])[ ]*::|##\[/

/** True when the runner would treat some line of `text` as a command. */
export function looksLikeRunnerCommand(text: string): boolean {
  return RUNNER_COMMAND.test(text)
}

/**
 * Pauses the runner's command processing until the returned function is called. The token
 * is random, so nothing printed meanwhile can guess it and resume processing early.
 */
export function stopCommands(): () => void {
  const token = `train-on-push-${randomUUID()}`
  core.info(`::stop-commands::${token}`)
  return () => core.info(`::${token}::`)
}

/** Runs `print` with the runner's command processing paused. */
export function withCommandsStopped(print: () => void): void {
  const resume = stopCommands()
  try {
    print()
  } finally {
    resume()
  }
}

/** Our own message, but it may quote someone else's text (a failure reason, a path). */
function info(message: string): void {
  if (looksLikeRunnerCommand(message)) withCommandsStopped(() => core.info(message))
  else core.info(message)
}

export const actionLog: Log = {
  info,
  debug: (message) => core.debug(message),
  notice: (message) => core.notice(message),
  warning: (message) => core.warning(message),
  secret: (value) => core.setSecret(value),
  group: (title, fn) => core.group(title, fn),
  untrusted(lines) {
    if (lines.length === 0) return
    withCommandsStopped(() => {
      for (const line of lines) core.info(line)
    })
  }
}
