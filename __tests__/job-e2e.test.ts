/**
 * The job lifecycle through the bundled action (dist/index.js, run as the runner
 * runs it) against the local AWS-protocol server: a real wait with 1-second
 * polls and live logs, a real SIGINT mid-wait (StopTrainingJob must arrive within
 * 5 s), the post step stopping a job main could not, and a rerun of the same
 * commit. The image is "already in ECR", so no Docker is needed. Needs `npm run bundle`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync } from 'node:fs'
import { distEntry, makeWorkspace, startAction, type RunningAction, type Workspace } from './support/action-runner.js'
import { startFakeAws, type FakeAws } from './support/fake-aws.js'
import { fakeSageMaker, type FakeSageMaker, type JobStep } from './support/fake-sagemaker.js'
import { fakeLogs, type FakeLogs } from './support/fake-logs.js'
import { obeyedCommands } from './support/runner-commands.js'
import { imageAlreadyPushed } from './support/image-already-pushed.js'
import { dockerThatMustNotRun, type NoDocker } from './support/no-docker.js'

const skip = existsSync(distEntry) ? undefined : 'skipping: dist/index.js missing (npm run bundle)'
if (skip) console.warn(skip)
const suite = skip ? describe.skip : describe

const ACCOUNT = '123456789012'

suite('the job lifecycle in the bundled action', () => {
  let aws: FakeAws
  let sagemaker: FakeSageMaker
  let logs: FakeLogs
  let ws: Workspace
  let noDocker: NoDocker

  beforeAll(async () => {
    aws = await startFakeAws()
    imageAlreadyPushed(aws)
    sagemaker = fakeSageMaker(aws)
    logs = fakeLogs(aws)
    ws = makeWorkspace()
    // Nothing here may need Docker.
    noDocker = dockerThatMustNotRun()
  })
  afterAll(async () => {
    await aws.close()
    ws.cleanup()
    noDocker.cleanup()
  })

  const running: RunningAction[] = []
  const start = (inputs: Record<string, string> = {}): RunningAction => {
    const action = startAction({
      workspace: ws.dir,
      inputs: { wait: 'true', 'poll-interval-seconds': '1', ...inputs },
      env: { AWS_ENDPOINT_URL: aws.url, PATH: noDocker.path },
      post: true
    })
    running.push(action)
    return action
  }
  afterAll(() => {
    for (const a of running) if (a.child.exitCode === null && a.child.signalCode === null) a.child.kill('SIGKILL')
  })

  /** A new commit, so a new job name; its job follows `steps`. */
  const newJob = (steps: JobStep[], extra: { failureReason?: string } = {}): string => {
    const sha = ws.commit(`change ${ws.commits.length}`)
    const name = sha.slice(0, 7)
    sagemaker.script(name, { steps, metrics: [{ name: 'val:accuracy', value: 0.93 }], ...extra })
    return name
  }
  const training: JobStep[] = [
    {
      status: 'InProgress',
      secondary: 'Training',
      message: 'Training image download completed. Training in progress.',
      onEnter: (job) => logs.put(`${job.name}/algo-1-1700000000`, ['epoch 1 train_loss=0.9'])
    }
  ]

  it('stops the job within 5 s of a real SIGINT mid-wait, once, and post leaves it alone', async () => {
    const name = newJob(training)
    const action = start()
    await action.waitForOutput('epoch 1 train_loss=0.9')
    const sentAt = Date.now()
    action.child.kill('SIGINT')
    setTimeout(() => action.child.kill('SIGTERM'), 200)
    const result = await action.done
    if (process.env.DEBUG_TEST) process.stderr.write(result.log + '\n----\n' + result.summary + '\n')

    const stops = aws.callsTo('StopTrainingJob').filter((c) => c.input.TrainingJobName === name)
    expect(stops).toHaveLength(1)
    expect(stops[0].at - sentAt).toBeLessThan(5000)
    expect(sagemaker.jobs.get(name)!.stopRequested).toBe(true)
    expect(result.main.stdout).toContain(`The run was cancelled (SIGINT): stopping training job ${name}.`)
    expect(result.main.exitCode).toBe(1)
    expect(result.main.stdout).toMatch(/::error::The run was cancelled; training job \w+ was asked to stop/)
    expect(result.outputs).toMatchObject({
      'job-name': name,
      'job-arn': `arn:aws:sagemaker:us-east-1:${ACCOUNT}:training-job/${name}`,
      'console-url': expect.stringContaining(`#/jobs/${name}`),
      'logs-url': expect.stringContaining('logStreamNameFilter')
    })
    expect(result.state.jobSettled).toBe('true')
    expect(result.post?.exitCode).toBe(0)
  }, 60_000)

  it('stops the job within 5 s of SIGINT even while AWS throttles the polling', async () => {
    const name = newJob(training)
    const action = start()
    await action.waitForOutput('epoch 1 train_loss=0.9')
    aws.setFaults((call) =>
      call.operation === 'DescribeTrainingJob' || call.operation === 'FilterLogEvents'
        ? { kind: 'error', status: 400, type: 'ThrottlingException', message: 'Rate exceeded' }
        : undefined
    )
    try {
      await new Promise((resolve) => setTimeout(resolve, 2500))
      const sentAt = Date.now()
      action.child.kill('SIGINT')
      const result = await action.done
      const stops = aws.callsTo('StopTrainingJob').filter((c) => c.input.TrainingJobName === name)
      expect(stops).toHaveLength(1)
      if (process.env.DEBUG_TEST) process.stderr.write(`stop after ${stops[0].at - sentAt} ms\n`)
      expect(stops[0].at - sentAt).toBeLessThan(5000)
      expect(result.state.jobSettled).toBe('true')
    } finally {
      aws.setFaults(undefined)
    }
  }, 60_000)

  it('the post step stops the job when main died before it could', async () => {
    const name = newJob(training)
    const action = start()
    await action.waitForOutput('epoch 1 train_loss=0.9')
    action.child.kill('SIGKILL')
    const result = await action.done
    expect(result.main.signal).toBe('SIGKILL')
    const stops = aws.callsTo('StopTrainingJob').filter((c) => c.input.TrainingJobName === name)
    expect(stops).toHaveLength(1)
    expect(result.post?.stdout).toContain(`asked SageMaker to stop it`)
    expect(result.post?.exitCode).toBe(0)
  }, 60_000)

  it('when the stop on SIGINT fails, the post step tries again', async () => {
    const name = newJob(training)
    const action = start()
    await action.waitForOutput('epoch 1 train_loss=0.9')
    let refused = 0
    aws.setFaults((call) =>
      call.operation === 'StopTrainingJob' && refused++ < 3
        ? { kind: 'error', status: 503, type: 'ServiceUnavailable', message: 'Service unavailable' }
        : undefined
    )
    try {
      action.child.kill('SIGINT')
      const result = await action.done
      expect(result.main.stdout).toMatch(/::warning::Could not stop training job \w+: .*The post step will try again/)
      expect(result.main.stdout).toMatch(
        /::error::The run was cancelled \(SIGINT\) and training job \w+ could not be stopped/
      )
      expect(result.state.jobSettled).toBeUndefined()
      expect(result.post?.stdout).toContain('asked SageMaker to stop it')
      expect(sagemaker.jobs.get(name)!.stopRequested).toBe(true)
    } finally {
      aws.setFaults(undefined)
    }
  }, 60_000)

  it('stop-on-cancel: false leaves the job running, in main and in post', async () => {
    const name = newJob(training)
    const action = start({ 'stop-on-cancel': 'false' })
    await action.waitForOutput('epoch 1 train_loss=0.9')
    action.child.kill('SIGINT')
    const result = await action.done
    expect(aws.callsTo('StopTrainingJob').filter((c) => c.input.TrainingJobName === name)).toHaveLength(0)
    expect(result.main.stdout).toMatch(/keeps running \(stop-on-cancel: false\)/)
    expect(sagemaker.jobs.get(name)!.status).toBe('InProgress')
  }, 60_000)

  it('waits with live logs to the end, sets the outputs, and a rerun of the same commit is the next attempt', async () => {
    const name = newJob([
      { status: 'InProgress', secondary: 'Downloading', message: 'Downloading the training image' },
      ...training,
      {
        status: 'InProgress',
        secondary: 'Uploading',
        message: 'Uploading generated training model'
      },
      { status: 'Completed', secondary: 'Completed', message: 'Training job completed' }
    ])
    const before = aws.calls.length
    const result = await start().done
    if (process.env.DEBUG_TEST) process.stderr.write(result.log + '\n----\n' + result.summary + '\n')
    expect({
      exit: result.main.exitCode,
      log: result.main.exitCode === 0 ? '' : result.log
    }).toEqual({ exit: 0, log: '' })
    expect(result.main.stdout).toMatch(/Z {2}Training: Training image download completed/)
    expect(result.main.stdout).toContain('epoch 1 train_loss=0.9')
    expect(result.main.stdout).toContain(`Training job ${name}: Completed`)
    expect(result.outputs).toMatchObject({
      'job-name': name,
      'job-status': 'Completed',
      'final-metrics': JSON.stringify({ 'val:accuracy': 0.93 }),
      'model-artifacts': expect.stringMatching(new RegExp(`/${name}/output/model.tar.gz$`))
    })
    // The summary a person reads: outcome, links, timeline and metrics; the job carries its lineage.
    expect(result.summary).toContain(`## ✅ Training job ${name} completed`)
    expect(result.summary).toMatch(/<th>Started<\/th><th>Status<\/th>[\s\S]*Downloading[\s\S]*Training[\s\S]*Uploading/)
    expect(result.summary).toContain('<td>val:accuracy</td><td>0.93</td>')
    expect(result.summary).toContain(`#/jobs/${name}">${name}</a>`)
    const created = sagemaker.jobs.get(name)!.request
    expect(created.Tags).toEqual(
      expect.arrayContaining([
        { Key: 'train-on-push:sha', Value: ws.commits.at(-1) },
        { Key: 'train-on-push:image-digest', Value: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) }
      ])
    )
    expect(created.AlgorithmSpecification.TrainingImage).toMatch(/@sha256:[0-9a-f]{64}$/)
    expect(created.Environment.TRAIN_ON_PUSH_SHORT_SHA).toBe(name)
    const made = aws.calls.slice(before).map((c) => c.operation)
    const count = (op: string): number => made.filter((o) => o === op).length
    expect(count('CreateTrainingJob')).toBe(1)
    expect(count('StopTrainingJob')).toBe(0)
    // One call per poll reads every instance's logs, and only once a container may run.
    expect(count('DescribeLogStreams') + count('GetLogEvents')).toBe(0)
    expect(count('FilterLogEvents')).toBeLessThanOrEqual(count('DescribeTrainingJob'))

    // Same commit again: the job ended, so `auto` starts attempt 2, whose arguments name it.
    const rerun = await start().done
    expect(rerun.main.exitCode).toBe(0)
    expect(rerun.outputs['job-name']).toBe(`${name}-2`)
    const request = sagemaker.jobs.get(`${name}-2`)!.request
    expect(JSON.stringify(request.AlgorithmSpecification.ContainerArguments)).toContain(`${name}-2`)
  }, 60_000)

  it('with if-job-exists: fail, an existing job stops the run before the image step', async () => {
    const name = newJob([{ status: 'Completed', secondary: 'Completed', message: 'Training job completed' }])
    expect((await start().done).main.exitCode).toBe(0)
    const before = aws.calls.length
    const again = await start({ 'if-job-exists': 'fail' }).done
    expect(again.main.exitCode).toBe(1)
    expect(again.main.stdout).toContain(
      `::error::Training job ${name} already exists (Completed) and if-job-exists is 'fail'`
    )
    // One look at the job, then nothing: no ECR login, no push, no second job.
    expect(aws.calls.slice(before).map((c) => c.operation)).toEqual(['DescribeTrainingJob'])
    // Nothing was submitted by this run, and it says so: no failed job, no job outputs.
    expect(again.outputs['job-status']).toBe('NotSubmitted')
    expect(again.outputs['job-name']).toBeUndefined()
    expect(again.summary).toContain('## ❌ Nothing was submitted: SageMaker did not take the job')
    expect(again.summary).not.toMatch(/Training job \w+ failed/)
  }, 60_000)

  it('a second run of the commit with other overrides never adopts the running job; the same request does', async () => {
    const name = newJob(training)
    const first = start({ wait: 'false', overrides: 'trainer.epochs=1' })
    expect((await first.done).outputs).toMatchObject({ 'job-name': name, 'job-status': 'Submitted' })

    // Other hyperparameters while the first job runs: the next attempt, saying why.
    const other = await start({ wait: 'false', overrides: 'trainer.epochs=2' }).done
    expect(other.main.exitCode).toBe(0)
    expect(other.outputs).toMatchObject({ 'job-name': `${name}-2`, 'job-status': 'Submitted', 'job-attached': 'false' })
    expect(other.main.stdout).toMatch(
      new RegExp(
        `Training job ${name} is InProgress, but it is not this request \\(container arguments: "trainer.epochs=1" → "trainer.epochs=2"\\)`
      )
    )
    const fingerprint = (job: string): string => sagemaker.jobs.get(job)!.request.Environment.TRAIN_ON_PUSH_FINGERPRINT
    expect(fingerprint(`${name}-2`)).not.toBe(fingerprint(name))
    expect(sagemaker.jobs.get(name)!.request.Tags).toContainEqual({
      Key: 'train-on-push:fingerprint',
      Value: fingerprint(name)
    })

    // The first request again, from another workflow run: the very same job, followed, not repeated.
    const same = await start({ wait: 'false', overrides: 'trainer.epochs=1' }).done
    expect(same.outputs).toMatchObject({ 'job-name': name, 'job-status': 'Attached', 'job-attached': 'true' })
    expect(same.summary).toContain(`## 🔗 Training job ${name} was already running with the same request`)
    expect([...sagemaker.jobs.keys()].filter((k) => k.startsWith(name)).sort()).toEqual([name, `${name}-2`])

    // if-job-exists: attach refuses the other request outright, saying what differs.
    const attach = await start({ wait: 'false', overrides: 'trainer.epochs=3', 'if-job-exists': 'attach' }).done
    expect(attach.main.exitCode).toBe(1)
    expect(attach.main.stdout).toMatch(/is not the job this run would submit.*What differs: container arguments/)
    expect(attach.outputs['job-status']).toBe('NotSubmitted')
  }, 60_000)

  it('a run that fails before anything is submitted says so, and never speaks of a failed job', async () => {
    newJob(training)
    const before = aws.callsTo('CreateTrainingJob').length
    // This repository has no image yet, and the runner's docker does not work.
    const r = await start({ 'ecr-repository': 'sim/needs-a-build' }).done
    expect(r.main.exitCode).toBe(1)
    expect(r.main.stdout).toMatch(/::error::Docker is not available/)
    expect(aws.callsTo('CreateTrainingJob')).toHaveLength(before)
    expect(r.outputs['job-status']).toBe('NotSubmitted')
    for (const output of ['job-name', 'job-arn', 'console-url', 'model-artifacts'])
      expect(r.outputs[output]).toBeUndefined()
    expect(r.summary).toContain('## ❌ Nothing was submitted: the image could not be built or pushed')
    expect(r.summary).not.toMatch(/Training job \w+ failed/)
  }, 60_000)

  it('shows training output that looks like runner commands, in either form, without the runner obeying it', async () => {
    const name = newJob([
      {
        status: 'InProgress',
        secondary: 'Training',
        message: 'Training in progress.',
        onEnter: (job) =>
          logs.put(`${job.name}/algo-1-1700000000`, [
            '::set-output name=job-status::hacked',
            'step 5 ##[set-output name=job-status;]hacked',
            '   ::add-mask::hacked',
            '::stop-commands::guess',
            '::warning::hacked'
          ])
      },
      { status: 'Completed', secondary: 'Completed', message: 'Training job completed' }
    ])
    const r = await start().done
    expect(r.main.exitCode).toBe(0)
    for (const line of ['::set-output name=job-status::hacked', 'step 5 ##[set-output name=job-status;]hacked'])
      expect(r.main.stdout).toContain(line)
    const obeyed = obeyedCommands(r.main.stdout)
    expect(obeyed.filter((c) => c.line.includes('hacked') || c.line.includes('guess'))).toEqual([])
    expect(obeyed.some((c) => c.name === 'stop-commands')).toBe(true)
    expect(r.outputs['job-status']).toBe('Completed')
    expect(r.outputs['job-name']).toBe(name)
  }, 60_000)

  it('rides out throttling on every 3rd call, a 500 and a dropped connection, and still creates one job', async () => {
    const name = newJob([
      ...training,
      { status: 'InProgress', secondary: 'Uploading', message: 'Uploading generated training model' },
      { status: 'Completed', secondary: 'Completed', message: 'Training job completed' }
    ])
    let n = 0
    let describes = 0
    aws.setFaults((call) => {
      if (!call.target.startsWith('SageMaker.') && !call.target.startsWith('Logs_')) return undefined
      if (call.operation === 'DescribeTrainingJob' && ++describes === 2) return { kind: 'drop' }
      if (call.operation === 'DescribeTrainingJob' && describes === 4)
        return { kind: 'error', status: 500, type: 'InternalFailure', message: 'We encountered an internal error.' }
      return ++n % 3 === 0
        ? { kind: 'error', status: 400, type: 'ThrottlingException', message: 'Rate exceeded' }
        : undefined
    })
    try {
      const before = aws.calls.length
      const result = await start().done
      expect({ exit: result.main.exitCode, log: result.main.exitCode === 0 ? '' : result.log }).toEqual({
        exit: 0,
        log: ''
      })
      expect(result.outputs['job-status']).toBe('Completed')
      expect(result.main.stdout).toContain('epoch 1 train_loss=0.9')
      const made = aws.calls.slice(before)
      expect(made.filter((c) => c.operation === 'CreateTrainingJob' && c.status === 200)).toHaveLength(1)
      expect(made.filter((c) => c.errorType === 'ThrottlingException').length).toBeGreaterThan(2)
      expect([...sagemaker.jobs.keys()].filter((k) => k.startsWith(name))).toEqual([name])
    } finally {
      aws.setFaults(undefined)
    }
  }, 60_000)

  it('fails the step with the reason when the job fails', async () => {
    const name = newJob([{ status: 'Failed', secondary: 'Failed', message: 'Training job failed' }], {
      failureReason: 'AlgorithmError: ExecuteUserScriptError: exit code 1'
    })
    const result = await start().done
    expect(result.main.exitCode).toBe(1)
    expect(result.main.stdout).toContain(
      `::error::Training job ${name} failed: AlgorithmError: ExecuteUserScriptError: exit code 1`
    )
    expect(result.outputs['job-status']).toBe('Failed')
  }, 60_000)
})
