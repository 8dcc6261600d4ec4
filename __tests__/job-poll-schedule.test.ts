import { describe, expect, it } from '@jest/globals'
import { nextPoll, pollSchedule, type PollResult } from '../src/job/poll-schedule.js'

const S = 1000
const MIN = 60 * S

describe('the bounds of the poll schedule', () => {
  it.each([
    // poll-interval-seconds, set interval, longest quiet gap, longest backoff
    [30, 30 * S, 2 * MIN, 4 * MIN],
    [1, 1 * S, 4 * S, 1 * MIN],
    [0, 1 * S, 4 * S, 1 * MIN],
    [10, 10 * S, 40 * S, 80 * S],
    [60, 1 * MIN, 4 * MIN, 8 * MIN],
    // 4× would be 6 min 40 s: the quiet gap stops at 5 minutes.
    [100, 100 * S, 5 * MIN, 800 * S],
    // A set interval longer than 5 minutes is never stretched, only backed off.
    [600, 10 * MIN, 10 * MIN, 80 * MIN]
  ])('poll-interval-seconds %d: %d ms, quiet up to %d ms, backoff up to %d ms', (seconds, base, quiet, backoff) => {
    expect(pollSchedule(seconds)).toEqual({ baseMs: base, quietMaxMs: quiet, backoffMaxMs: backoff })
  })
})

describe('the next poll', () => {
  const schedule = pollSchedule(30)
  const look = (previousMs: number, more: Partial<PollResult> = {}): PollResult => ({
    previousMs,
    changed: false,
    pressure: 1,
    remainingMs: Infinity,
    ...more
  })

  it.each<[string, PollResult, number]>([
    ['nothing changed: ×1.5', look(30 * S), 45 * S],
    ['nothing changed again', look(45 * S), 67.5 * S],
    ['nothing changed, rounded to the millisecond', look(67.5 * S), 101_250],
    ['nothing changed, up to 4× the set interval', look(101_250), 2 * MIN],
    ['nothing changed at the longest quiet gap', look(2 * MIN), 2 * MIN],
    ['a change brings it back to the set interval', look(2 * MIN, { changed: true }), 30 * S],
    ['a change at the set interval', look(30 * S, { changed: true }), 30 * S],
    ['a previous interval below the set one counts as the set one', look(0), 45 * S],
    ['throttled: ×2', look(30 * S, { pressure: 2 }), 60 * S],
    ['the SDK had to retry: ×1.5', look(30 * S, { pressure: 1.5 }), 45 * S],
    ['throttled in a quiet stretch: ×2 from there', look(2 * MIN, { pressure: 2 }), 4 * MIN],
    ['throttled at the longest backoff', look(4 * MIN, { pressure: 2 }), 4 * MIN],
    ['throttled even though the job changed', look(30 * S, { pressure: 2, changed: true }), 60 * S],
    ['after a backoff, quiet: halved, not below the longest quiet gap', look(4 * MIN), 2 * MIN],
    ['after a backoff, quiet, not much above the quiet gap', look(3 * MIN), 2 * MIN],
    ['after a backoff, a change: halved, not straight back', look(4 * MIN, { changed: true }), 2 * MIN],
    ['after a shorter backoff, a change: halved', look(3 * MIN, { changed: true }), 90 * S]
  ])('%s', (_, result, interval) => {
    expect(nextPoll(schedule, result)).toEqual({ intervalMs: interval, sleepMs: interval })
  })

  it.each<[string, number, number]>([
    ['never sleeps past the timeout', 10 * S, 10 * S],
    ['sleeps the whole interval when the timeout is further', 10 * MIN, 45 * S],
    ['does not sleep at the timeout', 0, 0],
    ['does not sleep past it', -5 * S, 0]
  ])('%s', (_, remainingMs, sleepMs) => {
    expect(nextPoll(schedule, look(30 * S, { remainingMs }))).toEqual({ intervalMs: 45 * S, sleepMs })
  })

  it('stretches through a quiet spell, tightens on each change, and backs off under throttling', () => {
    // What each look found, in order: c = a change, . = nothing new, t = throttled.
    const looks = 'c.....c..tt....c'
    const sleeps: number[] = []
    let previousMs = schedule.baseMs
    for (const found of looks) {
      const next = nextPoll(schedule, {
        previousMs,
        changed: found === 'c',
        pressure: found === 't' ? 2 : 1,
        remainingMs: Infinity
      })
      sleeps.push(next.sleepMs)
      previousMs = next.intervalMs
    }
    expect(sleeps.map((ms) => ms / S)).toEqual([
      30, 45, 67.5, 101.25, 120, 120, 30, 45, 67.5, 135, 240, 120, 120, 120, 120, 30
    ])
  })
})
