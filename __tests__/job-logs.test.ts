import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs'
import { actionLog } from '../src/action/log.js'
import { memoryLog } from '../src/log.js'
import { formatLines, instanceOf, LATE_EVENT_MARGIN_MS, LogTailer, type LogLine } from '../src/job/logs.js'
import { startJobWorld, type JobWorld } from './support/job-env.js'

const GROUP = '/aws/sagemaker/TrainingJobs'
/** Timestamps well after the epoch, so that the margin read again stays above 0. */
const T = Date.UTC(2026, 10, 22, 10, 0, 0)

describe('tailing the job logs', () => {
  let world: JobWorld
  let client: CloudWatchLogsClient
  beforeAll(async () => {
    world = await startJobWorld()
    client = new CloudWatchLogsClient({
      region: 'us-east-1',
      endpoint: world.aws.url,
      maxAttempts: 1
    })
  })
  afterAll(async () => {
    client?.destroy()
    await world?.close()
  })
  afterEach(() => {
    world.aws.setFaults(undefined)
    world.logs.groups.clear()
    world.logs.streams.clear()
    world.logs.pageSize = 10_000
    world.logs.pageBytes = 1_048_576
    world.takeOutput()
  })

  /** Lines as the step log shows them (with `[algo-N]` when the tailer says there are several instances). */
  const collect = (): { lines: string[]; print: (lines: LogLine[], multi: boolean) => void } => {
    const lines: string[] = []
    return { lines, print: (batch, multi) => lines.push(...formatLines(batch, multi)) }
  }
  const ops = (since: number): string[] => world.aws.calls.slice(since).map((c) => c.operation)
  const filterCalls = (since: number): any[] =>
    world.aws.calls.slice(since).filter((c) => c.operation === 'FilterLogEvents')

  it('reads every instance from one FilterLogEvents call per poll, merged in time order', async () => {
    const { lines, print } = collect()
    const tailer = new LogTailer(client, 'job', { instanceCount: 2, log: actionLog, print })
    tailer.startAt(T)
    world.logs.put('job/algo-2-1700000000', [
      { timestamp: T + 2, message: 'two: epoch 1' },
      { timestamp: T + 4, message: 'two: epoch 2' }
    ])
    world.logs.put('job/algo-1-1700000000', [
      { timestamp: T + 1, message: 'one: epoch 1' },
      { timestamp: T + 3, message: 'one: epoch 2\n' }
    ])
    world.logs.put('job-2/algo-1-1700000000', [{ timestamp: T + 1, message: 'another job' }])

    let mark = world.aws.calls.length
    expect(await tailer.poll()).toEqual({ lines: 4, calls: 1, throttled: false })
    expect(ops(mark)).toEqual(['FilterLogEvents'])
    // Every stream of this job (and only this job: `job/`, not `job-2/`), from just before it was created.
    expect(filterCalls(mark)[0].input).toEqual({
      logGroupName: GROUP,
      logStreamNamePrefix: 'job/',
      startTime: T - 5 * 60_000,
      limit: 10_000
    })
    expect(lines).toEqual([
      '[algo-1] one: epoch 1',
      '[algo-2] two: epoch 1',
      '[algo-1] one: epoch 2',
      '[algo-2] two: epoch 2'
    ])
    expect(tailer.instanceNames).toEqual(['algo-1', 'algo-2'])

    // Nothing new: one call, nothing printed.
    mark = world.aws.calls.length
    expect(await tailer.poll()).toEqual({ lines: 0, calls: 1, throttled: false })
    expect(ops(mark)).toEqual(['FilterLogEvents'])

    world.logs.put('job/algo-2-1700000000', [{ timestamp: T + 5, message: 'two: done' }])
    world.logs.put('job/algo-1-1700000000', [{ timestamp: T + 6, message: 'one: done' }])
    mark = world.aws.calls.length
    expect(await tailer.poll()).toEqual({ lines: 2, calls: 1, throttled: false })
    expect(lines.slice(4)).toEqual(['[algo-2] two: done', '[algo-1] one: done'])
    // From the margin behind the newest line printed, to pick up lines that reach CloudWatch late.
    expect(filterCalls(mark)[0].input.startTime).toBe(T + 4 - LATE_EVENT_MARGIN_MS)
  })

  it('takes a missing log group to mean "not yet", and says nothing', async () => {
    const log = memoryLog()
    const { lines, print } = collect()
    const tailer = new LogTailer(client, 'job', { instanceCount: 1, log, print })
    const mark = world.aws.calls.length
    expect(await tailer.poll()).toEqual({ lines: 0, calls: 1, throttled: false })
    expect(world.aws.calls.slice(mark).map((c) => c.errorType)).toEqual(['ResourceNotFoundException'])
    world.logs.put('job/algo-1-1', [{ timestamp: T, message: 'hello' }])
    expect(await tailer.poll()).toEqual({ lines: 1, calls: 1, throttled: false })
    expect(lines).toEqual(['hello'])
    expect(log.lines).toEqual([])
  })

  it("follows a spot restart's new stream without being told, and keeps one instance's lines unprefixed", async () => {
    const { lines, print } = collect()
    const tailer = new LogTailer(client, 'job', { instanceCount: 1, log: actionLog, print })
    world.logs.put('job/algo-1-100', [{ timestamp: T, message: 'first life' }])
    await tailer.poll()
    // The instance comes back after a spot interruption, writing to a new stream.
    world.logs.put('job/algo-1-200', [{ timestamp: T + 120_000, message: 'second life' }])
    const mark = world.aws.calls.length
    expect(await tailer.poll()).toEqual({ lines: 1, calls: 1, throttled: false })
    expect(lines).toEqual(['first life', 'second life'])
    expect(ops(mark)).toEqual(['FilterLogEvents'])
  })

  it('prints a line once when more arrive later with the same timestamp, or a little late', async () => {
    const { lines, print } = collect()
    const tailer = new LogTailer(client, 'job', { instanceCount: 2, log: actionLog, print })
    world.logs.put('job/algo-1-1', [
      { timestamp: T + 1000, message: 'a' },
      { timestamp: T + 1000, message: 'b' }
    ])
    await tailer.poll()
    // Written by the instance at the same millisecond, but reaching CloudWatch after the poll.
    world.logs.put('job/algo-1-1', [{ timestamp: T + 1000, message: 'c (same timestamp)' }])
    // Another instance's batch, stamped before lines already printed, arriving after them.
    world.logs.put('job/algo-2-1', [{ timestamp: T + 990, message: 'late by 10 ms' }])
    world.logs.put('job/algo-2-1', [{ timestamp: T - 30_000, message: 'late by 30 s' }])
    world.logs.put('job/algo-1-1', [{ timestamp: T + 1001, message: 'd' }])
    await tailer.poll()
    await tailer.poll()
    expect(lines).toEqual([
      '[algo-1] a',
      '[algo-1] b',
      '[algo-2] late by 30 s',
      '[algo-2] late by 10 ms',
      '[algo-1] c (same timestamp)',
      '[algo-1] d'
    ])
  })

  it('picks up, at the next poll, a late line that a page token skipped', async () => {
    // Lines big enough that a page is full at about a thousand of them: two pages.
    const big = 'x'.repeat(1000)
    world.logs.put(
      'job/algo-1-1',
      Array.from({ length: 1050 }, (_, i) => ({ timestamp: T + i, message: `${i} ${big}` }))
    )
    let injected = false
    world.aws.setFaults((call) => {
      // Between the first page and the second: a line stamped before where the first page stopped.
      if (call.operation === 'FilterLogEvents' && call.input.nextToken !== undefined && !injected) {
        injected = true
        world.logs.put('job/algo-2-1', [{ timestamp: T + 1000, message: 'late' }])
      }
      return undefined
    })
    const seen: string[] = []
    const tailer = new LogTailer(client, 'job', {
      instanceCount: 2,
      log: actionLog,
      print: (batch) => seen.push(...batch.map((l) => l.message.split(' ')[0]))
    })
    expect(await tailer.poll()).toEqual({ lines: 1050, calls: 2, throttled: false })
    expect(injected).toBe(true)
    expect(seen).not.toContain('late')
    expect(await tailer.poll()).toEqual({ lines: 1, calls: 1, throttled: false })
    expect(seen.at(-1)).toBe('late')
    expect(new Set(seen).size).toBe(1051)
  })

  it('follows a full page at once, and does not chase a short one', async () => {
    const big = 'x'.repeat(1000)
    world.logs.put(
      'job/algo-1-1',
      Array.from({ length: 2500 }, (_, i) => ({ timestamp: T + i, message: `${i} ${big}` }))
    )
    const seen: string[] = []
    const tailer = new LogTailer(client, 'job', {
      instanceCount: 1,
      log: actionLog,
      print: (batch) => seen.push(...batch.map((l) => l.message.split(' ')[0]))
    })
    // About 1 MB a page: full, full, then the rest.
    expect(await tailer.poll()).toEqual({ lines: 2500, calls: 3, throttled: false })
    expect(seen).toEqual(Array.from({ length: 2500 }, (_, i) => String(i)))
  })

  it('carries on at the next poll after a short page, reading again only what it must', async () => {
    // AWS may cut a page short of its limits and still hand out a token.
    world.logs.pageSize = 100
    world.logs.put(
      'job/algo-1-1',
      Array.from({ length: 250 }, (_, i) => ({ timestamp: T + i, message: String(i) }))
    )
    const { lines, print } = collect()
    const tailer = new LogTailer(client, 'job', { instanceCount: 1, log: actionLog, print })
    // A short page with a token is not chased: the next poll asks again.
    expect(await tailer.poll()).toEqual({ lines: 100, calls: 1, throttled: false })
    // The page read again holds only lines already printed: what is new is behind it.
    expect(await tailer.poll()).toEqual({ lines: 100, calls: 2, throttled: false })
    // Having had to, the tailer now reads again only from the newest line printed.
    const mark = world.aws.calls.length
    expect(await tailer.poll()).toEqual({ lines: 50, calls: 1, throttled: false })
    expect(filterCalls(mark)[0].input.startTime).toBe(T + 199)
    expect(lines).toEqual(Array.from({ length: 250 }, (_, i) => String(i)))
  })

  it('keeps what it reads again small for a chatty job', async () => {
    world.logs.put(
      'job/algo-1-1',
      Array.from({ length: 5000 }, (_, i) => ({ timestamp: T + i, message: `line ${i}` }))
    )
    const { lines, print } = collect()
    const tailer = new LogTailer(client, 'job', { instanceCount: 1, log: actionLog, print })
    await tailer.poll()
    world.logs.put('job/algo-1-1', [{ timestamp: T + 5000, message: 'next' }])
    const mark = world.aws.calls.length
    expect(await tailer.poll()).toEqual({ lines: 1, calls: 1, throttled: false })
    // 5000 lines within the margin, but only the newest 2000 are read again.
    expect(filterCalls(mark)[0].input.startTime).toBe(T + 3000)
    expect(lines).toHaveLength(5001)
    expect(lines.at(-1)).toBe('next')
  })

  it('stops reading, with one warning naming logs:FilterLogEvents, when it may not', async () => {
    const log = memoryLog()
    const tailer = new LogTailer(client, 'job', { instanceCount: 1, log })
    world.logs.put('job/algo-1-1', [{ timestamp: T, message: 'secret' }])
    world.aws.setFaults((call) =>
      call.operation === 'FilterLogEvents'
        ? { kind: 'error', status: 400, type: 'AccessDeniedException', message: 'no logs for you' }
        : undefined
    )
    expect(await tailer.poll()).toEqual({ lines: 0, calls: 1, throttled: false })
    const mark = world.aws.calls.length
    expect(await tailer.poll()).toEqual({ lines: 0, calls: 0, throttled: false })
    expect(world.aws.calls.length).toBe(mark)
    expect(log.lines).toEqual([
      "warning: Stopped streaming the job's logs (the job itself is still followed): CloudWatch Logs FilterLogEvents " +
        'failed: AccessDeniedException: no logs for you. The credentials need logs:FilterLogEvents on ' +
        `${GROUP} (see "Permissions" in the README).`
    ])
  })

  it('says when it was throttled, rides out a 500, and loses nothing by either', async () => {
    const log = memoryLog()
    const { lines, print } = collect()
    const tailer = new LogTailer(client, 'job', { instanceCount: 1, log, print })
    world.logs.put('job/algo-1-1', [{ timestamp: T, message: 'one' }])
    let n = 0
    world.aws.setFaults((call) => {
      if (call.operation !== 'FilterLogEvents') return undefined
      n++
      if (n === 1) return { kind: 'error', status: 400, type: 'ThrottlingException', message: 'Rate exceeded' }
      if (n === 2) return { kind: 'error', status: 500, type: 'ServiceUnavailableException', message: 'try later' }
      return undefined
    })
    expect(await tailer.poll()).toEqual({ lines: 0, calls: 1, throttled: true })
    expect(await tailer.poll()).toEqual({ lines: 0, calls: 1, throttled: false })
    expect(log.lines).toEqual([expect.stringMatching(/^debug: Reading the job's logs failed this time: try later/)])
    expect(await tailer.poll()).toEqual({ lines: 1, calls: 1, throttled: false })
    expect(lines).toEqual(['one'])
  })

  it('keeps streaming after the AWS session expired once, as the status poll does', async () => {
    const log = memoryLog()
    const { lines, print } = collect()
    const tailer = new LogTailer(client, 'job', { instanceCount: 1, log, print })
    world.logs.put('job/algo-1-1', [{ timestamp: T, message: 'after the renewal' }])
    let n = 0
    world.aws.setFaults((call) =>
      call.operation === 'FilterLogEvents' && ++n === 1
        ? {
            kind: 'error',
            status: 400,
            type: 'ExpiredTokenException',
            message: 'The security token included in the request is expired'
          }
        : undefined
    )
    expect(await tailer.poll()).toEqual({ lines: 0, calls: 1, throttled: false })
    expect(await tailer.poll()).toEqual({ lines: 1, calls: 1, throttled: false })
    expect(lines).toEqual(['after the renewal'])
    expect(log.lines).toEqual(["debug: Reading the job's logs failed this time: the AWS session expired."])
  })

  it('says which instance a line came from', () => {
    expect(instanceOf('job/algo-12-1700000000')).toBe('algo-12')
    expect(instanceOf('job/odd')).toBe('odd')
  })

  it('shows, but never obeys, runner commands in the training output, in either form', async () => {
    const tailer = new LogTailer(client, 'job', { instanceCount: 1, log: actionLog })
    world.logs.put('job/algo-1-1', [
      { timestamp: 1, message: '::add-mask::secret' },
      { timestamp: 2, message: 'step 5 ##[set-output name=job-status;]x' },
      { timestamp: 3, message: 'plain' }
    ])
    await tailer.poll()
    const out = world.takeOutput()
    expect(out[0]).toMatch(/^::stop-commands::train-on-push-[0-9a-f-]{36}$/)
    const token = out[0].slice('::stop-commands::'.length)
    expect(out.slice(1)).toEqual([
      '::add-mask::secret',
      'step 5 ##[set-output name=job-status;]x',
      'plain',
      `::${token}::`
    ])
  })
})
