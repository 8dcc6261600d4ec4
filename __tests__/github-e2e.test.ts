/**
 * What the action says on GitHub and how it holds its AWS session, through the bundled action
 * (dist/index.js, run as the runner runs it): against the GitHub API stand-in (checked against
 * GitHub's OpenAPI description), the local AWS-protocol server with SageMaker, CloudWatch Logs
 * and STS, and a GitHub OIDC token endpoint. The image is "already in ECR", so no Docker.
 *
 * - a pull request plans: one comment, edited on the next push, with the hyperparameter diff
 *   against the base branch; nothing built or submitted; a missing permission is a warning;
 * - a push with wait: the commit status goes pending → success, the job is compared with the
 *   branch's last completed run, gates are checked against it, and the commit is tagged;
 * - role-to-assume: the action's own session, renewed when AWS says it expired mid-wait;
 * - without it, credentials that expire mid-wait end the wait, not the job;
 * - no role_arn: the job runs as sagemaker_execution_role in the caller's account.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { distEntry, makeWorkspace, runAction, type ActionRun, type Workspace } from './support/action-runner.js'
import { pullRequestEvent } from './support/events.js'
import { startFakeAws, type FakeAws } from './support/fake-aws.js'
import { startFakeGitHub, type FakeGitHub } from './support/fake-github.js'
import { fakeLogs } from './support/fake-logs.js'
import { startFakeOidc, type FakeOidc } from './support/fake-oidc.js'
import { fakeSageMaker, quickSuccess, type FakeSageMaker, type JobStep } from './support/fake-sagemaker.js'
import { fakeSts, type FakeSts } from './support/fake-sts.js'
import { imageAlreadyPushed } from './support/image-already-pushed.js'
import { dockerThatMustNotRun, type NoDocker } from './support/no-docker.js'
import { leakingLines } from './support/secrets.js'

const skip = existsSync(distEntry) ? undefined : 'skipping: dist/index.js missing (npm run bundle)'
if (skip) console.warn(skip)
const suite = skip ? describe.skip : describe

const REPOSITORY = 'acme/dogs'
const TOKEN = 'ghs_e2eTokenForTheFakeGitHub0000000000'
const HYDRA = 'deploy/train-config.yaml'
const CONFIG = 'deploy/sagemaker-job-config.yaml'
const ROLE = 'arn:aws:iam::123456789012:role/github-actions-train'
/** The account STS says static keys belong to; the job config's own role is in 123456789012. */
const CALLER_ACCOUNT = '210987654321'

suite('GitHub and AWS sessions around the job, in the bundled action', () => {
  let aws: FakeAws
  let github: FakeGitHub
  let oidc: FakeOidc
  let sts: FakeSts
  let sagemaker: FakeSageMaker
  let ws: Workspace
  let noDocker: NoDocker

  beforeAll(async () => {
    aws = await startFakeAws()
    imageAlreadyPushed(aws)
    sagemaker = fakeSageMaker(aws)
    fakeLogs(aws)
    github = await startFakeGitHub({ tokens: [TOKEN], repositories: [REPOSITORY] })
    oidc = await startFakeOidc({ subject: `repo:${REPOSITORY}:ref:refs/heads/models` })
    sts = fakeSts(aws, { oidc, account: CALLER_ACCOUNT })
    ws = makeWorkspace()
    // Nothing here may need Docker.
    noDocker = dockerThatMustNotRun()
  })
  afterAll(async () => {
    await aws?.close()
    await github?.close()
    await oidc?.close()
    ws?.cleanup()
    noDocker?.cleanup()
  })

  const run = (
    options: {
      inputs?: Record<string, string>
      env?: Record<string, string>
      eventName?: string
      event?: object
      sha?: string
      ref?: string
    } = {}
  ): Promise<ActionRun> =>
    runAction({
      workspace: ws.dir,
      eventName: options.eventName,
      event: options.event,
      sha: options.sha,
      ref: options.ref,
      inputs: { 'github-token': TOKEN, 'poll-interval-seconds': '1', ...options.inputs },
      env: {
        AWS_ENDPOINT_URL: aws.url,
        GITHUB_API_URL: github.url,
        PATH: noDocker.path,
        ...options.env
      },
      post: true
    })
  const file = (path: string): string => readFileSync(join(ws.dir, path), 'utf8')
  const ok = (r: ActionRun): void =>
    expect({ exit: r.main.exitCode, log: r.main.exitCode === 0 ? '' : r.log }).toEqual({ exit: 0, log: '' })
  const repo = () => github.repository(REPOSITORY)
  /** A new commit (so a new job name) whose job follows `script`. */
  const newCommit = (message: string, files: Record<string, string> = {}) => {
    const sha = ws.commit(message, files)
    return { sha, short: sha.slice(0, 7) }
  }

  describe('a pull request plans in one comment', () => {
    const openPullRequest = (head: string, base: string) =>
      pullRequestEvent({
        repository: REPOSITORY,
        number: 12,
        headSha: head,
        headRef: 'exp/fewer-epochs',
        baseRef: 'models',
        baseSha: base
      })

    it('writes the plan, edits it on the next push, and never builds or submits', async () => {
      const base = ws.commits.at(-1)!
      const first = newCommit('pr: fewer epochs', { [HYDRA]: file(HYDRA).replace('epochs: 30', 'epochs: 7') })
      // The base branch's last run, which the plan shows for comparison.
      sagemaker.seed('models-last-run', 'Completed', 'Completed', {
        tags: {
          'train-on-push:repository': REPOSITORY,
          'train-on-push:ref': 'refs/heads/models',
          'train-on-push:sha': base
        },
        metrics: [{ name: 'val:accuracy', value: 0.88 }],
        createdAt: Date.now() - 2 * 3_600_000
      })
      const calls = aws.calls.length
      const r1 = await run({
        eventName: 'pull_request',
        event: openPullRequest(first.sha, base),
        sha: first.sha,
        ref: 'refs/pull/12/merge'
      })
      ok(r1)
      expect(r1.outputs).toMatchObject({ sha: first.sha, 'job-status': 'DryRun' })
      expect(github.callsTo('issues/create-comment')).toHaveLength(1)
      const comments = repo().comments.filter((c) => c.issueNumber === 12)
      expect(comments).toHaveLength(1)
      const body1 = String(comments[0].data.body)
      expect(body1).toContain(first.short)
      expect(body1).toMatch(/trainer\.epochs[\s\S]*30[\s\S]*7/)
      if (process.env.DEBUG_TEST) process.stderr.write(body1 + '\n----\n' + r1.summary + '\n')
      expect(body1).toContain('models-last-run')
      expect(body1).toContain('0.88')
      expect(r1.outputs['plan-comment']).toBe(comments[0].data.html_url)
      // A plan reads ECR and SageMaker, and changes nothing.
      const operations = aws.calls.slice(calls).map((c) => c.operation)
      for (const op of ['CreateTrainingJob', 'PutImage', 'CreateRepository', 'StopTrainingJob'])
        expect(operations).not.toContain(op)
      expect(r1.summary).toMatch(/#12/)

      const second = newCommit('pr: a few more', { [HYDRA]: file(HYDRA).replace('epochs: 7', 'epochs: 8') })
      const synchronize = pullRequestEvent({
        repository: REPOSITORY,
        action: 'synchronize',
        number: 12,
        headSha: second.sha,
        headRef: 'exp/fewer-epochs',
        baseRef: 'models',
        baseSha: base,
        before: first.sha
      })
      const r2 = await run({
        eventName: 'pull_request',
        event: synchronize,
        sha: second.sha,
        ref: 'refs/pull/12/merge'
      })
      ok(r2)
      expect(github.callsTo('issues/create-comment')).toHaveLength(1)
      expect(github.callsTo('issues/update-comment')).toHaveLength(1)
      const after = repo().comments.filter((c) => c.issueNumber === 12)
      expect(after).toHaveLength(1)
      const body2 = String(after[0].data.body)
      expect(body2).toContain(second.short)
      expect(body2).not.toContain(first.short)
      expect(body2).toMatch(/trainer\.epochs[\s\S]*30[\s\S]*8/)
      expect(sagemaker.jobs.has(first.short) || sagemaker.jobs.has(second.short)).toBe(false)
      expect(github.selfCheckFailures).toEqual([])
    }, 60_000)

    it('a broken config: the comment lists the problems, and the step fails with annotations on the YAML lines', async () => {
      const base = ws.commits.at(-1)!
      const head = newCommit('pr: a typo', { [CONFIG]: file(CONFIG).replace('volume_size', 'volume_sise') })
      const line =
        file(CONFIG)
          .split('\n')
          .findIndex((l) => l.includes('volume_sise')) + 1
      const event = pullRequestEvent({
        repository: REPOSITORY,
        number: 14,
        headSha: head.sha,
        headRef: 'exp/typo',
        baseRef: 'models',
        baseSha: base
      })
      const calls = aws.calls.length
      try {
        const r = await run({
          eventName: 'pull_request',
          event: event,
          sha: head.sha,
          ref: 'refs/pull/14/merge'
        })
        expect(r.main.exitCode).toBe(1)
        expect(r.main.stdout).toMatch(
          new RegExp(`::error [^:]*file=${CONFIG},line=${line},[^:]*::.*job.volume_sise: unknown key 'volume_sise'`)
        )
        const comments = repo().comments.filter((c) => c.issueNumber === 14)
        expect(comments).toHaveLength(1)
        // Underscores are written as &#95; so Markdown never reads them as emphasis.
        const body = String(comments[0].data.body).replace(/&#95;/g, '_')
        expect(body).toContain('job.volume_sise</code></a>: unknown key &#39;volume_sise&#39;')
        expect(body).toContain(`${CONFIG}#L${line}`)
        // Nothing was looked up, built or submitted for a config that cannot run.
        expect(aws.calls.length).toBe(calls)
        expect(sagemaker.jobs.has(head.short)).toBe(false)
      } finally {
        // The next tests start from a config that works.
        ws.commit('fix the typo', { [CONFIG]: file(CONFIG).replace('volume_sise', 'volume_size') })
      }
    }, 60_000)

    it('without pull-requests: write, warns naming the permission and still passes', async () => {
      const base = ws.commits.at(-1)!
      const head = newCommit('pr: dropout', { [HYDRA]: file(HYDRA).replace('dropout: 0.1', 'dropout: 0.2') })
      github.setFaults({
        'issues/create-comment': { kind: 'forbidden' },
        'issues/update-comment': { kind: 'forbidden' }
      })
      try {
        const event = { ...openPullRequest(head.sha, base), number: 13 }
        event.pull_request = { ...event.pull_request, number: 13 }
        const r = await run({
          eventName: 'pull_request',
          event: event,
          sha: head.sha,
          ref: 'refs/pull/13/merge'
        })
        ok(r)
        expect(r.main.stdout).toMatch(/::warning::.*training plan comment on pull request #13.*pull-requests: write/)
        expect(r.outputs['plan-comment']).toBeUndefined()
        expect(leakingLines(r.log, TOKEN)).toEqual([])
      } finally {
        github.setFaults(undefined)
      }
    }, 60_000)
  })

  describe('a push that waits', () => {
    it("sets pending then success, compares with the branch's last run, passes the gates and tags the commit", async () => {
      // The branch's last completed run, from an earlier commit.
      const earlier = ws.commits.at(-1)!
      sagemaker.seed('earlier-run', 'Completed', 'Completed', {
        tags: {
          'train-on-push:repository': REPOSITORY,
          'train-on-push:ref': 'refs/heads/models',
          'train-on-push:sha': earlier
        },
        metrics: [{ name: 'val:accuracy', value: 0.9 }],
        createdAt: Date.now() - 3_600_000
      })
      const { sha, short } = newCommit('better augmentation')
      sagemaker.script(short, quickSuccess([{ name: 'val:accuracy', value: 0.93 }]))
      const r = await run({
        inputs: {
          wait: 'true',
          'metric-gates': 'val:accuracy >= baseline + 0.01\nval:accuracy > 0.5 # a floor',
          'tag-on-success': 'trained/{short_sha}'
        },
        env: { RUNNER_ENVIRONMENT: 'github-hosted' }
      })
      ok(r)
      // The example's limits (12 h of training, a day with spot waits) outlast a hosted runner's 6 h.
      expect(r.main.stdout).toMatch(
        /::notice::This job may run up to 24 hours \(spot capacity included\), but GitHub-hosted runners end a job after 6 hours/
      )
      expect(r.outputs).toMatchObject({ 'job-name': short, 'job-status': 'Completed', 'baseline-job': 'earlier-run' })
      expect(JSON.parse(r.outputs['baseline-metrics'])).toEqual({ 'val:accuracy': 0.9 })
      const gates = JSON.parse(r.outputs.gates) as { status: string }[]
      expect(gates.map((g) => g.status)).toEqual(['passed', 'passed'])

      const statuses = repo()
        .statuses.filter((s) => s.sha === sha)
        .map((s) => s.data)
      expect(statuses.map((s) => s.state)).toEqual(['pending', 'success'])
      expect(statuses.every((s) => s.context === 'train-on-push')).toBe(true)
      expect(statuses[1].target_url).toContain(`#/jobs/${short}`)
      expect(repo().refs.get(`refs/tags/trained/${short}`)).toBe(sha)
      expect(r.summary).toContain('earlier-run')
      expect(r.summary).toMatch(/val:accuracy/)
      expect(leakingLines(r.log, TOKEN)).toEqual([])
      expect(github.selfCheckFailures).toEqual([])
    }, 60_000)

    it('fails the step on a gate against the new baseline: failure status, no tag', async () => {
      const { sha, short } = newCommit('worse augmentation')
      sagemaker.script(short, quickSuccess([{ name: 'val:accuracy', value: 0.85 }]))
      const r = await run({
        inputs: { wait: 'true', 'metric-gates': 'val:accuracy >= baseline', 'tag-on-success': 'trained/{short_sha}' }
      })
      expect(r.main.exitCode).toBe(1)
      // The baseline is now the run before this one (0.93), not the seeded one.
      expect(r.outputs['baseline-job']).not.toBe('earlier-run')
      expect(JSON.parse(r.outputs['baseline-metrics'])).toEqual({ 'val:accuracy': 0.93 })
      expect(r.main.stdout).toMatch(/::error::.*val:accuracy/)
      expect(
        repo()
          .statuses.filter((s) => s.sha === sha)
          .map((s) => s.data.state)
      ).toEqual(['pending', 'failure'])
      expect(repo().refs.has(`refs/tags/trained/${short}`)).toBe(false)
      // The job itself completed and is left alone.
      expect(sagemaker.stops).not.toContain(short)
    }, 60_000)
  })

  describe('AWS sessions that outlive their credentials', () => {
    /** A job that reaches Training, where `expire` runs, and then completes a few polls later. */
    const expiringJob = (expire: () => void): JobStep[] => [
      { status: 'InProgress', secondary: 'Training', message: 'Training in progress.', onEnter: expire },
      { status: 'InProgress', secondary: 'Training', message: 'Training in progress.' },
      { status: 'InProgress', secondary: 'Uploading', message: 'Uploading generated training model' },
      { status: 'Completed', secondary: 'Completed', message: 'Training job completed' }
    ]

    it('role-to-assume: the action assumes the role with the OIDC token and again when AWS says it expired', async () => {
      const { short } = newCommit('long training')
      const tokens = oidc.requests.length
      const issued = sts.issued.length
      sagemaker.script(short, {
        steps: expiringJob(() => aws.expireAccessKey(sts.issued.at(-1)!.accessKeyId)),
        metrics: [{ name: 'val:accuracy', value: 0.95 }]
      })
      const since = aws.calls.length
      const r = await run({
        inputs: { wait: 'true', 'role-to-assume': ROLE, 'role-session-duration': '900', 'commit-status': 'false' },
        env: oidc.env
      })
      ok(r)
      expect(r.outputs['job-status']).toBe('Completed')
      expect(sts.issued.length - issued).toBe(2)
      expect(oidc.requests.slice(tokens).map((q) => q.audience)).toEqual(['sts.amazonaws.com', 'sts.amazonaws.com'])
      expect(
        sts.issued
          .slice(issued)
          .every((c) => c.roleArn === ROLE && c.claims.sub === `repo:${REPOSITORY}:ref:refs/heads/models`)
      ).toBe(true)
      // Every SageMaker call was signed with the role's sessions, none with the environment's keys.
      const signed = aws.calls.slice(since).filter((c) => c.target.startsWith('SageMaker.'))
      expect(signed.length).toBeGreaterThan(3)
      expect(signed.every((c) => c.accessKeyId?.startsWith('ASIA'))).toBe(true)
      expect(r.main.stdout).toContain('The AWS session expired; role-to-assume was assumed again.')
      // Not on a GitHub-hosted runner: no word about its 6-hour limit.
      expect(r.main.stdout).not.toContain('GitHub-hosted runners end a job after 6 hours')
      for (const c of sts.issued) {
        expect(leakingLines(r.log, c.secretAccessKey)).toEqual([])
        expect(leakingLines(r.log, c.sessionToken)).toEqual([])
      }
    }, 60_000)

    it('without role-to-assume, expired credentials end the wait with a warning; the job runs on', async () => {
      const { sha, short } = newCommit('another long training')
      const key = 'AKIDEXPIRESMIDWAIT00'
      sagemaker.script(short, { steps: expiringJob(() => aws.expireAccessKey(key)) })
      const r = await run({ inputs: { wait: 'true' }, env: { AWS_ACCESS_KEY_ID: key } })
      ok(r)
      expect(r.outputs['job-status']).toBe('InProgress')
      expect(r.main.stdout).toMatch(
        /::warning::The AWS credentials expired while waiting: training job \w+ keeps running/
      )
      expect(r.main.stdout).toContain('set role-to-assume')
      // Nobody stops a job that is still training: not main, not post.
      expect(sagemaker.stops).not.toContain(short)
      expect(r.post?.exitCode).toBe(0)
      // The status says the run lost track of the job, not that it failed.
      expect(
        repo()
          .statuses.filter((s) => s.sha === sha)
          .map((s) => s.data.state)
      ).toEqual(['pending', 'error'])
    }, 60_000)
  })

  it('without a role_arn, the job runs as sagemaker_execution_role in the account of the credentials', async () => {
    const { short } = newCommit('the submit script had no role either', {
      [CONFIG]: file(CONFIG).replace(/ {2}role_arn.*\n/, '')
    })
    const r = await run({ inputs: { 'commit-status': 'false' } })
    ok(r)
    expect(sts.calls().map((c) => c.operation)).toContain('GetCallerIdentity')
    expect(sagemaker.jobs.get(short)!.request.RoleArn).toBe(
      `arn:aws:iam::${CALLER_ACCOUNT}:role/sagemaker_execution_role`
    )
    expect(r.main.stdout).toContain(`The job runs as arn:aws:iam::${CALLER_ACCOUNT}:role/sagemaker_execution_role`)
  }, 60_000)
})
