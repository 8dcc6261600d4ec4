/**
 * Steps 2 and 3 of the pipeline: publish the image, submit the job, and with `wait` follow it
 * to its end, then compare its metrics with the branch's last run, check the gates, and tag
 * the commit on success. Each stage's result goes into the run's result as soon as it is
 * known, so outputs, status and summary say what really happened, however the run ends.
 */
import { sageMakerClient } from '../aws/clients.js'
import type { Settings } from '../config/settings.js'
import { statusAtSubmit, statusContext } from '../github/commit-status.js'
import { compareMetrics, findBaseline } from '../job/baseline.js'
import { evaluateGates, gatesFailure } from '../job/gates.js'
import { jobFailure } from '../job/outcome.js'
import { errorMessage } from '../errors.js'
import { previewImage, previewLines } from '../image/preview.js'
import { modelArtifactsUri } from '../job/request.js'
import { renderSuccessTag, gitRefProblem } from '../job/success-tag.js'
import type { Prepared } from './prepare.js'
import { jobOutcome } from './prepare.js'
import { actionExec } from './exec.js'
import { publishCommitStatus, publishTag } from './github.js'
import { actionLog as log } from './log.js'
import { publishOutputs } from './outputs.js'
import type { RunResult } from './result.js'
import * as state from './state.js'
import { statusTarget } from './status.js'

/** A dry run: the image and the request as they would be, nothing built, pushed or submitted. */
export async function dryRun({ settings, commit, plan }: Prepared, result: RunResult): Promise<void> {
  const job = result.job!
  result.request = plan.request
  const preview = previewImage(settings, commit, result.imageSource!)
  result.imagePreview = preview
  result.image = { uri: preview.uri, tags: preview.tags }
  await log.group(`Image for ${commit.shortSha} (dry run)`, async () => {
    for (const line of previewLines(preview)) log.info(line)
  })
  await log.group(`CreateTrainingJob request for ${plan.jobName} (dry run)`, async () =>
    log.info(JSON.stringify(plan.request, null, 2))
  )
  job.status = 'DryRun'
  job.modelArtifacts = modelArtifactsUri(settings.config, plan.jobName)
  publishOutputs(result)
  log.info(`Dry run: the plan above is valid; nothing was built, pushed or submitted.`)
}

/** GitHub-hosted runners end a job after 6 hours (and cancel its steps). */
const HOSTED_RUNNER_LIMIT_SECONDS = 6 * 3600

/**
 * Builds or reuses the image, submits the job, and with `wait` follows it to its end.
 * `afterImage` runs once the image is in the registry (the commit's files are no longer needed).
 */
export async function train(
  { settings, commit, plan }: Prepared,
  result: RunResult,
  afterImage: () => Promise<void>
): Promise<void> {
  const job = result.job!
  // The AWS and docker code is loaded only on the paths that use it: a dry run never pays for the SDK.
  result.stage = 'submit'
  const { refuseExistingJob, settledAtSubmit, submitJob } = await import('../job/submit.js')
  await refuseExistingJob(settings, plan.jobName)
  result.stage = 'image'
  const { publishImage } = await import('../image/publish.js')
  const image = await publishImage(settings, commit, {
    log,
    exec: actionExec,
    source: result.imageSource!,
    onLogin: (registry) => state.rememberRegistry(registry)
  })
  result.image = image
  publishOutputs(result)
  await afterImage()

  result.stage = 'submit'
  const submitted = await submitJob(
    settings,
    plan.jobName,
    (name) => plan.requestFor(name, image.pinned ?? image.uri, image.digest, image.commit),
    {
      log,
      shortSha: commit.shortSha,
      // Outputs and the post step's state are set the moment the job exists, so a cancelled run still has them.
      onJob(found) {
        const { name, arn, attached } = found
        Object.assign(job, jobOutcome(settings, name), { arn, attached, status: attached ? 'Attached' : 'Submitted' })
        job.modelArtifacts = modelArtifactsUri(settings.config, name)
        state.rememberJob({ name, region: settings.config.region, stopOnCancel: settings.stopOnCancel })
        if (settledAtSubmit(settings, found)) state.markJobSettled()
        publishOutputs(result)
      },
      onSettled: () => state.markJobSettled()
    }
  )
  const target = statusTarget(settings, commit)
  if (target) {
    if (
      await publishCommitStatus(
        settings.githubToken,
        target,
        statusAtSubmit(job, settings.wait, statusContext(settings.jobConfigFile))
      )
    )
      if (settings.wait) state.rememberPendingStatus(commit.sha)
  }
  if (!settings.wait) {
    log.info(
      submitted.attached
        ? `Training job ${submitted.name} was already running with the same request; follow it at ${job.consoleUrl}`
        : `Training job ${submitted.name} runs on; follow it at ${job.consoleUrl}`
    )
    return
  }

  warnAboutRunnerLimit(settings)
  result.stage = 'wait'
  const { waitForJob } = await import('../job/wait.js')
  const outcome = await waitForJob(settings, submitted.name, { log, onSettled: () => state.markJobSettled() })
  const {
    status,
    secondaryStatus,
    failureReason,
    transitions,
    metrics,
    modelArtifacts,
    trainingSeconds,
    billableSeconds
  } = outcome
  Object.assign(job, { status, secondaryStatus, failureReason, transitions, metrics, trainingSeconds, billableSeconds })
  job.cancelled = outcome.cancelled
  job.waited = !outcome.credentialsExpired
  job.modelArtifacts = modelArtifacts ?? job.modelArtifacts
  publishOutputs(result)
  const failure = jobFailure(outcome)
  if (failure) throw new Error(failure)
  if (outcome.status !== 'Completed') {
    // A wait that ended early (timed out, credentials gone) cannot certify the gates.
    if (settings.metricGates.length > 0)
      throw new Error(
        `The metric gates could not be checked: training job ${submitted.name} is still ${outcome.lastStatus ?? 'running'}.`
      )
    return
  }
  await afterCompletion({ settings, commit, plan }, result, outcome.createdAt)
}

/** A wait that may outlast the runner: the runner cancels the step, and the job with it. */
function warnAboutRunnerLimit(settings: Settings): void {
  if (process.env.RUNNER_ENVIRONMENT !== 'github-hosted') return
  const c = settings.config
  const longest = c.spot ? (c.maxWaitSeconds ?? c.maxRuntimeSeconds) : c.maxRuntimeSeconds
  const waitLimit = settings.waitTimeoutMinutes === undefined ? Infinity : settings.waitTimeoutMinutes * 60
  if (Math.min(longest, waitLimit) <= HOSTED_RUNNER_LIMIT_SECONDS) return
  log.notice(
    `This job may run up to ${Math.round(longest / 360) / 10} hours${c.spot ? ' (spot capacity included)' : ''}, ` +
      `but GitHub-hosted runners end a job after 6 hours: the step would then be cancelled` +
      `${settings.stopOnCancel ? ' and stop the training job (stop-on-cancel)' : ''}. ` +
      'Set wait-timeout-minutes below 360, wait: false, or use a self-hosted runner.'
  )
}

/** After a completed job: the branch's last run as the baseline, the gates, the tag on success. */
async function afterCompletion(
  { settings, commit, plan }: Prepared,
  result: RunResult,
  createdAt: Date | undefined
): Promise<void> {
  const job = result.job!
  const baselineRules = settings.metricGates.filter((r) => r.bound.kind === 'baseline')
  let baseline: Awaited<ReturnType<typeof findBaseline>> | Error
  try {
    baseline = await findBaseline({
      client: await sageMakerClient(settings.config.region),
      repository: plan.lineage.repository,
      ref: plan.lineage.ref,
      excludeJob: job.name,
      createdBefore: createdAt,
      metricNames: baselineRules.map((r) => r.metric),
      log
    })
  } catch (error) {
    baseline = error instanceof Error ? error : new Error(String(error))
    // Without baseline gates a missing comparison is worth a warning, not a failed run.
    log.warning(`The branch's last run could not be looked up for comparison: ${errorMessage(error)}`)
  }
  if (baseline && !(baseline instanceof Error)) {
    result.baseline = baseline
    result.comparisons = compareMetrics(job.metrics, baseline.metrics)
    log.info(
      `Compared with ${baseline.jobName} (commit ${baseline.sha?.slice(0, 7) ?? 'unknown'}), the branch's last completed run.`
    )
  }
  if (settings.metricGates.length > 0) {
    const gates = evaluateGates(settings.metricGates, job.metrics, baseline)
    result.gates = gates
    for (const g of gates) {
      const line = `Gate ${g.status}: ${g.message}`
      if (g.status === 'failed' || g.status === 'error') log.warning(line)
      else if (g.status === 'skipped') log.notice(line)
      else log.info(line)
    }
    publishOutputs(result)
    const failed = gatesFailure(gates)
    if (failed) throw new Error(failed)
  }
  publishOutputs(result)

  if (settings.tagOnSuccess && settings.githubToken) {
    const tag = renderSuccessTag(settings.tagOnSuccess, {
      shortSha: commit.shortSha,
      sha: commit.sha,
      jobName: job.name,
      branch: commit.branch
    })
    const problem = gitRefProblem(tag)
    if (problem) log.warning(`tag-on-success: '${tag}' cannot be a git tag (${problem}); no tag was created.`)
    else {
      const target = statusTarget(settings, commit, true)
      if (target && (await publishTag(settings.githubToken, target, tag))) result.successTag = tag
    }
  } else if (settings.tagOnSuccess) log.warning('tag-on-success: there is no github-token, so no tag was created.')
}
