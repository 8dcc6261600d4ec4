/**
 * The main step, the pipeline in the order it runs:
 *   1. prepare (prepare.ts): resolve the commit, open its files, check every input and config,
 *      plan the job. Nothing is pushed or submitted before this found every problem.
 *   2. a pull request only plans (pull-request.ts); a dry run shows the plan (train.ts);
 *      otherwise the image is published, the job submitted and, with wait, followed to its
 *      end, then compared and gated (train.ts).
 *   3. whatever happened: the step's outputs, the commit status or the pull request's
 *      comment, and the summary say it.
 */
import * as core from '@actions/core'
import * as github from '@actions/github'
import { callerAccount } from '../aws/account.js'
import { withCallerAccount } from '../config/job-config.js'
import { statusAtEnd, statusContext } from '../github/commit-status.js'
import { locateProblems } from '../config/locate-problems.js'
import { parseBoolean, readReportingInputs } from '../config/read-settings.js'
import type { Settings } from '../config/settings.js'
import { removeSourceTree } from '../config/source-tree.js'
import { errorMessage } from '../errors.js'
import { pullRequestOf, type PullRequestFacts } from '../github/pull-request.js'
import { RunCancelled } from '../job/cancel.js'
import { ConfigError } from '../problems.js'
import { reportProblems } from './annotations.js'
import { runInfo, workspace } from './context.js'
import { actionExec } from './exec.js'
import { publishCommitStatus } from './github.js'
import { readInputs } from './inputs.js'
import { useRoleToAssume } from './role.js'
import { actionLog as log } from './log.js'
import { Input, type Inputs } from './names.js'
import { publishOutputs } from './outputs.js'
import { prepare, type Opened } from './prepare.js'
import { commentOnPullRequest, planPullRequest, type PullRequestPlan } from './pull-request.js'
import type { RunResult } from './result.js'
import * as state from './state.js'
import { statusTarget } from './status.js'
import { writeSummary } from './summary.js'
import { dryRun, train } from './train.js'

/** Runs the main step; the only place that fails the step. */
export async function run(): Promise<void> {
  state.markMainStarted()
  const result: RunResult = { dryRun: false, notices: [], stage: 'configuration' }
  const opened: Opened = {}
  const planned: PullRequestPlan = {}
  const inputs = readInputs()
  // Known before the inputs are checked, so a dry run with a broken config still says it was one.
  const pr = pullRequestOf(github.context.eventName, github.context.payload as Record<string, unknown>)
  result.dryRun = parseBoolean(inputs[Input.DryRun].trim()) === true || pr !== undefined
  if (pr) result.pullRequest = pr.number
  const session: { dispose?: () => void } = {}
  let settings: Settings | undefined
  try {
    const prepared = await prepare(inputs, result, opened, async (s) => {
      settings = s
      // A dry run calls no AWS at all; a pull request's plan reads (with the role, if any) but
      // submits nothing, so it needs no account for the default execution role.
      await beforeAws(s, { credentials: !result.dryRun || pr !== undefined, account: !result.dryRun }, session)
    })
    if (pr) await planPullRequest(prepared, pr, result, planned)
    else if (result.dryRun) await dryRun(prepared, result)
    else await train(prepared, result, () => closeTree(opened))
    result.stage = 'done'
  } catch (error) {
    result.error = errorMessage(error)
    if (error instanceof RunCancelled && result.job) {
      result.job.cancelled = true
      if (error.jobStopped) result.job.status = 'Stopping'
    }
    // The wait could not follow the job to its end: it was submitted and, as far as anyone knows, still runs.
    if (result.stage === 'wait' && result.job && !result.job.waited && !result.job.cancelled)
      result.job.status = 'InProgress'
    if (error instanceof ConfigError) {
      result.problems = locateProblems(error.problems, opened.tree?.root ?? workspace())
      reportProblems(result.problems, error.message)
    } else core.setFailed(result.error)
  } finally {
    await closeTree(opened)
    // A run that ends before its job exists says so, rather than leaving the status unset.
    if (result.job && !result.job.status) result.job.status = 'NotSubmitted'
    publishOutputs(result)
    await reportOnGitHub(inputs, pr, settings, result, planned)
    publishOutputs(result)
    try {
      await writeSummary(result)
    } catch (error) {
      log.warning(`Could not write the step summary: ${errorMessage(error)}`)
    }
    session.dispose?.()
  }
}

/**
 * Once the settings are known, before the first AWS call: the action's own credentials when
 * role-to-assume is set, and the account of the default execution role.
 */
async function beforeAws(
  settings: Settings,
  needs: { credentials: boolean; account: boolean },
  session: { dispose?: () => void }
): Promise<void> {
  if (needs.credentials && settings.role)
    session.dispose = useRoleToAssume(settings.role, settings.config.region, 'main')
  if (needs.account && settings.config.defaultRole) {
    settings.config = withCallerAccount(settings.config, await callerAccount(settings.config.region))
    log.info(`The job runs as ${settings.config.roleArn} (no role_arn in the job config).`)
  }
}

/** Removes the temporary checkout of the commit, if the run made one. */
async function closeTree(opened: Opened): Promise<void> {
  const tree = opened.tree
  if (!tree || tree.isCheckout) return
  opened.tree = undefined
  try {
    await removeSourceTree(workspace(), tree.root, actionExec)
    state.forgetWorktree()
  } catch (error) {
    log.warning(`Could not remove the temporary checkout ${tree.root}: ${errorMessage(error)}`)
  }
}

/** The pull request's plan comment, or the trained commit's final status. Never fails the run. */
async function reportOnGitHub(
  inputs: Inputs,
  pr: PullRequestFacts | undefined,
  settings: Settings | undefined,
  result: RunResult,
  planned: PullRequestPlan
): Promise<void> {
  try {
    if (pr) {
      await commentOnPullRequest(inputs, pr, result, planned)
      return
    }
    if (!result.commit || result.dryRun) return
    // A run whose inputs are broken has no checked settings: the raw inputs say whether to report.
    const reporting = settings ?? readReportingInputs(inputs)
    const target = statusTarget(reporting, result.commit)
    if (!target) return
    const status = statusAtEnd(result, {
      wait: reporting.wait,
      runUrl: runInfo().runUrl || undefined,
      context: statusContext(reporting.jobConfigFile)
    })
    if (status && (await publishCommitStatus(reporting.githubToken, target, status))) state.forgetPendingStatus()
  } catch (error) {
    log.warning(`Could not report on GitHub: ${errorMessage(error)}`)
  }
}
