/**
 * GitHub's local runner for actions (@github/local-action, what actions/typescript-action
 * ships as `npm run local-action`) runs main and post from the TypeScript sources with its
 * own stand-ins for @actions/core and @actions/github; the outputs and the summary must
 * reach it, which they only do because every runner interaction goes through those packages.
 */
import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { repoRoot } from './support/paths.js'

describe('npm run local-action', () => {
  it('runs the dry run of .env.example with outputs and a summary, main then post', () => {
    const dir = mkdtempSync(join(tmpdir(), 'top-local-action-'))
    try {
      const summary = join(dir, 'summary.md')
      writeFileSync(summary, '')
      const env = readFileSync(join(repoRoot, '.env.example'), 'utf8').replace(
        /^GITHUB_STEP_SUMMARY=.*$/m,
        `GITHUB_STEP_SUMMARY=${summary}`
      )
      writeFileSync(join(dir, '.env'), env)
      const bin = join(repoRoot, 'node_modules', '@github', 'local-action', 'bin', 'local-action.js')
      const run = spawnSync(
        process.execPath,
        [bin, '.', 'src/action/main.ts', join(dir, '.env'), '--post', 'src/action/post.ts'],
        {
          cwd: repoRoot,
          encoding: 'utf8',
          // Only what a developer's shell would have: no runner variables from the test's own CI.
          env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' },
          timeout: 120_000
        }
      )
      const out = run.stdout + run.stderr
      expect(run.status).toBe(0)
      expect(out).toMatch(/Running Action[\s\S]*Running Post Step[\s\S]*Action Outputs/)
      // The outputs table local-action prints from what core.setOutput told it.
      const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).stdout.trim()
      expect(out).toMatch(new RegExp(`'sha'\\s*│\\s*'${head}'`))
      expect(out).toMatch(/'job-status'\s*│\s*'DryRun'/)
      expect(readFileSync(summary, 'utf8')).toMatch(/Dry run: nothing was built or submitted/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 150_000)
})
