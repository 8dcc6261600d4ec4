/**
 * A commit status on the trained commit, so the commit (and any pull request or branch
 * protection rule that looks at it) shows what became of its training job, linked to the
 * job in the SageMaker console.
 *
 * Why a commit status and not a check run: a status needs only `statuses: write`, is tied
 * to the commit alone, and its context (`train-on-push`) can be made a required check. A
 * check run created from a workflow with GITHUB_TOKEN is attached by GitHub to whichever
 * workflow's check suite it picks for that commit, so with two workflows on one commit it
 * shows under the wrong one; it also needs `checks: write`, and its rich text would only
 * repeat the step summary. So no check run is made.
 *
 * When each state is posted:
 * - with `wait`: `pending` the moment the job exists, then `success` or `failure` when the
 *   wait ends, with the job's status and its first final metric;
 * - without `wait`: one final `success` saying the job was submitted. A `pending` that no
 *   later run resolves would block a merge forever where the context is a required check;
 * - nothing submitted (a config problem, a failed build): `failure`, saying what stopped it;
 * - the run was cancelled, or lost track of the job: `error` (the job's own outcome is unknown);
 * - a dry run (and plan mode): nothing.
 */
import { INPUT_DEFAULTS, Input } from '../action/names.js'
import { WHAT_STOPPED, type RunResult } from '../action/result.js'
import type { JobOutcome } from '../job/outcome.js'
import type { CommitState, GitHubClient } from './client.js'
import { formatDuration, formatMetric, shorten } from '../text.js'

/** The status context: what the commit's checks list names this status. */
export const STATUS_CONTEXT = 'train-on-push'

/**
 * The context for runs of one job config: `train-on-push` for the default file, and
 * `train-on-push (<file>)` for any other, so two workflows training one commit with two
 * job configs (a GPU and a CPU model, say) each keep a status of their own instead of
 * overwriting each other's.
 */
export function statusContext(jobConfigFile: string): string {
  return jobConfigFile === INPUT_DEFAULTS[Input.JobConfig] ? STATUS_CONTEXT : `${STATUS_CONTEXT} (${jobConfigFile})`
}

/** GitHub refuses a longer description. */
export const MAX_DESCRIPTION = 140

/** One status to post. */
export interface CommitStatus {
  state: CommitState
  /** At most 140 characters (see `describe`). */
  description: string
  /** The job in the SageMaker console, or the workflow run when there is no job. */
  targetUrl?: string
  context: string
}

/** A description within GitHub's limit: one line, cut with `…` on a code point. */
export function describe(text: string): string {
  return shorten(text.replace(/\s+/g, ' ').trim(), MAX_DESCRIPTION)
}

function status(state: CommitState, description: string, targetUrl: string | undefined, context: string): CommitStatus {
  return { state, description: describe(description), context, ...(targetUrl ? { targetUrl } : {}) }
}

/** What the action knows about the job the moment it exists. */
export type SubmittedJob = Pick<JobOutcome, 'name' | 'consoleUrl' | 'attached'>

/**
 * The status to post as soon as the job exists (the submit's `onJob`): `pending` when the
 * run waits for it, else the final `success` saying it was submitted.
 */
export function statusAtSubmit(job: SubmittedJob, wait: boolean, context = STATUS_CONTEXT): CommitStatus {
  if (wait) {
    return status(
      'pending',
      job.attached
        ? `Training job ${job.name}: following the identical job already running`
        : `Training job ${job.name} is running on SageMaker`,
      job.consoleUrl,
      context
    )
  }
  return status(
    'success',
    job.attached
      ? `Training job ${job.name} was already running with the same request (not waited for)`
      : `Training job ${job.name} submitted to SageMaker (not waited for)`,
    job.consoleUrl,
    context
  )
}

/** `val:accuracy=0.931`, or '' without metrics. */
function firstMetric(job: JobOutcome): string {
  const m = job.metrics[0]
  return m ? `${m.name}=${formatMetric(m.value)}` : ''
}

/**
 * The status to post when the run ends, or undefined when there is none to post: a dry
 * run, or a run without `wait` whose final status was already posted at submit and that
 * ended well. `runUrl` is the link for a run that submitted nothing.
 */
export function statusAtEnd(
  result: RunResult,
  options: { wait: boolean; runUrl?: string; context?: string }
): CommitStatus | undefined {
  const context = options.context ?? STATUS_CONTEXT
  if (result.dryRun) return undefined
  const job = result.job
  const error = result.error?.split('\n')[0]
  if (!job?.status || job.status === 'NotSubmitted' || job.status === 'DryRun') {
    if (!result.error) return undefined
    const problems = result.problems ?? []
    const why =
      problems.length > 1
        ? `${problems.length} configuration problems, the first: ${problems[0].where}: ${problems[0].message}`
        : problems.length === 1
          ? `${WHAT_STOPPED.configuration}: ${problems[0].where}: ${problems[0].message}`
          : `${WHAT_STOPPED[result.stage]}: ${error}`
    return status('failure', `Nothing submitted: ${why}`, options.runUrl, context)
  }
  const name = job.name
  const url = job.consoleUrl
  if (job.cancelled) {
    const stopped = job.status === 'Stopping' || job.status === 'Stopped'
    return status(
      'error',
      stopped ? `Run cancelled: training job ${name} was stopped` : `Run cancelled: training job ${name} keeps running`,
      url,
      context
    )
  }
  switch (job.status) {
    case 'Completed': {
      const took = job.trainingSeconds !== undefined ? ` in ${formatDuration(job.trainingSeconds)}` : ''
      // The job did its part, but the run failed after it (its metric gates): the commit did not pass.
      if (error)
        return status('failure', `Training job ${name} completed${took}, but ${error.replace(/:$/, '')}`, url, context)
      const metric = firstMetric(job)
      return status('success', `Training job ${name} completed${took}${metric ? `: ${metric}` : ''}`, url, context)
    }
    case 'Failed':
      return status(
        'failure',
        `Training job ${name} failed${job.failureReason ? `: ${job.failureReason}` : ''}`,
        url,
        context
      )
    case 'Stopped':
    case 'Stopping':
      return status('failure', `Training job ${name} was stopped`, url, context)
    case 'WaitTimedOut':
      // The step ends well (the job runs on); a pending status would never be resolved.
      return status('success', `Stopped waiting; training job ${name} is still running`, url, context)
    case 'InProgress':
      return status(
        'error',
        result.error
          ? `Lost track of training job ${name}: ${error}`
          : `Training job ${name} is still running, no longer followed`,
        url,
        context
      )
    case 'Submitted':
    case 'Attached':
      if (result.error)
        return status('error', `Training job ${name} was submitted, then the run failed: ${error}`, url, context)
      // Without wait the final status was posted at submit; with it, `pending` must not stay.
      if (!options.wait) return undefined
      return status('error', `Training job ${name} is running, no longer followed`, url, context)
    default:
      return status(
        result.error ? 'error' : 'success',
        `Training job ${name}: ${job.status}${error ? `: ${error}` : ''}`,
        url,
        context
      )
  }
}

/**
 * The status for a run that ended without saying how (killed after posting `pending`): the
 * post step can post it so the commit is not left pending. The job may still be running.
 */
export function statusWhenAbandoned(
  job: Pick<JobOutcome, 'name' | 'consoleUrl'>,
  context = STATUS_CONTEXT
): CommitStatus {
  return status(
    'error',
    `The run ended before reporting; training job ${job.name} may still be running`,
    job.consoleUrl,
    context
  )
}

/** Where a status goes. */
export interface StatusTarget {
  owner: string
  repo: string
  /** The full 40-character hash of the trained commit. */
  sha: string
}

/** Posts one status (`POST /repos/{owner}/{repo}/statuses/{sha}`); errors are thrown as Octokit threw them. */
export async function postCommitStatus(client: GitHubClient, target: StatusTarget, s: CommitStatus): Promise<void> {
  await client.rest.repos.createCommitStatus({
    owner: target.owner,
    repo: target.repo,
    sha: target.sha,
    state: s.state,
    description: describe(s.description),
    context: s.context,
    ...(s.targetUrl ? { target_url: s.targetUrl } : {})
  })
}
