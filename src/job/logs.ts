/**
 * Tails a training job's CloudWatch logs into the step log.
 *
 * SageMaker writes one stream per instance, `<job>/algo-<n>-<epoch>`, in the
 * `/aws/sagemaker/TrainingJobs` group, and a new one when an instance comes back after a
 * spot interruption. Neither the group nor the streams exist until a container first
 * writes, so "not found" only means "not yet".
 *
 * One FilterLogEvents call per poll reads every stream of the job at once (the prefix
 * `<job>/`), interleaved in time order, so the cost does not grow with the instance count
 * and new streams need no looking for. Each poll asks again from the newest event seen,
 * minus a margin for events that reach CloudWatch late (an instance's batch can arrive
 * after another's newer lines); the events already printed in that margin are recognised
 * by their event id and skipped. Because every poll starts afresh from what was printed, a
 * page is only followed (nextToken) while it is full, or when it held nothing but events
 * already printed: a short or empty page that still carries a token (AWS does that) is
 * picked up again by the next poll, not chased.
 */
import type { CloudWatchLogsClient, FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs'
import { renewAfterExpiredCredentials } from '../aws/credentials.js'
import { errorName, explainAwsError, isExpiredCredentials, isThrottling, isTransient } from '../aws/errors.js'
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

/** How many instances to expect and where lines go. */
export interface TailerOptions {
  /** How many instances the job runs (lines get an `[algo-N]` prefix when more than one). */
  instanceCount: number
  log: Log
  /** Where lines go; the step log unless a test or the bench says otherwise. */
  print?: (lines: LogLine[], multiInstance: boolean) => void
}

/** What one poll did, for the poll schedule and the call count. */
export interface TailStats {
  /** New lines printed. */
  lines: number
  calls: number
  throttled: boolean
}

/** The call the tailer makes, as errors name it. */
export const FILTER_CALL = {
  service: 'CloudWatch Logs',
  operation: 'FilterLogEvents',
  permissions: [`logs:FilterLogEvents on ${LOG_GROUP}`]
}

/** The most events AWS returns in a page, and what we ask for. */
const PAGE_EVENTS = 10_000
/**
 * A page holds at most 1 MB; one with more than this in it counts as cut by that limit.
 * Single events can be big, so a page cut with less in it is possible: taken for short, it
 * only waits for the next poll, which reads on from it.
 */
const FULL_PAGE_BYTES = 768 * 1024
/** AWS counts this much per event towards a page's size. */
const EVENT_OVERHEAD_BYTES = 26
/** Pages read in one poll at most; the next poll carries on from there. */
const MAX_PAGES_PER_POLL = 10
/**
 * How late an event may reach CloudWatch (stamped this long before the newest one seen)
 * and still be printed. Instances send their lines in batches every few seconds; a minute
 * covers a slow or retried batch with room to spare, and costs only bytes read again.
 */
export const LATE_EVENT_MARGIN_MS = 60_000
/**
 * Event ids kept to recognise the events read again in that margin. A very chatty job
 * keeps fewer than the margin's worth, so that reading them again never fills a page by
 * itself; events older than the oldest kept then are no longer waited for.
 */
const MAX_REMEMBERED_EVENTS = 2_000
const MAX_REMEMBERED_BYTES = 256 * 1024
/** Instances start after the job is created; this allows for their clocks being a little behind. */
const CLOCK_SKEW_MS = 5 * 60_000

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

interface Remembered {
  id: string
  timestamp: number
  bytes: number
}

/** Follows every instance's log stream of one job. */
export class LogTailer {
  private expected: number
  private readonly instances = new Set<string>()
  private disabled = false
  private readonly print: (lines: LogLine[], multiInstance: boolean) => void
  private readonly log: Log
  /** The next poll asks for events from here on (undefined: from the start of the streams). */
  private floor: number | undefined
  /** The events printed at or after `floor`, oldest first, to skip them when they come again. */
  private remembered: Remembered[] = []
  private readonly seen = new Set<string>()
  private rememberedBytes = 0
  private newest = -Infinity

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

  /** The instances that have written so far (`algo-1`, ...). */
  get instanceNames(): string[] {
    return [...this.instances].sort()
  }

  /** The job's instance count, once DescribeTrainingJob has told us. */
  setInstanceCount(count: number): void {
    if (count > 0) this.expected = count
  }

  /**
   * When the job was created: no event of it can be older, and telling AWS where to start
   * keeps it from searching (and answering with empty pages) through the group's history.
   */
  startAt(createdAt: number): void {
    if (this.floor === undefined && this.remembered.length === 0) this.floor = Math.max(0, createdAt - CLOCK_SKEW_MS)
  }

  /** Reads what is new in every stream of the job, prints it in time order, and says what it cost. */
  async poll(): Promise<TailStats> {
    const stats: TailStats = { lines: 0, calls: 0, throttled: false }
    if (this.disabled) return stats
    const sdk = await import('@aws-sdk/client-cloudwatch-logs')
    const query = {
      logGroupName: LOG_GROUP,
      logStreamNamePrefix: `${this.jobName}/`,
      ...(this.floor !== undefined ? { startTime: this.floor } : {}),
      limit: PAGE_EVENTS
    }
    let nextToken: string | undefined
    let cutShort = false
    try {
      for (let page = 0; page < MAX_PAGES_PER_POLL; page++) {
        stats.calls++
        let out
        try {
          out = await this.client.send(new sdk.FilterLogEventsCommand({ ...query, nextToken }))
        } catch (error) {
          const name = errorName(error)
          // No log group yet: no container of any job in this region has written.
          if (name === 'ResourceNotFoundException') break
          // A token that is no longer good: the next poll asks afresh from what was printed.
          if (name === 'InvalidParameterException' && nextToken !== undefined) break
          throw error
        }
        const events = out.events ?? []
        const fresh = this.take(events)
        if (fresh.length > 0) {
          this.print(fresh, this.expected > 1 || this.instances.size > 1)
          stats.lines += fresh.length
        }
        // Only a full page may have more right behind it. A page that brought back nothing but
        // events already printed was cut short inside the margin read again: what is new lies
        // behind it, and asking afresh at the next poll would get the same page.
        const onlyRepeats = events.length > 0 && fresh.length === 0
        if (!out.nextToken || !(isFull(events) || onlyRepeats)) break
        if (onlyRepeats) cutShort = true
        nextToken = out.nextToken
      }
    } catch (error) {
      if (isThrottling(error)) stats.throttled = true
      else if (isExpiredCredentials(error)) {
        // Not a reason to stop streaming: with role-to-assume the session is renewed here (or by
        // the status poll), and without it the status poll ends the wait itself.
        if (renewAfterExpiredCredentials(error))
          this.log.info('The AWS session expired; role-to-assume was assumed again.')
        else this.log.debug(`Reading the job's logs failed this time: the AWS session expired.`)
      } else if (isTransient(error)) this.log.debug(`Reading the job's logs failed this time: ${errorMessage(error)}`)
      else {
        // Status keeps coming from SageMaker; lost logs should not fail the run.
        this.disabled = true
        this.log.warning(
          `Stopped streaming the job's logs (the job itself is still followed): ${explainAwsError(FILTER_CALL, error).message}`
        )
      }
    }
    // AWS cut a page shorter than what is read again: read less again next time.
    this.forget(cutShort)
    return stats
  }

  /** The events of a page not printed before, remembered from now on. */
  private take(events: FilteredLogEvent[]): LogLine[] {
    const lines: LogLine[] = []
    for (const e of events) {
      const timestamp = e.timestamp ?? 0
      // Without an id (AWS always sends one) the place in time stands in for it.
      const id = e.eventId ?? `${timestamp}/${e.logStreamName ?? ''}/${e.message ?? ''}`
      if (this.seen.has(id)) continue
      const stream = e.logStreamName ?? ''
      const line = { instance: instanceOf(stream), stream, timestamp, message: e.message ?? '' }
      this.instances.add(line.instance)
      lines.push(line)
      this.remember({ id, timestamp, bytes: Buffer.byteLength(line.message) + EVENT_OVERHEAD_BYTES })
    }
    return lines
  }

  private remember(event: Remembered): void {
    this.seen.add(event.id)
    this.rememberedBytes += event.bytes
    this.newest = Math.max(this.newest, event.timestamp)
    // Kept in time order: a late event goes in its place.
    let at = this.remembered.length
    while (at > 0 && this.remembered[at - 1].timestamp > event.timestamp) at--
    this.remembered.splice(at, 0, event)
  }

  /**
   * Moves the start of the next query up to the margin behind the newest event, and drops
   * the ids of the events before it, which cannot come back. For a chatty job it moves
   * further, to keep what is read again small (`shrink`: up to the newest event); the
   * events of one timestamp are dropped together, and the newest ones are always kept.
   */
  private forget(shrink: boolean): void {
    if (this.remembered.length === 0) return
    let floor = Math.max(0, this.floor ?? 0, shrink ? this.newest : this.newest - LATE_EVENT_MARGIN_MS)
    let drop = 0
    const dropOne = (): void => {
      const event = this.remembered[drop++]
      this.seen.delete(event.id)
      this.rememberedBytes -= event.bytes
    }
    while (drop < this.remembered.length && this.remembered[drop].timestamp < floor) dropOne()
    const tooMany = (): boolean =>
      this.remembered.length - drop > MAX_REMEMBERED_EVENTS || this.rememberedBytes > MAX_REMEMBERED_BYTES
    while (tooMany() && this.remembered[drop].timestamp < this.newest) {
      const oldest = this.remembered[drop].timestamp
      while (this.remembered[drop].timestamp === oldest) dropOne()
      floor = this.remembered[drop].timestamp
    }
    if (drop > 0) this.remembered = this.remembered.slice(drop)
    this.floor = floor
  }
}

/** A page cut by AWS's limits (so more may follow right behind it), not one that ran out of events. */
function isFull(events: FilteredLogEvent[]): boolean {
  if (events.length >= PAGE_EVENTS) return true
  let bytes = 0
  for (const e of events) bytes += Buffer.byteLength(e.message ?? '') + EVENT_OVERHEAD_BYTES
  return bytes >= FULL_PAGE_BYTES
}
