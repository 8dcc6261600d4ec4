/**
 * A real Docker Engine and a real registry for the image stage's tests, both private to the
 * test: dockerd runs with its own data root, exec root, socket and pidfile and no networking
 * changes (`--iptables=false --bridge=none`); the registry (Debian `docker-registry`, with
 * htpasswd auth) listens on 127.0.0.1. Everything lives in one temp dir removed by `stop()`.
 *
 * Images are built `FROM scratch`, so nothing is pulled from the internet.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import {
  accessSync,
  constants as fsConstants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { readTar } from './tar.js'

const REQUIRED = ['dockerd', 'docker', 'docker-registry', 'htpasswd'] as const

/** Finds a program on PATH (or undefined). */
export function which(program: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue
    const candidate = join(dir, program)
    try {
      accessSync(candidate, fsConstants.X_OK)
      return candidate
    } catch {
      // keep looking
    }
  }
  return undefined
}

/**
 * Why the real-Docker tests cannot run here, or undefined when they can. On CI this is never
 * a reason to skip: a missing binary there must fail the run, not hide it.
 */
export function dockerSkipReason(): string | undefined {
  if (process.env.CI) return undefined
  const missing = REQUIRED.filter((p) => !which(p))
  if (missing.length > 0) {
    return `skipping real-Docker tests: ${missing.join(', ')} not installed (run: source .ci/services.sh)`
  }
  if (process.getuid?.() !== 0) return 'skipping real-Docker tests: dockerd needs root'
  return undefined
}

/**
 * The docker CLI the tests use: DOCKER_CLI when set, else Debian's (same release as its
 * dockerd, with BuildKit built into `docker build`), else whatever PATH has.
 */
export function dockerCli(): string {
  if (process.env.DOCKER_CLI) return process.env.DOCKER_CLI
  if (existsSync('/usr/bin/docker')) return '/usr/bin/docker'
  const found = which('docker')
  if (!found) throw new Error('no docker CLI found')
  return found
}

/** A running registry. */
export interface Registry {
  /** `127.0.0.1:<port>` */
  host: string
  port: number
  url: string
  username: string
  password: string
  /** Stops this registry (the env's stop() does it too). */
  stop(): Promise<void>
}

export interface DockerEnv {
  root: string
  /** `unix:///…/docker.sock` */
  dockerHost: string
  /** A DOCKER_CONFIG dir of the tests' own, so logins never touch ~/.docker. */
  dockerConfig: string
  /** A dir whose `docker` is the CLI under test; put it first on PATH. */
  binDir: string
  /** DOCKER_HOST, DOCKER_CONFIG and PATH for the code under test. */
  env: Record<string, string>
  registry: Registry
  /** Starts another registry with the same credentials (e.g. read-only, to make pushes fail). */
  startRegistry(options?: { readonly?: boolean; password?: string }): Promise<Registry>
  /** Runs the docker CLI against this engine. */
  docker(args: string[], input?: string): { status: number; stdout: string; stderr: string }
  /** Stops the engine and starts it again on an empty data root (images, build cache, logins gone). */
  freshEngine(): Promise<void>
  /** `classic` or `containerd`, as asked for. */
  imageStore: 'classic' | 'containerd'
  stop(): Promise<void>
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

async function waitFor(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  log?: string
): Promise<void> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, 100))
  }
  let tail = ''
  if (log && existsSync(log)) tail = '\n' + spawnSync('tail', ['-n', '20', log], { encoding: 'utf8' }).stdout
  throw new Error(`${what} did not come up within ${timeoutMs} ms${tail}`)
}

async function stopChild(child: ChildProcess, timeoutMs = 15000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
  await exited
  clearTimeout(timer)
}

/** How the engine is set up. */
export interface DockerEnvOptions {
  /**
   * `containerd`: Docker's containerd image store (daemon.json features.containerd-snapshotter,
   * the default from Docker 29), whose buildx `docker` driver exports a registry cache.
   * `classic` (default): the graph-driver image store most runners still have.
   */
  imageStore?: 'classic' | 'containerd'
}

/** Starts dockerd and one registry in a fresh temp dir. */
export async function startDockerEnv(options: DockerEnvOptions = {}): Promise<DockerEnv> {
  const root = mkdtempSync(join(tmpdir(), 'top-docker-'))
  const children: ChildProcess[] = []
  const cleanups: (() => Promise<void>)[] = []
  const stopAll = async (): Promise<void> => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined)
    cleanups.length = 0
    rmSync(root, { recursive: true, force: true, maxRetries: 3 })
  }
  try {
    const dirs = {
      data: join(root, 'data'),
      exec: join(root, 'exec'),
      config: join(root, 'config'),
      bin: join(root, 'bin')
    }
    for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true })
    symlinkSync(dockerCli(), join(dirs.bin, 'docker'))
    const socket = join(root, 'docker.sock')
    const dockerHost = `unix://${socket}`
    const env = {
      DOCKER_HOST: dockerHost,
      DOCKER_CONFIG: dirs.config,
      PATH: `${dirs.bin}${delimiter}${process.env.PATH ?? ''}`
    }
    const docker = (args: string[], input?: string): { status: number; stdout: string; stderr: string } => {
      const r = spawnSync(join(dirs.bin, 'docker'), args, {
        env: { ...process.env, ...env },
        input,
        encoding: 'utf8'
      })
      return { status: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' }
    }

    const dockerdLog = join(root, 'dockerd.log')
    const daemonJson = join(root, 'daemon.json')
    writeFileSync(
      daemonJson,
      JSON.stringify(options.imageStore === 'containerd' ? { features: { 'containerd-snapshotter': true } } : {})
    )
    let dockerd: ChildProcess | undefined
    /** Starts the engine on an empty data root: a fresh runner, as a GitHub-hosted job gets. */
    const startEngine = async (): Promise<void> => {
      rmSync(dirs.data, { recursive: true, force: true, maxRetries: 3 })
      rmSync(dirs.exec, { recursive: true, force: true, maxRetries: 3 })
      mkdirSync(dirs.data, { recursive: true })
      mkdirSync(dirs.exec, { recursive: true })
      const logFd = openSync(dockerdLog, 'a')
      const child = spawn(
        'dockerd',
        [
          '--config-file',
          daemonJson,
          '--data-root',
          dirs.data,
          '--exec-root',
          dirs.exec,
          '-H',
          dockerHost,
          '--pidfile',
          join(root, 'docker.pid'),
          '--iptables=false',
          '--ip6tables=false',
          '--bridge=none',
          '--log-level=warn'
        ],
        { stdio: ['ignore', logFd, logFd], env: { ...process.env, DOCKER_CONFIG: dirs.config } }
      )
      dockerd = child
      children.push(child)
      await waitFor(
        'dockerd',
        () => docker(['version', '--format', '{{.Server.Version}}']).status === 0,
        30000,
        dockerdLog
      )
    }
    cleanups.push(async () => {
      if (dockerd) await stopChild(dockerd)
    })
    await startEngine()

    const startRegistry = async (options: { readonly?: boolean; password?: string } = {}): Promise<Registry> => {
      const port = await freePort()
      const dir = mkdtempSync(join(root, 'registry-'))
      const password = options.password ?? randomBytes(18).toString('base64url')
      const htpasswd = spawnSync('htpasswd', ['-B', '-i', '-n', 'AWS'], {
        input: password,
        encoding: 'utf8'
      })
      if (htpasswd.status !== 0) throw new Error(`htpasswd failed: ${htpasswd.stderr}`)
      writeFileSync(join(dir, 'htpasswd'), htpasswd.stdout)
      const config = [
        'version: 0.1',
        'log:',
        '  level: warn',
        'storage:',
        '  filesystem:',
        `    rootdirectory: ${join(dir, 'data')}`,
        ...(options.readonly ? ['  maintenance:', '    readonly:', '      enabled: true'] : []),
        'http:',
        `  addr: 127.0.0.1:${port}`,
        'auth:',
        '  htpasswd:',
        '    realm: test-registry',
        `    path: ${join(dir, 'htpasswd')}`,
        ''
      ].join('\n')
      writeFileSync(join(dir, 'config.yml'), config)
      const log = join(dir, 'registry.log')
      const fd = openSync(log, 'a')
      const child = spawn('docker-registry', ['serve', join(dir, 'config.yml')], {
        stdio: ['ignore', fd, fd]
      })
      children.push(child)
      const stop = (): Promise<void> => stopChild(child, 5000)
      cleanups.push(stop)
      const url = `http://127.0.0.1:${port}`
      await waitFor(
        'docker-registry',
        async () => {
          try {
            return (await fetch(`${url}/v2/`)).status === 401
          } catch {
            return false
          }
        },
        15000,
        log
      )
      return { host: `127.0.0.1:${port}`, port, url, username: 'AWS', password, stop }
    }

    const registry = await startRegistry()
    return {
      root,
      dockerHost,
      dockerConfig: dirs.config,
      binDir: dirs.bin,
      env,
      registry,
      startRegistry,
      docker,
      imageStore: options.imageStore ?? 'classic',
      async freshEngine() {
        if (dockerd) await stopChild(dockerd)
        // Logins live in DOCKER_CONFIG, which a fresh runner does not have either.
        rmSync(join(dirs.config, 'config.json'), { force: true })
        await startEngine()
      },
      stop: stopAll
    }
  } catch (error) {
    await stopAll()
    throw error
  }
}

/** Reads a registry over its HTTP API, as the tests' eyes on what was really pushed. */
export class RegistryClient {
  constructor(private readonly registry: Pick<Registry, 'url' | 'username' | 'password'>) {}

  private get auth(): string {
    return 'Basic ' + Buffer.from(`${this.registry.username}:${this.registry.password}`).toString('base64')
  }

  private async get(path: string, accept?: string, method = 'GET'): Promise<Response> {
    const headers: Record<string, string> = { authorization: this.auth }
    if (accept) headers.accept = accept
    return fetch(`${this.registry.url}${path}`, { method, headers })
  }

  /** The manifest behind a tag or digest, exactly as stored, or undefined when it is not there. */
  async manifest(
    repository: string,
    reference: string
  ): Promise<{ body: string; mediaType: string; digest: string } | undefined> {
    const res = await this.get(`/v2/${repository}/manifests/${reference}`, RegistryClient.MANIFEST_TYPES)
    if (res.status === 404) return undefined
    if (!res.ok) throw new Error(`registry GET manifest ${repository}:${reference}: HTTP ${res.status}`)
    return {
      body: await res.text(),
      mediaType: res.headers.get('content-type') ?? '',
      digest: res.headers.get('docker-content-digest') ?? ''
    }
  }

  /** Puts a manifest under a tag (what ECR's PutImage does); returns the digest the registry gives it. */
  async putManifest(repository: string, tag: string, body: string, mediaType: string): Promise<string> {
    const res = await fetch(`${this.registry.url}/v2/${repository}/manifests/${tag}`, {
      method: 'PUT',
      headers: { authorization: this.auth, 'content-type': mediaType },
      body
    })
    if (!res.ok) throw new Error(`registry PUT manifest ${repository}:${tag}: HTTP ${res.status} ${await res.text()}`)
    return res.headers.get('docker-content-digest') ?? ''
  }

  /** A blob of a repository (a layer, an image config). */
  async blob(repository: string, digest: string): Promise<Response> {
    return this.get(`/v2/${repository}/blobs/${digest}`)
  }

  static readonly MANIFEST_TYPES = [
    'application/vnd.docker.distribution.manifest.v2+json',
    'application/vnd.oci.image.manifest.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
    'application/vnd.oci.image.index.v1+json'
  ].join(', ')

  /** The tags of a repository ([] when it has none). */
  async tags(repository: string): Promise<string[]> {
    const res = await this.get(`/v2/${repository}/tags/list`)
    if (res.status === 404) return []
    const body = (await res.json()) as { tags?: string[] | null }
    return body.tags ?? []
  }

  /** The manifest digest behind a tag, or undefined when the tag is not there. */
  async digest(repository: string, tag: string): Promise<string | undefined> {
    const res = await this.get(`/v2/${repository}/manifests/${tag}`, RegistryClient.MANIFEST_TYPES, 'HEAD')
    if (res.status === 404) return undefined
    if (!res.ok) throw new Error(`registry HEAD manifest ${repository}:${tag}: HTTP ${res.status}`)
    return res.headers.get('docker-content-digest') ?? undefined
  }

  /** The contents of `path` in an image (the last layer that has it), or undefined. */
  async file(repository: string, reference: string, path: string): Promise<string | undefined> {
    const res = await this.get(`/v2/${repository}/manifests/${reference}`, RegistryClient.MANIFEST_TYPES)
    if (!res.ok) throw new Error(`registry GET manifest ${repository}:${reference}: HTTP ${res.status}`)
    const manifest = (await res.json()) as { layers?: { digest: string }[] }
    let found: string | undefined
    for (const layer of manifest.layers ?? []) {
      const blob = Buffer.from(await (await this.get(`/v2/${repository}/blobs/${layer.digest}`)).arrayBuffer())
      const entry = readTar(blob).find((e) => e.path === path.replace(/^\//, ''))
      if (entry) found = entry.content.toString('utf8')
    }
    return found
  }

  /** The image config's labels. */
  async labels(repository: string, reference: string): Promise<Record<string, string>> {
    const res = await this.get(`/v2/${repository}/manifests/${reference}`, RegistryClient.MANIFEST_TYPES)
    if (!res.ok) throw new Error(`registry GET manifest ${repository}:${reference}: HTTP ${res.status}`)
    const manifest = (await res.json()) as { config?: { digest: string } }
    if (!manifest.config) throw new Error(`${repository}:${reference} is not a single-image manifest`)
    const config = await this.get(`/v2/${repository}/blobs/${manifest.config.digest}`)
    const body = (await config.json()) as { config?: { Labels?: Record<string, string> } }
    return body.config?.Labels ?? {}
  }
}

/** Writes a small `FROM scratch` build context; `files` are added next to the Dockerfile. */
export function writeContext(dir: string, dockerfile: string, files: Record<string, string | Buffer> = {}): void {
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'Dockerfile'), dockerfile)
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content)
}
