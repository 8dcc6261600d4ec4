/**
 * AWS calls the job lifecycle makes: per run (submit + wait) and per hour of
 * waiting, for a job that trains for an hour and logs a line every 10 s per
 * instance, at several poll intervals and instance counts. The real SDK talks to
 * the local awsJson1_1 server; the wait runs on a fake clock, so an hour takes a
 * second or two. Every line the instances wrote must be printed exactly once.
 *
 * Goal: at most 130 calls per hour of waiting at the default settings, for 1 and for
 * 4 instances. Before one FilterLogEvents read every instance's logs and the polls
 * stretched while nothing changed, the wait made 234/h for 1 instance and 567/h for 4
 * (a DescribeTrainingJob and a GetLogEvents per stream every 30 s).
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

/** At most this many calls per hour of waiting, at the defaults, for 1 and for 4 instances. */
const GOAL_PER_HOUR = 130
/** What the defaults cost before (DescribeLogStreams + a GetLogEvents per stream per 30 s poll). */
const BEFORE_PER_HOUR: Record<number, number> = { 1: 234, 4: 567 }

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
  // Calls per hour at the default poll interval, by instance count.
  const atDefaults: Record<number, number> = {}
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
      const printed: string[] = []
      const outcome = await quietly(async () => {
        const log = memoryLog()
        await submitJob(settings, name, (n) => requestFor(n, undefined, s.instances), {
          log,
          shortSha: 'abc1234',
          onJob: () => undefined,
          onSettled: () => undefined
        })
        return waitForJob(settings, name, {
          log,
          onSettled: () => undefined,
          clock: { now },
          sleep,
          printLogs: (lines) => printed.push(...lines.map((l) => `${l.stream} ${l.timestamp} ${l.message}`))
        })
      })
      const wallMs = Number(process.hrtime.bigint() - wallStart) / 1e6
      const made = aws.calls.slice(first)
      const byOperation: Record<string, number> = {}
      for (const c of made) byOperation[c.operation] = (byOperation[c.operation] ?? 0) + 1
      const waitedHours = (t - created) / 3_600_000
      const linesAvailable = logs.events(`${name}/algo-1-1700000000`).length * s.instances
      const throttled = made.filter((c) => c.errorType === 'ThrottlingException').length
      const perHour = round(made.length / waitedHours)
      const isDefault = s.pollSeconds === 30 && !s.throttleEvery
      if (isDefault) atDefaults[s.instances] = perHour
      results[s.label] = {
        status: outcome.status,
        simulatedWaitMinutes: round(waitedHours * 60),
        polls: outcome.stats.polls,
        callsPerRun: made.length,
        callsPerHourOfWaiting: perHour,
        ...(isDefault && BEFORE_PER_HOUR[s.instances]
          ? { before: BEFORE_PER_HOUR[s.instances], goal: GOAL_PER_HOUR, goalMet: perHour <= GOAL_PER_HOUR }
          : {}),
        byOperation,
        // A poll that finds nothing new: one status call, and (once a container runs) one call for every instance's logs.
        callsPerIdlePoll: 2,
        logLinesAvailable: linesAvailable,
        logLinesPrinted: printed.length,
        logLinesPrintedOnce: new Set(printed).size === printed.length && printed.length === linesAvailable,
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
          `(${perHour}/h${isDefault && BEFORE_PER_HOUR[s.instances] ? `, was ${BEFORE_PER_HOUR[s.instances]}/h` : ''}; ` +
          `${Object.entries(byOperation)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')})${s.throttleEvery ? `, ${throttled} throttled responses` : ''}; ` +
          `${printed.length}/${linesAvailable} log lines printed${new Set(printed).size === printed.length ? '' : ', some twice'}`
      )
      t += 3_600_000
    }
  } finally {
    aws.setFaults(undefined)
    await aws.close()
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k]
    Object.assign(process.env, saved)
  }
  const goalMet = [1, 4].every((n) => atDefaults[n] !== undefined && atDefaults[n] <= GOAL_PER_HOUR)
  console.log(
    `goal (≤ ${GOAL_PER_HOUR} calls/h at the defaults for 1 and 4 instances): ${goalMet ? 'met' : 'NOT met'} — ` +
      `1 instance ${atDefaults[1]}/h (was ${BEFORE_PER_HOUR[1]}/h), 4 instances ${atDefaults[4]}/h (was ${BEFORE_PER_HOUR[4]}/h)`
  )
  return {
    goal: `at most ${GOAL_PER_HOUR} calls per hour of waiting at the defaults (poll 30 s), for 1 and for 4 instances`,
    goalMet,
    before: { '1 instance': BEFORE_PER_HOUR[1], '4 instances': BEFORE_PER_HOUR[4] },
    after: { '1 instance': atDefaults[1], '4 instances': atDefaults[4] },
    ...results
  }
}
