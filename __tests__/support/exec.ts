/** A quiet process runner for tests of code that takes an `Exec` (the action's own one logs every call). */
import { spawn } from 'node:child_process'
import type { Exec } from '../../src/exec.js'

export const quietExec: Exec = (program, args, options = {}) =>
  new Promise((resolve) => {
    const child = spawn(program, [...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (b: Buffer) => {
      stdout += b.toString('utf8')
      options.onOutput?.(b.toString('utf8'))
    })
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString('utf8')
      options.onOutput?.(b.toString('utf8'))
    })
    child.on('error', (error) => resolve({ exitCode: 127, stdout, stderr: error.message }))
    child.on('close', (code) => resolve({ exitCode: code ?? 1, stdout, stderr }))
    // A program that exits without reading its input must not fail the test with EPIPE.
    child.stdin.on('error', () => undefined)
    child.stdin.end(options.input ?? '')
  })
