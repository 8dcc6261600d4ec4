/**
 * The build cache on every builder a runner may have, for real: buildx's `docker` driver on
 * the classic image store (inline cache in `latest`), the same driver on Docker's containerd
 * image store (a registry cache in the repository's `buildcache` tag, which ECR accepts as an
 * OCI image manifest), and the legacy builder of a CLI without buildx (no cache). Each second
 * build runs on a fresh engine, as on a GitHub-hosted runner: only the registry remembers.
 *
 * A `docker-container` builder (docker/setup-buildx-action) needs a BuildKit image pulled
 * from Docker Hub, which these tests cannot reach; its command line is table-tested in
 * image-rules.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { randomBytes } from 'node:crypto'
import type { Commit, Settings } from '../src/config/settings.js'
import type { Exec } from '../src/exec.js'
import { dockerCli, dockerSkipReason, RegistryClient, startDockerEnv, writeContext } from './support/docker-env.js'
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
  const sha = (n.toString(16).padStart(2, '0') + '0123456789abcdef').repeat(3).slice(0, 40)
  return {
    sha,
    shortSha: sha.slice(0, 7),
    branch: 'models',
    ref: 'refs/heads/models',
    repository: 'acme/vision',
    eventName: 'push'
  }
}

/** A two-layer image: a big, stable "dependencies" layer and a small code layer that changes. */
const DOCKERFILE = 'FROM scratch\nCOPY deps.bin /opt/deps.bin\nCOPY train.py /opt/program/train.py\n'

describe.each(['classic', 'containerd'] as const)('buildx docker driver, %s image store', (imageStore) => {
  let env: Awaited<ReturnType<typeof startDockerEnv>>
  let aws: FakeAws
  let ecr: FakeEcr
  let registry: RegistryClient
  let workspace: string
  const saved = { ...process.env }

  const settings = (repository: string): Settings =>
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
      cache: 'registry',
      config: { region: 'us-east-1', ecrRepository: repository }
    }) as unknown as Settings

  /** The stage's log and everything docker printed. */
  const publish = async (s: Settings, c: Commit): Promise<string[]> => {
    const log = memoryLog()
    const printed: string[] = []
    const exec: Exec = (program, args, options = {}) =>
      actionExec(program, args, { ...options, onOutput: (t) => (printed.push(t), options.onOutput?.(t)) })
    await publishImage(s, c, { log, exec, onLogin: () => undefined, source: await describeImageSource(s) })
    return [...log.lines, ...printed.join('').split('\n')]
  }

  beforeAll(async () => {
    if (skip) return
    env = await startDockerEnv({ imageStore })
    aws = await startFakeAws()
    ecr = await startFakeEcr(env.registry)
    ecr.install(aws)
    registry = new RegistryClient(env.registry)
    workspace = mkdtempSync(join(tmpdir(), 'top-builders-'))
    writeContext(join(workspace, 'app'), DOCKERFILE, {
      'deps.bin': randomBytes(4 * 1024 * 1024),
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

  const test = skip ? it.skip : it
  test('the second build, on a fresh engine, takes the unchanged layer from the cache in the registry', async () => {
    const repo = `team/cache-${imageStore}`
    const first = (await publish(settings(repo), commit())).join('\n')
    if (imageStore === 'containerd') {
      expect(first).toMatch(/builder: buildx [\d.]+ \(docker driver, containerd image store\)/)
      expect(first).not.toMatch(/using an inline cache instead/)
      // The registry cache, as an OCI image manifest ECR accepts.
      const cache = await registry.manifest(repo, 'buildcache')
      expect(cache?.mediaType).toBe('application/vnd.oci.image.manifest.v1+json')
    } else {
      expect(first).toMatch(/builder: buildx [\d.]+ \(docker driver\)/)
      expect(first).toMatch(/cache 'registry' needs buildx with a container builder .* using an inline cache instead/)
      expect(await registry.manifest(repo, 'buildcache')).toBeUndefined()
    }

    await env.freshEngine()
    writeFileSync(join(workspace, 'app', 'train.py'), 'print("v2")\n')
    const before = ecr.uploadedBytes()
    const second = (await publish(settings(repo), commit())).join('\n')
    // The big layer came from the cache (its blob fetched from the registry, the COPY not run
    // again), and it was not uploaded again.
    expect(second).toMatch(/#(\d+) \[1\/2\] COPY deps\.bin \/opt\/deps\.bin\n#\1 (?:pulling )?sha256:[0-9a-f]{64}/)
    expect(second).toMatch(
      imageStore === 'containerd'
        ? /importing cache manifest from .*:buildcache/
        : /importing cache manifest from .*:latest/
    )
    expect(ecr.uploadedBytes() - before).toBeLessThan(1024 * 1024)
  }, 180_000)
})

suite('a Docker CLI without buildx (legacy builder)', () => {
  let env: Awaited<ReturnType<typeof startDockerEnv>>
  let aws: FakeAws
  let ecr: FakeEcr
  let workspace: string
  const saved = { ...process.env }

  beforeAll(async () => {
    env = await startDockerEnv()
    aws = await startFakeAws()
    ecr = await startFakeEcr(env.registry)
    ecr.install(aws)
    workspace = mkdtempSync(join(tmpdir(), 'top-legacy-'))
    writeContext(join(workspace, 'app'), DOCKERFILE, { 'deps.bin': 'deps\n', 'train.py': 'print("v1")\n' })
    // A docker >= 23 whose buildx plugin is missing, as on some self-hosted runners.
    const bin = join(workspace, 'bin')
    mkdirSync(bin)
    writeFileSync(
      join(bin, 'docker'),
      `#!/bin/sh\nif [ "$1" = buildx ]; then echo "docker: 'buildx' is not a docker command." >&2; exit 1; fi\nexec ${dockerCli()} "$@"\n`
    )
    chmodSync(join(bin, 'docker'), 0o755)
    Object.assign(process.env, env.env, {
      PATH: `${bin}${delimiter}${env.env.PATH}`,
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

  it('builds without a cache, says so, and pushes the image with its labels', async () => {
    const s = {
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
      cache: 'registry',
      config: { region: 'us-east-1', ecrRepository: 'team/legacy' }
    } as unknown as Settings
    const c = commit()
    const log = memoryLog()
    const image = await publishImage(s, c, {
      log,
      exec: actionExec,
      onLogin: () => undefined,
      source: await describeImageSource(s)
    })
    expect(image.built).toBe(true)
    const text = log.lines.join('\n')
    expect(text).toMatch(/builder: docker build \(legacy builder: this CLI has no buildx plugin\)/)
    expect(text).toMatch(/notice: cache 'registry' needs BuildKit/)
    const registry = new RegistryClient(env.registry)
    expect(await registry.digest('team/legacy', c.shortSha)).toBe(image.digest)
    expect((await registry.labels('team/legacy', c.shortSha))['org.opencontainers.image.revision']).toBe(c.sha)
  }, 120_000)
})
