/**
 * The bundled action (dist/index.js, run as the runner runs it) with dry-run off: ECR and
 * SageMaker on the local awsJson1_1 server, the image built and pushed for real on a private
 * dockerd and registry. Needs `npm run bundle` first.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { distEntry, makeWorkspace, runAction, type ActionRun, type Workspace } from './support/action-runner.js'
import { dockerSkipReason, RegistryClient, startDockerEnv, type DockerEnv } from './support/docker-env.js'
import { startFakeAws, type FakeAws } from './support/fake-aws.js'
import { startFakeEcr, type FakeEcr } from './support/fake-ecr.js'
import { fakeSageMaker, type FakeSageMaker } from './support/fake-sagemaker.js'
import { leakingLines } from './support/secrets.js'

const skip =
  dockerSkipReason() ?? (existsSync(distEntry) ? undefined : 'skipping: dist/index.js missing (npm run bundle)')
if (skip) console.warn(skip)
const suite = skip ? describe.skip : describe

const REPO = 'sim/dog-classifier'
// No network in the tests: the example's python base image is swapped for scratch.
const DOCKERFILE = 'FROM scratch\nCOPY train.py /opt/program/train.py\n'

suite('the bundled action publishes the image and pins the job to it', () => {
  let docker: DockerEnv
  let aws: FakeAws
  let ecr: FakeEcr
  let sagemaker: FakeSageMaker
  let ws: Workspace
  let registry: RegistryClient

  const run = (inputs: Record<string, string> = {}): Promise<ActionRun> =>
    runAction({
      workspace: ws.dir,
      inputs: { 'dry-run': 'false', ...inputs },
      env: { ...docker.env, AWS_ENDPOINT_URL: aws.url },
      post: true
    })

  beforeAll(async () => {
    docker = await startDockerEnv()
    aws = await startFakeAws()
    ecr = await startFakeEcr(docker.registry)
    ecr.install(aws)
    sagemaker = fakeSageMaker(aws)
    registry = new RegistryClient(docker.registry)
    ws = makeWorkspace()
    ws.commit('scratch image', { 'src/Dockerfile': DOCKERFILE })
  }, 60000)

  afterAll(async () => {
    ws?.cleanup()
    await aws?.close()
    await ecr?.close()
    await docker?.stop()
  }, 60000)

  it('builds and pushes both tags, pins TrainingImage by digest, logs out, and never shows the password', async () => {
    const first = await run()
    expect({ exit: first.main.exitCode, log: first.main.exitCode === 0 ? '' : first.log }).toEqual({
      exit: 0,
      log: ''
    })
    const sha = ws.commits.at(-1)!
    const short = sha.slice(0, 7)

    expect(first.outputs['image-built']).toBe('true')
    expect(first.outputs.image).toBe(`${ecr.host}/${REPO}:${short}`)
    const digest = first.outputs['image-digest']
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(await registry.digest(REPO, short)).toBe(digest)
    expect(await registry.digest(REPO, 'latest')).toBe(digest)
    expect(await registry.labels(REPO, short)).toMatchObject({
      'org.opencontainers.image.revision': sha,
      'org.opencontainers.image.version': short,
      'org.opencontainers.image.source': 'https://github.com/acme/dogs'
    })

    const created = aws.callsTo('CreateTrainingJob')
    expect(created).toHaveLength(1)
    expect(created[0].input.AlgorithmSpecification.TrainingImage).toBe(`${ecr.host}/${REPO}@${digest}`)

    expect(first.state.registry).toBe(ecr.host)
    expect(first.post?.stdout).toContain(`Logged out of ${ecr.host}`)
    const config = join(docker.dockerConfig, 'config.json')
    expect(existsSync(config) ? readFileSync(config, 'utf8') : '').not.toContain(ecr.host)
    expect(leakingLines(first.log, docker.registry.password)).toEqual([])

    // Same commit again: the image is found in ECR, nothing is built or pushed.
    const again = await run()
    expect(again.main.exitCode).toBe(0)
    expect(again.outputs['image-built']).toBe('false')
    expect(again.outputs['image-digest']).toBe(digest)
    expect(again.log).not.toMatch(/::group::Build |docker push|docker login/)
    expect(leakingLines(again.log, docker.registry.password)).toEqual([])
  }, 120000)

  it('a hyperparameter-only commit trains on the image of the commit that built it, and says so', async () => {
    const built = ws.commit('code', { 'src/train.py': 'print("model v3")\n' })
    const first = await run()
    expect(first.outputs).toMatchObject({ 'image-built': 'true', 'image-commit': built })
    const uploaded = ecr.uploadedBytes()

    const hyper = ws.commit('only hyperparameters', {
      'deploy/train-config.yaml': readFileSync(join(ws.dir, 'deploy/train-config.yaml'), 'utf8').replace(
        /epochs: \d+/,
        'epochs: 3'
      )
    })
    const second = await run()
    expect({ exit: second.main.exitCode, log: second.main.exitCode === 0 ? '' : second.log }).toEqual({
      exit: 0,
      log: ''
    })
    expect(second.outputs).toMatchObject({
      'image-built': 'false',
      'image-commit': built,
      'image-digest': first.outputs['image-digest'],
      image: `${ecr.host}/${REPO}:${hyper.slice(0, 7)}`
    })
    expect(second.log).not.toMatch(/docker login|::group::Build /)
    expect(ecr.uploadedBytes()).toBe(uploaded)
    expect(await registry.digest(REPO, hyper.slice(0, 7))).toBe(first.outputs['image-digest'])
    expect(second.summary).toContain(
      `reused: built from exactly the same content by commit <code>${built.slice(0, 7)}</code>`
    )
    // The job's lineage names both commits: the one whose config runs and the one whose build it runs.
    const job = aws.callsTo('CreateTrainingJob').at(-1)!.input
    expect(job.Tags).toEqual(
      expect.arrayContaining([
        { Key: 'train-on-push:sha', Value: hyper },
        { Key: 'train-on-push:image-sha', Value: built }
      ])
    )
    expect(job.Environment).toMatchObject({ TRAIN_ON_PUSH_SHA: hyper, TRAIN_ON_PUSH_IMAGE_SHA: built })
    expect(job.AlgorithmSpecification.ContainerArguments).toContain('trainer.epochs=3')
  }, 120000)

  it('a push that keeps failing on the way is tried again, then fails the run before any job exists', async () => {
    ws.commit('new code', { 'src/train.py': 'print("never pushed")\n' })
    ecr.faults = ({ method, path }) =>
      method === 'PUT' && /\/manifests\//.test(path)
        ? { status: 503, code: 'UNAVAILABLE', message: 'service unavailable' }
        : undefined
    try {
      const before = aws.callsTo('CreateTrainingJob').length
      const failed = await run()
      expect(failed.main.exitCode).toBe(1)
      expect(
        failed.main.stdout.match(/::warning::docker push .* failed .*trying again in \d+ s \(attempt \d of 4\)/g)
      ).toHaveLength(3)
      expect(failed.main.stdout).toMatch(/::error::docker push .* failed/)
      expect(aws.callsTo('CreateTrainingJob')).toHaveLength(before)
      expect(failed.outputs['job-status']).toBe('NotSubmitted')
      expect(failed.summary).toContain('Nothing was submitted: the image could not be built or pushed')
    } finally {
      ecr.reset()
    }
  }, 120000)

  it('fails a broken build with the end of the build log, and submits nothing', async () => {
    ws.commit('broken image', { 'src/Dockerfile': 'FROM scratch\nCOPY no-such-file.bin /\n' })
    const before = aws.callsTo('CreateTrainingJob').length
    const jobs = sagemaker.jobs.size
    const broken = await run()
    expect(broken.main.exitCode).toBe(1)
    expect(broken.main.stdout).toMatch(/::error::.*docker build failed.*no-such-file\.bin/)
    expect(aws.callsTo('CreateTrainingJob')).toHaveLength(before)
    expect(sagemaker.jobs.size).toBe(jobs)
    ws.commit('fixed image', { 'src/Dockerfile': DOCKERFILE })
  }, 120000)
})
