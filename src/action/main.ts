/**
 * The main step, the pipeline in the order it runs:
 *   1. resolve the commit and open its files (the checkout, or a worktree of the commit),
 *      read the inputs and both config files, plan the job (config/, job/plan)
 *   2. unless dry-run: publish the image (image/), submit the job (job/submit)
 *   3. with wait: follow the job to its end (job/wait)
 * Nothing is pushed or submitted before step 1 found every problem. The step's outputs are
 * set from the result as it grows, and the summary is written from it at the end.
 */
import * as core from '@actions/core'
import { resolveCommit } from '../config/commit.js'
import { locateProblems } from '../config/locate-problems.js'
import { parseBoolean, readCommitInputs, readSettings } from '../config/read-settings.js'
import type { Commit, Settings } from '../config/settings.js'
import { openSourceTree, removeSourceTree, uncommittedFiles, type SourceTree } from '../config/source-tree.js'
import { errorMessage } from '../errors.js'
import { describeImageSource } from '../image/image-source.js'
import { previewImage, previewLines } from '../image/preview.js'
import type { JobOutcome } from '../job/outcome.js'
import { makePlan, type Plan } from '../job/plan.js'
import { modelArtifactsUri } from '../job/request.js'
import { trainingJobConsoleUrl, trainingJobLogsUrl } from '../job/urls.js'
import { RunCancelled } from '../job/cancel.js'
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
  const result: RunResult = { dryRun: false, notices: [], stage: 'configuration' }
  const opened: { tree?: SourceTree } = {}
  try {
    await train(result, opened)
    result.stage = 'done'
  } catch (error) {
    result.error = errorMessage(error)
    if (error instanceof RunCancelled && result.job) {
      result.job.cancelled = true
      if (error.jobStopped) result.job.status = 'Stopping'
    }
    // The wait could not follow the job to its end: it was submitted and, as far as anyone knows, still runs.
    if (result.stage === 'wait' && result.job && !result.job.waited) result.job.status = 'InProgress'
    if (error instanceof ConfigError) {
      result.problems = locateProblems(error.problems, opened.tree?.root ?? workspace())
      reportProblems(result.problems, error.message)
    } else core.setFailed(result.error)
  } finally {
    if (opened.tree && !opened.tree.isCheckout) await closeTree(opened.tree.root)
    // A run that ends before its job exists says so, rather than leaving the status unset.
    if (result.job && !result.job.status) result.job.status = 'NotSubmitted'
    publishOutputs(result)
    try {
      await writeSummary(result)
    } catch (error) {
      log.warning(`Could not write the step summary: ${errorMessage(error)}`)
    }
  }
}

async function closeTree(root: string): Promise<void> {
  try {
    await removeSourceTree(workspace(), root, actionExec)
    state.forgetWorktree()
  } catch (error) {
    log.warning(`Could not remove the temporary checkout ${root}: ${errorMessage(error)}`)
  }
}

/**
 * Everything that can be known before the first side effect. Throws ConfigError with every
 * problem; `opened.tree` is set as soon as a worktree exists, so it is removed whatever happens.
 */
async function prepare(
  result: RunResult,
  opened: { tree?: SourceTree }
): Promise<{ settings: Settings; commit: Commit; plan: Plan }> {
  const inputs = readInputs()
  // Known before the inputs are checked, so a dry run with a broken config still says it was one.
  result.dryRun = parseBoolean(inputs[Input.DryRun].trim()) === true
  const { shaInput, shortShaLength } = readCommitInputs(inputs)
  const checkout = workspace()
  let commit: Commit
  try {
    commit = await resolveCommit(runnerContext(), shaInput, shortShaLength, checkout, actionExec)
  } catch (error) {
    throw new ConfigError([{ where: 'commit', message: errorMessage(error) }])
  }
  result.commit = commit

  // The commit's own files, whatever is checked out: a job named after a commit runs that commit.
  const tree = await openSourceTree(checkout, commit.sha, actionExec, process.env.RUNNER_TEMP)
  opened.tree = tree
  if (!tree.isCheckout) {
    state.rememberWorktree(tree.root)
    log.info(
      `The checkout is at ${tree.head ? tree.head.slice(0, 12) : 'no commit'}, not ${commit.sha.slice(0, 12)}: ` +
        `reading the configs and building the image from a checkout of ${commit.shortSha} (${tree.root}).`
    )
  }
  result.source = { fromWorktree: !tree.isCheckout, head: tree.head, uncommitted: [] }
  const { settings, notices } = readSettings(inputs, tree.root)

  if (tree.isCheckout) {
    const paths = [settings.context, settings.dockerfile, settings.jobConfigFile, settings.hydraConfigFile]
    const uncommitted = await uncommittedFiles(
      tree.root,
      paths.filter((p) => p !== ''),
      actionExec
    )
    result.source.uncommitted = uncommitted
    if (uncommitted.length > 0) {
      const list = uncommitted.map((f) => `${f.path} (${f.change})`)
      if (!settings.allowDirty) {
        throw new ConfigError([
          {
            where: `input ${Input.AllowDirty}`,
            message: `${uncommitted.length} file(s) of the build or the configs differ from commit ${commit.shortSha}, and allow-dirty is false: ${list.join(', ')}. Commit them, or remove them before this step.`
          }
        ])
      }
      log.warning(
        `${uncommitted.length} file(s) of the build or the configs differ from commit ${commit.shortSha} and are ` +
          `part of this run: ${list.join(', ')}. The job is tagged train-on-push:dirty, and an image with any of ` +
          `them in it does not take the tag ${commit.shortSha}. Set allow-dirty: false to refuse such runs.`
      )
    }
  }
  for (const notice of notices) log.notice(notice)
  result.notices.push(...notices)
  // What the image is built from: read now, so a dry run shows it and the build can be reused.
  result.imageSource = await describeImageSource(settings, result.source.uncommitted)

  const dirty = result.source.uncommitted.length > 0 ? result.source.uncommitted : undefined
  const plan = makePlan(settings, commit, runInfo(), { dirty })
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

async function train(result: RunResult, opened: { tree?: SourceTree }): Promise<void> {
  const { settings, commit, plan } = await prepare(result, opened)
  const job = result.job!

  if (settings.dryRun) {
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
    return
  }

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
  // The build is done: a temporary checkout of the commit is not needed any more.
  if (opened.tree && !opened.tree.isCheckout) {
    await closeTree(opened.tree.root)
    opened.tree = undefined
  }

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
  if (!settings.wait) {
    log.info(
      `Training job ${submitted.name} ${submitted.attached ? 'was already running; it' : ''} runs on; follow it at ${job.consoleUrl}`.replace(
        /  +/g,
        ' '
      )
    )
    return
  }

  result.stage = 'wait'
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
