import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { INPUT_DEFAULTS, type Inputs } from '../src/action/names.js'
import { readReportingInputs, readSettings } from '../src/config/read-settings.js'
import { ConfigError, type Problem } from '../src/problems.js'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'top-settings-'))
  writeFileSync(
    join(dir, 'job.yaml'),
    'job: {instance_type: ml.m5.large}\naws:\n  region: us-east-1\n  ecr_repository: Team/Model\n  s3_bucket: my-bucket\ninputs: {}\n'
  )
  writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\n')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const inputs = (changes: Partial<Inputs>): Inputs => ({
  ...INPUT_DEFAULTS,
  'job-config': 'job.yaml',
  'hydra-config': '',
  context: '.',
  dockerfile: 'Dockerfile',
  'ecr-repository': 'team/model',
  ...changes
})
const problemsOf = (given: Inputs): readonly Problem[] => {
  try {
    readSettings(given, dir, {})
  } catch (error) {
    if (error instanceof ConfigError) return error.problems
    throw error
  }
  return []
}

describe('readSettings', () => {
  it.each([
    ['job-config', '../elsewhere.yaml'],
    ['hydra-config', '../elsewhere.yaml'],
    ['dockerfile', '../Dockerfile']
  ])('says once that %s leaves the checkout, not also that it does not exist', (input, path) => {
    const problems = problemsOf(inputs({ [input]: path }))
    expect(problems.filter((p) => p.where === `input ${input}`)).toEqual([
      { where: `input ${input}`, message: `'${path}' is outside the checkout (${dir})` }
    ])
  })

  it("puts a bad ECR repository name from the file on the file's key, so it can be annotated on its line", () => {
    const problems = problemsOf(inputs({ 'ecr-repository': '' }))
    expect(problems).toEqual([
      expect.objectContaining({ where: 'job.yaml aws.ecr_repository', file: 'job.yaml', key: 'aws.ecr_repository' })
    ])
  })
})

describe('readReportingInputs', () => {
  it('reads the token, the plan branches, the status switch and wait, whatever else is broken', () => {
    expect(
      readReportingInputs(
        inputs({
          'github-token': ' ghs_x ',
          'plan-branches': 'models,\n release/* ',
          'commit-status': 'false',
          wait: 'true',
          'instance-count': 'not a number'
        })
      )
    ).toEqual({
      githubToken: 'ghs_x',
      planBranches: ['models', 'release/*'],
      commitStatus: false,
      wait: true,
      jobConfigFile: 'job.yaml'
    })
  })

  it('reads an unexpanded default token (a run outside a runner) as no token, and bad switches as their defaults', () => {
    expect(readReportingInputs(inputs({ 'commit-status': 'maybe', wait: '' }))).toEqual({
      githubToken: '',
      planBranches: ['models', 'models/**'],
      commitStatus: true,
      wait: false,
      jobConfigFile: 'job.yaml'
    })
  })
})
