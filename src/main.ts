/**
 * One run of the action: read and check everything, then (unless dry-run)
 * publish the image, submit the job and optionally wait for it. The only
 * place that calls setFailed; the summary is written from the result at the end.
 */
import * as core from './runner.js'
import { Input, Output } from './constants.js'
import { resolveCommit, runnerContext } from './commit.js'
import { ConfigError, errorMessage } from './errors.js'
import { parseBoolean, readSettings } from './inputs.js'
import { trainingJobConsoleUrl, trainingJobLogsUrl } from './job-urls.js'
import { makePlan, runInfo, type Plan } from './plan.js'
import { modelArtifactsUri } from './request.js'
import type { JobOutcome, RunResult } from './result.js'
import type { Commit, Settings } from './settings.js'
import * as state from './state.js'
import { writeSummary } from './summary.js'

export async function run(): Promise<void> {
  state.markMainStarted()
  const result: RunResult = { dryRun: false, notices: [] }
  try {
    await train(result)
  } catch (error) {
    result.error = errorMessage(error)
    core.setFailed(result.error)
  } finally {
    try {
      writeSummary(result)
    } catch (error) {
      core.warning(`Could not write the step summary: ${errorMessage(error)}`)
    }
  }
}

async function prepare(result: RunResult): Promise<{ settings: Settings; commit: Commit; plan: Plan }> {
  // Known before the inputs are checked, so a dry run with a broken config still says it was one.
  result.dryRun = parseBoolean(core.getInput(Input.DryRun)) === true
  const { settings, notices } = readSettings()
  let commit: Commit
  try {
    commit = await resolveCommit(runnerContext(), settings.shaInput, settings.shortShaLength, settings.workspace)
  } catch (error) {
    throw new ConfigError([{ where: 'commit', message: errorMessage(error) }])
  }
  result.commit = commit
  core.setOutput(Output.Sha, commit.sha)
  core.setOutput(Output.ShortSha, commit.shortSha)
  for (const notice of notices) core.notice(notice)
  result.notices.push(...notices)

  const plan = makePlan(settings, commit, runInfo())
  for (const warning of plan.warnings) core.warning(warning)
  result.arguments = plan.arguments
  if (plan.arguments.packed) {
    core.notice(
      `The Hydra config needs ${plan.arguments.unpackedCount} container arguments, more than SageMaker's 100: packed ${plan.arguments.packedKeys.length} groups into dict literals (${plan.arguments.args.length} arguments).`
    )
  }
  core.setOutput(Output.ContainerArguments, JSON.stringify(plan.arguments.args))
  result.job = jobOutcome(settings, plan.jobName)
  return { settings, commit, plan }
}

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

function setJobOutputs(job: JobOutcome): void {
  core.setOutput(Output.JobName, job.name)
  core.setOutput(Output.ConsoleUrl, job.consoleUrl)
  core.setOutput(Output.LogsUrl, job.logsUrl)
  if (job.arn) core.setOutput(Output.JobArn, job.arn)
}

async function train(result: RunResult): Promise<void> {
  const { settings, commit, plan } = await prepare(result)
  const job = result.job!

  if (settings.dryRun) {
    result.request = plan.request
    result.image = { uri: plan.request.AlgorithmSpecification!.TrainingImage!, tags: [commit.shortSha] }
    core.startGroup(`CreateTrainingJob request for ${plan.jobName} (dry run)`)
    core.info(JSON.stringify(plan.request, null, 2))
    core.endGroup()
    job.status = 'DryRun'
    job.modelArtifacts = modelArtifactsUri(settings.config, plan.jobName)
    setJobOutputs(job)
    core.setOutput(Output.Image, result.image.uri)
    core.setOutput(Output.JobStatus, job.status)
    core.setOutput(Output.ModelArtifacts, job.modelArtifacts)
    core.info(`Dry run: the plan above is valid; nothing was built, pushed or submitted.`)
    return
  }

  // The AWS and docker edges are loaded only on the paths that use them: a dry run never pays for the SDK.
  const { refuseExistingJob, submitJob } = await import('./job.js')
  await refuseExistingJob(settings, plan.jobName)
  const { publishImage } = await import('./image.js')
  const image = await publishImage(settings, commit)
  result.image = image
  core.setOutput(Output.Image, image.uri)
  if (image.digest) core.setOutput(Output.ImageDigest, image.digest)
  core.setOutput(Output.ImageBuilt, String(image.built ?? false))

  const submitted = await submitJob(
    settings,
    plan.jobName,
    (name) => plan.requestFor(name, image.pinned ?? image.uri, image.digest),
    {
      // Outputs are set the moment the job exists, so a cancelled run still has them.
      onJob({ name, arn, attached }) {
        Object.assign(job, jobOutcome(settings, name), { arn, attached })
        setJobOutputs(job)
        job.modelArtifacts = modelArtifactsUri(settings.config, name)
      }
    },
    { shortSha: commit.shortSha }
  )
  job.status = 'InProgress'
  core.setOutput(Output.JobStatus, job.status)
  if (!settings.wait) {
    core.info(`Training job ${submitted.name} is running; follow it at ${job.consoleUrl}`)
    core.setOutput(Output.ModelArtifacts, job.modelArtifacts ?? '')
    return
  }

  const { waitForJob, jobFailure } = await import('./job-wait.js')
  const outcome = await waitForJob(settings, submitted.name)
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
  job.modelArtifacts = modelArtifacts ?? job.modelArtifacts
  core.setOutput(Output.JobStatus, job.status ?? '')
  if (job.modelArtifacts) core.setOutput(Output.ModelArtifacts, job.modelArtifacts)
  core.setOutput(Output.FinalMetrics, JSON.stringify(Object.fromEntries(job.metrics.map((m) => [m.name, m.value]))))
  const failure = jobFailure(outcome)
  if (failure) throw new Error(failure)
}
