import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { EventEmitter } from 'node:events'
import { SageMakerClient } from '@aws-sdk/client-sagemaker'
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs'
import { actionLog } from '../src/action/log.js'
import { markJobSettled } from '../src/action/state.js'
import { jobFailure, type WaitOutcome } from '../src/job/outcome.js'
import { waitForJob } from '../src/job/wait.js'
import { jobSettings, requestFor, startJobWorld, type JobWorld } from './support/job-env.js'
import type { JobStep } from './support/fake-sagemaker.js'

const START = Date.UTC(2026, 10, 22, 10, 0, 0)
const MIN = 60_000

/** A clock that only moves when the action sleeps. */
function fakeTime(): {
  now: () => number
  clock: { now: () => number }
  sleep: (ms: number) => Promise<void>
  sleeps: number[]
  onSleep?: (n: number) => void
} {
  let t = START
  const time = {
    now: () => t,
    clock: { now: () => t },
    sleeps: [] as number[],
    onSleep: undefined as ((n: number) => void) | undefined,
    sleep: async (ms: number) => {
      time.sleeps.push(ms)
      t += ms
      time.onSleep?.(time.sleeps.length)
    }
  }
  return time
}

describe('waiting for the training job', () => {
  let world: JobWorld
  let time: ReturnType<typeof fakeTime>
  let seq = 0
  beforeAll(async () => {
    time = fakeTime()
    world = await startJobWorld({ now: time.now })
  })
  afterAll(() => world.close())
  afterEach(() => {
    world.aws.setFaults(undefined)
    world.takeOutput()
    world.resetState()
    time.onSleep = undefined
    time.sleeps.length = 0
  })

  /** A fresh job name per test, created and scripted. */
  const job = (
    steps: JobStep[],
    extra: Partial<Parameters<typeof world.sagemaker.script>[1]> = {},
    instances = 1,
    spot = false
  ): string => {
    const name = `job-${++seq}`
    world.sagemaker.script(name, { steps, ...extra })
    world.sagemaker.create({
      ...requestFor(name, undefined, instances),
      ...(spot ? { EnableManagedSpotTraining: true } : {})
    })
    return name
  }
  const wait = (name: string, settings = {}, options = {}): Promise<WaitOutcome> =>
    waitForJob(jobSettings({ pollIntervalSeconds: 30, ...settings }), name, {
      log: actionLog,
      // What the main step does when the wait says the job needs no more looking after.
      onSettled: markJobSettled,
      clock: time.clock,
      sleep: time.sleep,
      ...options
    })
  const callsFor = (name: string, operation: string, since = 0): number =>
    world.aws.calls.slice(since).filter((c) => c.operation === operation && JSON.stringify(c.input).includes(`${name}`))
      .length

  it('prints each transition with its time, merges every instance log in time order, and reports the end', async () => {
    const t0 = START
    const name = job(
      [
        {
          status: 'InProgress',
          secondary: 'Downloading',
          message: 'Downloading the training image',
          afterMs: 1 * MIN
        },
        {
          status: 'InProgress',
          secondary: 'Training',
          message: 'Training in progress.',
          afterMs: 3 * MIN,
          onEnter: (j) => {
            world.logs.put(`${j.name}/algo-2-1700000000`, [{ timestamp: t0 + 3 * MIN + 2, message: 'two: epoch 1' }])
            world.logs.put(`${j.name}/algo-1-1700000000`, [
              { timestamp: t0 + 3 * MIN + 1, message: 'one: epoch 1' },
              { timestamp: t0 + 3 * MIN + 3, message: 'one: epoch 2\n' }
            ])
          }
        },
        {
          status: 'Completed',
          secondary: 'Completed',
          message: 'Training job completed',
          afterMs: 5 * MIN,
          onEnter: (j) =>
            world.logs.put(`${j.name}/algo-1-1700000000`, [{ timestamp: t0 + 4 * MIN, message: 'one: done' }])
        }
      ],
      {
        metrics: [{ name: 'validation:loss', value: 0.125 }],
        trainingSeconds: 300,
        billableSeconds: 90
      },
      2,
      true
    )
    const outcome = await wait(name, { instanceCount: 2, spot: true })
    const out = world.takeOutput()
    expect(out).toEqual(
      expect.arrayContaining([
        '2026-11-22 10:00:00Z  Starting: Preparing the instances for training',
        '2026-11-22 10:01:00Z  Downloading: Downloading the training image',
        '2026-11-22 10:03:00Z  Training: Training in progress.',
        '2026-11-22 10:05:00Z  Completed: Training job completed'
      ])
    )
    if (process.env.DEBUG_TEST) process.stderr.write(out.join('\n') + '\n')
    const logLines = out.filter((l) => l.startsWith('[algo-'))
    expect(logLines).toEqual([
      '[algo-1] one: epoch 1',
      '[algo-2] two: epoch 1',
      '[algo-1] one: epoch 2',
      '[algo-1] one: done'
    ])
    expect(out).toEqual(
      expect.arrayContaining([
        `Training job ${name}: Completed`,
        'Final metrics:',
        '  validation:loss = 0.125',
        'Training seconds: 300 per instance, 600 in total',
        'Billable seconds: 90 per instance, 180 in total',
        'Managed spot training saving: 70.0%'
      ])
    )
    expect(outcome).toMatchObject({
      name,
      status: 'Completed',
      secondaryStatus: 'Completed',
      metrics: [{ name: 'validation:loss', value: 0.125 }],
      trainingSeconds: 300,
      billableSeconds: 90,
      spotSavingPercent: 70,
      modelArtifacts: `s3://bucket/runs/${name}/output/model.tar.gz`,
      timedOut: false,
      cancelled: false
    })
    expect(outcome.transitions.map((t) => t.status)).toEqual(['Starting', 'Downloading', 'Training', 'Completed'])
    expect(jobFailure(outcome)).toBeUndefined()
    expect(world.savedState().jobSettled).toBe('true')
  })

  it('looks for log streams only until every instance has one, and tolerates a group that does not exist yet', async () => {
    world.logs.groups.clear()
    world.logs.streams.clear()
    const before = world.aws.calls.length
    const name = job([
      { status: 'InProgress', secondary: 'Training', afterMs: 2 * MIN },
      {
        status: 'InProgress',
        secondary: 'Training',
        afterMs: 3 * MIN,
        onEnter: (j) => world.logs.put(`${j.name}/algo-1-1`, ['hello'])
      },
      { status: 'Completed', secondary: 'Completed', afterMs: 10 * MIN }
    ])
    const outcome = await wait(name)
    expect(outcome.status).toBe('Completed')
    expect(world.takeOutput()).toContain('hello')
    const made = world.aws.calls.slice(before)
    const describes = made.filter((c) => c.operation === 'DescribeLogStreams')
    // Until the group exists (ResourceNotFound) and once more when the stream shows up; never after.
    expect(describes.at(-1)!.status).toBe(200)
    const lastDiscovery = made.lastIndexOf(describes.at(-1)!)
    expect(made.slice(lastDiscovery + 1).filter((c) => c.operation === 'DescribeLogStreams')).toHaveLength(0)
    expect(describes.filter((c) => c.errorType === 'ResourceNotFoundException').length).toBeGreaterThan(0)
    // One status call and at most one log call per poll once the stream is known.
    expect(made.filter((c) => c.operation === 'DescribeTrainingJob')).toHaveLength(outcome.stats.polls)
    expect(made.filter((c) => c.operation === 'GetLogEvents').length).toBeLessThanOrEqual(outcome.stats.polls)
  })

  it('a Failed job fails the step with the reason', async () => {
    const name = job([{ status: 'Failed', secondary: 'Failed', afterMs: MIN }], {
      failureReason: 'AlgorithmError: ExecuteUserScriptError: CUDA out of memory'
    })
    const outcome = await wait(name)
    expect(outcome).toMatchObject({
      status: 'Failed',
      failureReason: 'AlgorithmError: ExecuteUserScriptError: CUDA out of memory'
    })
    expect(jobFailure(outcome)).toBe(
      `Training job ${name} failed: AlgorithmError: ExecuteUserScriptError: CUDA out of memory`
    )
    expect(world.takeOutput()).toContain('Failure reason: AlgorithmError: ExecuteUserScriptError: CUDA out of memory')
  })

  it('MaxRuntimeExceeded fails the step even though SageMaker calls it Stopped', async () => {
    const name = job([{ status: 'Stopped', secondary: 'MaxRuntimeExceeded', afterMs: 60 * MIN }])
    const outcome = await wait(name)
    expect(jobFailure(outcome)).toMatch(/ran past its maximum runtime/)
  })

  it('a stop we did not ask for fails the step', async () => {
    const name = job([{ status: 'InProgress', secondary: 'Training', afterMs: MIN }])
    time.onSleep = (n) => {
      if (n === 3) world.sagemaker.jobs.get(name)!.status = 'Stopped'
      if (n === 3) world.sagemaker.jobs.get(name)!.secondary = 'Stopped'
    }
    const outcome = await wait(name)
    expect(outcome.status).toBe('Stopped')
    expect(jobFailure(outcome)).toMatch(/was stopped by someone else/)
  })

  it('stops waiting at wait-timeout-minutes with a warning; the job keeps running', async () => {
    const name = job([{ status: 'InProgress', secondary: 'Training', afterMs: MIN }])
    const before = world.aws.calls.length
    const outcome = await wait(name, { waitTimeoutMinutes: 90 })
    expect(outcome).toMatchObject({
      status: 'WaitTimedOut',
      lastStatus: 'InProgress',
      secondaryStatus: 'Training',
      timedOut: true
    })
    expect(jobFailure(outcome)).toBeUndefined()
    expect(world.takeOutput().join('\n')).toMatch(
      /::warning::Stopped waiting after 90 minutes .* still InProgress \(Training\) and keeps running/
    )
    expect(time.sleeps.reduce((a, b) => a + b, 0)).toBe(90 * MIN)
    expect(world.sagemaker.stops).not.toContain(name)
    // 90 minutes at 30 s: 181 polls, one status call each, and no log calls while nothing logs.
    expect(callsFor(name, 'DescribeTrainingJob', before)).toBe(181)
    expect(world.savedState().jobSettled).toBe('true')
  })

  it('never waits more than 6 hours between polls and honours short intervals', async () => {
    const name = job([{ status: 'Completed', secondary: 'Completed', afterMs: 2 * MIN }])
    await wait(name, { pollIntervalSeconds: 1 })
    expect(new Set(time.sleeps)).toEqual(new Set([1000]))
    expect(time.sleeps).toHaveLength(120)
  })

  it('backs off the poll interval while AWS throttles, and comes back after', async () => {
    // Throttling the SDK cannot ride out (one attempt per call): our loop must slow down.
    const clients = {
      sageMaker: new SageMakerClient({
        region: 'us-east-1',
        endpoint: world.aws.url,
        maxAttempts: 1
      }),
      logs: new CloudWatchLogsClient({
        region: 'us-east-1',
        endpoint: world.aws.url,
        maxAttempts: 1
      })
    }
    const name = job([{ status: 'Completed', secondary: 'Completed', afterMs: 20 * MIN }])
    let describes = 0
    world.aws.setFaults((call) =>
      call.operation === 'DescribeTrainingJob' && ++describes >= 3 && describes <= 6
        ? { kind: 'error', status: 400, type: 'ThrottlingException', message: 'Rate exceeded' }
        : undefined
    )
    const outcome = await wait(name, {}, { clients })
    expect(outcome.status).toBe('Completed')
    expect(outcome.stats.throttled).toBe(4)
    expect(time.sleeps.slice(0, 9)).toEqual([
      30_000, 30_000, 60_000, 120_000, 240_000, 240_000, 120_000, 60_000, 30_000
    ])
  })

  it('slows down too when the SDK had to retry throttled calls (every 3rd call throttled)', async () => {
    const name = job([{ status: 'Completed', secondary: 'Completed', afterMs: 4 * MIN }])
    let n = 0
    world.aws.setFaults((call) =>
      call.operation === 'DescribeTrainingJob' && ++n % 3 === 0
        ? { kind: 'error', status: 400, type: 'ThrottlingException', message: 'Rate exceeded' }
        : undefined
    )
    const outcome = await wait(name)
    expect(outcome.status).toBe('Completed')
    expect(Math.max(...time.sleeps)).toBeGreaterThan(30_000)
  })

  it('rides out 500s and a dropped connection', async () => {
    const clients = {
      sageMaker: new SageMakerClient({
        region: 'us-east-1',
        endpoint: world.aws.url,
        maxAttempts: 1
      }),
      logs: new CloudWatchLogsClient({
        region: 'us-east-1',
        endpoint: world.aws.url,
        maxAttempts: 1
      })
    }
    const name = job([{ status: 'Completed', secondary: 'Completed', afterMs: 5 * MIN }])
    let n = 0
    world.aws.setFaults((call) => {
      if (call.operation !== 'DescribeTrainingJob') return undefined
      n++
      if (n === 2 || n === 3)
        return {
          kind: 'error',
          status: 500,
          type: 'InternalFailure',
          message: 'We encountered an internal error.'
        }
      if (n === 4) return { kind: 'drop' }
      return undefined
    })
    const outcome = await wait(name, {}, { clients })
    expect(outcome.status).toBe('Completed')
    expect(outcome.stats.errors).toBe(3)
    expect(world.takeOutput().join('\n')).toMatch(
      /Could not read the job's status this time \(InternalFailure\); trying again/
    )
  })

  it('gives up, clearly, when the status cannot be read at all', async () => {
    world.aws.setFaults((call) =>
      call.operation === 'DescribeTrainingJob'
        ? {
            kind: 'error',
            status: 400,
            type: 'AccessDeniedException',
            message: 'User is not authorized'
          }
        : undefined
    )
    const signals = new EventEmitter()
    await expect(wait('job-nobody', {}, { signals })).rejects.toThrow(
      /Could not read the status of training job job-nobody \(us-east-1\): SageMaker DescribeTrainingJob failed: AccessDeniedException: User is not authorized\. The credentials need sagemaker:DescribeTrainingJob/
    )
    expect(signals.listenerCount('SIGINT')).toBe(0)
    world.aws.setFaults(undefined)
    await expect(wait('job-missing')).rejects.toThrow(/job-missing was not found in us-east-1/)
  })

  it('reads a final metric SageMaker reports as nan as a number that is not one', async () => {
    // A metric the training log printed as `nan` comes back as text; the SDK passes it through.
    const name = job([{ status: 'Completed', secondary: 'Completed', afterMs: MIN }])
    const real = world.aws.handler('SageMaker.DescribeTrainingJob')!
    world.aws.on('SageMaker.DescribeTrainingJob', async (input, call) => ({
      ...((await real(input, call)) as Record<string, unknown>),
      FinalMetricDataList: [
        { MetricName: 'loss', Value: 'nan', Timestamp: new Date() },
        { MetricName: 'acc', Value: 0.5, Timestamp: new Date() }
      ]
    }))
    try {
      const outcome = await wait(name)
      expect(outcome.status).toBe('Completed')
      expect(outcome.metrics).toEqual([
        { name: 'loss', value: NaN },
        { name: 'acc', value: 0.5 }
      ])
    } finally {
      world.aws.on('SageMaker.DescribeTrainingJob', real)
    }
  })

  it('follows the new log streams after a spot interruption', async () => {
    const name = job(
      [
        {
          status: 'InProgress',
          secondary: 'Training',
          afterMs: MIN,
          onEnter: (j) => world.logs.put(`${j.name}/algo-1-100`, ['first life'])
        },
        { status: 'InProgress', secondary: 'Interrupted', message: 'Spot capacity reclaimed', afterMs: 3 * MIN },
        {
          status: 'InProgress',
          secondary: 'Training',
          afterMs: 5 * MIN,
          onEnter: (j) => world.logs.put(`${j.name}/algo-1-200`, ['second life'])
        },
        { status: 'Completed', secondary: 'Completed', afterMs: 7 * MIN }
      ],
      {},
      1,
      true
    )
    const outcome = await wait(name)
    expect(outcome.status).toBe('Completed')
    const out = world.takeOutput()
    expect(out).toEqual(expect.arrayContaining(['first life', '[algo-1] second life']))
    expect(out.join('\n')).toMatch(/Interrupted: Spot capacity reclaimed/)
  })

  it('reports a job that had already ended (attached by a rerun) after one look', async () => {
    world.sagemaker.seed('job-done', 'Completed', 'Completed')
    const before = world.aws.calls.length
    const outcome = await wait('job-done')
    expect(outcome.status).toBe('Completed')
    expect(time.sleeps).toEqual([])
    expect(world.aws.calls.slice(before).filter((c) => c.operation === 'DescribeTrainingJob')).toHaveLength(1)
  })

  it('keeps going without logs when it may not read them', async () => {
    const name = job([{ status: 'Completed', secondary: 'Completed', afterMs: 3 * MIN }])
    world.aws.setFaults((call) =>
      call.target.startsWith('Logs_')
        ? { kind: 'error', status: 400, type: 'AccessDeniedException', message: 'no logs for you' }
        : undefined
    )
    const outcome = await wait(name)
    expect(outcome.status).toBe('Completed')
    const out = world.takeOutput().join('\n')
    expect(out.match(/::warning::Stopped streaming/g)).toHaveLength(1)
    expect(out).toMatch(
      /Stopped streaming the job's logs \(the job itself is still followed\): CloudWatch Logs DescribeLogStreams failed: AccessDeniedException: no logs for you\. The credentials need logs:DescribeLogStreams/
    )
  })

  describe('when the workflow is cancelled', () => {
    it('stops the job at once, once, even when SIGTERM follows', async () => {
      const signals = new EventEmitter()
      const name = job([{ status: 'InProgress', secondary: 'Training', afterMs: MIN }])
      time.onSleep = (n) => {
        if (n === 3) {
          signals.emit('SIGINT')
          signals.emit('SIGTERM')
        }
      }
      const outcome = await wait(name, {}, { signals })
      expect(world.sagemaker.stops).toEqual([name])
      expect(outcome).toMatchObject({ cancelled: true, stopRequested: true, status: 'Stopping' })
      expect(jobFailure(outcome)).toMatch(/cancelled; training job .* was asked to stop/)
      expect(world.savedState().jobSettled).toBe('true')
      expect(signals.listenerCount('SIGINT')).toBe(0)
      const out = world.takeOutput().join('\n')
      expect(out).toMatch(/The run was cancelled \(SIGINT\): stopping training job/)
      expect(out).toMatch(/Received SIGTERM; still stopping/)
    })

    it('fails the wait, leaving the job for post to stop, when the stop does not go through', async () => {
      const signals = new EventEmitter()
      const name = job([{ status: 'InProgress', secondary: 'Training', afterMs: MIN }])
      world.aws.setFaults((call) =>
        call.operation === 'StopTrainingJob'
          ? { kind: 'error', status: 400, type: 'AccessDeniedException', message: 'not allowed to stop' }
          : undefined
      )
      time.onSleep = (n) => void (n === 2 && signals.emit('SIGINT'))
      await expect(wait(name, {}, { signals })).rejects.toThrow(
        new RegExp(
          `cancelled \\(SIGINT\\) and training job ${name} could not be stopped: SageMaker StopTrainingJob failed: AccessDeniedException: not allowed to stop`
        )
      )
      expect(world.savedState().jobSettled).toBeUndefined()
      expect(world.takeOutput().join('\n')).toMatch(
        /::warning::Could not stop training job .*The post step will try again/
      )
      expect(signals.listenerCount('SIGINT')).toBe(0)
    })

    it('leaves the job running with stop-on-cancel: false', async () => {
      const signals = new EventEmitter()
      const name = job([{ status: 'InProgress', secondary: 'Training', afterMs: MIN }])
      const settledBefore = world.savedState().jobSettled
      time.onSleep = (n) => void (n === 2 && signals.emit('SIGINT'))
      const outcome = await wait(name, { stopOnCancel: false }, { signals })
      expect(world.sagemaker.stops).not.toContain(name)
      expect(outcome).toMatchObject({ cancelled: true, stopRequested: false })
      expect(jobFailure(outcome)).toMatch(/keeps running/)
      expect(settledBefore).toBeUndefined()
      expect(world.savedState().jobSettled).toBe('true')
    })
  })
})
