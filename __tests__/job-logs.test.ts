import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs'
import { actionLog } from '../src/action/log.js'
import { instanceOf, LogTailer, type LogLine } from '../src/job/logs.js'
import { startJobWorld, type JobWorld } from './support/job-env.js'

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
  afterAll(() => world.close())
  afterEach(() => {
    world.aws.setFaults(undefined)
    world.logs.groups.clear()
    world.logs.streams.clear()
    world.logs.pageSize = 10_000
    world.takeOutput()
  })

  const collect = (): { lines: string[]; print: (lines: LogLine[], multi: boolean) => void } => {
    const lines: string[] = []
    return {
      lines,
      print: (batch, multi) => lines.push(...batch.map((l) => (multi ? `${l.instance}:${l.message}` : l.message)))
    }
  }
  const ops = (since: number): string[] => world.aws.calls.slice(since).map((c) => c.operation)

  it('costs one DescribeLogStreams per poll until the streams exist, then one GetLogEvents per stream', async () => {
    const { lines, print } = collect()
    const tailer = new LogTailer(client, 'job', { instanceCount: 1, log: actionLog, print })
    let mark = world.aws.calls.length
    expect(await tailer.poll()).toEqual({ lines: 0, calls: 1, throttled: false })
    expect(ops(mark)).toEqual(['DescribeLogStreams'])

    world.logs.put('job/algo-1-100', [{ timestamp: 1, message: 'a' }])
    world.logs.put('job-2/algo-1-100', [{ timestamp: 1, message: 'another attempt' }])
    mark = world.aws.calls.length
    await tailer.poll()
    expect(ops(mark)).toEqual(['DescribeLogStreams', 'GetLogEvents'])
    expect(tailer.streamNames).toEqual(['job/algo-1-100'])

    mark = world.aws.calls.length
    await tailer.poll()
    await tailer.poll()
    expect(ops(mark)).toEqual(['GetLogEvents', 'GetLogEvents'])
    world.logs.put('job/algo-1-100', [{ timestamp: 2, message: 'b' }])
    await tailer.poll()
    expect(lines).toEqual(['a', 'b'])
  })

  it('continues from where it was when a token expires, without repeating lines', async () => {
    const { lines, print } = collect()
    const tailer = new LogTailer(client, 'job', { instanceCount: 1, log: actionLog, print })
    world.logs.put('job/algo-1-1', [
      { timestamp: 10, message: 'x1' },
      { timestamp: 10, message: 'x2' }
    ])
    await tailer.poll()
    world.logs.put('job/algo-1-1', [
      { timestamp: 10, message: 'x3' },
      { timestamp: 11, message: 'y' }
    ])
    let expired = false
    world.aws.setFaults((call) => {
      if (call.operation !== 'GetLogEvents' || expired || call.input.nextToken === undefined) return undefined
      expired = true
      return {
        kind: 'error',
        status: 400,
        type: 'InvalidParameterException',
        message: 'The specified nextToken has expired.'
      }
    })
    await tailer.poll()
    expect(lines).toEqual(['x1', 'x2', 'x3', 'y'])
    const byTime = world.aws.callsTo('GetLogEvents').at(-1)!.input
    expect(byTime).toMatchObject({ startTime: 10, startFromHead: true })
  })

  it('reads a big backlog page by page, within a poll', async () => {
    const { lines, print } = collect()
    const tailer = new LogTailer(client, 'job', { instanceCount: 1, log: actionLog, print })
    world.logs.put(
      'job/algo-1-1',
      Array.from({ length: 2500 }, (_, i) => ({ timestamp: i, message: `l${i}` }))
    )
    world.logs.pageSize = 1000
    await tailer.poll()
    expect(lines).toHaveLength(2500)
    expect(lines.at(-1)).toBe('l2499')
  })

  it('finds the new streams a spot restart brings', async () => {
    const { lines, print } = collect()
    const tailer = new LogTailer(client, 'job', { instanceCount: 1, log: actionLog, print })
    world.logs.put('job/algo-1-100', [{ timestamp: 1, message: 'first life' }])
    await tailer.poll()
    world.logs.put('job/algo-1-200', [{ timestamp: 5, message: 'second life' }])
    await tailer.poll()
    expect(lines).toEqual(['first life'])
    tailer.expectRestart(1)
    await tailer.poll()
    expect(lines).toEqual(['first life', 'algo-1:second life'])
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
