/**
 * The post step: undo what main set up, from what main remembered (state.ts). It never
 * fails the job; problems are warnings.
 */
import { existsSync } from 'node:fs'
import { removeSourceTree } from '../config/source-tree.js'
import { errorMessage } from '../errors.js'
import { sageMakerClient } from '../aws/clients.js'
import { readRoleInputs } from '../aws/credentials.js'
import { readReportingInputs } from '../config/read-settings.js'
import { statusContext, statusWhenAbandoned } from '../github/commit-status.js'
import { trainingJobConsoleUrl } from '../job/urls.js'
import { runnerContext, workspace } from './context.js'
import { publishCommitStatus } from './github.js'
import { readInputs } from './inputs.js'
import { Input } from './names.js'
import { actionExec } from './exec.js'
import { actionLog as log } from './log.js'
import { useRoleToAssume } from './role.js'
import * as state from './state.js'
import { statusTarget } from './status.js'

/** Runs the post step. */
export async function run(): Promise<void> {
  const steps: [string, () => Promise<void>][] = [
    ['stop the training job', stopAbandonedJob],
    ['resolve the pending commit status', resolvePendingStatus],
    ['log out of the registry', logout],
    ['remove the temporary checkout', removeWorktree]
  ]
  for (const [what, step] of steps) {
    try {
      await step()
    } catch (error) {
      log.warning(`Post step could not ${what}: ${errorMessage(error)}`)
    }
  }
}

/** Stops a job that main left running because the run was cancelled before it could. */
async function stopAbandonedJob(): Promise<void> {
  const job = state.rememberedJob()
  if (!job || state.isJobSettled()) return
  if (!job.stopOnCancel) {
    log.info(`Training job ${job.name} was left running (stop-on-cancel: false).`)
    return
  }
  try {
    const { stopJob } = await import('../job/describe.js')
    assumeRoleIfSet(job.region)
    const result = await stopJob(await sageMakerClient(job.region), job.name)
    if (result === 'stopping')
      log.info(`The run ended while training job ${job.name} was running: asked SageMaker to stop it.`)
    else if (result === 'ended') log.info(`Training job ${job.name} had already ended.`)
    else log.info(`Training job ${job.name} does not exist; nothing to stop.`)
    state.markJobSettled()
  } catch (error) {
    log.warning(`Could not stop training job ${job.name}: ${errorMessage(error)}. Stop it in the SageMaker console.`)
  }
}

/**
 * With role-to-assume, the post step assumes the role too (the inputs and the OIDC token
 * are there for it as well): the workflow's own session may be long gone. A short session:
 * stopping a job takes seconds.
 */
function assumeRoleIfSet(region: string): void {
  const inputs = readInputs()
  const { role } = readRoleInputs(inputs[Input.RoleToAssume], inputs[Input.RoleSessionDuration])
  if (role) useRoleToAssume(role, region, 'post', 900)
}

/** A `pending` commit status main posted and never resolved (it was killed): not left pending. */
async function resolvePendingStatus(): Promise<void> {
  const sha = state.rememberedPendingStatus()
  const job = state.rememberedJob()
  if (!sha || !job) return
  const reporting = readReportingInputs(readInputs())
  // Main posted `pending`, so statuses were on for this run.
  const target = statusTarget({ ...reporting, commitStatus: true }, { repository: runnerContext().repository, sha })
  if (!target) return
  const status = statusWhenAbandoned(
    { name: job.name, consoleUrl: trainingJobConsoleUrl(job.region, job.name) },
    statusContext(reporting.jobConfigFile)
  )
  if (await publishCommitStatus(reporting.githubToken, target, status)) state.forgetPendingStatus()
}

/** A worktree of the commit that main did not get to remove (it was killed or crashed). */
async function removeWorktree(): Promise<void> {
  const path = state.rememberedWorktree()
  if (!path || !existsSync(path)) return
  await removeSourceTree(workspace(), path, actionExec)
  log.info(`Removed the temporary checkout ${path}.`)
}

async function logout(): Promise<void> {
  const registry = state.rememberedRegistry()
  if (!registry) return
  const { logoutRegistry } = await import('../image/publish.js')
  await logoutRegistry(registry, { log, exec: actionExec })
}
