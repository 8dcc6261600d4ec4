/**
 * The Docker CLI as the image edge uses it: is an engine there, which builder, login (password
 * on stdin only), build, push, logout. Every call goes through process.ts.
 */
import { lastLines, run } from './process.js'
import {
  chooseBuilder,
  parseBuildxDriver,
  parseBuildxVersion,
  parsePushDigest,
  type Builder,
  type BuildPlan
} from './image-plan.js'

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

/** Finds the Docker CLI and engine, and the builder to use; throws a clear error when there is none. */
export async function probeDocker(): Promise<DockerInfo> {
  const version = await run(
    'docker',
    [
      'version',
      '--format', // Not tabs: `docker version` pipes its template through a tabwriter.
      '{{.Client.Version}}|{{.Server.Version}}|{{.Server.Arch}}'
    ],
    { env: DOCKER_ENV }
  )
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
  const buildx = await run('docker', ['buildx', 'version'], { env: DOCKER_ENV })
  let found: { version?: string; driver?: string } | undefined
  if (buildx.exitCode === 0) {
    const inspect = await run('docker', ['buildx', 'inspect'], { env: DOCKER_ENV })
    found = {
      version: parseBuildxVersion(buildx.stdout),
      driver: inspect.exitCode === 0 ? parseBuildxDriver(inspect.stdout) : undefined
    }
  }
  return { clientVersion, serverVersion, arch, builder: chooseBuilder(clientVersion, found) }
}

/** Why talking to a registry failed, in words that say what to do. */
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

/** `docker login --password-stdin`: the password never touches argv or the log. */
export async function dockerLogin(registry: string, username: string, password: string): Promise<void> {
  const out = await run('docker', ['login', '--username', username, '--password-stdin', registry], {
    input: password,
    env: DOCKER_ENV
  })
  if (out.exitCode === 0) return
  const text = out.stderr || out.stdout
  const tail = lastLines(text, 3)
  switch (registryTrouble(text)) {
    case 'refused':
      throw new Error(
        `docker login to ${registry} was refused: ${tail}. The ECR token did not work for this registry; ` +
          'check that the credentials may call ecr:GetAuthorizationToken and that the region is the one the repository is in.'
      )
    case 'unreachable':
      throw new Error(
        `The registry ${registry} is unreachable from this runner: ${tail}. Check the runner's network, proxy and DNS.`
      )
    default:
      throw new Error(`docker login to ${registry} failed (exit ${out.exitCode}): ${tail}`)
  }
}

/** `docker logout`; returns the problem instead of throwing (the post step only warns). */
export async function dockerLogout(registry: string): Promise<string | undefined> {
  const out = await run('docker', ['logout', registry], { env: DOCKER_ENV })
  if (out.exitCode === 0) return undefined
  return (lastLines(out.stderr || out.stdout, 3) || `exit ${out.exitCode}`).replace(/\.+$/, '')
}

/** Keeps only the end of a long stream of output. */
class Tail {
  private text = ''
  constructor(private readonly max = 64 * 1024) {}
  add(chunk: string): void {
    this.text += chunk
    if (this.text.length > this.max * 2) this.text = this.text.slice(-this.max)
  }
  toString(): string {
    return this.text
  }
}

/** Runs the build, streaming its output into the log; a failure carries the last lines of that log. */
export async function dockerBuild(plan: BuildPlan, cwd: string): Promise<void> {
  const tail = new Tail()
  const out = await run('docker', plan.args, {
    cwd,
    env: plan.env,
    stream: true,
    onOutput: (t) => tail.add(t)
  })
  if (out.exitCode === 0) return
  const text = tail.toString() || out.stderr
  if (plan.pushesItself && registryTrouble(lastLines(text, 5)) !== 'other') {
    throw new Error(`Pushing the image failed: ${lastLines(text, 5)}`)
  }
  throw new Error(
    `docker build failed (exit ${out.exitCode}). Last lines of the build log:\n${lastLines(text, BUILD_ERROR_LINES)}`
  )
}

/** Pushes one tag and returns the manifest digest the registry now holds for it. */
export async function dockerPush(ref: string): Promise<string> {
  const tail = new Tail()
  const out = await run('docker', ['push', ref], {
    env: DOCKER_ENV,
    stream: true,
    onOutput: (t) => tail.add(t)
  })
  const text = tail.toString() || out.stdout + out.stderr
  if (out.exitCode !== 0) {
    const last = lastLines(text, 5)
    const hint =
      registryTrouble(last) === 'refused'
        ? ' The registry refused the push: check the credentials may call ecr:InitiateLayerUpload, ecr:UploadLayerPart, ecr:CompleteLayerUpload and ecr:PutImage on the repository.'
        : registryTrouble(last) === 'unreachable'
          ? ' The registry could not be reached; check the runner network.'
          : ''
    throw new Error(`docker push ${ref} failed (exit ${out.exitCode}): ${last}.${hint}`)
  }
  const tag = ref.slice(ref.lastIndexOf(':') + 1)
  const digest = parsePushDigest(text, tag)
  if (!digest) throw new Error(`docker push ${ref} succeeded but printed no digest; cannot pin the training job to it`)
  return digest
}
