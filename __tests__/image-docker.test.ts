/**
 * The image stage against a real Docker Engine and a real registry (started here, on
 * 127.0.0.1), with ECR served to the real AWS SDK by the local awsJson1_1 server.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { dockerSkipReason, RegistryClient, startDockerEnv, writeContext, type DockerEnv } from './support/docker-env.js'
import { startFakeAws, type FakeAws } from './support/fake-aws.js'
import { startFakeEcr, type FakeEcr } from './support/fake-ecr.js'
import type { Commit, Settings } from '../src/config/settings.js'
import { leakingLines } from './support/secrets.js'

const { publishImage } = await import('../src/image/publish.js')
const { run: postStep } = await import('../src/action/post.js')
const { actionLog } = await import('../src/action/log.js')
const { actionExec } = await import('../src/action/exec.js')
const { rememberRegistry } = await import('../src/action/state.js')

const { describeImageSource } = await import('../src/image/image-source.js')

/** Pushes retried at once: the tests are about whether, not how long. */
const quickRetries = { sleep: async (): Promise<void> => undefined }

/** The image stage as the main step runs it: the action's own log, processes and state. */
const publish = async (s: Settings, c: Commit): ReturnType<typeof publishImage> =>
  publishImage(s, c, {
    log: actionLog,
    exec: actionExec,
    onLogin: rememberRegistry,
    source: await describeImageSource(s),
    push: quickRetries
  })

const skip = dockerSkipReason()
if (skip) console.warn(skip)
const suite = skip ? describe.skip : describe

let n = 0
function commit(): Commit {
  n += 1
  const sha = (n.toString(16).padStart(2, '0') + 'abcdef0123456789').repeat(3).slice(0, 40)
  return {
    sha,
    shortSha: sha.slice(0, 7),
    branch: 'main',
    ref: 'refs/heads/main',
    repository: 'acme/vision',
    eventName: 'push'
  }
}

/** Everything written to stdout while `fn` runs: the step log as the runner would see it. */
async function captured<T>(fn: () => Promise<T>): Promise<{ value?: T; error?: Error; log: string }> {
  const chunks: string[] = []
  const write = process.stdout.write
  // Kept out of the test output; a failing assertion shows what matters.
  process.stdout.write = ((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))
    return true
  }) as typeof process.stdout.write
  try {
    return { value: await fn(), log: chunks.join('') }
  } catch (error) {
    return { error: error as Error, log: chunks.join('') }
  } finally {
    process.stdout.write = write
  }
}

/** The secret may appear only in the runner's `::add-mask::` command, which is how it gets masked. */
function expectNoLeak(log: string, secret: string): void {
  expect(leakingLines(log, secret)).toEqual([])
}

suite('publishImage on a real Docker Engine and registry', () => {
  let env: DockerEnv
  let aws: FakeAws
  let ecr: FakeEcr
  let registry: RegistryClient
  let workspace: string
  const saved = { ...process.env }
  const write = process.stdout.write

  const settings = (patch: Partial<Settings> & { repository: string }): Settings =>
    ({
      workspace,
      context: 'app',
      dockerfile: 'app/Dockerfile',
      reuseByContent: true,
      skipExistingImage: true,
      createRepository: true,
      pushLatest: true,
      platform: 'linux/amd64',
      buildArgs: [],
      cache: 'inline',
      ...patch,
      config: { region: 'us-east-1', ecrRepository: patch.repository }
    }) as unknown as Settings

  beforeAll(async () => {
    // The step log stays out of the test output (SHOW_ACTION_OUTPUT=1 to see it).
    if (!process.env.SHOW_ACTION_OUTPUT) process.stdout.write = (() => true) as typeof write
    env = await startDockerEnv()
    aws = await startFakeAws()
    ecr = await startFakeEcr(env.registry)
    ecr.install(aws)
    registry = new RegistryClient(env.registry)
    workspace = mkdtempSync(join(tmpdir(), 'top-ws-'))
    writeContext(
      join(workspace, 'app'),
      'FROM scratch\nARG GREETING=none\nLABEL greeting=$GREETING\nCOPY model.txt /model.txt\n',
      {
        'model.txt': 'weights\n'
      }
    )
    writeContext(join(workspace, 'broken'), 'FROM scratch\nCOPY missing-file.txt /\n')
    Object.assign(process.env, env.env, {
      AWS_ENDPOINT_URL_ECR: aws.url,
      AWS_ACCESS_KEY_ID: 'AKIDTEST',
      AWS_SECRET_ACCESS_KEY: 'test-secret',
      AWS_REGION: 'us-east-1',
      GITHUB_STATE: join(workspace, 'state.txt'),
      GITHUB_SERVER_URL: 'https://github.com'
    })
    writeFileSync(process.env.GITHUB_STATE!, '')
  }, 60000)

  afterAll(async () => {
    process.stdout.write = write
    process.env = saved
    await aws?.close()
    await ecr?.close()
    await env?.stop()
    if (workspace) rmSync(workspace, { recursive: true, force: true })
  }, 60000)

  it('creates the repository, builds, pushes both tags with the OCI labels, and pins by digest', async () => {
    const c = commit()
    const run = await captured(() =>
      publish(settings({ repository: 'team/first', buildArgs: ['GREETING=hello world'] }), c)
    )
    expect(run.error).toBeUndefined()
    const out = run.value!
    expect(out.built).toBe(true)
    expect(out.tags).toEqual([c.shortSha, expect.stringMatching(/^content-[0-9a-f]{64}$/), 'latest'])
    expect(out.uri).toBe(`${ecr.host}/team/first:${c.shortSha}`)
    expect(out.digest).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(out.pinned).toBe(`${ecr.host}/team/first@${out.digest}`)

    expect(ecr.repositories.get('team/first')?.mutability).toBe('MUTABLE')
    expect((await registry.tags('team/first')).sort()).toEqual([c.shortSha, out.tags[1], 'latest'].sort())
    expect(await registry.digest('team/first', c.shortSha)).toBe(out.digest)
    expect(await registry.digest('team/first', 'latest')).toBe(out.digest)
    const labels = await registry.labels('team/first', c.shortSha)
    expect(labels).toMatchObject({
      'org.opencontainers.image.revision': c.sha,
      'org.opencontainers.image.source': 'https://github.com/acme/vision',
      'org.opencontainers.image.version': c.shortSha,
      greeting: 'hello world'
    })
    expect(Date.parse(labels['org.opencontainers.image.created'])).not.toBeNaN()

    // The registry host is saved for the post step's logout.
    expect(readFileSync(process.env.GITHUB_STATE!, 'utf8')).toContain(ecr.host)
    // The build streamed inside a log group, and the password never showed up.
    expect(run.log).toMatch(/::group::Build /)
    expect(run.log).toContain(`::add-mask::${env.registry.password}`)
    // The recorded argv of the login: the password went on stdin, not here.
    expect(run.log).toContain(`::debug::run: docker "login" "--username" "AWS" "--password-stdin" "${ecr.host}"`)
    expectNoLeak(run.log, env.registry.password)

    // The rerun of the same commit builds and pushes nothing, and reuses the digest.
    const pushes = ecr.pushes.length
    const again = await captured(() => publish(settings({ repository: 'team/first' }), c))
    expect(again.error).toBeUndefined()
    expect(again.value).toMatchObject({ built: false, digest: out.digest, pinned: out.pinned })
    expect(ecr.pushes.length).toBe(pushes)
    expect(again.log).not.toMatch(/::group::Build |docker login/)
    expectNoLeak(again.log, env.registry.password)
  })

  it('rebuilds an existing tag when skip-existing-image is false in a MUTABLE repository', async () => {
    const c = commit()
    const first = await publish(
      settings({ repository: 'team/rebuild', pushLatest: false, reuseByContent: false, cache: 'none' }),
      c
    )
    const second = await publish(
      settings({
        repository: 'team/rebuild',
        pushLatest: false,
        reuseByContent: false,
        skipExistingImage: false,
        cache: 'none'
      }),
      c
    )
    expect(first.built).toBe(true)
    expect(second.built).toBe(true)
    expect((await registry.tags('team/rebuild')).filter((t) => !t.startsWith('content-'))).toEqual([c.shortSha])
    // The `created` label changes, so this is a real new image.
    expect(second.digest).not.toBe(first.digest)
  })

  it('never fails on an IMMUTABLE repository: the existing tag is reused and latest is not moved', async () => {
    ecr.addRepository('team/locked', 'IMMUTABLE')
    const c1 = commit()
    // The tag rules, with reuse by content off: that one is tested on its own.
    const locked = (patch: Partial<Settings> = {}): Settings =>
      settings({ repository: 'team/locked', reuseByContent: false, ...patch })
    const first = await publish(locked({ cache: 'registry' }), c1)
    expect(first.built).toBe(true)
    const latest = await registry.digest('team/locked', 'latest')
    expect(latest).toBe(first.digest)

    const c2 = commit()
    const second = await captured(() => publish(locked(), c2))
    expect(second.error).toBeUndefined()
    expect(second.value?.tags).toEqual([c2.shortSha])
    expect(second.log).toMatch(/'latest' already exists .* immutable/)
    expect(await registry.digest('team/locked', 'latest')).toBe(latest)

    const again = await captured(() => publish(locked({ skipExistingImage: false }), c1))
    expect(again.error).toBeUndefined()
    expect(again.value).toMatchObject({ built: false, digest: first.digest })
    // The registry front refuses what ECR would refuse; nothing ever got that far.
    expect(ecr.pushes.filter((p) => p.repository === 'team/locked' && p.status !== 201)).toEqual([])
  })

  it('uses the image another run pushed meanwhile when an IMMUTABLE tag is taken at push time', async () => {
    ecr.addRepository('team/raced', 'IMMUTABLE')
    const c = commit()
    const raced = settings({ repository: 'team/raced', pushLatest: false, reuseByContent: false })
    const theirs = await publish(raced, c)
    // This run's tag check comes back empty, as if the other run pushed a moment later.
    ecr.hideOnce.add(`team/raced:${c.shortSha}`)
    const ours = await captured(() => publish(raced, c))
    expect(ours.error).toBeUndefined()
    expect(ours.value).toMatchObject({ built: false, digest: theirs.digest, tags: [c.shortSha] })
    expect(ours.log).toMatch(/::group::Build /)
    expect(ours.log).toMatch(/::notice::team\/raced:\w+ was pushed by another run/)
    const pushes = ecr.pushes.filter((p) => p.repository === 'team/raced' && !p.reference.startsWith('content-'))
    expect(pushes.map((p) => p.status)).toEqual([201, 400])
    expect(await registry.digest('team/raced', c.shortSha)).toBe(theirs.digest)
  })

  it('takes a concurrent creation of the repository in its stride', async () => {
    ecr.loseNextCreateRace = true
    const out = await publish(settings({ repository: 'team/race', pushLatest: false }), commit())
    expect(out.built).toBe(true)
  })

  it('says how to fix a missing repository when create-repository is false, before touching Docker', async () => {
    const run = await captured(() =>
      publish(settings({ repository: 'team/absent', createRepository: false }), commit())
    )
    expect(run.error?.message).toMatch(/ECR repository 'team\/absent' does not exist .*create-repository: true/)
    expect(run.log).not.toMatch(/Docker \d/)
    expect(ecr.repositories.has('team/absent')).toBe(false)
  })

  it('fails a broken build with the end of the build log, and pushes nothing', async () => {
    const run = await captured(() =>
      publish(settings({ repository: 'team/broken', dockerfile: 'broken/Dockerfile', context: 'broken' }), commit())
    )
    expect(run.error?.message).toMatch(/docker build failed[\s\S]*missing-file\.txt/)
    expect(await registry.tags('team/broken')).toEqual([])
  })

  it('reports a refused login, without leaking the wrong password either', async () => {
    ecr.token.password = 'not-the-password-4711'
    try {
      const run = await captured(() => publish(settings({ repository: 'team/refused' }), commit()))
      expect(run.error?.message).toMatch(/docker login to 127\.0\.0\.1:\d+ was refused/)
      expectNoLeak(run.log + run.error!.message, 'not-the-password-4711')
      expect(await registry.tags('team/refused')).toEqual([])
    } finally {
      ecr.reset()
    }
  })

  it('reports an unreachable registry', async () => {
    const closed = `127.0.0.1:${env.registry.port === 1 ? 2 : 1}`
    ecr.token.proxyEndpoint = `http://${closed}`
    ecr.repositoryHost = closed
    try {
      const run = await captured(() => publish(settings({ repository: 'team/unreachable' }), commit()))
      expect(run.error?.message).toMatch(/registry 127\.0\.0\.1:\d+ is unreachable/)
    } finally {
      ecr.reset()
    }
  })

  it('reports a push the registry refuses', async () => {
    // ECR's answer to a push the credentials may not make (no ecr:InitiateLayerUpload).
    ecr.faults = ({ method }) =>
      method === 'POST' || method === 'PUT' || method === 'PATCH'
        ? { status: 403, code: 'DENIED', message: 'User is not authorized to perform: ecr:InitiateLayerUpload' }
        : undefined
    try {
      const run = await captured(() => publish(settings({ repository: 'team/readonly', pushLatest: false }), commit()))
      expect(run.error?.message).toMatch(/docker push 127\.0\.0\.1:\d+\/team\/readonly:\w+ failed/)
      expect(run.error?.message).toMatch(/ecr:InitiateLayerUpload/)
    } finally {
      ecr.reset()
    }
  })

  it('refuses a token for another registry than the repository', async () => {
    ecr.addRepository('team/elsewhere')
    ecr.repositoryHost = '999999999999.dkr.ecr.eu-west-1.amazonaws.com'
    try {
      const run = await captured(() => publish(settings({ repository: 'team/elsewhere' }), commit()))
      expect(run.error?.message).toMatch(
        /token is for registry 127\.0\.0\.1:\d+, but the repository is in 999999999999\.dkr\.ecr/
      )
      expect(run.log).not.toMatch(/::group::Build /)
    } finally {
      ecr.reset()
    }
  })

  it('says so when Docker is not available', async () => {
    const host = process.env.DOCKER_HOST
    process.env.DOCKER_HOST = `unix://${join(workspace, 'no-such.sock')}`
    try {
      await expect(publish(settings({ repository: 'team/nodocker' }), commit())).rejects.toThrow(
        /Docker is not available: the Docker engine did not answer/
      )
    } finally {
      process.env.DOCKER_HOST = host
    }
    const path = process.env.PATH
    process.env.PATH = join(workspace, 'empty-bin')
    try {
      await expect(publish(settings({ repository: 'team/nodocker' }), commit())).rejects.toThrow(
        /no `docker` command on PATH/
      )
    } finally {
      process.env.PATH = path
    }
    expect(ecr.repositories.has('team/nodocker')).toBe(false)
  })

  it('logs out in the post step, and only warns when it cannot', async () => {
    process.env.STATE_registry = ecr.host
    try {
      const config = () => readFileSync(join(env.dockerConfig, 'config.json'), 'utf8')
      expect(config()).toContain(ecr.host)
      const ok = await captured(() => postStep())
      expect(ok.error).toBeUndefined()
      expect(config()).not.toContain(ecr.host)

      const path = process.env.PATH
      process.env.PATH = join(workspace, 'empty-bin')
      try {
        const failed = await captured(() => postStep())
        expect(failed.error).toBeUndefined()
        expect(failed.log).toMatch(/::warning::docker logout 127\.0\.0\.1:\d+ failed/)
      } finally {
        process.env.PATH = path
      }
    } finally {
      delete process.env.STATE_registry
    }
  })
})
