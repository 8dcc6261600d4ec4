/**
 * Pull requests plan, they never train. On a `pull_request` event the action resolves and
 * checks everything as a dry run would, looks up (read-only) whether the image would be
 * reused and what the base branch's last run measured, and keeps one comment on the pull
 * request up to date with what merging would train: no build, push or job.
 */
import { sageMakerClient } from '../aws/clients.js'
import { readReportingInputs } from '../config/read-settings.js'
import { errorMessage } from '../errors.js'
import { readBaseHydraConfig, hyperparameterSection } from '../github/base-config.js'
import { matchesBranch, ownerAndRepo, type PullRequestFacts } from '../github/pull-request.js'
import {
  planMarker,
  plannedImageFromPreview,
  plannedJob,
  renderPlanComment,
  type BaseRunMetrics,
  type PlannedImage
} from '../github/plan-comment.js'
import { findBaseline } from '../job/baseline.js'
import { trainingJobConsoleUrl } from '../job/urls.js'
import { runInfo, runnerContext, workspace } from './context.js'
import { actionExec } from './exec.js'
import { publishPlanComment } from './github.js'
import { actionLog as log } from './log.js'
import { Input, type Inputs } from './names.js'
import type { Prepared } from './prepare.js'
import type { RunResult } from './result.js'
import { dryRun } from './train.js'

/** What the comment needs that only the plan knows; filled in as far as the run got. */
export interface PullRequestPlan {
  prepared?: Prepared
  image?: PlannedImage
  baseRun?: BaseRunMetrics
}

/** The plan of a pull request: a dry run, plus what the registry and the base branch's last run say. */
export async function planPullRequest(
  prepared: Prepared,
  pr: PullRequestFacts,
  result: RunResult,
  planned: PullRequestPlan
): Promise<void> {
  planned.prepared = prepared
  await dryRun(prepared, result)
  const { settings, commit } = prepared
  const preview = result.imagePreview!
  const { lookUpImage } = await import('../image/lookup.js')
  const found = await lookUpImage(settings, commit, result.imageSource!, preview.uri, log)
  if (found.kind === 'unchecked' && found.fails) {
    // Not a config problem the plan can point at, but merging as it is would fail: the comment says so.
    log.warning(found.reason)
    result.notices.push(found.reason)
    planned.image = plannedImageFromPreview(preview)
  } else if (found.kind === 'unchecked') {
    log.notice(`Could not look up the image in ECR for the plan (${found.reason}); the comment says what would decide.`)
    planned.image = plannedImageFromPreview(preview)
  } else {
    planned.image = found
    // ECR named the registry: the outputs and the summary show the real address, not the placeholder.
    result.image = { ...result.image!, uri: found.uri }
  }
  try {
    const base = await findBaseline({
      client: await sageMakerClient(settings.config.region),
      repository: commit.repository,
      branch: pr.baseRef,
      log
    })
    if (base)
      planned.baseRun = {
        ...base,
        consoleUrl: trainingJobConsoleUrl(settings.config.region, base.jobName),
        status: 'Completed'
      }
  } catch (error) {
    log.debug(`No base run for the plan: ${errorMessage(error)}`)
  }
}

/**
 * Writes (or edits) the plan comment, also for a run whose configuration is broken: the
 * comment then shows the problems. Only for pull requests into the plan branches.
 */
export async function commentOnPullRequest(
  inputs: Inputs,
  pr: PullRequestFacts,
  result: RunResult,
  planned: PullRequestPlan
): Promise<void> {
  const settings = planned.prepared?.settings
  const { planBranches, githubToken: token } = settings ?? readReportingInputs(inputs)
  if (!matchesBranch(planBranches, pr.baseRef)) {
    log.info(`Pull request #${pr.number} merges into ${pr.baseRef}, not a plan branch (plan-branches): no comment.`)
    return
  }
  if (token === '') {
    log.info(`No plan comment on pull request #${pr.number}: github-token is empty.`)
    return
  }
  const repository = result.commit?.repository ?? runnerContext().repository
  const target = ownerAndRepo(repository)
  if (!target) return
  const jobConfigFile = settings?.jobConfigFile ?? inputs[Input.JobConfig].trim()
  const hyperparameters =
    settings && settings.hydraConfigFile !== ''
      ? hyperparameterSection(
          settings.hydraConfigFile,
          await readBaseHydraConfig(workspace(), pr.baseSha, settings.hydraConfigFile, actionExec),
          settings.hydra
        )
      : undefined
  const commit = result.commit
  const body = renderPlanComment({
    jobConfigFile,
    serverUrl: process.env.GITHUB_SERVER_URL || 'https://github.com',
    repository,
    head: { sha: commit?.sha ?? pr.headSha, shortSha: commit?.shortSha ?? pr.headSha.slice(0, 7), branch: pr.headRef },
    baseRef: pr.baseRef,
    runUrl: runInfo().runUrl || undefined,
    ...(planned.prepared && planned.image && !result.error
      ? { job: plannedJob(planned.prepared.settings, planned.prepared.plan.jobName, planned.image) }
      : {}),
    ...(hyperparameters ? { hyperparameters } : {}),
    ...(result.problems?.length ? { problems: result.problems } : result.error ? { error: result.error } : {}),
    warnings: [...(planned.prepared?.plan.warnings ?? []), ...result.notices],
    ...(planned.baseRun ? { baseRun: planned.baseRun } : {})
  })
  const outcome = await publishPlanComment(token, {
    ...target,
    pullNumber: pr.number,
    marker: planMarker(jobConfigFile),
    body,
    fromFork: pr.fromFork
  })
  if (outcome) result.planComment = { action: outcome.action, ...(outcome.url ? { url: outcome.url } : {}) }
}
