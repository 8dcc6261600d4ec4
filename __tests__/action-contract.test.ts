/** action.yml is the contract: the code's names, the README and the generated tables must agree with it. */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { INPUT_DEFAULTS, Input, Output } from '../src/action/names.js'
import { VERSION } from '../src/aws/clients.js'
import { actionDefaults } from '../scripts/runner-env.mjs'
import { repoRoot } from './support/paths.js'

const action = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { description: string; default?: string }>
  outputs: Record<string, { description: string }>
  runs: Record<string, string>
}

describe('action.yml', () => {
  it('declares exactly the inputs and outputs the code uses', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(Object.values(Input).sort())
    expect(Object.keys(action.outputs).sort()).toEqual(Object.values(Output).sort())
  })

  it('has the defaults the code falls back to outside a runner, and the demo reads them alike', () => {
    const declared = Object.fromEntries(Object.entries(action.inputs).map(([name, spec]) => [name, spec.default ?? '']))
    expect(INPUT_DEFAULTS).toEqual(declared)
    expect(actionDefaults()).toEqual(declared)
  })

  it('runs the bundle on node24, with a post step', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js', post: 'dist/index.js' })
  })

  it('describes every input and output', () => {
    for (const spec of [...Object.values(action.inputs), ...Object.values(action.outputs)]) {
      expect(spec.description.length).toBeGreaterThan(10)
    }
  })

  it('has the version of package.json in the user agent', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }
    expect(VERSION).toBe(pkg.version)
  })
})

describe('README.md', () => {
  it('has inputs and outputs tables equal to action.yml', async () => {
    const { render } = (await import(join(repoRoot, 'scripts', 'docs.mjs'))) as { render: (text: string) => string }
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8')
    expect(readme).toBe(render(readme))
    for (const name of Object.keys(action.inputs)) expect(readme).toContain(`| \`${name}\` |`)
  })

  it('names the test command that CI runs', () => {
    expect(readFileSync(join(repoRoot, 'README.md'), 'utf8')).toContain('npm test')
    expect(readFileSync(join(repoRoot, '.ci', 'run'), 'utf8')).toContain('npm test')
  })
})

describe('generated SageMaker/ECR shape tables', () => {
  it('match the AWS service models in shared/aws-models', async () => {
    const gen = (await import(join(repoRoot, 'scripts', 'gen-shapes.mjs'))) as {
      targets: object[]
      render: (t: object) => string
      fileFor: (t: object) => string
    }
    for (const target of gen.targets) expect(readFileSync(gen.fileFor(target), 'utf8')).toBe(gen.render(target))
  })
})
