/**
 * Everything that can be decided before the first side effect: the job name,
 * the container arguments and the full CreateTrainingJob request. A problem
 * anywhere here stops the run before anything is pushed or submitted.
 */
import { ACCOUNT_PLACEHOLDER } from '../config/job-config.js'
import type { Commit, Settings } from '../config/settings.js'
import { planContainerArguments, type ContainerArgumentsPlan } from '../hydra/index.js'
import { imageUriFor, pinnedUriFor, registryFor } from '../image/refs.js'
import { ConfigError, type Problem } from '../problems.js'
import type { Lineage } from './lineage.js'
import { renderJobName } from './name.js'
import { requestFingerprint } from './fingerprint.js'
import { buildTrainingJobRequest, checkRequest, type TrainingJobRequest } from './request.js'

/** The bits of the workflow run that end up in names and lineage. */
export interface RunInfo {
  /** Link to the workflow run's attempt, '' outside a runner. */
  runUrl: string
  runAttempt: string
  actor: string
}

/** The image as a dry run shows it (account unknown) and the longest form it can take once pinned. */
function plannedImage(settings: Settings, commit: Commit): { shown: string; longest: string } {
  const { region, ecrRepository } = settings.config
  return {
    shown: imageUriFor(registryFor(ACCOUNT_PLACEHOLDER, region), ecrRepository, commit.shortSha),
    longest: pinnedUriFor(registryFor('123456789012', region), ecrRepository, `sha256:${'0'.repeat(64)}`)
  }
}

export interface Plan {
  jobName: string
  lineage: Lineage
  arguments: ContainerArgumentsPlan
  /** The request with the planned image, as a dry run shows it. */
  request: TrainingJobRequest
  warnings: string[]
  /**
   * The request for a given job name and the real image (and the commit whose build it is);
   * checked again, throws ConfigError.
   */
  requestFor(jobName: string, image: string, imageDigest?: string, imageCommit?: string): TrainingJobRequest
}

function argumentsFor(settings: Settings, jobName: string): ContainerArgumentsPlan {
  return planContainerArguments({
    command: settings.command,
    config: settings.hydra,
    configFile: settings.hydraConfigFile,
    overrides: settings.overrides,
    experiment: settings.experimentNameKey ? { key: settings.experimentNameKey, value: jobName } : undefined
  })
}

/** Builds and checks the plan; throws ConfigError with every problem found. */
export function makePlan(
  settings: Settings,
  commit: Commit,
  run: RunInfo,
  source: { dirty?: Lineage['dirty'] } = {}
): Plan {
  const jobName = renderJobName(
    settings.jobNameTemplate,
    {
      short_sha: commit.shortSha,
      sha: commit.sha,
      branch: commit.branch,
      repo: commit.repository.split('/').pop() ?? '',
      run_attempt: run.runAttempt
    },
    commit.shortSha
  )
  const problems: Problem[] = []
  if (jobName === '') {
    problems.push({
      where: 'input job-name',
      message: `'${settings.jobNameTemplate}' renders to an empty name; include {short_sha}, so the job names its commit`
    })
  }
  const lineage: Lineage = {
    sha: commit.sha,
    shortSha: commit.shortSha,
    repository: commit.repository,
    ref: commit.ref,
    runUrl: run.runUrl,
    runAttempt: run.runAttempt,
    actor: run.actor,
    event: commit.eventName,
    ...(source.dirty && source.dirty.length > 0 ? { dirty: source.dirty } : {})
  }
  // Translating the Hydra config is the costly part of a request, and its result depends only
  // on the job name (the experiment name): done once per name, not once per request built.
  const translated = new Map<string, ContainerArgumentsPlan>()
  const argumentsOf = (name: string): ContainerArgumentsPlan => {
    let args = translated.get(name)
    if (!args) translated.set(name, (args = argumentsFor(settings, name)))
    return args
  }
  const unchecked = (name: string, image: string, extra: Partial<Lineage>): TrainingJobRequest =>
    buildTrainingJobRequest({
      config: settings.config,
      jobName: name,
      image,
      containerArguments: argumentsOf(name).args,
      lineage: { ...lineage, ...extra }
    })
  const build = (
    name: string,
    image: string,
    imageDigest?: string,
    imageCommit?: string
  ): { request: TrainingJobRequest; args: ContainerArgumentsPlan; problems: Problem[]; warnings: string[] } => {
    const args = argumentsOf(name)
    // Always from the request for the base name: every attempt of one request shares it.
    const fingerprint = requestFingerprint(unchecked(jobName, image, { imageDigest, imageCommit }))
    const request = buildTrainingJobRequest({
      config: settings.config,
      jobName: name,
      image,
      containerArguments: args.args,
      lineage: { ...lineage, imageDigest, imageCommit, fingerprint }
    })
    return { request, args, ...checkRequest(request, settings.config, settings.jobConfigFile) }
  }

  const image = plannedImage(settings, commit)
  let first: ReturnType<typeof build> | undefined
  try {
    // Checked with the longest image reference it can have, shown with the tag form.
    first = build(jobName, image.longest, `sha256:${'0'.repeat(64)}`)
  } catch (error) {
    if (error instanceof ConfigError) problems.push(...error.problems)
    else throw error
  }
  if (first) problems.push(...first.problems)
  if (problems.length > 0 || !first) throw new ConfigError(problems)

  const shown = buildTrainingJobRequest({
    config: settings.config,
    jobName,
    image: image.shown,
    containerArguments: first.args.args,
    lineage
  })
  const skipped = first.args.skippedKeys.map(
    (key) =>
      `${settings.hydraConfigFile} key ${key} is not sent: Hydra's defaults list cannot be overridden from the command line`
  )
  return {
    jobName,
    lineage,
    arguments: first.args,
    request: shown,
    warnings: [...first.warnings, ...first.args.warnings, ...skipped],
    requestFor(name, realImage, imageDigest, imageCommit) {
      const again = build(name, realImage, imageDigest, imageCommit)
      // A default execution role whose account was never looked up must not reach AWS.
      if (again.request.RoleArn?.includes(ACCOUNT_PLACEHOLDER))
        throw new Error(`The execution role ${again.request.RoleArn} has no account: it must be looked up first.`)
      if (again.problems.length > 0) throw new ConfigError(again.problems)
      return again.request
    }
  }
}
