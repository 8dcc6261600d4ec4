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
    // The times the fake SageMaker saw each change at: polls at 0, 30, 75 (Downloading),
    // 105, 150, 217.5 (Training, with its first lines), 247.5, 292.5 and 360 s (Completed).
    expect(out).toEqual(
      expect.arrayContaining([
        '2026-11-22 10:00:00Z  Starting: Preparing the instances for training',
        '2026-11-22 10:01:15Z  Downloading: Downloading the training image',
        '2026-11-22 10:03:37Z  Training: Training in progress.',
        '2026-11-22 10:06:00Z  Completed: Training job completed'
      ])
    )
    expect(time.sleeps.map((ms) => ms / 1000)).toEqual([30, 45, 30, 45, 67.5, 30, 45, 67.5])
    // What it cost, for whoever reads the debug log: no log calls before Training.
    expect(out).toContain('::debug::Waited through 9 polls: 9 DescribeTrainingJob, 4 FilterLogEvents')
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

  /**
   * Every instance writes a line every 10 s from `from` to `to` (ms after now, when the job
   * was just created), as the fake clock passes them. Returns the lines written, as the step
   * log shows them.
   */
  const logEvery10s = (name: string, instances: number, from: number, to: number): string[] => {
    const written: string[] = []
    const created = time.now()
    let next = created + from
    time.onSleep = () => {
      for (; next <= Math.min(time.now(), created + to); next += 10_000)
        for (let n = 1; n <= instances; n++) {
          const message = `algo-${n} at ${(next - created) / 1000} s`
          world.logs.put(`${name}/algo-${n}-1700000000`, [{ timestamp: next, message }])
          written.push(instances > 1 ? `[algo-${n}] ${message}` : message)
        }
    }
    return written
  }

  it('makes one DescribeTrainingJob per poll and one FilterLogEvents for all 4 instances, none before a container runs', async () => {
    world.logs.groups.clear()
    world.logs.streams.clear()
    const before = world.aws.calls.length
    let trainingAt = 0
    const name = job(
      [
        { status: 'InProgress', secondary: 'Downloading', afterMs: 2 * MIN },
        {
          status: 'InProgress',
          secondary: 'Training',
          afterMs: 5 * MIN,
          onEnter: (j) => void (trainingAt = j.describeCalls)
        },
        { status: 'InProgress', secondary: 'Uploading', afterMs: 25 * MIN },
        { status: 'Completed', secondary: 'Completed', afterMs: 26 * MIN }
      ],
      {},
      4
    )
    // Polls at 0, 30, 75, 142.5 (Downloading), 172.5, 217.5, 285, 386.25 s (Training, no log
    // group yet), then lines from 400 s on.
    const written = logEvery10s(name, 4, 400_000, 25 * MIN)
    const outcome = await wait(name, { instanceCount: 4 })
    expect(outcome.status).toBe('Completed')

    const made = world.aws.calls.slice(before).map((c) => c.operation)
    expect(new Set(made)).toEqual(new Set(['DescribeTrainingJob', 'FilterLogEvents']))
    // Poll by poll: a status call, then (from the poll that saw Training) one call for the logs of all four.
    const polls = made.join(' ').split('DescribeTrainingJob').slice(1)
    expect(polls).toHaveLength(outcome.stats.polls)
    expect(polls.map((p) => p.trim())).toEqual(polls.map((_, i) => (i + 1 < trainingAt ? '' : 'FilterLogEvents')))
    // The group did not exist until the first line: "not yet", quietly.
    expect(world.aws.calls.slice(before).some((c) => c.errorType === 'ResourceNotFoundException')).toBe(true)
    // Every line, once, in time order.
    expect(world.takeOutput().filter((l) => l.startsWith('[algo-'))).toEqual(written)
  })

  it('stretches the polls while nothing changes, and tightens them on each transition', async () => {
    const name = job(
      [
        { status: 'InProgress', secondary: 'Training', afterMs: 2 * MIN },
        { status: 'InProgress', secondary: 'Uploading', afterMs: 20 * MIN },
        { status: 'Completed', secondary: 'Completed', afterMs: 21 * MIN }
      ],
      {},
      1
    )
    const written = logEvery10s(name, 1, 2 * MIN + 30_000, 20 * MIN)
    const outcome = await wait(name)
    expect(outcome.status).toBe('Completed')
    expect(time.sleeps.map((ms) => ms / 1000)).toEqual([
      // Starting: quiet, so longer and longer.
      30, 45, 67.5,
      // 142.5 s: Training. The first lines come at the next poll, a change too; then lines at
      // every poll, which is the job going on as before.
      30, 30, 45, 67.5, 101.25, 120, 120, 120, 120, 120, 120, 120,
      // 1256.25 s: Uploading; 1286.25 s: Completed.
      30
    ])
    expect(world.takeOutput().filter((l) => l.startsWith('algo-1 at'))).toEqual(written)
    expect(outcome.stats.polls).toBe(17)
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
    // Polls at 0 and 30 s, at 75 s (Training: a change), then stretching to one every 2 minutes:
    // 50 polls in 90 minutes rather than 181, the last one at the timeout, not after it.
    expect(time.sleeps.slice(0, 7).map((ms) => ms / 1000)).toEqual([30, 45, 30, 45, 67.5, 101.25, 120])
    expect(time.sleeps.at(-1)).toBe(41_250)
    expect(callsFor(name, 'DescribeTrainingJob', before)).toBe(50)
    expect(callsFor(name, 'FilterLogEvents', before)).toBe(48)
    expect(world.savedState().jobSettled).toBe('true')
  })

  it('honours short intervals, stretching them to 4× at most', async () => {
    const name = job([{ status: 'Completed', secondary: 'Completed', afterMs: 2 * MIN }])
    await wait(name, { pollIntervalSeconds: 1 })
    expect(time.sleeps.slice(0, 6)).toEqual([1000, 1500, 2250, 3375, 4000, 4000])
    expect(new Set(time.sleeps.slice(4))).toEqual(new Set([4000]))
    expect(time.sleeps).toHaveLength(32)
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
    const name = job([
      { status: 'InProgress', secondary: 'Training', afterMs: 17 * MIN },
      { status: 'Completed', secondary: 'Completed', afterMs: 19.5 * MIN }
    ])
    let describes = 0
    world.aws.setFaults((call) =>
      call.operation === 'DescribeTrainingJob' && ++describes >= 3 && describes <= 6
        ? { kind: 'error', status: 400, type: 'ThrottlingException', message: 'Rate exceeded' }
        : undefined
    )
    const outcome = await wait(name, {}, { clients })
    expect(outcome.status).toBe('Completed')
    expect(outcome.stats.throttled).toBe(4)
    expect(time.sleeps.map((ms) => ms / 1000)).toEqual([
      // Quiet: stretching.
      30, 45,
      // Throttled 4 times: doubling, up to 8× the set interval.
      90, 180, 240, 240,
      // Through: back by halves to the longest quiet gap, where nothing changes.
      120, 120,
      // 17.75 min: Training, a change: back to the set interval, then quiet again.
      30, 45, 67.5
      // 20.125 min: Completed.
    ])
  })

  it('slows down too when the SDK had to retry throttled calls (every 3rd call throttled), even as the job changes', async () => {
    // A change at every poll would keep the set interval, but AWS pushing back comes first.
    const changes = ['Downloading', 'Training', 'Uploading', 'Training', 'Uploading', 'Training']
    const name = job([
      ...changes.map((secondary) => ({ status: 'InProgress' as const, secondary })),
      { status: 'Completed', secondary: 'Completed' }
    ])
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

  it('when the credentials expire mid-wait, stops following the job, which runs on, and says how to fix it', async () => {
    const name = job([{ status: 'InProgress', secondary: 'Training', afterMs: MIN }])
    time.onSleep = (n) => void (n === 2 && world.aws.expireAccessKey('AKIDTEST'))
    try {
      const outcome = await wait(name)
      expect(outcome).toMatchObject({ status: 'InProgress', credentialsExpired: true, timedOut: false })
      expect(jobFailure(outcome)).toBeUndefined()
      // Nothing for the post step to do: the job is not abandoned, it is deliberately left running.
      expect(world.savedState().jobSettled).toBe('true')
      expect(world.sagemaker.stops).not.toContain(name)
      expect(world.takeOutput().join('\n')).toMatch(
        /::warning::The AWS credentials expired while waiting: training job job-\d+ keeps running .*set role-to-assume/
      )
    } finally {
      world.aws.expireAccessKey('AKIDTEST', Infinity)
    }
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
    // The instance's new stream is read by the same call, and one instance's lines need no prefix.
    expect(out.filter((l) => l.endsWith(' life'))).toEqual(['first life', 'second life'])
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
    const name = job([
      { status: 'InProgress', secondary: 'Training', afterMs: MIN },
      { status: 'InProgress', secondary: 'Uploading', afterMs: 10 * MIN },
      { status: 'Completed', secondary: 'Completed', afterMs: 11 * MIN }
    ])
    const before = world.aws.calls.length
    world.aws.setFaults((call) =>
      call.target.startsWith('Logs_')
        ? { kind: 'error', status: 400, type: 'AccessDeniedException', message: 'no logs for you' }
        : undefined
    )
    const outcome = await wait(name)
    expect(outcome.status).toBe('Completed')
    expect(outcome.transitions.map((t) => t.status)).toEqual(['Starting', 'Training', 'Uploading', 'Completed'])
    const out = world.takeOutput().join('\n')
    expect(out.match(/::warning::Stopped streaming/g)).toHaveLength(1)
    expect(out).toMatch(
      /Stopped streaming the job's logs \(the job itself is still followed\): CloudWatch Logs FilterLogEvents failed: AccessDeniedException: no logs for you\. The credentials need logs:FilterLogEvents on \/aws\/sagemaker\/TrainingJobs/
    )
    // One try; the status keeps coming.
    expect(callsFor(name, 'FilterLogEvents', before)).toBe(1)
    expect(callsFor(name, 'DescribeTrainingJob', before)).toBe(outcome.stats.polls)
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

    it('stops the job at once in the middle of a stretched poll interval', async () => {
      const signals = new EventEmitter()
      const name = job([{ status: 'InProgress', secondary: 'Training', afterMs: MIN }])
      const asked: number[] = []
      // The fake clock for the first four intervals, then one that never ends by itself.
      const sleep = (ms: number): Promise<void> => {
        asked.push(ms)
        if (asked.length < 5) return time.sleep(ms)
        setImmediate(() => signals.emit('SIGINT'))
        return new Promise<void>(() => undefined)
      }
      const mark = world.aws.calls.length
      const started = Date.now()
      const outcome = await wait(name, {}, { signals, sleep })
      expect(asked).toEqual([30_000, 45_000, 30_000, 45_000, 67_500])
      expect(outcome).toMatchObject({ cancelled: true, stopRequested: true, status: 'Stopping' })
      expect(world.sagemaker.stops.filter((n) => n === name)).toHaveLength(1)
      // Within moments of the signal, not at the end of the minute-long interval.
      expect(Date.now() - started).toBeLessThan(3000)
      expect(world.aws.calls.slice(mark).at(-1)!.operation).toBe('StopTrainingJob')
      expect(signals.listenerCount('SIGINT')).toBe(0)
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
