/** The workflow run this step belongs to, from @actions/github's context. */
import * as github from '@actions/github'
import type { RunnerContext } from '../config/commit.js'
import type { RunInfo } from '../job/plan.js'

/** The event that started the run, as the commit resolution needs it. */
export function runnerContext(): RunnerContext {
  const { context } = github
  return {
    eventName: context.eventName ?? '',
    sha: context.sha ?? '',
    ref: context.ref ?? '',
    // context.repo throws when neither GITHUB_REPOSITORY nor the payload names one (a local run).
    repository: process.env.GITHUB_REPOSITORY ?? (context.payload.repository?.full_name as string | undefined) ?? '',
    payload: context.payload as Record<string, unknown>,
    onRunner: process.env.GITHUB_ACTIONS === 'true'
  }
}

/** The run's link, attempt and actor, for job names and lineage. */
export function runInfo(): RunInfo {
  const { context } = github
  const repository = runnerContext().repository
  const attempt = String(context.runAttempt || 1)
  const runUrl =
    repository && context.runId
      ? `${context.serverUrl}/${repository}/actions/runs/${context.runId}/attempts/${attempt}`
      : ''
  return { runUrl, runAttempt: attempt, actor: context.actor ?? '' }
}

/** The checkout the workflow made (actions/checkout), or the current directory outside a runner. */
export function workspace(): string {
  return process.env.GITHUB_WORKSPACE || process.cwd()
}
