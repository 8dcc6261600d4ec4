/**
 * AWS calls the job lifecycle makes: per run (submit + wait) and per hour of
 * waiting, for a job that trains for an hour and logs a line every 10 s per
 * instance, at several poll intervals and instance counts. The real SDK talks to
 * the local awsJson1_1 server; the wait runs on a fake clock, so an hour takes a
 * second or two. Goal: as few calls as the status and the logs need.
 *
 * For comparison, the SageMaker Python SDK's `logs=True` loop (aws-facts §3)
 * polls logs every 10 s (a GetLogEvents per stream, plus one more per stream
 * whenever a page had events) and DescribeTrainingJob every 30 s.
 *
 * Run through `npm run bench` (compiled into .bench/), from the repository root.
 */
import type { Settings } from '../src/config/settings.js'

interface Scenario {
  label: string
  pollSeconds: number
  instances: number
  /** Minutes of Training after a 5-minute start-up. */
  trainMinutes: number
  /** Throttle every n-th SageMaker/Logs call (the SDK retries it). */
  throttleEvery?: number
}

const SCENARIOS: Scenario[] = [
  { label: '1 instance, poll 30 s (default)', pollSeconds: 30, instances: 1, trainMinutes: 60 },
  { label: '4 instances, poll 30 s', pollSeconds: 30, instances: 4, trainMinutes: 60 },
  { label: '1 instance, poll 10 s', pollSeconds: 10, instances: 1, trainMinutes: 60 },
  { label: '1 instance, poll 60 s', pollSeconds: 60, instances: 1, trainMinutes: 60 },
  {
    label: '1 instance, poll 30 s, every 10th call throttled',
    pollSeconds: 30,
    instances: 1,
    trainMinutes: 30,
    throttleEvery: 10
  }
]

const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits

function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const write = process.stdout.write
  process.stdout.write = (() => true) as typeof process.stdout.write
  return fn().finally(() => {
    process.stdout.write = write
  })
}

export async function run(): Promise<Record<string, unknown>> {
  const { startFakeAws } = await import('../__tests__/support/fake-aws.js')
  const { fakeSageMaker } = await import('../__tests__/support/fake-sagemaker.js')
  const { fakeLogs } = await import('../__tests__/support/fake-logs.js')
  const { jobSettings, requestFor } = await import('../__tests__/support/job-env.js')
  const { submitJob } = await import('../src/job/submit.js')
  const { waitForJob } = await import('../src/job/wait.js')
  const { memoryLog } = await import('../src/log.js')

  const saved = { ...process.env }
  const results: Record<string, unknown> = {}
  const aws = await startFakeAws()
  try {
    let t = Date.UTC(2026, 0, 1)
    const now = (): number => t
    const sagemaker = fakeSageMaker(aws, { now })
    const logs = fakeLogs(aws, { now })
    Object.assign(process.env, {
      AWS_ENDPOINT_URL: aws.url,
      AWS_ACCESS_KEY_ID: 'AKIDBENCH',
      AWS_SECRET_ACCESS_KEY: 'bench',
      AWS_EC2_METADATA_DISABLED: 'true'
    })
    delete process.env.GITHUB_STATE

    for (const [i, s] of SCENARIOS.entries()) {
      const name = `bench-${i}`
      const startup = 5 * 60_000
      const end = startup + s.trainMinutes * 60_000
      sagemaker.script(name, {
        steps: [
          { status: 'InProgress', secondary: 'Downloading', afterMs: 2 * 60_000 },
          { status: 'InProgress', secondary: 'Training', afterMs: startup },
          { status: 'InProgress', secondary: 'Uploading', afterMs: end },
          { status: 'Completed', secondary: 'Completed', afterMs: end + 60_000 }
        ],
        metrics: [{ name: 'val:accuracy', value: 0.9 }]
      })
      const created = t
      // Each instance logs a line every 10 s of training, written as simulated time passes.
      let loggedUntil = created + startup
      const sleep = async (ms: number): Promise<void> => {
        t += ms
        for (; loggedUntil + 10_000 <= Math.min(t, created + end); loggedUntil += 10_000)
          for (let n = 1; n <= s.instances; n++)
            logs.put(`${name}/algo-${n}-1700000000`, [
              { timestamp: loggedUntil + 10_000, message: `step at ${loggedUntil}` }
            ])
      }
      let calls = 0
      aws.setFaults(
        s.throttleEvery
          ? () =>
              ++calls % s.throttleEvery! === 0
                ? {
                    kind: 'error',
                    status: 400,
                    type: 'ThrottlingException',
                    message: 'Rate exceeded'
                  }
                : undefined
          : undefined
      )

      const settings: Settings = jobSettings({
        pollIntervalSeconds: s.pollSeconds,
        instanceCount: s.instances
      })
      const first = aws.calls.length
      const wallStart = process.hrtime.bigint()
      const outcome = await quietly(async () => {
        const log = memoryLog()
        await submitJob(settings, name, (n) => requestFor(n, undefined, s.instances), {
          log,
          shortSha: 'abc1234',
          onJob: () => undefined,
          onSettled: () => undefined
        })
        return waitForJob(settings, name, { log, onSettled: () => undefined, clock: { now }, sleep })
      })
      const wallMs = Number(process.hrtime.bigint() - wallStart) / 1e6
      const made = aws.calls.slice(first)
      const byOperation: Record<string, number> = {}
      for (const c of made) byOperation[c.operation] = (byOperation[c.operation] ?? 0) + 1
      const waitedHours = (t - created) / 3_600_000
      const linesPrinted = logs.events(`${name}/algo-1-1700000000`).length * s.instances
      const throttled = made.filter((c) => c.errorType === 'ThrottlingException').length
      results[s.label] = {
        status: outcome.status,
        simulatedWaitMinutes: round(waitedHours * 60),
        polls: outcome.stats.polls,
        callsPerRun: made.length,
        callsPerHourOfWaiting: round(made.length / waitedHours),
        byOperation,
        callsPerIdlePoll: 1 + s.instances,
        logLinesAvailable: linesPrinted,
        ...(s.throttleEvery ? { throttledResponses: throttled } : {}),
        wallMs: round(wallMs, 0)
      }
      // The Python SDK's loop over the same job, counted from its algorithm (not measured).
      const pyPolls = (waitedHours * 3600) / 10
      const streamsWithNews = s.instances * (s.trainMinutes / (waitedHours * 60))
      ;(results[s.label] as Record<string, unknown>).pythonSdkEstimatePerHour = round(
        (waitedHours * 120 + pyPolls * (s.instances + streamsWithNews)) / waitedHours
      )
      console.log(
        `${s.label}: ${made.length} calls for ${round(waitedHours * 60)} min of waiting ` +
          `(${round(made.length / waitedHours)}/h; ${Object.entries(byOperation)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')})${s.throttleEvery ? `, ${throttled} throttled responses` : ''}`
      )
      t += 3_600_000
    }
  } finally {
    aws.setFaults(undefined)
    await aws.close()
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k]
    Object.assign(process.env, saved)
  }
  return {
    goal: 'as few calls as the status and logs need: 1 DescribeTrainingJob + 1 GetLogEvents per stream per poll',
    ...results
  }
}
