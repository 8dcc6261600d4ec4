/**
 * The local AWS stand-in's newer parts, driven by the real SDK clients: SageMaker Search,
 * CloudWatch Logs FilterLogEvents, STS on the query protocol with tokens from the fake
 * runner OIDC endpoint, and credentials that expire.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import {
  CreateTrainingJobCommand,
  DescribeTrainingJobCommand,
  SageMakerClient,
  SearchCommand,
  type SearchCommandInput
} from '@aws-sdk/client-sagemaker'
import { CloudWatchLogsClient, FilterLogEventsCommand, type FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs'
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { fromWebToken } from '@aws-sdk/credential-provider-web-identity'
import { getIDToken } from '@actions/core'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { EXPIRED_TOKEN_MESSAGE, startFakeAws, type FakeAws } from './support/fake-aws.js'
import { fakeSageMaker, type FakeSageMaker } from './support/fake-sagemaker.js'
import { fakeLogs, type FakeLogs } from './support/fake-logs.js'
import { decodeJwt, startFakeOidc, type FakeOidc } from './support/fake-oidc.js'
import { fakeSts, type FakeSts } from './support/fake-sts.js'
import { requestFor } from './support/job-env.js'

const region = 'us-east-1'
const staticKeys = { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' }
const ROLE = 'arn:aws:iam::123456789012:role/train-on-push'
const HOUR = 3_600_000
/** Temporary credentials as the web-identity provider hands them out. */
type AwsCredentialIdentity = Awaited<ReturnType<ReturnType<typeof fromWebToken>>>

// Every variable a test here sets, put back afterwards whatever happens.
const ENV_KEYS = [
  'ACTIONS_ID_TOKEN_REQUEST_URL',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_STS',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_REGION',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE'
]
const savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]))
const restoreEnv = (): void => {
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
}

describe('SageMaker Search on the fake', () => {
  let aws: FakeAws
  let sagemaker: FakeSageMaker
  let client: SageMakerClient
  const t0 = Date.UTC(2026, 0, 15, 12)
  const lineage = { 'train-on-push:repository': 'acme/dogs', 'train-on-push:branch': 'models' }

  beforeAll(async () => {
    aws = await startFakeAws()
    sagemaker = fakeSageMaker(aws, { now: () => t0 })
    client = new SageMakerClient({ region, endpoint: aws.url, credentials: staticKeys, maxAttempts: 1 })
    sagemaker.seed('dogs-a1', 'Completed', undefined, {
      tags: lineage,
      metrics: [{ name: 'validation:loss', value: 0.31 }],
      createdAt: t0 - 6 * HOUR,
      endedAt: t0 - 5 * HOUR
    })
    sagemaker.seed('dogs-b2', 'Completed', undefined, {
      tags: lineage,
      metrics: [{ name: 'validation:loss', value: 0.27 }],
      createdAt: t0 - 4 * HOUR,
      endedAt: t0 - 3 * HOUR
    })
    sagemaker.seed('dogs-c3', 'Failed', undefined, { tags: lineage, createdAt: t0 - 2 * HOUR, endedAt: t0 - HOUR })
    sagemaker.seed('cats-d4', 'Completed', undefined, {
      tags: { ...lineage, 'train-on-push:repository': 'acme/cats' },
      createdAt: t0 - HOUR,
      endedAt: t0 - HOUR / 2
    })
    // The run's own job, created through the API with its tags as the action sends them.
    const request = requestFor('dogs-e5')
    request.Tags = [...request.Tags, ...Object.entries(lineage).map(([Key, Value]) => ({ Key, Value }))]
    await client.send(new CreateTrainingJobCommand(request))
  })
  afterAll(async () => {
    client?.destroy()
    await aws?.close()
  })

  const baselines = (extra: Partial<SearchCommandInput> = {}): SearchCommandInput => ({
    Resource: 'TrainingJob',
    SearchExpression: {
      Filters: [
        { Name: 'Tags.train-on-push:repository', Operator: 'Equals', Value: 'acme/dogs' },
        { Name: 'TrainingJobStatus', Operator: 'Equals', Value: 'Completed' },
        { Name: 'TrainingJobName', Operator: 'NotEquals', Value: 'dogs-e5' }
      ]
    },
    SortBy: 'CreationTime',
    SortOrder: 'Descending',
    ...extra
  })

  it('finds the lineage baselines, newest Completed first, page by page', async () => {
    const first = await client.send(new SearchCommand(baselines({ MaxResults: 1 })))
    expect(first.Results!.map((r) => r.TrainingJob!.TrainingJobName)).toEqual(['dogs-b2'])
    expect(first.NextToken).toBeDefined()
    expect(first.TotalHits).toEqual({ Value: 2, Relation: 'EqualTo' })
    const job = first.Results![0].TrainingJob!
    expect(job.Tags).toEqual(expect.arrayContaining([{ Key: 'train-on-push:repository', Value: 'acme/dogs' }]))
    expect(job.FinalMetricDataList).toEqual([
      { MetricName: 'validation:loss', Value: 0.27, Timestamp: new Date(t0 - 3 * HOUR) }
    ])
    expect(job.CreationTime).toEqual(new Date(t0 - 4 * HOUR))
    expect(job.TrainingEndTime).toEqual(new Date(t0 - 3 * HOUR))

    // A newer baseline appearing between pages does not shift the paging.
    sagemaker.seed('dogs-f6', 'Completed', undefined, { tags: lineage, createdAt: t0, endedAt: t0 })
    try {
      const second = await client.send(new SearchCommand(baselines({ MaxResults: 1, NextToken: first.NextToken })))
      expect(second.Results!.map((r) => r.TrainingJob!.TrainingJobName)).toEqual(['dogs-a1'])
      expect(second.NextToken).toBeUndefined()
    } finally {
      sagemaker.jobs.delete('dogs-f6')
    }
  })

  it('finds created and seeded jobs alike, with Or sub-expressions, metrics and end-time sorting', async () => {
    const out = await client.send(
      new SearchCommand({
        Resource: 'TrainingJob',
        SearchExpression: {
          Filters: [{ Name: 'Tags.train-on-push:repository', Value: 'acme/dogs' }],
          SubExpressions: [
            {
              Operator: 'Or',
              Filters: [
                { Name: 'TrainingJobStatus', Operator: 'In', Value: 'InProgress,Stopping' },
                { Name: 'Metrics.validation:loss', Operator: 'LessThan', Value: '0.3' }
              ]
            }
          ]
        },
        SortBy: 'TrainingEndTime',
        SortOrder: 'Ascending'
      })
    )
    // Jobs that have not ended sort last; the running one came from CreateTrainingJob.
    expect(out.Results!.map((r) => r.TrainingJob!.TrainingJobName)).toEqual(['dogs-b2', 'dogs-e5'])
    const running = out.Results![1].TrainingJob!
    expect(running.TrainingJobStatus).toBe('InProgress')
    expect(running.Environment).toEqual(requestFor('dogs-e5').Environment)
  })

  it('refuses invalid searches: by the model, and by Search rules', async () => {
    await expect(client.send(new SearchCommand(baselines({ MaxResults: 101 })))).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringMatching(/MaxResults.*at most 100/)
    })
    await expect(
      client.send(
        new SearchCommand({
          Resource: 'TrainingJob',
          SearchExpression: { Filters: [{ Name: 'TrainingJobStatus', Operator: 'Bigger' as 'Equals', Value: 'x' }] }
        })
      )
    ).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringMatching(/Operator.*not one of/) })
    await expect(
      client.send(
        new SearchCommand({
          Resource: 'TrainingJob',
          SearchExpression: { Filters: [{ Name: 'TrainingJobName', Operator: 'GreaterThan', Value: 'a' }] }
        })
      )
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringMatching(/not supported for the text/)
    })
    await expect(
      client.send(new SearchCommand(baselines({ NextToken: Buffer.from('{}').toString('base64url') })))
    ).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringMatching(/NextToken/) })
  })

  it('checks its own answers against the model: a job AWS could not have fails the search loudly', async () => {
    sagemaker.seed('dogs-zz', 'InProgress', 'Daydreaming')
    try {
      await expect(client.send(new SearchCommand({ Resource: 'TrainingJob' }))).rejects.toMatchObject({
        name: 'InternalFailure',
        message: expect.stringMatching(/answer breaks the model: .*SecondaryStatus/)
      })
    } finally {
      sagemaker.jobs.delete('dogs-zz')
    }
  })
})

describe('CloudWatch Logs FilterLogEvents on the fake', () => {
  let aws: FakeAws
  let logs: FakeLogs
  let client: CloudWatchLogsClient
  let clock = 1_000_000
  const group = '/aws/sagemaker/TrainingJobs'

  beforeAll(async () => {
    aws = await startFakeAws()
    logs = fakeLogs(aws, { now: () => clock })
    client = new CloudWatchLogsClient({ region, endpoint: aws.url, credentials: staticKeys, maxAttempts: 1 })
  })
  afterAll(async () => {
    client?.destroy()
    await aws?.close()
  })
  afterEach(() => {
    logs.groups.clear()
    logs.streams.clear()
    logs.pageSize = 10_000
    logs.pageBytes = 1_048_576
  })

  const lines = (events: FilteredLogEvent[] = []): string[] =>
    events.map((e) => `${e.logStreamName!.split('/')[1]}:${e.timestamp}:${e.message}`)

  it('interleaves three streams by time, pages, and continues exactly where a page stopped', async () => {
    logs.put('job/algo-1-1', [
      { timestamp: 10, message: 'a' },
      { timestamp: 30, message: 'b' }
    ])
    logs.put('job/algo-2-1', [
      { timestamp: 20, message: 'c' },
      { timestamp: 30, message: 'd' }
    ])
    logs.put('job/algo-3-1', [{ timestamp: 10, message: 'e' }])
    logs.put('other/algo-1-1', [{ timestamp: 15, message: 'not this job' }])

    const query = { logGroupName: group, logStreamNamePrefix: 'job/', limit: 3 }
    const first = await client.send(new FilterLogEventsCommand(query))
    // Equal timestamps come in the order they were ingested.
    expect(lines(first.events)).toEqual(['algo-1-1:10:a', 'algo-3-1:10:e', 'algo-2-1:20:c'])
    expect(first.nextToken).toBeDefined()
    const event = first.events![0]
    expect(event).toMatchObject({ ingestionTime: clock, eventId: expect.stringMatching(/^\d{56}$/) })

    // Events arrive between pages: later ones and one tied with where the page stopped
    // are picked up; one stamped before the stop is not (as with AWS).
    clock += 1000
    logs.put('job/algo-3-1', [
      { timestamp: 20, message: 'late tie' },
      { timestamp: 40, message: 'f' },
      { timestamp: 5, message: 'too late' }
    ])
    const second = await client.send(new FilterLogEventsCommand({ ...query, nextToken: first.nextToken }))
    expect(lines(second.events)).toEqual(['algo-3-1:20:late tie', 'algo-1-1:30:b', 'algo-2-1:30:d'])
    const third = await client.send(new FilterLogEventsCommand({ ...query, nextToken: second.nextToken }))
    expect(lines(third.events)).toEqual(['algo-3-1:40:f'])
    expect(third.nextToken).toBeUndefined()

    const ids = [...first.events!, ...second.events!, ...third.events!].map((e) => e.eventId)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('names streams, bounds the time range (both ends included) and keeps pages under the byte limit', async () => {
    logs.put(
      'job/algo-1-1',
      [10, 20, 30, 40].map((timestamp) => ({ timestamp, message: 'x'.repeat(74) }))
    )
    logs.put('job/algo-2-1', [{ timestamp: 25, message: 'y' }])
    logs.pageBytes = 250 // 100 bytes an event with the 26-byte overhead: two per page
    const out = await client.send(
      new FilterLogEventsCommand({ logGroupName: group, logStreamNames: ['job/algo-1-1'], startTime: 20, endTime: 40 })
    )
    expect(out.events!.map((e) => e.timestamp)).toEqual([20, 30])
    const rest = await client.send(
      new FilterLogEventsCommand({
        logGroupName: group,
        logStreamNames: ['job/algo-1-1'],
        startTime: 20,
        endTime: 40,
        nextToken: out.nextToken
      })
    )
    expect(rest.events!.map((e) => e.timestamp)).toEqual([40])
    expect(rest.nextToken).toBeUndefined()
  })

  it('refuses invalid requests: by the model, by Logs rules, and for a missing group', async () => {
    logs.createStream('job/algo-1-1')
    await expect(client.send(new FilterLogEventsCommand({ logGroupName: group, limit: 0 }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringMatching(/limit.*at least 1/)
    })
    await expect(
      client.send(new FilterLogEventsCommand({ logGroupName: group, logStreamNames: ['a'], logStreamNamePrefix: 'a' }))
    ).rejects.toMatchObject({ name: 'InvalidParameterException' })
    await expect(
      client.send(new FilterLogEventsCommand({ logGroupName: group, nextToken: 'not-a-token' }))
    ).rejects.toMatchObject({ name: 'InvalidParameterException' })
    await expect(
      client.send(new FilterLogEventsCommand({ logGroupName: '/aws/sagemaker/Nope' }))
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' })
  })
})

describe('credentials from the fake OIDC endpoint and STS', () => {
  let aws: FakeAws
  let sts: FakeSts
  let oidc: FakeOidc
  let otherOidc: FakeOidc
  let dir: string
  // One clock for every fake, moved forward to make tokens and credentials run out.
  let skew = 0
  const now = (): number => Date.now() + skew

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'top-sts-'))
    aws = await startFakeAws({}, { now })
    fakeSageMaker(aws, { now }).seed('dogs-a1', 'Completed')
    oidc = await startFakeOidc({ now })
    otherOidc = await startFakeOidc({ now })
    sts = fakeSts(aws, { oidc })
    Object.assign(process.env, oidc.env)
    // Keep the SDK from finding credentials or settings of the machine the tests run on.
    process.env.AWS_CONFIG_FILE = join(dir, 'none')
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'none')
    for (const k of [
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_PROFILE',
      'AWS_ENDPOINT_URL'
    ])
      delete process.env[k]
  })
  afterAll(async () => {
    restoreEnv()
    rmSync(dir, { recursive: true, force: true })
    await Promise.all([aws?.close(), oidc?.close(), otherOidc?.close()])
  })
  afterEach(() => {
    skew = 0
    sts.lifetimeMs = undefined
    oidc.lifetimeSeconds = 300
  })

  // getIDToken announces the token as a secret and logs debug lines on stdout: keep the test output clean.
  const quietly = async <T>(work: () => Promise<T>): Promise<T> => {
    const write = process.stdout.write
    process.stdout.write = (() => true) as typeof process.stdout.write
    try {
      return await work()
    } finally {
      process.stdout.write = write
    }
  }
  const idToken = (audience: string | undefined = 'sts.amazonaws.com'): Promise<string> =>
    quietly(() => getIDToken(audience))
  const assume = (webIdentityToken: string): Promise<AwsCredentialIdentity> =>
    fromWebToken({
      roleArn: ROLE,
      roleSessionName: 'train-on-push',
      webIdentityToken,
      clientConfig: { endpoint: aws.url, region }
    })()
  const sagemaker = (credentials: AwsCredentialIdentity): SageMakerClient =>
    new SageMakerClient({ region, endpoint: aws.url, credentials, maxAttempts: 1 })
  const describeJob = (credentials: AwsCredentialIdentity): Promise<unknown> =>
    sagemaker(credentials).send(new DescribeTrainingJobCommand({ TrainingJobName: 'dogs-a1' }))

  it('issues a runner-style ID token to getIDToken, and refuses a wrong bearer token', async () => {
    const before = oidc.requests.length
    const token = await idToken()
    expect(oidc.requests.length).toBe(before + 1)
    expect(oidc.requests.at(-1)).toMatchObject({ audience: 'sts.amazonaws.com', authorized: true, status: 200 })
    const { header, claims } = decodeJwt(token)!
    expect(header).toMatchObject({ alg: 'RS256', typ: 'JWT' })
    expect(claims).toMatchObject({
      aud: 'sts.amazonaws.com',
      sub: 'repo:acme/dogs:ref:refs/heads/models',
      iss: 'https://token.actions.githubusercontent.com'
    })
    expect(claims.exp).toBe((claims.iat as number) + 300)

    // A hiccup of the token service is retried by getIDToken itself.
    oidc.failNext(1, 503)
    const mark = oidc.requests.length
    await idToken()
    expect(oidc.requests.slice(mark).map((r) => r.status)).toEqual([503, 200])

    process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = 'not-the-runners'
    try {
      await expect(idToken()).rejects.toThrow(/401/)
      expect(oidc.requests.at(-1)).toMatchObject({ authorized: false, status: 401 })
    } finally {
      process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = oidc.requestToken
    }
  })

  it('trades the token for credentials that work against the fake SageMaker', async () => {
    const credentials = await assume(await idToken())
    expect(credentials.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/)
    expect(credentials.sessionToken).toBeTruthy()
    expect(credentials.expiration!.getTime()).toBeGreaterThan(now() + 3500_000)
    const call = sts.calls().at(-1)!
    expect(call).toMatchObject({ target: 'STS.AssumeRoleWithWebIdentity', status: 200, accessKeyId: undefined })
    expect(call.input).toMatchObject({ RoleArn: ROLE, RoleSessionName: 'train-on-push' })

    await describeJob(credentials)
    expect(aws.callsTo('DescribeTrainingJob').at(-1)).toMatchObject({
      status: 200,
      accessKeyId: credentials.accessKeyId,
      headers: expect.objectContaining({ 'x-amz-security-token': credentials.sessionToken })
    })
  })

  it('refuses tokens it did not issue, for another audience, or expired', async () => {
    const forged = await quietly(async () => {
      process.env.ACTIONS_ID_TOKEN_REQUEST_URL = otherOidc.requestUrl
      process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = otherOidc.requestToken
      try {
        return await getIDToken('sts.amazonaws.com')
      } finally {
        Object.assign(process.env, oidc.env)
      }
    })
    await expect(assume(forged)).rejects.toMatchObject({ name: 'InvalidIdentityTokenException' })
    await expect(assume('not.a-jwt.at-all')).rejects.toMatchObject({ name: 'InvalidIdentityTokenException' })
    // Without an audience, the runner's token is for the repository owner, not for STS.
    await expect(assume(await quietly(() => getIDToken()))).rejects.toMatchObject({
      name: 'InvalidIdentityTokenException',
      message: 'Incorrect token audience'
    })
    expect(sts.calls().at(-1)).toMatchObject({ status: 400, errorType: 'InvalidIdentityToken' })

    oidc.lifetimeSeconds = 60
    const shortLived = await idToken()
    skew = 61_000
    await expect(assume(shortLived)).rejects.toMatchObject({
      name: 'ExpiredTokenException',
      message: expect.stringMatching(/^Token expired/)
    })
  })

  it('refuses the old key once expired while refreshed credentials go through', async () => {
    const old = await assume(await idToken())
    const fresh = await assume(await idToken())
    expect(fresh.accessKeyId).not.toBe(old.accessKeyId)
    await describeJob(old)

    aws.expireAccessKey(old.accessKeyId)
    await expect(describeJob(old)).rejects.toMatchObject({
      name: 'ExpiredTokenException',
      message: EXPIRED_TOKEN_MESSAGE,
      $metadata: expect.objectContaining({ httpStatusCode: 400 })
    })
    await describeJob(fresh)
    expect(aws.callsTo('DescribeTrainingJob').slice(-2)).toMatchObject([
      { accessKeyId: old.accessKeyId, errorType: 'ExpiredTokenException' },
      { accessKeyId: fresh.accessKeyId, status: 200 }
    ])
  })

  it('lets credentials lapse at their Expiration, which a test can bring close', async () => {
    sts.lifetimeMs = 60_000
    const credentials = await assume(await idToken())
    expect(credentials.expiration!.getTime()).toBeLessThanOrEqual(now() + 60_000)
    await describeJob(credentials)
    skew = 61_000
    await expect(describeJob(credentials)).rejects.toMatchObject({ name: 'ExpiredTokenException' })
  })

  it('answers GetCallerIdentity for issued and static keys, and refuses expired ones in XML', async () => {
    const credentials = await assume(await idToken())
    const client = (c: AwsCredentialIdentity): STSClient =>
      new STSClient({ region, endpoint: aws.url, credentials: c, maxAttempts: 1 })
    expect(await client(credentials).send(new GetCallerIdentityCommand({}))).toMatchObject({
      Account: '123456789012',
      Arn: 'arn:aws:sts::123456789012:assumed-role/train-on-push/train-on-push',
      UserId: expect.stringMatching(/^AROA[A-Z2-7]{16}:train-on-push$/)
    })
    expect(await client(staticKeys).send(new GetCallerIdentityCommand({}))).toMatchObject({
      Account: '123456789012',
      Arn: 'arn:aws:iam::123456789012:user/tester'
    })
    aws.expireAccessKey(credentials.accessKeyId)
    await expect(client(credentials).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'ExpiredToken',
      message: EXPIRED_TOKEN_MESSAGE
    })
  })

  it('validates STS requests against the model, reached through AWS_ENDPOINT_URL_STS', async () => {
    process.env.AWS_ENDPOINT_URL_STS = aws.url
    try {
      const client = new STSClient({ region, maxAttempts: 1 })
      await expect(
        client.send(
          new AssumeRoleWithWebIdentityCommand({
            RoleArn: ROLE,
            RoleSessionName: 'has a space',
            WebIdentityToken: await idToken(),
            DurationSeconds: 600
          })
        )
      ).rejects.toMatchObject({
        name: 'ValidationError',
        message: expect.stringMatching(/RoleSessionName.*must match.*DurationSeconds.*at least 900/)
      })
      expect(sts.calls().at(-1)!.headers.host).toBe(new URL(aws.url).host)
    } finally {
      delete process.env.AWS_ENDPOINT_URL_STS
    }
  })

  it("serves the SDK's default credential chain from AWS_ENDPOINT_URL alone (token file and role in the environment)", async () => {
    const tokenFile = join(dir, 'token')
    writeFileSync(tokenFile, await idToken())
    Object.assign(process.env, {
      AWS_ENDPOINT_URL: aws.url,
      AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile,
      AWS_ROLE_ARN: ROLE,
      AWS_ROLE_SESSION_NAME: 'from-file'
    })
    try {
      const mark = aws.calls.length
      const client = new SageMakerClient({ region, maxAttempts: 1 })
      await client.send(new DescribeTrainingJobCommand({ TrainingJobName: 'dogs-a1' }))
      const calls = aws.calls.slice(mark)
      expect(calls.map((c) => c.target)).toEqual(['STS.AssumeRoleWithWebIdentity', 'SageMaker.DescribeTrainingJob'])
      expect(calls[1].accessKeyId).toBe(sts.issued.at(-1)!.accessKeyId)
      expect(sts.issued.at(-1)!.sessionName).toBe('from-file')
    } finally {
      for (const k of ['AWS_ENDPOINT_URL', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_ARN', 'AWS_ROLE_SESSION_NAME'])
        delete process.env[k]
    }
  })
})
