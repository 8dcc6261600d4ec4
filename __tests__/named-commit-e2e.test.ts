/**
 * The action's promise, through the bundled action on real git histories, a real Docker
 * Engine and registry, and the local AWS stand-in: a job named after a commit runs exactly
 * that commit (its configs, its Dockerfile, its files), whatever the workflow checked out;
 * and what differs from the commit in the checkout is never hidden.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  distEntry,
  makeWorkspace,
  runAction,
  type ActionRun,
  type RunOptions,
  type Workspace
} from './support/action-runner.js'
import { dockerSkipReason, RegistryClient, startDockerEnv, type DockerEnv } from './support/docker-env.js'
import { startFakeAws, type FakeAws } from './support/fake-aws.js'
import { startFakeEcr, type FakeEcr } from './support/fake-ecr.js'
import { fakeSageMaker, type FakeSageMaker } from './support/fake-sagemaker.js'
import { pullRequestEvent } from './support/events.js'

const skip =
  dockerSkipReason() ?? (existsSync(distEntry) ? undefined : 'skipping: dist/index.js missing (npm run bundle)')
if (skip) console.warn(skip)
const suite = skip ? describe.skip : describe

const REPO = 'sim/dog-classifier'
const CONFIG = 'deploy/sagemaker-job-config.yaml'
const HYDRA = 'deploy/train-config.yaml'

/** A `FROM scratch` image (no network here) whose label and file say which commit built it. */
const dockerfile = (variant: string): string =>
  `FROM scratch\nLABEL variant=${variant}\nCOPY marker.txt /marker.txt\nCOPY train.py /opt/program/train.py\n`

suite('a job named after a commit runs exactly that commit', () => {
  let docker: DockerEnv
  let aws: FakeAws
  let ecr: FakeEcr
  let sagemaker: FakeSageMaker
  let registry: RegistryClient
  let ws: Workspace

  const git = (...args: string[]): string =>
    execFileSync('git', args, {
      cwd: ws.dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'T',
        GIT_AUTHOR_EMAIL: 't@e',
        GIT_COMMITTER_NAME: 'T',
        GIT_COMMITTER_EMAIL: 't@e'
      }
    }).trim()
  const file = (path: string): string => readFileSync(join(ws.dir, path), 'utf8')
  const run = (options: Omit<RunOptions, 'workspace'> = {}): Promise<ActionRun> =>
    runAction({
      ...options,
      workspace: ws.dir,
      inputs: { 'dry-run': 'false', 'skip-existing-image': 'false', ...options.inputs },
      env: { ...docker.env, AWS_ENDPOINT_URL: aws.url, ...options.env },
      post: true
    })
  const created = (name: string): any => sagemaker.jobs.get(name)?.request
  const ok = (r: ActionRun): void =>
    expect({ exit: r.main.exitCode, log: r.main.exitCode === 0 ? '' : r.log }).toEqual({ exit: 0, log: '' })

  beforeAll(async () => {
    docker = await startDockerEnv()
    aws = await startFakeAws()
    ecr = await startFakeEcr(docker.registry)
    ecr.install(aws)
    sagemaker = fakeSageMaker(aws)
    registry = new RegistryClient(docker.registry)
    ws = makeWorkspace()
  }, 60_000)

  afterAll(async () => {
    ws?.cleanup()
    await aws?.close()
    await ecr?.close()
    await docker?.stop()
  }, 60_000)

  it('a dispatch of an older commit trains its configs, Dockerfile and files while HEAD is newer', async () => {
    const old = ws.commit('old', {
      'src/Dockerfile': dockerfile('old'),
      'src/marker.txt': 'old\n',
      [HYDRA]: file(HYDRA).replace('epochs: 30', 'epochs: 11')
    })
    ws.commit('new', {
      'src/Dockerfile': dockerfile('new'),
      'src/marker.txt': 'new\n',
      [CONFIG]: file(CONFIG).replace('ml.g5.xlarge', 'ml.g5.2xlarge'),
      [HYDRA]: file(HYDRA).replace('epochs: 11', 'epochs: 99')
    })
    const short = old.slice(0, 7)
    const r = await run({ eventName: 'workflow_dispatch', inputs: { sha: old.slice(0, 9) } })
    ok(r)
    expect(r.outputs).toMatchObject({ sha: old, 'job-name': short, 'job-status': 'Submitted', 'job-attached': 'false' })
    expect(r.main.stdout).toContain(`reading the configs and building the image from a checkout of ${short}`)

    // The request is the old commit's: its instance type and its hyperparameters.
    const request = created(short)
    expect(request.ResourceConfig.InstanceType).toBe('ml.g5.xlarge')
    expect(request.AlgorithmSpecification.ContainerArguments).toContain('trainer.epochs=11')
    expect(request.Environment.TRAIN_ON_PUSH_SHA).toBe(old)
    // The image is the old commit's: its Dockerfile, its files, its revision.
    expect(await registry.labels(REPO, short)).toMatchObject({
      variant: 'old',
      'org.opencontainers.image.revision': old
    })
    expect(await registry.file(REPO, short, '/marker.txt')).toBe('old\n')
    expect(r.summary).toContain(`read from commit <code>${short}</code> itself: the checkout was at`)
    // The temporary checkout is gone, and git no longer lists it.
    expect(git('worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1)
  }, 180_000)

  it('a pull request plans its head commit, not the merge commit GitHub checks out, and trains nothing', async () => {
    const base = git('rev-parse', 'HEAD')
    git('checkout', '-q', '-b', 'models/exp')
    const head = ws.commit('pr: fewer epochs', { [HYDRA]: file(HYDRA).replace(/epochs: \d+/, 'epochs: 7') })
    git('checkout', '-q', 'main')
    ws.commit('main moves on: another learning rate', { [HYDRA]: file(HYDRA).replace('lr: 3.0e-4', 'lr: 1.0e-3') })
    git('merge', '-q', '--no-ff', '-m', 'merge', 'models/exp')
    const merge = git('rev-parse', 'HEAD')
    const calls = aws.calls.length
    const tags = await registry.tags(REPO)
    try {
      // The merge has both changes; the head commit has only its own.
      expect(file(HYDRA)).toMatch(/lr: 1.0e-3[\s\S]*epochs: 7/)
      const r = await run({
        eventName: 'pull_request',
        sha: merge,
        ref: 'refs/pull/3/merge',
        event: pullRequestEvent({
          repository: 'acme/dogs',
          number: 3,
          headSha: head,
          headRef: 'models/exp',
          baseRef: 'models',
          baseSha: base,
          mergeSha: merge
        })
      })
      ok(r)
      expect(r.outputs).toMatchObject({ sha: head, 'job-name': head.slice(0, 7), 'job-status': 'DryRun' })
      const args = JSON.parse(r.outputs['container-arguments']) as string[]
      expect(args).toEqual(expect.arrayContaining(['trainer.epochs=7', 'optimizer.lr=0.0003']))
      // A plan: nothing built, pushed or submitted.
      expect(created(head.slice(0, 7))).toBeUndefined()
      expect(aws.calls.slice(calls).map((c) => c.operation)).not.toContain('CreateTrainingJob')
      expect(await registry.tags(REPO)).toEqual(tags)
      expect(r.summary).toMatch(/pull request #3/i)
    } finally {
      git('checkout', '-q', 'main')
    }
  }, 180_000)

  it('lists uncommitted files, marks the job and the image, and never gives the image the commit tag', async () => {
    const sha = ws.commit('clean', { 'src/Dockerfile': dockerfile('clean'), 'src/marker.txt': 'committed\n' })
    const short = sha.slice(0, 7)
    const before = await registry.digest(REPO, 'latest')
    writeFileSync(join(ws.dir, 'src/marker.txt'), 'edited by an earlier step\n')
    writeFileSync(join(ws.dir, 'src/generated.bin'), 'made by an earlier step\n')
    try {
      const r = await run()
      ok(r)
      expect(r.main.stdout).toMatch(
        /::warning::2 file\(s\) of the build or the configs differ from commit \w+ and are part of this run: src\/generated\.bin \(untracked\), src\/marker\.txt \(modified\)/
      )
      const tag = r.outputs.image.split(':').at(-1)!
      expect(tag).toMatch(new RegExp(`^${short}-dirty-[0-9a-f]{12}$`))
      const tags = await registry.tags(REPO)
      expect(tags).toContain(tag)
      expect(tags).not.toContain(short)
      expect(await registry.digest(REPO, 'latest')).toBe(before)
      expect(await registry.file(REPO, tag, '/marker.txt')).toBe('edited by an earlier step\n')
      expect((await registry.labels(REPO, tag))['train-on-push.uncommitted']).toBe(
        'src/generated.bin (untracked), src/marker.txt (modified)'
      )
      const request = created(short)
      expect(request.Tags).toContainEqual({
        Key: 'train-on-push:dirty',
        Value: '2 uncommitted: src/generated.bin src/marker.txt'
      })
      expect(request.Environment.TRAIN_ON_PUSH_DIRTY).toBe('src/generated.bin (untracked), src/marker.txt (modified)')
      expect(r.summary).toMatch(/Uncommitted<\/th><td>⚠️ 2 file\(s\) differ from the commit/)

      // A team that wants none of this says so, and nothing happens at all.
      const calls = aws.calls.length
      const refused = await run({ inputs: { 'allow-dirty': 'false' } })
      expect(refused.main.exitCode).toBe(1)
      expect(refused.main.stdout).toMatch(
        /input allow-dirty: 2 file\(s\) of the build or the configs differ from commit \w+, and allow-dirty is false: src\/generated\.bin \(untracked\), src\/marker\.txt \(modified\)/
      )
      expect(aws.calls.length).toBe(calls)
      expect(refused.outputs['job-status']).toBe('NotSubmitted')
    } finally {
      rmSync(join(ws.dir, 'src/generated.bin'), { force: true })
      git('checkout', '--', 'src/marker.txt')
    }
  }, 180_000)
})
