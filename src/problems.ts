/**
 * One problem found while reading the action's inputs or config files.
 * `where` names the file and key (or the input) so the user can go straight to it; a problem
 * in a file also carries its position, so the runner can put an annotation on that line.
 */
export interface Problem {
  /** `input job-name`, `deploy/sagemaker-job-config.yaml:3:5 job.instance_type`, ... */
  where: string
  message: string
  /** The file (relative to the checkout) and 1-based line and column, when the problem is in one. */
  file?: string
  line?: number
  column?: number
  /** A key path in `file` (`model.layers[0]`) whose line is looked up only when the problem is shown. */
  key?: string
}

/** A place in a file: what a YAML reader knows about where a value was written. */
export interface Position {
  file: string
  line: number
  column: number
}

/** `file:line:col`, the way editors and compilers print a place. */
export function formatPosition(p: Position): string {
  return `${p.file}:${p.line}:${p.column}`
}

/** A problem at a position in a file, optionally naming the key (`job.instance_type`). */
export function problemAt(position: Position, message: string, key?: string): Problem {
  return {
    where: key ? `${formatPosition(position)} ${key}` : formatPosition(position),
    message,
    file: position.file,
    line: position.line,
    column: position.column
  }
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
