/**
 * The one place the action starts other programs (git, docker), with @actions/exec.
 * Arguments always go as an array, never through a shell; secrets go on stdin. Output shown
 * in the step log is someone else's text (a Dockerfile's RUN step can print anything), so
 * the runner's command processing is paused while it streams.
 */
import * as exec from '@actions/exec'
import type { Exec, ExecOptions, ExecResult } from '../exec.js'
import { actionLog, stopCommands } from './log.js'
import { errorMessage } from '../errors.js'

export const actionExec: Exec = async (program, args, options: ExecOptions = {}): Promise<ExecResult> => {
  actionLog.debug(`run: ${program} ${args.map((a) => JSON.stringify(a)).join(' ')}`)
  const env = options.env ? { ...(process.env as Record<string, string>), ...options.env } : undefined
  const listeners = options.onOutput
    ? {
        stdout: (b: Buffer) => options.onOutput!(b.toString('utf8')),
        stderr: (b: Buffer) => options.onOutput!(b.toString('utf8'))
      }
    : undefined
  const start = (): Promise<ExecResult> =>
    exec
      .getExecOutput(program, [...args], {
        cwd: options.cwd,
        env,
        input: options.input === undefined ? undefined : Buffer.from(options.input),
        silent: !options.stream,
        ignoreReturnCode: true,
        listeners
      })
      .then(
        (out) => ({ exitCode: out.exitCode, stdout: out.stdout, stderr: out.stderr }),
        // @actions/exec throws when the program cannot be started at all (not on PATH).
        (error: unknown) => ({
          exitCode: 127,
          stdout: '',
          stderr: errorMessage(error)
        })
      )
  if (!options.stream) return start()
  const resume = stopCommands()
  try {
    return await start()
  } finally {
    resume()
  }
}
