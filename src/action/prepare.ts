/**
 * Step 1 of the pipeline: everything that can be known before the first side effect. The
 * commit is resolved and its own files opened (the checkout, or a worktree of the commit);
 * the inputs and both config files are checked; uncommitted files are found; the image's
 * content key is computed; the job is planned. Throws ConfigError with every problem found.
 */
import { resolveCommit } from '../config/commit.js'
import { readCommitInputs, readSettings } from '../config/read-settings.js'
import type { Commit, Settings } from '../config/settings.js'
import { openSourceTree, uncommittedFiles, type SourceTree } from '../config/source-tree.js'
import { errorMessage } from '../errors.js'
import { describeImageSource } from '../image/image-source.js'
import type { JobOutcome } from '../job/outcome.js'
import { makePlan, type Plan } from '../job/plan.js'
import { trainingJobConsoleUrl, trainingJobLogsUrl } from '../job/urls.js'
import { ConfigError } from '../problems.js'
import { runInfo, runnerContext, workspace } from './context.js'
import { actionExec } from './exec.js'
import { actionLog as log } from './log.js'
import { Input, type Inputs } from './names.js'
import { publishOutputs } from './outputs.js'
import type { RunResult } from './result.js'
import * as state from './state.js'

export interface Prepared {
  settings: Settings
  commit: Commit
  plan: Plan
}

/** The run's temporary checkout of the commit, if it made one; main removes it. */
export interface Opened {
  tree?: SourceTree
}

/**
 * Prepares the run. `beforeAws` runs once the settings are known and before anything that
 * may call AWS (the action's own credentials are set up there).
 */
export async function prepare(
  inputs: Inputs,
  result: RunResult,
  opened: Opened,
  beforeAws: (settings: Settings) => Promise<void>
): Promise<Prepared> {
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

  await beforeAws(settings)
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
export function jobOutcome(settings: Settings, name: string): JobOutcome {
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
