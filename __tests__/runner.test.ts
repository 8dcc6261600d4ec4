/**
 * src/runner.ts speaks the runner's step protocol itself (to keep start-up fast);
 * these tests hold it to what @actions/core, the reference implementation, writes.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import * as core from '@actions/core'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as runner from '../src/runner.js'
import { parseCommandFile } from './support/action-runner.js'

let dir: string
const saved = { ...process.env }
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'top-runner-test-'))
  for (const f of ['output', 'state', 'summary']) writeFileSync(join(dir, f), '')
  process.env.GITHUB_OUTPUT = join(dir, 'output')
  process.env.GITHUB_STATE = join(dir, 'state')
  process.env.GITHUB_STEP_SUMMARY = join(dir, 'summary')
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
  process.env = { ...saved }
  process.exitCode = undefined
})

/** What a call writes to stdout. */
function stdoutOf(fn: () => void): string {
  let out = ''
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk)
    return true
  })
  try {
    fn()
  } finally {
    spy.mockRestore()
  }
  return out
}

const nasty = 'multi\nline\r\n100% sure: a,b::c'

describe('log commands match @actions/core', () => {
  it.each<[string, (impl: typeof runner | typeof core) => void]>([
    ['info', (i) => i.info(nasty)],
    ['debug', (i) => i.debug(nasty)],
    ['notice', (i) => i.notice(nasty)],
    ['warning', (i) => i.warning(nasty)],
    ['error', (i) => i.error(nasty)],
    ['setSecret', (i) => i.setSecret('p@ss%word\nline2')],
    ['startGroup', (i) => i.startGroup('Build: image')],
    ['endGroup', (i) => i.endGroup()]
  ])('%s', (_name, call) => {
    expect(stdoutOf(() => call(runner))).toBe(stdoutOf(() => call(core)))
  })

  it('setFailed sets exit code 1 and an error annotation, like core', () => {
    const ours = stdoutOf(() => runner.setFailed(nasty))
    expect(process.exitCode).toBe(1)
    process.exitCode = undefined
    expect(ours).toBe(stdoutOf(() => core.setFailed(nasty)))
  })
})

describe('file commands match @actions/core', () => {
  it('outputs and state read back the same', () => {
    runner.setOutput('job-name', nasty)
    runner.saveState('jobName', 'abc1234')
    const ours = [
      parseCommandFile(readFileSync(join(dir, 'output'), 'utf8')),
      parseCommandFile(readFileSync(join(dir, 'state'), 'utf8'))
    ]
    for (const f of ['output', 'state']) writeFileSync(join(dir, f), '')
    core.setOutput('job-name', nasty)
    core.saveState('jobName', 'abc1234')
    const theirs = [
      parseCommandFile(readFileSync(join(dir, 'output'), 'utf8')),
      parseCommandFile(readFileSync(join(dir, 'state'), 'utf8'))
    ]
    expect(ours).toEqual(theirs)
    expect(ours[0]['job-name']).toBe(nasty)
  })

  it('reads inputs and state as the runner passes them', () => {
    process.env['INPUT_JOB-CONFIG'] = '  deploy/x.yaml \n'
    process.env['INPUT_MY_INPUT'] = 'v'
    process.env.STATE_jobName = 'abc'
    expect(runner.getInput('job-config')).toBe(core.getInput('job-config'))
    expect(runner.getInput('my input')).toBe('v')
    expect(runner.getInput('missing')).toBe('')
    expect(runner.getState('jobName')).toBe(core.getState('jobName'))
  })

  it('appends to the step summary', () => {
    expect(runner.appendSummary('## one')).toBe(true)
    expect(runner.appendSummary('two\n')).toBe(true)
    expect(readFileSync(join(dir, 'summary'), 'utf8')).toBe('## one\ntwo\n')
    delete process.env.GITHUB_STEP_SUMMARY
    expect(runner.appendSummary('x')).toBe(false)
  })

  it('groups async work', async () => {
    const out: string[] = []
    const spy = jest
      .spyOn(process.stdout, 'write')
      .mockImplementation((c: string | Uint8Array) => (out.push(String(c)), true))
    try {
      await expect(runner.group('g', async () => 42)).resolves.toBe(42)
      await expect(runner.group('g', async () => Promise.reject(new Error('x')))).rejects.toThrow('x')
    } finally {
      spy.mockRestore()
    }
    expect(out.join('')).toBe('::group::g\n::endgroup::\n::group::g\n::endgroup::\n')
  })
})
