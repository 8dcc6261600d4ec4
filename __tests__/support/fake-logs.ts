/**
 * CloudWatch Logs for the local AWS-protocol server, enough for tailing a
 * training job: a log group that may not exist yet, streams, and events, with
 * GetLogEvents' token semantics (the same nextForwardToken comes back at the end
 * of a stream), DescribeLogStreams' prefix, order and paging, and FilterLogEvents,
 * which reads every stream of a job in one call (see the handler for its paging).
 */
import { createHash } from 'node:crypto'
import { AwsFault, checkedOutput, type FakeAws } from './fake-aws.js'

export interface FakeEvent {
  timestamp: number
  message: string
  ingestionTime: number
}

export interface FakeLogs {
  /** Log groups that exist (none until something is written, as in a fresh account). */
  groups: Set<string>
  /** `group\u0000stream` → events */
  streams: Map<string, FakeEvent[]>
  /** Appends lines to a stream (creating the group and stream), at `timestamp` or now. */
  put(stream: string, lines: (string | { timestamp: number; message: string })[], group?: string): void
  /** Creates an empty stream (and its group). */
  createStream(stream: string, group?: string): void
  /** Every event of a stream, for assertions. */
  events(stream: string, group?: string): FakeEvent[]
  /** At most this many events per GetLogEvents or FilterLogEvents page (default AWS's 10,000). */
  pageSize: number
  /** At most this many bytes of events per FilterLogEvents page (default AWS's 1 MB; each event counts its message's UTF-8 bytes plus 26). */
  pageBytes: number
}

/** The order events were ingested in, across all streams: FilterLogEvents breaks timestamp ties with it. */
const ingestionOrder = new WeakMap<FakeEvent, number>()
let ingested = 0
// Events a test pushes straight into `streams` get their place when first seen.
const orderOf = (event: FakeEvent): number => {
  let n = ingestionOrder.get(event)
  if (n === undefined) ingestionOrder.set(event, (n = ingested++))
  return n
}
// CloudWatch counts 26 bytes of overhead per event in its size limits.
const EVENT_OVERHEAD = 26

const TRAINING_GROUP = '/aws/sagemaker/TrainingJobs'
const key = (group: string, stream: string): string => `${group}\u0000${stream}`

/** Registers the CloudWatch Logs handlers on the fake server. */
export function fakeLogs(aws: FakeAws, options: { now?: () => number } = {}): FakeLogs {
  const now = options.now ?? Date.now
  const groups = new Set<string>()
  const streams = new Map<string, FakeEvent[]>()

  const createStream = (stream: string, group = TRAINING_GROUP): void => {
    groups.add(group)
    if (!streams.has(key(group, stream))) streams.set(key(group, stream), [])
  }

  const fake: FakeLogs = {
    groups,
    streams,
    pageSize: 10_000,
    pageBytes: 1_048_576,
    createStream,
    put(stream, lines, group = TRAINING_GROUP) {
      createStream(stream, group)
      const events = streams.get(key(group, stream))!
      for (const line of lines) {
        const event = typeof line === 'string' ? { timestamp: now(), message: line } : line
        const stored = { ...event, ingestionTime: now() }
        orderOf(stored)
        events.push(stored)
      }
    },
    events: (stream, group = TRAINING_GROUP) => streams.get(key(group, stream)) ?? []
  }

  const groupOf = (input: any): string => {
    const group: string = input.logGroupName ?? input.logGroupIdentifier
    if (!groups.has(group)) throw new AwsFault('ResourceNotFoundException', 'The specified log group does not exist.')
    return group
  }

  aws.on('Logs_20140328.DescribeLogStreams', (input) => {
    const group = groupOf(input)
    if (input.orderBy === 'LastEventTime' && input.logStreamNamePrefix)
      throw new AwsFault('InvalidParameterException', 'Cannot order by LastEventTime with a logStreamNamePrefix.')
    const prefix: string = input.logStreamNamePrefix ?? ''
    const names = [...streams.keys()]
      .filter((k) => k.startsWith(key(group, prefix)))
      .map((k) => k.slice(group.length + 1))
      .sort()
    if (input.descending) names.reverse()
    const start = input.nextToken ? Number(input.nextToken) : 0
    const limit: number = input.limit ?? 50
    const page = names.slice(start, start + limit)
    return {
      logStreams: page.map((name) => {
        const events = streams.get(key(group, name))!
        return {
          logStreamName: name,
          creationTime: events[0]?.ingestionTime ?? now(),
          arn: `arn:aws:logs:us-east-1:123456789012:log-group:${group}:log-stream:${name}`,
          ...(events.length > 0
            ? {
                firstEventTimestamp: events[0].timestamp,
                lastEventTimestamp: events.at(-1)!.timestamp
              }
            : {}),
          storedBytes: 0
        }
      }),
      ...(start + limit < names.length ? { nextToken: String(start + limit) } : {})
    }
  })

  aws.on('Logs_20140328.GetLogEvents', (input) => {
    const group = groupOf(input)
    const events = streams.get(key(group, input.logStreamName))
    if (!events) throw new AwsFault('ResourceNotFoundException', 'The specified log stream does not exist.')
    if (input.nextToken !== undefined && input.startFromHead !== true && String(input.nextToken).startsWith('f/'))
      throw new AwsFault('InvalidParameterException', 'startFromHead must be true when paging forward.')
    let position: number
    if (input.nextToken !== undefined) {
      const match = /^[fb]\/(\d+)$/.exec(String(input.nextToken))
      if (!match) throw new AwsFault('InvalidParameterException', 'The specified nextToken is invalid.')
      position = Number(match[1])
    } else if (input.startFromHead === true) {
      position = 0
    } else {
      position = Math.max(0, events.length - (input.limit ?? 10_000))
    }
    if (input.startTime !== undefined)
      while (position < events.length && events[position].timestamp < input.startTime) position++
    const limit = Math.min(input.limit ?? 10_000, fake.pageSize)
    let page = events.slice(position, position + limit)
    if (input.endTime !== undefined) page = page.filter((e) => e.timestamp < input.endTime)
    const next = position + page.length
    return {
      events: page,
      // At the end the same token comes back, which is how a reader knows it is caught up.
      nextForwardToken: `f/${String(next).padStart(20, '0')}`,
      nextBackwardToken: `b/${String(position).padStart(20, '0')}`
    }
  })

  /*
   * FilterLogEvents, as a tailer of several streams would use it: the matching streams'
   * events interleaved by timestamp (ties in ingestion order), startTime and endTime both
   * inclusive, pages of at most `limit`, `pageSize` and `pageBytes` (at least one event).
   * The nextToken names the last event returned, so the next page starts right after it
   * even when events arrived meanwhile: later ones are picked up, but an event stamped
   * before where the page stopped is not (a tailer must overlap its windows and drop
   * repeats by eventId, as with AWS). No nextToken once nothing is left. filterPattern is
   * not supported.
   */
  aws.on('Logs_20140328.FilterLogEvents', (input) => {
    if (input.logGroupName !== undefined && input.logGroupIdentifier !== undefined)
      throw new AwsFault('InvalidParameterException', 'Specify logGroupName or logGroupIdentifier, not both.')
    if (input.logGroupName === undefined && input.logGroupIdentifier === undefined)
      throw new AwsFault('InvalidParameterException', 'Either logGroupName or logGroupIdentifier must be specified.')
    if (input.logStreamNames !== undefined && input.logStreamNamePrefix !== undefined)
      throw new AwsFault(
        'InvalidParameterException',
        'Cannot specify both logStreamNames and logStreamNamePrefix in the same request.'
      )
    if (input.filterPattern) throw new AwsFault('NotImplemented', 'The test server does not support filterPattern', 501)
    const group = groupOf(input)
    const forward = input.startFromHead !== false
    const startTime: number = input.startTime ?? -Infinity
    const endTime: number = input.endTime ?? Infinity
    const wanted = (name: string): boolean =>
      input.logStreamNames ? input.logStreamNames.includes(name) : name.startsWith(input.logStreamNamePrefix ?? '')
    // A token is only good for the query that produced it.
    const query = createHash('sha256')
      .update(
        JSON.stringify([
          group,
          input.logStreamNames ?? null,
          input.logStreamNamePrefix ?? null,
          input.startTime ?? null,
          input.endTime ?? null,
          forward
        ])
      )
      .digest('base64url')
      .slice(0, 16)

    type Found = { stream: string; event: FakeEvent; order: number }
    const found: Found[] = []
    for (const [k, events] of [...streams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (!k.startsWith(key(group, ''))) continue
      const stream = k.slice(group.length + 1)
      if (!wanted(stream)) continue
      for (const event of events)
        if (event.timestamp >= startTime && event.timestamp <= endTime)
          found.push({ stream, event, order: orderOf(event) })
    }
    const compare = (a: { t: number; o: number }, b: { t: number; o: number }): number => {
      const order = a.t - b.t || a.o - b.o
      return forward ? order : -order
    }
    const place = (f: Found): { t: number; o: number } => ({ t: f.event.timestamp, o: f.order })
    found.sort((a, b) => compare(place(a), place(b)))

    let rest = found
    if (input.nextToken !== undefined) {
      let after: { t: number; o: number }
      try {
        const token = JSON.parse(Buffer.from(String(input.nextToken), 'base64url').toString('utf8'))
        if (token.q !== query || typeof token.t !== 'number' || typeof token.o !== 'number')
          throw new Error('another query')
        after = { t: token.t, o: token.o }
      } catch {
        throw new AwsFault('InvalidParameterException', 'The specified nextToken is invalid.')
      }
      rest = found.filter((f) => compare(place(f), after) > 0)
    }

    const limit = Math.min(input.limit ?? 10_000, fake.pageSize)
    const page: Found[] = []
    let bytes = 0
    for (const f of rest) {
      const size = Buffer.byteLength(f.event.message) + EVENT_OVERHEAD
      if (page.length >= limit || (page.length > 0 && bytes + size > fake.pageBytes)) break
      page.push(f)
      bytes += size
    }
    const last = page.at(-1)
    return checkedOutput('Logs_20140328', 'FilterLogEvents', {
      events: page.map((f) => ({
        logStreamName: f.stream,
        timestamp: f.event.timestamp,
        message: f.event.message,
        ingestionTime: f.event.ingestionTime,
        eventId: eventIdOf(f.event.timestamp, f.order)
      })),
      searchedLogStreams: [],
      ...(last && rest.length > page.length
        ? {
            nextToken: Buffer.from(JSON.stringify({ q: query, t: last.event.timestamp, o: last.order })).toString(
              'base64url'
            )
          }
        : {})
    })
  })

  return fake
}

/** An event id shaped like CloudWatch's (56 digits), unique per event and stable across calls. */
function eventIdOf(timestamp: number, order: number): string {
  return `${String(Math.max(0, timestamp)).padStart(20, '0')}${String(order).padStart(36, '0')}`
}
