/**
 * Everything the main step hands to the post step, in one place. The runner keeps what
 * main saves (core.saveState) and gives it back to post (core.getState).
 */
import * as core from '@actions/core'

const Key = {
  IsPost: 'isPost',
  /** Registry host main logged docker in to, for `docker logout`. */
  Registry: 'registry',
  /** The job post may have to stop, and where. */
  JobName: 'jobName',
  JobRegion: 'jobRegion',
  StopOnCancel: 'stopOnCancel',
  /** Set once the job ended, was stopped, or was left running on purpose: post leaves it alone. */
  JobSettled: 'jobSettled',
  /** A temporary checkout of the commit main made; post removes it if main could not. */
  Worktree: 'worktree',
  /** The commit whose `train-on-push` status is pending; post resolves it if main could not. */
  PendingStatus: 'pendingStatus'
} as const

/** True in the post step: main marks its start, so the one bundle knows which step it is. */
export const isPost = (): boolean => core.getState(Key.IsPost) === 'true'
export const markMainStarted = (): void => core.saveState(Key.IsPost, 'true')

/** docker is logged in to this registry; post logs out. */
export const rememberRegistry = (host: string): void => core.saveState(Key.Registry, host)
export const rememberedRegistry = (): string => core.getState(Key.Registry)

/** The job this run submitted or attached to, and whether post should stop it if main could not. */
export interface RememberedJob {
  name: string
  region: string
  stopOnCancel: boolean
}

export function rememberJob(job: RememberedJob): void {
  core.saveState(Key.JobName, job.name)
  core.saveState(Key.JobRegion, job.region)
  core.saveState(Key.StopOnCancel, String(job.stopOnCancel))
}

export function rememberedJob(): RememberedJob | undefined {
  const name = core.getState(Key.JobName)
  if (!name) return undefined
  return { name, region: core.getState(Key.JobRegion), stopOnCancel: core.getState(Key.StopOnCancel) === 'true' }
}

export const markJobSettled = (): void => core.saveState(Key.JobSettled, 'true')

/** A worktree main made for the commit; '' once main removed it. */
export const rememberWorktree = (path: string): void => core.saveState(Key.Worktree, path)
export const forgetWorktree = (): void => core.saveState(Key.Worktree, '')
export const rememberedWorktree = (): string => core.getState(Key.Worktree)

/** A pending commit status main posted; '' once main posted the final one. */
export const rememberPendingStatus = (sha: string): void => core.saveState(Key.PendingStatus, sha)
export const forgetPendingStatus = (): void => core.saveState(Key.PendingStatus, '')
export const rememberedPendingStatus = (): string => core.getState(Key.PendingStatus)
export const isJobSettled = (): boolean => core.getState(Key.JobSettled) === 'true'
