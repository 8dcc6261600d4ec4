/**
 * CloudWatch Logs for the local AWS-protocol server, enough for tailing a
 * training job: a log group that may not exist yet, streams, and events, with
 * GetLogEvents' token semantics (the same nextForwardToken comes back at the end
 * of a stream) and DescribeLogStreams' prefix, order and paging.
 */
import { AwsFault, type FakeAws } from './fake-aws.js'

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
  /** At most this many events per GetLogEvents page (default AWS's 10,000). */
  pageSize: number
}

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
    createStream,
    put(stream, lines, group = TRAINING_GROUP) {
      createStream(stream, group)
      const events = streams.get(key(group, stream))!
      for (const line of lines) {
        const event = typeof line === 'string' ? { timestamp: now(), message: line } : line
        events.push({ ...event, ingestionTime: now() })
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

  return fake
}
