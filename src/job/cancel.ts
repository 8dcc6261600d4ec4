/**
 * What happens when the workflow is cancelled while a training job runs.
 *
 * The runner sends SIGINT, then SIGTERM 7.5 s later, then kills the process.
 * Left alone, Node exits on SIGINT and the job keeps running (and billing) with
 * nobody watching. While a guard is installed, the first signal sends
 * StopTrainingJob at once; later signals only say we are still at it. Having a
 * listener keeps Node from exiting on the signal, and the request in flight keeps
 * the event loop alive, so the stop gets out before the process ends.
 */
import type { EventEmitter } from 'node:events'
import { errorMessage } from '../errors.js'
import type { Log } from '../log.js'

/** The workflow was cancelled while a job was being submitted; `jobStopped` says whether the stop went through. */
export class RunCancelled extends Error {
  constructor(
    message: string,
    readonly jobStopped: boolean
  ) {
    super(message)
    this.name = 'RunCancelled'
  }
}

/** The signals the runner sends on cancellation, in order. */
export const CANCEL_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM']

/** What to do on cancel, and where signals come from. */
export interface CancelGuardOptions {
  /** `stop-on-cancel`: when false the job is left running and only a notice is printed. */
  stopOnCancel: boolean
  /** Called once the job is stopped, or deliberately left running, so post leaves it alone. */
  onSettled?: () => void
  log: Log
  /** Where signals come from; the process unless a test says otherwise. */
  source?: EventEmitter
}

/** Listens for the runner's cancel signals while installed; see `guardAgainstCancel`. */
export interface CancelGuard {
  /** The signal that cancelled the run, once one arrived. */
  readonly signal: NodeJS.Signals | undefined
  /** Resolves with the first signal; never rejects, never resolves if none comes. */
  readonly cancelled: Promise<NodeJS.Signals>
  /**
   * Names the job to stop and how. If the run was already cancelled (a signal
   * arrived while the job was being created), the stop goes out now.
   */
  arm(jobName: string, stop: () => Promise<void>): void
  /** Resolves when the stop started by a signal (if any) has finished; true if it went through. */
  stopped(): Promise<boolean>
  /** Removes the listeners, restoring Node's default (exit on signal). */
  dispose(): void
}

/** Installs SIGINT/SIGTERM listeners for as long as a job is being created or watched. */
export function guardAgainstCancel(options: CancelGuardOptions): CancelGuard {
  const source: EventEmitter = options.source ?? process
  let signal: NodeJS.Signals | undefined
  let job: { name: string; stop: () => Promise<void> } | undefined
  let stopping: Promise<boolean> | undefined
  let resolveCancelled: (s: NodeJS.Signals) => void = () => undefined
  const cancelled = new Promise<NodeJS.Signals>((resolve) => (resolveCancelled = resolve))

  const startStop = (): void => {
    if (!job || !signal || stopping) return
    const { name, stop } = job
    if (!options.stopOnCancel) {
      options.log.info(`The run was cancelled (${signal}); training job ${name} keeps running (stop-on-cancel: false).`)
      options.onSettled?.()
      stopping = Promise.resolve(false)
      return
    }
    options.log.info(`The run was cancelled (${signal}): stopping training job ${name}.`)
    stopping = stop().then(
      () => {
        options.log.info(`Asked SageMaker to stop training job ${name}.`)
        options.onSettled?.()
        return true
      },
      (error: unknown) => {
        options.log.warning(
          `Could not stop training job ${name}: ${errorMessage(error)}. The post step will try again.`
        )
        return false
      }
    )
  }

  const onSignal = (received: NodeJS.Signals): void => {
    if (signal) {
      options.log.info(`Received ${received}; still stopping training job ${job?.name ?? ''}.`)
      return
    }
    signal = received
    resolveCancelled(received)
    if (job) startStop()
    else options.log.info(`The run was cancelled (${received}); the job will be stopped as soon as it exists.`)
  }

  const listeners = CANCEL_SIGNALS.map((name) => {
    const listener = (): void => onSignal(name)
    source.on(name, listener)
    return { name, listener }
  })

  return {
    get signal() {
      return signal
    },
    cancelled,
    arm(jobName, stop) {
      job = { name: jobName, stop }
      startStop()
    },
    stopped: () => stopping ?? Promise.resolve(false),
    dispose() {
      for (const { name, listener } of listeners) source.off(name, listener)
    }
  }
}
