import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { EventEmitter } from 'node:events'
import { actionLog } from '../src/action/log.js'
import { run as postStep } from '../src/action/post.js'
import { decide, settledAtSubmit, submitJob, type SubmittedJob } from '../src/job/submit.js'
import { jobSettings, requestFor, startJobWorld, type JobWorld } from './support/job-env.js'

const BASE = 'repo-abc1234'

describe('submitting the training job', () => {
  let world: JobWorld
  beforeAll(async () => {
    world = await startJobWorld()
  })
  afterAll(() => world.close())
  afterEach(() => {
    world.sagemaker.jobs.clear()
    world.aws.setFaults(undefined)
    world.aws.calls.length = 0
    world.takeOutput()
  })

  const submit = async (
    policy: 'auto' | 'attach' | 'new' | 'fail',
    build: (name: string) => any = (name) => requestFor(name),
    wait = true
  ): Promise<{ job: SubmittedJob; seen: SubmittedJob[] }> => {
    const seen: SubmittedJob[] = []
    const job = await submitJob(jobSettings({ ifJobExists: policy, wait }), BASE, build, {
      log: actionLog,
      shortSha: 'abc1234',
      onJob: (j) => seen.push(j),
      onSettled: () => undefined
    })
    return { job, seen }
  }

  it('creates the job with one call and reports it once, as soon as it exists', async () => {
    const { job, seen } = await submit('auto')
    expect(job).toMatchObject({
      name: BASE,
      attached: false,
      arn: expect.stringMatching(/training-job\/repo-abc1234$/)
    })
    expect(seen).toEqual([{ name: BASE, arn: job.arn, attached: false, status: 'InProgress' }])
    expect(world.aws.calls.map((c) => c.operation)).toEqual(['CreateTrainingJob'])
    expect(world.aws.calls[0].headers['user-agent']).toMatch(/train-on-push\/0\.1\.0/)
  })

  it('a job that is not waited for, or already ended, is settled: the post step leaves it alone', () => {
    const created = { name: BASE, arn: 'arn', attached: false, status: 'InProgress' }
    expect(settledAtSubmit(jobSettings({ wait: false }), created)).toBe(true)
    expect(settledAtSubmit(jobSettings({ wait: true }), created)).toBe(false)
    expect(settledAtSubmit(jobSettings({ wait: true }), { ...created, attached: true, status: 'Completed' })).toBe(true)
  })

  it('auto: attaches to a run of the same name that is still in progress with the same request', async () => {
    world.sagemaker.seed(BASE, 'InProgress', 'Training', { request: requestFor(BASE) })
    const { job, seen } = await submit('auto')
    expect(job).toMatchObject({ name: BASE, attached: true, status: 'InProgress' })
    expect(seen).toHaveLength(1)
    expect(world.aws.calls.map((c) => c.operation)).toEqual(['CreateTrainingJob', 'DescribeTrainingJob'])
    expect(world.takeOutput().join('\n')).toMatch(
      /already InProgress with the same request \(fingerprint 0123456789abcdef\): attaching/
    )
  })

  it('auto: attaches to a job that is stopping too', async () => {
    world.sagemaker.seed(BASE, 'Stopping', 'Stopping', { request: requestFor(BASE) })
    expect((await submit('auto')).job.attached).toBe(true)
  })

  it('auto: never adopts a running job of that name that is another request; it submits the next attempt', async () => {
    // The same commit with other hyperparameters, or another repository whose short hash collides.
    const theirs = requestFor(BASE, {
      TRAIN_ON_PUSH_SHA: 'f'.repeat(40),
      TRAIN_ON_PUSH_FINGERPRINT: 'fedcba9876543210'
    })
    theirs.AlgorithmSpecification.ContainerArguments = ['trainer.lr=0.1']
    world.sagemaker.seed(BASE, 'InProgress', 'Training', { request: theirs })
    const { job } = await submit('auto')
    expect(job).toMatchObject({ name: `${BASE}-2`, attached: false })
    const log = world.takeOutput().join('\n')
    expect(log).toMatch(/is InProgress, but it is not this request \(commit: f{40} → abc1234/)
    expect(log).toMatch(/container arguments: "trainer\.lr=0\.1" → "experiment\.name=repo-abc1234"/)
  })

  it('auto: a running job without a fingerprint (made by hand or an older version) is not adopted either', async () => {
    const { TRAIN_ON_PUSH_FINGERPRINT: _none, ...lineage } = requestFor(BASE).Environment
    void _none
    world.sagemaker.seed(BASE, 'InProgress', 'Training', { request: requestFor(BASE, lineage) })
    expect((await submit('auto')).job).toMatchObject({ name: `${BASE}-2`, attached: false })
  })

  it('attach: refuses a job of that name that is another request, saying what differs', async () => {
    const theirs = requestFor(BASE, { ...requestFor(BASE).Environment, TRAIN_ON_PUSH_FINGERPRINT: 'fedcba9876543210' })
    theirs.ResourceConfig.InstanceType = 'ml.p3.2xlarge'
    world.sagemaker.seed(BASE, 'InProgress', 'Training', { request: theirs })
    await expect(submit('attach')).rejects.toThrow(
      /repo-abc1234 exists \(InProgress\) but is not the job this run would submit.*What differs: resources: ml\.p3\.2xlarge × 1, 30 GB → ml\.m5\.large × 1, 30 GB/
    )
    expect(world.sagemaker.jobs.size).toBe(1)
  })

  it('auto: starts the next attempt when the earlier ones ended, with a rebuilt request', async () => {
    world.sagemaker.seed(BASE, 'Completed')
    world.sagemaker.seed(`${BASE}-2`, 'Failed')
    const built: string[] = []
    const { job } = await submit('auto', (name) => (built.push(name), requestFor(name)))
    expect(job).toMatchObject({ name: `${BASE}-3`, attached: false })
    expect(world.sagemaker.jobs.get(`${BASE}-3`)!.request.AlgorithmSpecification.ContainerArguments).toEqual([
      `experiment.name=${BASE}-3`
    ])
    expect(built).toEqual(expect.arrayContaining([BASE, `${BASE}-2`, `${BASE}-3`]))
    expect(world.aws.callsTo('CreateTrainingJob')).toHaveLength(3)
  })

  it('keeps the short hash whole when the attempt suffix needs room', async () => {
    const long = `${'x'.repeat(49)}-abc1234-${'y'.repeat(5)}`
    expect(long).toHaveLength(63)
    world.sagemaker.seed(long, 'Completed')
    const job = await submitJob(jobSettings(), long, (name) => requestFor(name), {
      log: actionLog,
      shortSha: 'abc1234',
      onJob: () => undefined,
      onSettled: () => undefined
    })
    expect(job.name).toHaveLength(63)
    expect(job.name).toContain('abc1234')
    expect(job.name).toMatch(/-2$/)
    expect(job.name).toMatch(/^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/)
  })

  it('attach: reports an ended job of the same request instead of training again', async () => {
    world.sagemaker.seed(BASE, 'Completed', undefined, { request: requestFor(BASE) })
    const { job } = await submit('attach')
    expect(job).toMatchObject({ name: BASE, attached: true, status: 'Completed' })
    expect(world.aws.callsTo('CreateTrainingJob')).toHaveLength(1)
  })

  it('new: starts another attempt even while one is running', async () => {
    world.sagemaker.seed(BASE, 'InProgress')
    const { job } = await submit('new')
    expect(job).toMatchObject({ name: `${BASE}-2`, attached: false })
  })

  it('fail: an existing job is a clear error and nothing is created', async () => {
    world.sagemaker.seed(BASE, 'InProgress')
    await expect(submit('fail')).rejects.toThrow(
      /repo-abc1234 already exists \(InProgress\) and if-job-exists is 'fail'/
    )
    expect(world.sagemaker.jobs.size).toBe(1)
  })

  it('a ResourceInUse race is resolved by the same rule: the same request is adopted, another is not', async () => {
    // Another run's create lands between our build of the request and our create: first the
    // same request from another workflow run, then a different one.
    const otherRun = { ...requestFor(BASE).Environment, TRAIN_ON_PUSH_RUN_URL: 'https://github.com/o/r/actions/runs/2' }
    let n = 0
    world.aws.setFaults((call) => {
      if (call.operation === 'CreateTrainingJob' && ++n === 1) world.sagemaker.create(requestFor(BASE, otherRun))
      return undefined
    })
    expect((await submit('auto')).job).toMatchObject({ name: BASE, attached: true })
    expect(world.sagemaker.jobs.size).toBe(1)

    world.sagemaker.jobs.clear()
    n = 0
    world.aws.setFaults((call) => {
      if (call.operation === 'CreateTrainingJob' && ++n === 1)
        world.sagemaker.create(requestFor(BASE, { ...otherRun, TRAIN_ON_PUSH_FINGERPRINT: 'fedcba9876543210' }))
      return undefined
    })
    expect((await submit('auto')).job).toMatchObject({ name: `${BASE}-2`, attached: false })
    expect(world.sagemaker.jobs.size).toBe(2)
  })

  it('never creates two jobs when the answer to a successful create is lost and the SDK retries', async () => {
    let n = 0
    world.aws.setFaults((call) => {
      if (call.operation !== 'CreateTrainingJob' || ++n !== 1) return undefined
      world.sagemaker.create(call.input) // the job is made, then the connection drops before the answer
      return { kind: 'drop' }
    })
    const { job, seen } = await submit('new')
    expect(job).toMatchObject({ name: BASE, attached: false })
    expect([...world.sagemaker.jobs.keys()]).toEqual([BASE])
    expect(seen).toHaveLength(1)
    const creates = world.aws.callsTo('CreateTrainingJob')
    expect(creates.map((c) => c.errorType)).toEqual(['dropped', 'ResourceInUse'])
  })

  it('rides out throttling and 500s on the create (the SDK retries them)', async () => {
    let n = 0
    world.aws.setFaults((call) =>
      call.operation === 'CreateTrainingJob' && ++n === 1
        ? { kind: 'error', status: 400, type: 'ThrottlingException', message: 'Rate exceeded' }
        : call.operation === 'CreateTrainingJob' && n === 2
          ? { kind: 'error', status: 500, type: 'InternalFailure', message: 'boom' }
          : undefined
    )
    const { job } = await submit('auto')
    expect(job.name).toBe(BASE)
    expect(world.sagemaker.jobs.size).toBe(1)
  })

  it('explains a quota error', async () => {
    world.aws.setFaults((call) =>
      call.operation === 'CreateTrainingJob'
        ? {
            kind: 'error',
            status: 400,
            type: 'ResourceLimitExceeded',
            message: 'The account-level service limit ...'
          }
        : undefined
    )
    await expect(submit('auto')).rejects.toThrow(
      /SageMaker CreateTrainingJob failed: ResourceLimitExceeded: .*Service Quotas/
    )
  })

  it.each<[Parameters<typeof decide>[0], string, boolean, ReturnType<typeof decide>]>([
    ['auto', 'InProgress', true, 'attach'],
    ['auto', 'Stopping', true, 'attach'],
    ['auto', 'InProgress', false, 'next'],
    ['auto', 'Stopped', true, 'next'],
    ['attach', 'Failed', true, 'attach'],
    ['attach', 'InProgress', false, 'refuse'],
    ['new', 'InProgress', true, 'next'],
    ['fail', 'Completed', true, 'fail']
  ])('decides %s for a %s job (same request: %s): %s', (policy, status, same, decision) => {
    expect(decide(policy, status, same)).toBe(decision)
  })
})

describe('the post step', () => {
  let world: JobWorld
  const setState = (values: Record<string, string | undefined>): void => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[`STATE_${k}`]
      else process.env[`STATE_${k}`] = v
    }
  }
  beforeAll(async () => {
    world = await startJobWorld()
  })
  afterAll(async () => {
    setState({
      jobName: undefined,
      jobRegion: undefined,
      jobSettled: undefined,
      stopOnCancel: undefined
    })
    await world.close()
  })
  afterEach(() => {
    world.sagemaker.jobs.clear()
    world.sagemaker.stops.length = 0
    world.takeOutput()
  })

  it('stops a job that main was cancelled out of stopping', async () => {
    world.sagemaker.seed('job-1', 'InProgress')
    setState({
      jobName: 'job-1',
      jobRegion: 'us-east-1',
      jobSettled: undefined,
      stopOnCancel: 'true'
    })
    await postStep()
    expect(world.sagemaker.stops).toEqual(['job-1'])
    expect(world.sagemaker.jobs.get('job-1')!.status).toBe('Stopping')
  })

  it('leaves a settled job, or any job with stop-on-cancel false, alone', async () => {
    world.sagemaker.seed('job-1', 'InProgress')
    setState({ jobName: 'job-1', jobRegion: 'us-east-1', jobSettled: 'true', stopOnCancel: 'true' })
    await postStep()
    setState({ jobSettled: undefined, stopOnCancel: 'false' })
    await postStep()
    expect(world.sagemaker.stops).toEqual([])
  })

  it('takes an already ended job calmly, and only warns when AWS says no', async () => {
    world.sagemaker.seed('job-1', 'Completed')
    setState({
      jobName: 'job-1',
      jobRegion: 'us-east-1',
      jobSettled: undefined,
      stopOnCancel: 'true'
    })
    await postStep()
    expect(world.takeOutput().join('\n')).toMatch(/had already ended/)
    world.aws.setFaults(() => ({
      kind: 'error',
      status: 400,
      type: 'AccessDeniedException',
      message: 'not allowed'
    }))
    try {
      await expect(postStep()).resolves.toBeUndefined()
      expect(world.takeOutput().join('\n')).toMatch(
        /::warning::Could not stop training job job-1: SageMaker StopTrainingJob failed: AccessDeniedException: not allowed/
      )
    } finally {
      world.aws.setFaults(undefined)
    }
  })
})

describe('a cancel while the job is being created', () => {
  let world: JobWorld
  beforeAll(async () => {
    world = await startJobWorld()
  })
  afterAll(() => world.close())

  it('stops the job the moment it exists and fails the submission', async () => {
    const signals = new EventEmitter()
    world.aws.setFaults((call) => {
      if (call.operation !== 'CreateTrainingJob') return undefined
      signals.emit('SIGINT')
      return { kind: 'delay', ms: 50 }
    })
    const seen: string[] = []
    let settled = 0
    await expect(
      submitJob(jobSettings(), BASE, (name) => requestFor(name), {
        log: actionLog,
        shortSha: 'abc1234',
        onJob: (j) => seen.push(j.name),
        onSettled: () => settled++,
        signals
      })
    ).rejects.toThrow(/^The run was cancelled \(SIGINT\) while training job repo-abc1234 was being submitted\.$/)
    expect(seen).toEqual([BASE])
    expect(world.sagemaker.stops).toEqual([BASE])
    expect(settled).toBe(1)
    expect(signals.listenerCount('SIGINT')).toBe(0)
  })
})
