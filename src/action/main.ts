/**
 * The main step, the pipeline in the order it runs:
 *   1. read the inputs and both config files, resolve the commit, plan the job (config/, job/plan)
 *   2. unless dry-run: publish the image (image/), submit the job (job/submit)
 *   3. with wait: follow the job to its end (job/wait)
 * Nothing is pushed or submitted before step 1 found every problem. The step's outputs are
 * set from the result as it grows, and the summary is written from it at the end.
 */
import * as core from '@actions/core'
import { resolveCommit } from '../config/commit.js'
import { locateProblems } from '../config/locate-problems.js'
import { parseBoolean, readSettings } from '../config/read-settings.js'
import type { Commit, Settings } from '../config/settings.js'
import { errorMessage } from '../errors.js'
import { previewImage, previewLines } from '../image/preview.js'
import type { JobOutcome } from '../job/outcome.js'
import { makePlan, type Plan } from '../job/plan.js'
import { modelArtifactsUri } from '../job/request.js'
import { trainingJobConsoleUrl, trainingJobLogsUrl } from '../job/urls.js'
import { ConfigError } from '../problems.js'
import { reportProblems } from './annotations.js'
import { runInfo, runnerContext, workspace } from './context.js'
import { actionExec } from './exec.js'
import { readInputs } from './inputs.js'
import { actionLog as log } from './log.js'
import { Input } from './names.js'
import { publishOutputs } from './outputs.js'
import type { RunResult } from './result.js'
import * as state from './state.js'
import { writeSummary } from './summary.js'

/** Runs the main step; the only place that fails the step. */
export async function run(): Promise<void> {
  state.markMainStarted()
  const result: RunResult = { dryRun: false, notices: [] }
  try {
    await train(result)
  } catch (error) {
    result.error = errorMessage(error)
    if (error instanceof ConfigError) {
      result.problems = locateProblems(error.problems, workspace())
      reportProblems(result.problems, error.message)
    } else core.setFailed(result.error)
  } finally {
    publishOutputs(result)
    try {
      await writeSummary(result)
    } catch (error) {
      log.warning(`Could not write the step summary: ${errorMessage(error)}`)
    }
  }
}

/** Everything that can be known before the first side effect. Throws ConfigError with every problem. */
async function prepare(result: RunResult): Promise<{ settings: Settings; commit: Commit; plan: Plan }> {
  const inputs = readInputs()
  // Known before the inputs are checked, so a dry run with a broken config still says it was one.
  result.dryRun = parseBoolean(inputs[Input.DryRun].trim()) === true
  const { settings, notices } = readSettings(inputs, workspace())
  let commit: Commit
  try {
    commit = await resolveCommit(runnerContext(), settings.shaInput, settings.shortShaLength, workspace(), actionExec)
  } catch (error) {
    throw new ConfigError([{ where: 'commit', message: errorMessage(error) }])
  }
  result.commit = commit
  for (const notice of notices) log.notice(notice)
  result.notices.push(...notices)

  const plan = makePlan(settings, commit, runInfo())
  for (const warning of plan.warnings) log.warning(warning)
  result.arguments = plan.arguments
  if (plan.arguments.packed) {
    log.notice(
      `The Hydra config needs ${plan.arguments.unpackedCount} container arguments, more than SageMaker's 100: packed ${plan.arguments.packedKeys.length} groups into dict literals (${plan.arguments.args.length} arguments).`
    )
  }
  result.job = jobOutcome(settings, plan.jobName)
  publishOutputs(result)
  return { settings, commit, plan }
}

/** The job as far as it is known before it exists: its name, links and resources. */
function jobOutcome(settings: Settings, name: string): JobOutcome {
  const region = settings.config.region
  return {
    name,
    region,
    consoleUrl: trainingJobConsoleUrl(region, name),
    logsUrl: trainingJobLogsUrl(region, name),
    instanceType: settings.config.instanceType,
    instanceCount: settings.config.instanceCount,
    spot: settings.config.spot,
    transitions: [],
    metrics: []
  }
}

async function train(result: RunResult): Promise<void> {
  const { settings, commit, plan } = await prepare(result)
  const job = result.job!

  if (settings.dryRun) {
    result.request = plan.request
    const preview = previewImage(settings, commit)
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
    return
  }

  // The AWS and docker code is loaded only on the paths that use it: a dry run never pays for the SDK.
  const { refuseExistingJob, settledAtSubmit, submitJob } = await import('../job/submit.js')
  await refuseExistingJob(settings, plan.jobName)
  const { publishImage } = await import('../image/publish.js')
  const image = await publishImage(settings, commit, {
    log,
    exec: actionExec,
    onLogin: (registry) => state.rememberRegistry(registry)
  })
  result.image = image
  publishOutputs(result)

  const submitted = await submitJob(
    settings,
    plan.jobName,
    (name) => plan.requestFor(name, image.pinned ?? image.uri, image.digest),
    {
      log,
      shortSha: commit.shortSha,
      // Outputs and the post step's state are set the moment the job exists, so a cancelled run still has them.
      onJob(submitted) {
        const { name, arn, attached } = submitted
        Object.assign(job, jobOutcome(settings, name), { arn, attached, status: 'InProgress' })
        job.modelArtifacts = modelArtifactsUri(settings.config, name)
        state.rememberJob({ name, region: settings.config.region, stopOnCancel: settings.stopOnCancel })
        if (settledAtSubmit(settings, submitted)) state.markJobSettled()
        publishOutputs(result)
      },
      onSettled: () => state.markJobSettled()
    }
  )
  if (!settings.wait) {
    log.info(`Training job ${submitted.name} is running; follow it at ${job.consoleUrl}`)
    return
  }

  const { waitForJob } = await import('../job/wait.js')
  const { jobFailure } = await import('../job/outcome.js')
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
  job.waited = true
  job.modelArtifacts = modelArtifacts ?? job.modelArtifacts
  publishOutputs(result)
  const failure = jobFailure(outcome)
  if (failure) throw new Error(failure)
}
