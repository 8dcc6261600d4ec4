/**
 * How long the wait sleeps between two looks at a training job.
 *
 * A training job spends most of its life in one state (Training, for hours) and changes
 * in clusters (Starting → Downloading → Training; Uploading → Completed). So the wait
 * starts at the set interval, stretches it while nothing changes, and comes back to it
 * as soon as something does: each look at a quiet job costs AWS calls (and counts
 * against the account's request quotas) without telling us anything new.
 *
 * The stretch is bounded: the longer the gap, the later the step notices that the job
 * ended, and the runner's minutes keep running until it does. At most 4× the set
 * interval (2 minutes at the default 30 seconds), and never more than 5 minutes, unless
 * the set interval itself is longer.
 *
 * Throttling is another matter: when AWS pushes back, the interval grows by how hard it
 * pushed, up to 8× the set interval (at least a minute), and comes back by halves once it
 * stops, whatever the job does meanwhile.
 */

/** The bounds of the schedule, from the `poll-interval-seconds` input. */
export interface PollSchedule {
  /** The set interval: where the wait starts, and where a change brings it back. */
  baseMs: number
  /** The longest gap while nothing changes. */
  quietMaxMs: number
  /** The longest gap while AWS throttles the calls. */
  backoffMaxMs: number
}

/** How much a quiet interval grows at each look that found nothing new. */
export const QUIET_GROWTH = 1.5
/** A quiet interval grows to at most this many set intervals ... */
const QUIET_MAX_FACTOR = 4
/** ... and at most this long (unless the set interval is longer). */
const QUIET_MAX_MS = 5 * 60_000
/** Under throttling the interval grows to at most this many set intervals ... */
const BACKOFF_MAX_FACTOR = 8
/** ... or this long, whichever is more. */
const BACKOFF_MAX_MS = 60_000

/** The bounds for a set interval of `pollIntervalSeconds` (at least one second). */
export function pollSchedule(pollIntervalSeconds: number): PollSchedule {
  const baseMs = Math.max(1, pollIntervalSeconds) * 1000
  return {
    baseMs,
    quietMaxMs: Math.max(baseMs, Math.min(baseMs * QUIET_MAX_FACTOR, QUIET_MAX_MS)),
    backoffMaxMs: Math.max(baseMs * BACKOFF_MAX_FACTOR, BACKOFF_MAX_MS)
  }
}

/** What the last look found, as the schedule needs it. */
export interface PollResult {
  /** The interval slept before this look (the set interval before the first). */
  previousMs: number
  /** The status, the secondary status, or the logs changed since the look before. */
  changed: boolean
  /** How hard AWS pushed back: 1 not at all, 1.5 when the SDK had to retry, 2 when even that failed. */
  pressure: number
  /** Time left until `wait-timeout-minutes` (Infinity without one). */
  remainingMs: number
}

/** The next interval (to carry to the next look) and how long to sleep now (never past the timeout). */
export interface NextPoll {
  intervalMs: number
  sleepMs: number
}

/** The interval after a look: a pure function of the schedule and what the look found. */
export function nextPoll(schedule: PollSchedule, result: PollResult): NextPoll {
  const { baseMs, quietMaxMs, backoffMaxMs } = schedule
  const previous = Math.max(baseMs, result.previousMs)
  let intervalMs: number
  if (result.pressure > 1) intervalMs = Math.min(Math.round(previous * result.pressure), backoffMaxMs)
  else if (previous > quietMaxMs)
    // Coming back from a throttling backoff: by halves, so as not to run straight into it again.
    intervalMs = Math.max(Math.floor(previous / 2), result.changed ? baseMs : quietMaxMs)
  else if (result.changed) intervalMs = baseMs
  else intervalMs = Math.min(Math.round(previous * QUIET_GROWTH), quietMaxMs)
  return { intervalMs, sleepMs: Math.max(0, Math.min(intervalMs, result.remainingMs)) }
}
