/**
 * Other programs (git, docker) as the stages run them: always an argument array, never a
 * shell string; secrets go on stdin. The action layer (src/action/exec.ts) runs them with
 * @actions/exec; the stages only know this shape.
 */
export interface ExecOptions {
  cwd?: string
  /** Written to the program's stdin (e.g. a registry password), never logged. */
  input?: string
  /** Added to the environment the program inherits. */
  env?: Record<string, string>
  /** Show the output in the step log as it comes (builds, pushes); otherwise capture it quietly. */
  stream?: boolean
  /** Called with each chunk of stdout/stderr as it arrives. */
  onOutput?: (text: string) => void
}

export interface ExecResult {
  /** 127 when the program could not be started at all (not on PATH). */
  exitCode: number
  stdout: string
  stderr: string
}

/** Runs a program to completion; a non-zero exit is returned, not thrown. */
export type Exec = (program: string, args: readonly string[], options?: ExecOptions) => Promise<ExecResult>

/** The last `n` non-empty lines of a program's output, for error messages. */
export function lastLines(text: string, n: number): string {
  return text
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l.length > 0)
    .slice(-n)
    .join('\n')
}

/** Keeps only the end of a long stream of output (a build log), for the error message. */
export class OutputTail {
  private text = ''
  constructor(private readonly max = 64 * 1024) {}
  add(chunk: string): void {
    this.text += chunk
    if (this.text.length > this.max * 2) this.text = this.text.slice(-this.max)
  }
  toString(): string {
    return this.text
  }
}
