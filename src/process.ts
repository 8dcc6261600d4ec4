/**
 * The one place the action starts other programs (git, docker).
 * Arguments always go as an array, never through a shell; secrets go on stdin.
 */
import * as core from './runner.js'
import * as exec from '@actions/exec'

export interface RunOptions {
  cwd?: string
  /** Written to the program's stdin (e.g. a registry password), never logged. */
  input?: string
  env?: Record<string, string>
  /** Stream output into the step log as it comes (builds); otherwise capture quietly. */
  stream?: boolean
  /** Called with each chunk of stdout/stderr as it arrives. */
  onOutput?: (text: string) => void
}

export interface RunResult {
  exitCode: number
  stdout: string
  stderr: string
}

/** Runs a program to completion; a non-zero exit is returned, not thrown. */
export async function run(program: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  core.debug(`run: ${program} ${args.map((a) => JSON.stringify(a)).join(' ')}`)
  const env = options.env ? { ...(process.env as Record<string, string>), ...options.env } : undefined
  const listeners = options.onOutput
    ? {
        stdout: (b: Buffer) => options.onOutput!(b.toString('utf8')),
        stderr: (b: Buffer) => options.onOutput!(b.toString('utf8'))
      }
    : undefined
  try {
    const out = await exec.getExecOutput(program, args, {
      cwd: options.cwd,
      env,
      input: options.input === undefined ? undefined : Buffer.from(options.input),
      silent: !options.stream,
      ignoreReturnCode: true,
      listeners
    })
    return { exitCode: out.exitCode, stdout: out.stdout, stderr: out.stderr }
  } catch (error) {
    // @actions/exec throws when the program cannot be started at all (not on PATH).
    return { exitCode: 127, stdout: '', stderr: error instanceof Error ? error.message : String(error) }
  }
}

/** The last `n` non-empty lines of a tool's output, for error messages. */
export function lastLines(text: string, n: number): string {
  return text
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l.length > 0)
    .slice(-n)
    .join('\n')
}
