/**
 * The step log as the stages (config, image, job) see it. They never import @actions/*:
 * the action layer (src/action/log.ts) hands them a `Log` built on @actions/core, and
 * tests hand them one that records what was said.
 */
export interface Log {
  info(message: string): void
  /** Shown only when the workflow is re-run with debug logging. */
  debug(message: string): void
  /** A highlighted note (an annotation on the run's page). */
  notice(message: string): void
  warning(message: string): void
  /** From now on the runner prints `***` wherever `value` would appear (a token, a password). */
  secret(value: string): void
  /** Runs `fn` inside a collapsible section of the log. */
  group<T>(title: string, fn: () => Promise<T>): Promise<T>
  /**
   * Lines written by someone else (a training container, a Dockerfile's RUN step): shown as
   * they are, never read by the runner as one of its `::command::` lines.
   */
  untrusted(lines: readonly string[]): void
}

/** A Log that keeps everything in memory: for tests, and for code that must stay quiet. */
export function memoryLog(): Log & { lines: string[] } {
  const lines: string[] = []
  return {
    lines,
    info: (m) => void lines.push(m),
    debug: (m) => void lines.push(`debug: ${m}`),
    notice: (m) => void lines.push(`notice: ${m}`),
    warning: (m) => void lines.push(`warning: ${m}`),
    secret: () => undefined,
    async group(title, fn) {
      lines.push(`group: ${title}`)
      try {
        return await fn()
      } finally {
        lines.push('endgroup')
      }
    },
    untrusted: (ls) => void lines.push(...ls)
  }
}
