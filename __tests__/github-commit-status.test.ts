import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import * as github from '@actions/github'
import type { RunResult } from '../src/action/result.js'
import {
  MAX_DESCRIPTION,
  STATUS_CONTEXT,
  describe as describeStatus,
  postCommitStatus,
  statusAtEnd,
  statusAtSubmit,
  statusContext,
  statusWhenAbandoned,
  type CommitStatus
} from '../src/github/commit-status.js'
import type { JobOutcome } from '../src/job/outcome.js'
import { startFakeGitHub, type FakeGitHub } from './support/fake-github.js'

const SHA = 'c'.repeat(40)
const CONSOLE = 'https://us-east-1.console.aws.amazon.com/sagemaker/home?region=us-east-1#/jobs/ccccccc'
const RUN_URL = 'https://github.com/acme/dogs/actions/runs/42/attempts/1'

function job(fields: Partial<JobOutcome> = {}): JobOutcome {
  return {
    name: 'ccccccc',
    consoleUrl: CONSOLE,
    logsUrl: 'https://logs.example/',
    region: 'us-east-1',
    instanceType: 'ml.g5.xlarge',
    instanceCount: 1,
    spot: false,
    transitions: [],
    metrics: [],
    ...fields
  }
}

function result(fields: Partial<RunResult> = {}): RunResult {
  return { dryRun: false, stage: 'done', notices: [], ...fields }
}

describe('statusContext', () => {
  it('keeps one status per job config: the default file is train-on-push, any other is named', () => {
    expect(statusContext('deploy/sagemaker-job-config.yaml')).toBe('train-on-push')
    expect(statusContext('deploy/gpu-job.yaml')).toBe('train-on-push (deploy/gpu-job.yaml)')
  })
})

describe('statusAtSubmit', () => {
  it('is pending while the run waits, and a final success when it does not', () => {
    expect(statusAtSubmit(job(), true)).toEqual({
      state: 'pending',
      description: 'Training job ccccccc is running on SageMaker',
      targetUrl: CONSOLE,
      context: STATUS_CONTEXT
    })
    expect(statusAtSubmit(job(), false)).toEqual({
      state: 'success',
      description: 'Training job ccccccc submitted to SageMaker (not waited for)',
      targetUrl: CONSOLE,
      context: 'train-on-push'
    })
    expect(statusAtSubmit(job({ attached: true }), true).description).toBe(
      'Training job ccccccc: following the identical job already running'
    )
    expect(statusAtSubmit(job({ attached: true }), false)).toMatchObject({
      state: 'success',
      description: 'Training job ccccccc was already running with the same request (not waited for)'
    })
    expect(statusAtSubmit(job(), true, 'train-on-push/gpu').context).toBe('train-on-push/gpu')
  })
})

describe('statusAtEnd', () => {
  const cases: { name: string; result: RunResult; wait: boolean; expected: Partial<CommitStatus> | undefined }[] = [
    {
      name: 'a dry run posts nothing',
      result: result({ dryRun: true, job: job({ status: 'DryRun' }) }),
      wait: true,
      expected: undefined
    },
    {
      name: 'a config problem: failure, linked to the run',
      result: result({
        stage: 'configuration',
        job: job({ status: 'NotSubmitted' }),
        error: "deploy/sagemaker-job-config.yaml:3:18 job.instance_type: 'ml.g5.xlarg' is not an instance type\nmore"
      }),
      wait: true,
      expected: {
        state: 'failure',
        description:
          "Nothing submitted: the configuration has problems: deploy/sagemaker-job-config.yaml:3:18 job.instance_type: 'ml.g5.xlarg' is not an instanc…",
        targetUrl: RUN_URL
      }
    },
    {
      name: 'several config problems: how many, and the first',
      result: result({
        stage: 'configuration',
        error: "2 problems with the action's configuration:\n  - a\n  - b",
        problems: [
          { where: 'input instance-count', message: "'0' is not a positive integer" },
          { where: 'input region', message: 'unknown region' }
        ]
      }),
      wait: true,
      expected: {
        state: 'failure',
        description:
          "Nothing submitted: 2 configuration problems, the first: input instance-count: '0' is not a positive integer"
      }
    },
    {
      name: 'a failed build before any job existed: failure',
      result: result({ stage: 'image', error: 'docker push failed: 502' }),
      wait: false,
      expected: {
        state: 'failure',
        description: 'Nothing submitted: the image could not be built or pushed: docker push failed: 502'
      }
    },
    {
      name: 'completed with its first metric and the training time',
      result: result({
        job: job({
          status: 'Completed',
          trainingSeconds: 3725,
          metrics: [
            { name: 'val:accuracy', value: 0.93124567 },
            { name: 'loss', value: 0.2 }
          ]
        })
      }),
      wait: true,
      expected: {
        state: 'success',
        description: 'Training job ccccccc completed in 1h 2m 5s: val:accuracy=0.931246',
        targetUrl: CONSOLE
      }
    },
    {
      name: 'completed, but a metric gate failed: failure, with the gate',
      result: result({
        error: '1 of 1 metric gate did not pass (1 failed):\n  - val:accuracy is 0.85, below 0.93',
        job: job({ status: 'Completed', trainingSeconds: 60, metrics: [{ name: 'val:accuracy', value: 0.85 }] })
      }),
      wait: true,
      expected: {
        state: 'failure',
        description: 'Training job ccccccc completed in 1m, but 1 of 1 metric gate did not pass (1 failed)',
        targetUrl: CONSOLE
      }
    },
    {
      name: 'failed with the reason',
      result: result({
        job: job({ status: 'Failed', failureReason: 'AlgorithmError: CUDA out of memory' }),
        error: 'Training job ccccccc failed'
      }),
      wait: true,
      expected: { state: 'failure', description: 'Training job ccccccc failed: AlgorithmError: CUDA out of memory' }
    },
    {
      name: 'stopped by someone else',
      result: result({ job: job({ status: 'Stopped' }), error: 'stopped' }),
      wait: true,
      expected: { state: 'failure', description: 'Training job ccccccc was stopped' }
    },
    {
      name: 'the run was cancelled and stopped the job',
      result: result({ stage: 'wait', job: job({ status: 'Stopping', cancelled: true }), error: 'cancelled' }),
      wait: true,
      expected: { state: 'error', description: 'Run cancelled: training job ccccccc was stopped' }
    },
    {
      name: 'the run was cancelled and left the job running',
      result: result({ stage: 'wait', job: job({ status: 'InProgress', cancelled: true }), error: 'cancelled' }),
      wait: true,
      expected: { state: 'error', description: 'Run cancelled: training job ccccccc keeps running' }
    },
    {
      name: 'the wait timed out: the step passes, so does the status',
      result: result({ job: job({ status: 'WaitTimedOut' }) }),
      wait: true,
      expected: { state: 'success', description: 'Stopped waiting; training job ccccccc is still running' }
    },
    {
      name: 'the run lost track of the job',
      result: result({
        stage: 'wait',
        job: job({ status: 'InProgress' }),
        error: 'DescribeTrainingJob failed: AccessDenied'
      }),
      wait: true,
      expected: {
        state: 'error',
        description: 'Lost track of training job ccccccc: DescribeTrainingJob failed: AccessDenied'
      }
    },
    {
      name: 'without wait, the final status was posted at submit',
      result: result({ job: job({ status: 'Submitted' }) }),
      wait: false,
      expected: undefined
    },
    {
      name: 'without wait, but the run failed after the submit',
      result: result({ stage: 'submit', job: job({ status: 'Submitted' }), error: 'AddTags failed' }),
      wait: false,
      expected: {
        state: 'error',
        description: 'Training job ccccccc was submitted, then the run failed: AddTags failed'
      }
    },
    {
      name: 'with wait, a job still only submitted is not left pending',
      result: result({ job: job({ status: 'Submitted' }) }),
      wait: true,
      expected: { state: 'error', description: 'Training job ccccccc is running, no longer followed' }
    }
  ]
  it.each(cases)('$name', ({ result: r, wait, expected }) => {
    const status = statusAtEnd(r, { wait, runUrl: RUN_URL })
    if (expected === undefined) expect(status).toBeUndefined()
    else {
      expect(status).toMatchObject({ context: STATUS_CONTEXT, ...expected })
      expect(Array.from(status!.description).length).toBeLessThanOrEqual(MAX_DESCRIPTION)
    }
  })

  it('resolves every pending status: after a submit with wait, each end posts a final state', () => {
    const ends: Partial<JobOutcome>[] = [
      { status: 'Completed' },
      { status: 'Failed' },
      { status: 'Stopped' },
      { status: 'Stopping', cancelled: true },
      { status: 'WaitTimedOut' },
      { status: 'InProgress' },
      { status: 'Submitted' },
      { status: 'Attached' },
      { status: 'SomethingNew' }
    ]
    for (const end of ends) {
      const status = statusAtEnd(result({ job: job(end) }), { wait: true })
      expect(status?.state).toMatch(/^(success|failure|error)$/)
    }
  })

  it('cuts a description to 140 characters on a code point, on one line', () => {
    const long = `${'é'.repeat(100)}\n${'🚀'.repeat(60)}`
    const d = describeStatus(long)
    expect(Array.from(d)).toHaveLength(MAX_DESCRIPTION)
    expect(d.endsWith('…')).toBe(true)
    expect(d).not.toContain('\n')
    expect(d).not.toMatch(/[\uD800-\uDBFF]…$/)
    expect(describeStatus('short')).toBe('short')
    expect(statusWhenAbandoned(job())).toEqual({
      state: 'error',
      description: 'The run ended before reporting; training job ccccccc may still be running',
      targetUrl: CONSOLE,
      context: STATUS_CONTEXT
    })
  })
})

describe('postCommitStatus against GitHub’s REST API (local stand-in)', () => {
  let fake: FakeGitHub
  let octokit: ReturnType<typeof github.getOctokit>
  const target = { owner: 'acme', repo: 'dogs', sha: SHA }
  beforeAll(async () => {
    fake = await startFakeGitHub()
    octokit = github.getOctokit('test-token', { baseUrl: fake.url })
  })
  afterAll(() => fake?.close())

  it('with wait: pending when the job is submitted, then the final state', async () => {
    await postCommitStatus(octokit, target, statusAtSubmit(job(), true))
    let combined = await octokit.rest.repos.getCombinedStatusForRef({ owner: 'acme', repo: 'dogs', ref: SHA })
    expect(combined.data.state).toBe('pending')

    const end = statusAtEnd(
      result({ job: job({ status: 'Completed', metrics: [{ name: 'val:accuracy', value: 0.9 }] }) }),
      {
        wait: true
      }
    )!
    await postCommitStatus(octokit, target, end)
    combined = await octokit.rest.repos.getCombinedStatusForRef({ owner: 'acme', repo: 'dogs', ref: SHA })
    expect(combined.data.state).toBe('success')
    expect(combined.data.statuses).toEqual([
      expect.objectContaining({
        context: 'train-on-push',
        state: 'success',
        description: 'Training job ccccccc completed: val:accuracy=0.9',
        target_url: CONSOLE
      })
    ])
    const posted = fake.callsTo('repos/create-commit-status').map((c) => c.body)
    expect(posted).toEqual([
      {
        state: 'pending',
        description: 'Training job ccccccc is running on SageMaker',
        context: 'train-on-push',
        target_url: CONSOLE
      },
      {
        state: 'success',
        description: 'Training job ccccccc completed: val:accuracy=0.9',
        context: 'train-on-push',
        target_url: CONSOLE
      }
    ])
  })

  it('without wait: one final state, nothing left pending', async () => {
    const other = { ...target, sha: 'd'.repeat(40) }
    await postCommitStatus(octokit, other, statusAtSubmit(job(), false))
    expect(statusAtEnd(result({ job: job({ status: 'Submitted' }) }), { wait: false })).toBeUndefined()
    const listed = await octokit.rest.repos.listCommitStatusesForRef({ owner: 'acme', repo: 'dogs', ref: other.sha })
    expect(listed.data.map((s) => s.state)).toEqual(['success'])
  })

  it('a run that submitted nothing fails the commit, linked to the workflow run', async () => {
    const other = { ...target, sha: 'e'.repeat(40) }
    await postCommitStatus(
      octokit,
      other,
      statusAtEnd(result({ stage: 'configuration', error: 'input instance-count: must be a positive integer' }), {
        wait: false,
        runUrl: RUN_URL
      })!
    )
    const combined = await octokit.rest.repos.getCombinedStatusForRef({ owner: 'acme', repo: 'dogs', ref: other.sha })
    expect(combined.data.state).toBe('failure')
    expect(combined.data.statuses[0]).toMatchObject({ target_url: RUN_URL })
  })
})
