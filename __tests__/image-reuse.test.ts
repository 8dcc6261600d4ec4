/**
 * Reuse by content, on a real Docker Engine and registry behind the fake ECR: a commit whose
 * build inputs (Dockerfile, the files Docker sends, build-args, platform, target) are those of
 * an image already in the repository gets that very image, tagged through ECR's PutImage —
 * no docker login, no build, no push. And pushes that fail on the way are tried again.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Commit, Settings } from '../src/config/settings.js'
import { dockerSkipReason, RegistryClient, startDockerEnv, writeContext, type DockerEnv } from './support/docker-env.js'
import { startFakeAws, type FakeAws } from './support/fake-aws.js'
import { startFakeEcr, type FakeEcr } from './support/fake-ecr.js'

const { publishImage } = await import('../src/image/publish.js')
const { describeImageSource } = await import('../src/image/image-source.js')
const { memoryLog } = await import('../src/log.js')
const { actionExec } = await import('../src/action/exec.js')

const skip = dockerSkipReason()
if (skip) console.warn(skip)
const suite = skip ? describe.skip : describe

let n = 0
function commit(): Commit {
  n += 1
  const sha = (n.toString(16).padStart(2, '0') + 'fedcba9876543210').repeat(3).slice(0, 40)
  return {
    sha,
    shortSha: sha.slice(0, 7),
    branch: 'models',
    ref: 'refs/heads/models',
    repository: 'acme/vision',
    eventName: 'push'
  }
}

suite('reusing an image by its content', () => {
  let env: DockerEnv
  let aws: FakeAws
  let ecr: FakeEcr
  let registry: RegistryClient
  let workspace: string
  const saved = { ...process.env }

  const settings = (repository: string, patch: Partial<Settings> = {}): Settings =>
    ({
      workspace,
      context: 'app',
      dockerfile: 'app/Dockerfile',
      reuseByContent: true,
      skipExistingImage: true,
      createRepository: true,
      pushLatest: true,
      platform: 'linux/amd64',
      target: '',
      buildArgs: [],
      cache: 'none',
      ...patch,
      config: { region: 'us-east-1', ecrRepository: repository }
    }) as unknown as Settings

  /** One run of the image stage; the log is kept apart so a test can read what was said. */
  const publish = async (
    s: Settings,
    c: Commit,
    sleeps: number[] = []
  ): Promise<{ image: Awaited<ReturnType<typeof publishImage>>; log: string[] }> => {
    const log = memoryLog()
    const image = await publishImage(s, c, {
      log,
      exec: actionExec,
      onLogin: () => undefined,
      source: await describeImageSource(s),
      push: { sleep: async (ms) => void sleeps.push(ms) }
    })
    return { image, log: log.lines }
  }
  const code = (text: string): void => writeFileSync(join(workspace, 'app', 'train.py'), text)

  beforeAll(async () => {
    env = await startDockerEnv()
    aws = await startFakeAws()
    ecr = await startFakeEcr(env.registry)
    ecr.install(aws)
    registry = new RegistryClient(env.registry)
    workspace = mkdtempSync(join(tmpdir(), 'top-reuse-'))
    writeContext(join(workspace, 'app'), 'FROM scratch\nCOPY train.py /opt/program/train.py\n', {
      'train.py': 'print("v1")\n'
    })
    Object.assign(process.env, env.env, {
      AWS_ENDPOINT_URL_ECR: aws.url,
      AWS_ACCESS_KEY_ID: 'AKIDTEST',
      AWS_SECRET_ACCESS_KEY: 'test-secret',
      AWS_REGION: 'us-east-1'
    })
  }, 60_000)

  afterAll(async () => {
    process.env = saved
    await aws?.close()
    await ecr?.close()
    await env?.stop()
    if (workspace) rmSync(workspace, { recursive: true, force: true })
  }, 60_000)

  it('a commit with the same build inputs gets the very image, tagged through ECR: no login, build or push', async () => {
    const repo = 'team/reuse'
    const [c1, c2] = [commit(), commit()]
    const first = await publish(settings(repo), c1)
    expect(first.image).toMatchObject({ built: true, commit: c1.sha })
    const uploaded = ecr.uploadedBytes()
    const pushes = ecr.pushes.length

    // A hyperparameter-only commit: nothing Docker sends changed.
    const second = await publish(settings(repo), c2)
    expect(second.image).toMatchObject({
      built: false,
      reused: 'content',
      commit: c1.sha,
      digest: first.image.digest,
      tags: [c2.shortSha, 'latest']
    })
    expect(second.log.join('\n')).toMatch(
      new RegExp(
        `Reusing team/reuse@sha256:[0-9a-f]{64}, built from commit ${c1.sha.slice(0, 12)}: it was built from exactly the same content`
      )
    )
    expect(second.log.join('\n')).not.toMatch(/docker login|group: Build|Pushed/)
    expect(ecr.uploadedBytes()).toBe(uploaded)
    expect(ecr.pushes.length).toBe(pushes)
    // latest already holds this image (c1 pushed it), so only the commit's tag was added.
    expect(ecr.putImages.at(-1)).toMatchObject({ repository: repo, tag: c2.shortSha, digest: first.image.digest })
    expect(await registry.digest(repo, c2.shortSha)).toBe(first.image.digest)
    // The image still names the commit that built it; the job's lineage names both (see lineage.ts).
    expect((await registry.labels(repo, c2.shortSha))['org.opencontainers.image.revision']).toBe(c1.sha)
  }, 120_000)

  it('a changed file builds again; changed back, it reuses the first image and latest follows it', async () => {
    const repo = 'team/back-and-forth'
    code('print("v1")\n')
    const v1 = await publish(settings(repo), commit())
    code('print("v2")\n')
    const v2 = await publish(settings(repo), commit())
    expect(v2.image.built).toBe(true)
    expect(v2.image.digest).not.toBe(v1.image.digest)
    expect(await registry.digest(repo, 'latest')).toBe(v2.image.digest)

    code('print("v1")\n')
    const c = commit()
    const back = await publish(settings(repo), c)
    expect(back.image).toMatchObject({ built: false, reused: 'content', digest: v1.image.digest })
    // Reusing moves latest too: it is never left on an older build.
    expect(await registry.digest(repo, 'latest')).toBe(v1.image.digest)
    expect(await registry.digest(repo, c.shortSha)).toBe(v1.image.digest)
  }, 120_000)

  it('reuse-by-content: false builds every commit', async () => {
    const repo = 'team/always-build'
    code('print("same")\n')
    await publish(settings(repo), commit())
    const again = await publish(settings(repo, { reuseByContent: false }), commit())
    expect(again.image.built).toBe(true)
  }, 120_000)

  it('a content tag on an image labelled with another key is not trusted', async () => {
    const repo = 'team/tampered'
    code('print("a")\n')
    const a = await publish(settings(repo), commit())
    code('print("b")\n')
    const source = await describeImageSource(settings(repo))
    // Someone put b's content tag on a's image by hand.
    const manifest = (await registry.manifest(repo, a.image.tags[0]))!
    await registry.putManifest(repo, `content-${source.contentKey.slice(7)}`, manifest.body, manifest.mediaType)
    const b = await publish(settings(repo), commit())
    expect(b.log.join('\n')).toMatch(/is not labelled with the content key it is named after; it is not reused/)
    expect(b.image.built).toBe(true)
    expect(b.image.digest).not.toBe(a.image.digest)
  }, 120_000)

  it('in an IMMUTABLE repository, reuse adds the tags it may and the job runs the reused image all the same', async () => {
    const repo = 'team/immutable-reuse'
    ecr.addRepository(repo, 'IMMUTABLE')
    code('print("frozen")\n')
    const c1 = commit()
    const first = await publish(settings(repo), c1)
    const c2 = commit()
    const second = await publish(settings(repo), c2)
    expect(second.image).toMatchObject({ built: false, reused: 'content', digest: first.image.digest })
    // latest already holds this very image: nothing to move, nothing refused.
    expect(second.image.tags).toEqual([c2.shortSha, 'latest'])
    expect(second.log.join('\n')).not.toMatch(/warning/)
  }, 120_000)

  it('tries a push that fails on the way again, and gives up with the reason when it keeps failing', async () => {
    const repo = 'team/flaky'
    code('print("flaky")\n')
    let failures = 2
    // The registry answers 500 to the first two manifest uploads of this repository.
    ecr.faults = ({ method, path }) =>
      method === 'PUT' && path.startsWith(`/v2/${repo}/manifests/`) && failures-- > 0
        ? { status: 500, code: 'UNKNOWN', message: 'internal server error' }
        : undefined
    try {
      const sleeps: number[] = []
      const flaky = await publish(settings(repo, { reuseByContent: false, pushLatest: false }), commit(), sleeps)
      expect(flaky.image.built).toBe(true)
      expect(sleeps).toEqual([2000, 4000])
      expect(flaky.log.filter((l) => /trying again in \d+ s \(attempt \d of 4\)/.test(l))).toHaveLength(2)

      ecr.faults = ({ method, path }) =>
        method === 'PUT' && path.startsWith(`/v2/${repo}/manifests/`)
          ? { status: 503, code: 'UNAVAILABLE', message: 'service unavailable' }
          : undefined
      code('print("still flaky")\n')
      const broken: number[] = []
      await expect(
        publish(settings(repo, { reuseByContent: false, pushLatest: false }), commit(), broken)
      ).rejects.toThrow(/docker push 127\.0\.0\.1:\d+\/team\/flaky:\w+ failed/)
      expect(broken).toEqual([2000, 4000, 8000])
    } finally {
      ecr.reset()
    }
  }, 180_000)
})
