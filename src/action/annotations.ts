/**
 * Config problems as the runner's error annotations: each on its own, on the file and line
 * it is about when it has one, so the pull request's "Files changed" view and the run's
 * page point at the YAML line to fix.
 */
import * as core from '@actions/core'
import type { Problem } from '../problems.js'

/** One `::error file=…,line=…,col=…::` per problem, then the list in the log; the step fails. */
export function reportProblems(problems: readonly Problem[], summary: string): void {
  for (const p of problems) {
    const text = `${p.where}: ${p.message}`
    if (p.file && p.line)
      core.error(text, { title: 'train-on-push configuration', file: p.file, startLine: p.line, startColumn: p.column })
    else core.error(text, { title: 'train-on-push configuration' })
  }
  if (problems.length > 1) core.info(summary)
  // What core.setFailed does, without a second annotation repeating the ones above.
  process.exitCode = 1
}
