/**
 * The Docker CLI as the image stage uses it: is an engine there, which builder, login
 * (password on stdin only), build, push, logout.
 */
import { errorMessage } from '../errors.js'
import { lastLines, OutputTail, type Exec, type ExecOptions, type ExecResult } from '../exec.js'
import { chooseBuilder, type Builder, type BuildCommand } from './build-command.js'
import {
  isTransientPushFailure,
  parseBuildxDriver,
  parseBuildxVersion,
  parseImageStore,
  parsePushDigest
} from './docker-output.js'

/** What the runner's Docker offers. */
export interface DockerInfo {
  clientVersion: string
  serverVersion: string
  /** The engine's architecture (`amd64`, `arm64`). */
  arch: string
  builder: Builder
}

/**
 * Passed to every docker call: no "What's next" hints in the log (CLI 24+), and no provenance
 * attestations from buildx, which would turn the image into an index SageMaker does not run.
 */
const DOCKER_ENV: Record<string, string> = {
  DOCKER_CLI_HINTS: 'false',
  BUILDX_NO_DEFAULT_ATTESTATIONS: '1'
}

/** Lines of build output kept for the error message when a build fails. */
const BUILD_ERROR_LINES = 25

/** Why talking to a registry failed, read from what docker printed. */
function registryTrouble(output: string): 'refused' | 'unreachable' | 'other' {
  if (
    /unauthorized|authentication required|denied|\b401\b|\b403\b|incorrect username or password|no basic auth credentials/i.test(
      output
    )
  ) {
    return 'refused'
  }
  if (
    /connection refused|no such host|i\/o timeout|timeout|network is unreachable|dial tcp|EOF|server misbehaving|TLS handshake/i.test(
      output
    )
  ) {
    return 'unreachable'
  }
  return 'other'
}

/** What a refused push needs, in ECR's IAM terms. */
const PUSH_PERMISSIONS = 'ecr:InitiateLayerUpload, ecr:UploadLayerPart, ecr:CompleteLayerUpload and ecr:PutImage'

/**
 * Why a login or push failed, and what to check, in one place for every registry step (a
 * login, `docker push`, and a buildx build that pushes itself): `advice` is empty when the
 * output shows neither a refusal nor an unreachable registry.
 */
function registryFailure(
  step: 'login' | 'push',
  output: string
): { trouble: 'refused' | 'unreachable' | 'other'; advice: string } {
  const trouble = registryTrouble(output)
  let advice = ''
  if (trouble === 'refused')
    advice =
      step === 'login'
        ? 'The ECR token did not work for this registry; check that the credentials may call ecr:GetAuthorizationToken and that the region is the one the repository is in.'
        : `The registry refused the push: check that the credentials may call ${PUSH_PERMISSIONS} on the repository.`
  else if (trouble === 'unreachable') advice = "Check the runner's network, proxy and DNS."
  return { trouble, advice }
}

/** How hard `Docker.push` tries. */
export interface PushOptions {
  /** In all, the first try included (default 4). */
  attempts?: number
  /** Tests pass one that does not really wait. */
  sleep?: (ms: number) => Promise<void>
  /** Told before each new try, with why. */
  onRetry?: (message: string) => void
}

/** `docker push` failed; `transient` when trying again may help. */
class PushFailed extends Error {
  constructor(
    message: string,
    readonly transient: boolean
  ) {
    super(message)
    this.name = 'PushFailed'
  }
}

/** The `docker` on PATH, started through the action's process runner. */
export class Docker {
  constructor(private readonly exec: Exec) {}

  private run(args: string[], options: ExecOptions = {}): Promise<ExecResult> {
    return this.exec('docker', args, { ...options, env: { ...DOCKER_ENV, ...options.env } })
  }

  /** Finds the Docker CLI and engine, and the builder to use; throws a clear error when there is none. */
  async probe(): Promise<DockerInfo> {
    const version = await this.run([
      'version',
      '--format', // Not tabs: `docker version` pipes its template through a tabwriter.
      '{{.Client.Version}}|{{.Server.Version}}|{{.Server.Arch}}'
    ])
    if (version.exitCode === 127) {
      throw new Error(
        'Docker is not available: no `docker` command on PATH. The action builds the image with Docker; ' +
          'GitHub-hosted Ubuntu runners have it, on a self-hosted runner install Docker Engine and the CLI.'
      )
    }
    const [clientVersion = '', serverVersion = '', arch = ''] = version.stdout.trim().split('|')
    if (version.exitCode !== 0 || !serverVersion) {
      const why = lastLines(version.stderr || version.stdout, 3) || `exit ${version.exitCode}`
      throw new Error(
        `Docker is not available: the Docker engine did not answer (${why}). ` +
          'Start the Docker daemon, or point DOCKER_HOST at it, and make sure the runner user may use it.'
      )
    }
    const buildx = await this.run(['buildx', 'version'])
    let found: { version?: string; driver?: string } | undefined
    if (buildx.exitCode === 0) {
      const inspect = await this.run(['buildx', 'inspect'])
      found = {
        version: parseBuildxVersion(buildx.stdout),
        driver: inspect.exitCode === 0 ? parseBuildxDriver(inspect.stdout) : undefined
      }
    }
    const info = await this.run(['info', '--format', '{{json .DriverStatus}}'])
    const store = info.exitCode === 0 ? parseImageStore(info.stdout) : undefined
    return { clientVersion, serverVersion, arch, builder: chooseBuilder(clientVersion, found, store) }
  }

  /** `docker login --password-stdin`: the password never touches argv or the log. */
  async login(registry: string, username: string, password: string): Promise<void> {
    const out = await this.run(['login', '--username', username, '--password-stdin', registry], { input: password })
    if (out.exitCode === 0) return
    const text = out.stderr || out.stdout
    const tail = lastLines(text, 3)
    const { trouble, advice } = registryFailure('login', text)
    if (trouble === 'refused') throw new Error(`docker login to ${registry} was refused: ${tail}. ${advice}`)
    if (trouble === 'unreachable')
      throw new Error(`The registry ${registry} is unreachable from this runner: ${tail}. ${advice}`)
    throw new Error(`docker login to ${registry} failed (exit ${out.exitCode}): ${tail}`)
  }

  /** `docker logout`; returns the problem instead of throwing (the post step only warns). */
  async logout(registry: string): Promise<string | undefined> {
    const out = await this.run(['logout', registry])
    if (out.exitCode === 0) return undefined
    return (lastLines(out.stderr || out.stdout, 3) || `exit ${out.exitCode}`).replace(/\.+$/, '')
  }

  /** Runs the build, streaming its output into the log; a failure carries the last lines of that log. */
  async build(command: BuildCommand, cwd: string): Promise<void> {
    const tail = new OutputTail()
    const out = await this.run(command.args, {
      cwd,
      env: command.env,
      stream: true,
      onOutput: (t) => tail.add(t)
    })
    if (out.exitCode === 0) return
    const text = tail.toString() || out.stderr
    const last = lastLines(text, 5)
    const { trouble, advice } = registryFailure('push', last)
    if (command.pushesItself && trouble !== 'other') throw new Error(`Pushing the image failed: ${last}. ${advice}`)
    throw new Error(
      `docker build failed (exit ${out.exitCode}). Last lines of the build log:\n${lastLines(text, BUILD_ERROR_LINES)}`
    )
  }

  /**
   * Pushes one tag and returns the manifest digest the registry now holds for it. A push that
   * fails on the way (5xx, a dropped connection, a lost upload) is tried again, waiting 2, 4,
   * 8 s: layers already uploaded are not sent again. A refusal is not retried.
   */
  async push(ref: string, options: PushOptions = {}): Promise<string> {
    const attempts = options.attempts ?? 4
    const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.pushOnce(ref)
      } catch (error) {
        const message = errorMessage(error)
        if (attempt >= attempts || !(error instanceof PushFailed) || !error.transient) throw error
        const wait = 2000 * 2 ** (attempt - 1)
        options.onRetry?.(
          `${message.split('\n')[0]}; trying again in ${wait / 1000} s (attempt ${attempt + 1} of ${attempts})`
        )
        await sleep(wait)
      }
    }
  }

  private async pushOnce(ref: string): Promise<string> {
    const tail = new OutputTail()
    const out = await this.run(['push', ref], { stream: true, onOutput: (t) => tail.add(t) })
    const text = tail.toString() || out.stdout + out.stderr
    if (out.exitCode !== 0) {
      const last = lastLines(text, 5)
      const { trouble, advice } = registryFailure('push', last)
      throw new PushFailed(
        `docker push ${ref} failed (exit ${out.exitCode}): ${last}.${advice ? ` ${advice}` : ''}`,
        trouble !== 'refused' && isTransientPushFailure(lastLines(text, 10))
      )
    }
    const tag = ref.slice(ref.lastIndexOf(':') + 1)
    const digest = parsePushDigest(text, tag)
    if (!digest)
      throw new Error(`docker push ${ref} succeeded but printed no digest; cannot pin the training job to it`)
    return digest
  }
}
