/**
 * Tails a training job's CloudWatch logs into the step log.
 *
 * SageMaker writes one stream per instance, `<job>/algo-<n>-<epoch>`, in the
 * `/aws/sagemaker/TrainingJobs` group. Neither the group nor the streams exist
 * until a container first writes, so "not found" only means "not yet".
 *
 * Calls are kept to what new lines need: DescribeLogStreams only until every
 * instance's stream is known (again after a spot interruption, which starts new
 * streams), then one GetLogEvents per stream per poll, continuing from the
 * stream's nextForwardToken. A poll with nothing new costs one call per stream.
 */
import type { CloudWatchLogsClient, OutputLogEvent } from '@aws-sdk/client-cloudwatch-logs'
import { errorName, explainAwsError, isThrottling, isTransient } from '../aws/errors.js'
import { errorMessage } from '../errors.js'
import type { Log } from '../log.js'
import { LOG_GROUP } from './urls.js'

/** One line of a training container's output. */
export interface LogLine {
  /** `algo-1`, from the stream name. */
  instance: string
  stream: string
  /** Milliseconds since the epoch, as CloudWatch gives it. */
  timestamp: number
  message: string
}

/** How many streams to expect and where lines go. */
export interface TailerOptions {
  /** How many instances (so streams) to expect. */
  instanceCount: number
  log: Log
  /** Where lines go; the step log unless a test or the bench says otherwise. */
  print?: (lines: LogLine[], multiInstance: boolean) => void
}

/** What one poll did, for backoff decisions and the call count. */
export interface TailStats {
  lines: number
  calls: number
  throttled: boolean
}

interface StreamPosition {
  name: string
  instance: string
  token?: string
  /** Newest timestamp seen and how many events carried it, to skip them when re-reading by time. */
  lastTimestamp: number
  seenAtLast: number
}

/** A page this big may have a next one right behind it; smaller pages wait for the next poll. */
const FULL_PAGE_EVENTS = 1000
const FULL_PAGE_BYTES = 512 * 1024
const MAX_PAGES_PER_POLL = 10

/** The instance part of a stream name: `job/algo-2-1700000000` → `algo-2`. */
export function instanceOf(stream: string): string {
  const tail = stream.slice(stream.indexOf('/') + 1)
  return /^(algo-\d+)/.exec(tail)?.[1] ?? tail
}

/** A batch of lines as the step log shows them: with the instance in front when there are several. */
export function formatLines(lines: readonly LogLine[], multiInstance: boolean): string[] {
  return lines.map((l) => {
    const message = l.message.replace(/\r?\n$/, '')
    return multiInstance ? `[${l.instance}] ${message}` : message
  })
}

/** Follows every instance's log stream of one job. */
export class LogTailer {
  private readonly streams = new Map<string, StreamPosition>()
  private expected: number
  private disabled = false
  private readonly print: (lines: LogLine[], multiInstance: boolean) => void
  private readonly log: Log
  /** The last call made, to name it when it fails. */
  private lastCall = 'DescribeLogStreams'

  constructor(
    private readonly client: CloudWatchLogsClient,
    private readonly jobName: string,
    options: TailerOptions
  ) {
    this.expected = Math.max(1, options.instanceCount)
    this.log = options.log
    // Training output is someone else's text: it is shown, never obeyed as a runner command.
    this.print = options.print ?? ((lines, multi) => lines.length > 0 && this.log.untrusted(formatLines(lines, multi)))
  }

  /** Stream names found so far. */
  get streamNames(): string[] {
    return [...this.streams.keys()]
  }

  /** The job's instance count, once DescribeTrainingJob has told us. */
  setInstanceCount(count: number): void {
    if (count > 0 && this.streams.size === 0) this.expected = count
  }

  /** After a spot interruption the instances come back with new streams: look for them again. */
  expectRestart(instanceCount: number): void {
    this.expected = this.streams.size + Math.max(1, instanceCount)
  }

  /**
   * Reads what is new in every stream and prints it, merged in time order.
   * `lookForStreams: false` skips looking for streams not yet seen (no container runs yet).
   */
  async poll(lookForStreams = true): Promise<TailStats> {
    const stats: TailStats = { lines: 0, calls: 0, throttled: false }
    if (this.disabled) return stats
    const sdk = await import('@aws-sdk/client-cloudwatch-logs')
    try {
      if (lookForStreams && this.streams.size < this.expected) await this.discover(sdk, stats)
      const batch: { line: LogLine; order: number }[] = []
      let order = 0
      for (const position of this.streams.values()) {
        for (const line of await this.read(sdk, position, stats)) batch.push({ line, order: order++ })
      }
      // Streams are read one after another; their lines interleave by time.
      batch.sort((a, b) => a.line.timestamp - b.line.timestamp || a.order - b.order)
      this.print(
        batch.map((b) => b.line),
        this.streams.size > 1
      )
      stats.lines = batch.length
    } catch (error) {
      if (isThrottling(error)) stats.throttled = true
      else if (isTransient(error)) this.log.debug(`Reading the job's logs failed this time: ${errorMessage(error)}`)
      else {
        // Status keeps coming from SageMaker; lost logs should not fail the run.
        this.disabled = true
        const call = {
          service: 'CloudWatch Logs',
          operation: this.lastCall,
          permissions: [`logs:${this.lastCall} on ${LOG_GROUP}`]
        }
        this.log.warning(
          `Stopped streaming the job's logs (the job itself is still followed): ${explainAwsError(call, error).message}`
        )
      }
    }
    return stats
  }

  private async discover(sdk: typeof import('@aws-sdk/client-cloudwatch-logs'), stats: TailStats): Promise<void> {
    let nextToken: string | undefined
    let pages = 0
    do {
      stats.calls++
      this.lastCall = 'DescribeLogStreams'
      let out
      try {
        out = await this.client.send(
          new sdk.DescribeLogStreamsCommand({
            logGroupName: LOG_GROUP,
            logStreamNamePrefix: `${this.jobName}/`,
            orderBy: 'LogStreamName',
            limit: 50,
            nextToken
          })
        )
      } catch (error) {
        if (errorName(error) === 'ResourceNotFoundException') return
        throw error
      }
      for (const s of out.logStreams ?? []) {
        if (!s.logStreamName || this.streams.has(s.logStreamName)) continue
        this.streams.set(s.logStreamName, {
          name: s.logStreamName,
          instance: instanceOf(s.logStreamName),
          lastTimestamp: 0,
          seenAtLast: 0
        })
      }
      nextToken = out.nextToken
      pages++
    } while (nextToken && pages < 20 && this.streams.size < this.expected)
  }

  private async read(
    sdk: typeof import('@aws-sdk/client-cloudwatch-logs'),
    position: StreamPosition,
    stats: TailStats
  ): Promise<LogLine[]> {
    const lines: LogLine[] = []
    for (let page = 0; page < MAX_PAGES_PER_POLL; page++) {
      const byTime = position.token === undefined
      stats.calls++
      this.lastCall = 'GetLogEvents'
      let out
      try {
        out = await this.client.send(
          new sdk.GetLogEventsCommand({
            logGroupName: LOG_GROUP,
            logStreamName: position.name,
            startFromHead: true,
            ...(byTime
              ? position.lastTimestamp > 0
                ? { startTime: position.lastTimestamp }
                : {}
              : { nextToken: position.token })
          })
        )
      } catch (error) {
        const name = errorName(error)
        if (name === 'ResourceNotFoundException') return lines
        // Tokens expire after 24 hours: continue from the last timestamp instead.
        if (name === 'InvalidParameterException' && !byTime) {
          position.token = undefined
          continue
        }
        throw error
      }
      const events = out.events ?? []
      const fresh = byTime ? this.skipSeen(position, events) : events
      for (const e of fresh) {
        const timestamp = e.timestamp ?? 0
        if (timestamp > position.lastTimestamp) {
          position.lastTimestamp = timestamp
          position.seenAtLast = 1
        } else if (timestamp === position.lastTimestamp) position.seenAtLast++
        lines.push({
          instance: position.instance,
          stream: position.name,
          timestamp,
          message: e.message ?? ''
        })
      }
      const sameToken = out.nextForwardToken === undefined || out.nextForwardToken === position.token
      if (out.nextForwardToken) position.token = out.nextForwardToken
      const bytes = events.reduce((n, e) => n + (e.message?.length ?? 0) + 26, 0)
      if (sameToken || events.length === 0 || (events.length < FULL_PAGE_EVENTS && bytes < FULL_PAGE_BYTES)) break
    }
    return lines
  }

  /** When reading from a timestamp, the events already printed at that timestamp come back first. */
  private skipSeen(position: StreamPosition, events: OutputLogEvent[]): OutputLogEvent[] {
    let skip = position.seenAtLast
    return events.filter((e) => {
      const t = e.timestamp ?? 0
      if (t < position.lastTimestamp) return false
      if (t === position.lastTimestamp && skip > 0) {
        skip--
        return false
      }
      return true
    })
  }
}
