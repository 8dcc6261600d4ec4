/**
 * One problem found while reading the action's inputs or config files.
 * `where` names the file and key (or the input) so the user can go straight to it.
 */
export interface Problem {
  where: string
  message: string
}

/** Everything wrong with the user's inputs and config, reported together before any side effect. */
export class ConfigError extends Error {
  readonly problems: readonly Problem[]

  constructor(problems: readonly Problem[]) {
    super(ConfigError.format(problems))
    this.name = 'ConfigError'
    this.problems = problems
  }

  static format(problems: readonly Problem[]): string {
    if (problems.length === 1) return `${problems[0].where}: ${problems[0].message}`
    const lines = problems.map((p) => `  - ${p.where}: ${p.message}`)
    return `${problems.length} problems with the action's configuration:\n${lines.join('\n')}`
  }
}

/** Normalises anything thrown into a message worth showing in the step log. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}
