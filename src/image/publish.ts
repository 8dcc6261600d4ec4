/**
 * The image stage: log in to ECR, make sure the repository is there, then either reuse the
 * image already pushed for this commit or build and push it, and hand back the image pinned by
 * digest. The order keeps side effects late: everything that can be learned by reading
 * (token, repository, tag, Docker) is learned before anything is created or pushed.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { isAbsolute, join, resolve } from 'node:path'
import type { Commit, Settings } from '../config/settings.js'
import type { UncommittedFile } from '../config/source-tree.js'
import { errorMessage } from '../errors.js'
import type { Exec } from '../exec.js'
import type { Log } from '../log.js'
import { buildArgList } from './build-args.js'
import { buildCommand, type Builder } from './build-command.js'
import { Docker, type DockerInfo } from './docker.js'
import { isImmutableTagRefusal, parseMetadataDigest } from './docker-output.js'
import { Ecr, tagIsImmutable, type RepositoryInfo } from './ecr.js'
import { ociLabels } from './labels.js'
import { platformNotes } from './platform.js'
import { buildTag, CACHE_TAG, hostOfRepositoryUri, imageTags, imageUriFor, pinnedUriFor } from './refs.js'

/** The image the job runs. */
export interface ImageOutcome {
  /** `<registry>/<repo>:<short-sha>` */
  uri: string
  /** `sha256:...`; unknown in a dry run. */
  digest?: string
  /** `<registry>/<repo>@sha256:...`, what the job is pinned to. */
  pinned?: string
  /** false when the tag already existed and the build was skipped; undefined in a dry run. */
  built?: boolean
  tags: string[]
}

/** What the image stage needs from the action: its log, a way to run docker, and a word when it logs in. */
export interface PublishContext {
  log: Log
  exec: Exec
  /** Called once docker is logged in to `registry`, so the post step can log out again. */
  onLogin(registry: string): void
  /** Files of the build that differ from the commit, and the id that names their state (see buildTag). */
  uncommitted?: { files: UncommittedFile[]; id: string }
}

/** Logs in to ECR, ensures the repository, skips or builds+pushes, returns the pinned image. */
export async function publishImage(settings: Settings, commit: Commit, ctx: PublishContext): Promise<ImageOutcome> {
  const { log } = ctx
  const repository = settings.config.ecrRepository
  const tag = buildTag(commit.shortSha, ctx.uncommitted?.id)
  const ecr = await Ecr.create(settings.config.region, log)
  const docker = new Docker(ctx.exec)

  const { login, repo } = await log.group('Amazon ECR', async () => {
    const login = await ecr.login()
    log.info(`Registry: ${login.registry} (region ${settings.config.region})`)
    const repo = await ecr.describeRepository(repository)
    if (repo) log.info(`Repository ${repository}: ${repo.mutability}`)
    else if (!settings.createRepository) {
      throw new Error(
        `The ECR repository '${repository}' does not exist in ${login.registry}. ` +
          `Create it (aws ecr create-repository --repository-name ${repository} --region ${settings.config.region}), ` +
          `or set create-repository: true to let the action create it.`
      )
    } else log.info(`Repository ${repository} does not exist yet; it will be created`)
    if (repo?.uri) checkSameRegistry(login.registry, repo.uri)
    return { login, repo }
  })
  const uri = imageUriFor(login.registry, repository, tag)

  if (repo) {
    const reused = await reuseExisting(ecr, repo, tag, settings.skipExistingImage, log)
    if (reused) {
      const pinned = pinnedUriFor(login.registry, repository, reused)
      log.info(`${uri} is already in the registry (${reused}); nothing to build or push.`)
      return { uri, digest: reused, pinned, built: false, tags: [tag] }
    }
  }

  const engine = await docker.probe()
  for (const note of platformNotes(settings.platform, engine.arch)) log.warning(note)
  log.info(
    `Docker ${engine.clientVersion} (engine ${engine.serverVersion}, ${engine.arch}); builder: ${describeBuilder(engine.builder)}`
  )

  const target = repo ?? (await log.group('Create ECR repository', () => createRepository(ecr, repository, log)))
  if (!repo && target.uri) checkSameRegistry(login.registry, target.uri)

  await log.group(`docker login ${login.registry}`, async () => {
    await docker.login(login.registry, login.username, login.password)
    ctx.onLogin(login.registry)
    log.info(`Logged in to ${login.registry}`)
  })

  const tags = await tagsToPush(ecr, target, tag, settings.pushLatest && !ctx.uncommitted, log)
  const pushed = await buildAndPush({
    settings,
    commit,
    tag,
    uncommitted: ctx.uncommitted?.files.map((f) => `${f.path} (${f.change})`),
    ecr,
    docker,
    engine,
    repo: target,
    registry: login.registry,
    tags,
    log
  })
  return {
    uri,
    digest: pushed.digest,
    pinned: pinnedUriFor(login.registry, repository, pushed.digest),
    built: pushed.built,
    tags: pushed.tags
  }
}

interface BuildJob {
  settings: Settings
  commit: Commit
  /** The tag that names this build (see buildTag). */
  tag: string
  uncommitted?: string[]
  ecr: Ecr
  docker: Docker
  engine: DockerInfo
  repo: RepositoryInfo
  registry: string
  tags: string[]
  log: Log
}

/** What ended up in the registry for this commit. */
interface Pushed {
  digest: string
  tags: string[]
  /** False when another run's push of the same commit won the race for an immutable tag. */
  built: boolean
}

async function buildAndPush(job: BuildJob): Promise<Pushed> {
  const { settings, commit, tag, ecr, docker, engine, repo, registry, tags, log } = job
  const refs = tags.map((t) => imageUriFor(registry, repo.name, t))
  const metadataDir = engine.builder.kind === 'buildx' ? await mkdtemp(join(tmpdir(), 'train-on-push-')) : undefined
  const metadataFile = metadataDir ? join(metadataDir, 'metadata.json') : undefined
  try {
    const command = buildCommand({
      builder: engine.builder,
      context: inWorkspace(settings.workspace, settings.context),
      dockerfile: inWorkspace(settings.workspace, settings.dockerfile),
      refs,
      repositoryRef: `${registry}/${repo.name}`,
      platform: settings.platform,
      labels: ociLabels({
        sha: commit.sha,
        shortSha: commit.shortSha,
        repository: commit.repository,
        serverUrl: process.env.GITHUB_SERVER_URL,
        created: new Date(),
        uncommitted: job.uncommitted
      }),
      buildArgs: buildArgList(settings.buildArgs),
      cache: settings.cache,
      immutable: tagIsImmutable(repo, CACHE_TAG),
      metadataFile
    })
    // Falling back to an inline cache is routine (the runner's default builder); no cache at all is worth a notice.
    if (command.cacheNote) (command.cache === 'none' ? log.notice : log.info)(command.cacheNote)

    const raced = await log.group(`Build ${refs.join(', ')}`, async () => {
      try {
        await docker.build(command, settings.workspace)
        return undefined
      } catch (error) {
        const taken = command.pushesItself ? await takenMeanwhile(ecr, repo.name, tag, error, log) : undefined
        if (!taken) throw error
        return taken
      }
    })
    if (raced) return { digest: raced, tags: [tag], built: false }

    return await log.group('Push', async (): Promise<Pushed> => {
      if (command.pushesItself && metadataFile) {
        const found = parseMetadataDigest(await readFile(metadataFile, 'utf8').catch(() => ''))
        if (!found) {
          throw new Error(
            'buildx pushed the image but wrote no digest to its metadata file; cannot pin the training job'
          )
        }
        log.info(`Pushed ${refs.join(', ')} (${found})`)
        return { digest: found, tags, built: true }
      }
      let digest: string | undefined
      const done: string[] = []
      // The short-hash tag goes first: its digest is the one the job is pinned to.
      for (const [i, ref] of refs.entries()) {
        try {
          const d = await docker.push(ref)
          digest ??= d
          done.push(tags[i])
          log.info(`Pushed ${ref} (${d})`)
        } catch (error) {
          if (tags[i] === tag) {
            const taken = await takenMeanwhile(ecr, repo.name, tag, error, log)
            if (!taken) throw error
            return { digest: taken, tags: [tag], built: false }
          }
          // `latest`, made immutable-and-taken by someone else after it was checked.
          if (!isImmutableTagRefusal(errorMessage(error))) throw error
          log.warning(`'${tags[i]}' could not be moved in ${repo.name}: ${errorMessage(error)}`)
        }
      }
      return { digest: digest!, tags: done, built: true }
    })
  } finally {
    if (metadataDir) await rm(metadataDir, { recursive: true, force: true })
  }
}

/**
 * Another run of the same commit may push the tag while this one builds. Where the tag
 * cannot move, ECR refuses our push; that run's image is as good as ours, so it is used.
 */
async function takenMeanwhile(
  ecr: Ecr,
  repository: string,
  tag: string,
  error: unknown,
  log: Log
): Promise<string | undefined> {
  if (!isImmutableTagRefusal(errorMessage(error))) return undefined
  const digest = await ecr.imageDigest(repository, tag)
  if (digest) {
    log.notice(
      `${repository}:${tag} was pushed by another run while this one was building; its image (${digest}) is used, since the tag cannot move.`
    )
  }
  return digest
}

/** Post step: `docker logout` of the registry main logged in to; failures are warnings. */
export async function logoutRegistry(registry: string, ctx: { log: Log; exec: Exec }): Promise<void> {
  const problem = await new Docker(ctx.exec).logout(registry)
  if (problem)
    ctx.log.warning(`docker logout ${registry} failed: ${problem}. The runner may keep the (12-hour) ECR login.`)
  else ctx.log.info(`Logged out of ${registry}`)
}

/**
 * The digest to reuse instead of building, if any. An IMMUTABLE tag that exists is always
 * reused: pushing it again would fail even with identical content.
 */
async function reuseExisting(
  ecr: Ecr,
  repo: RepositoryInfo,
  tag: string,
  skipExisting: boolean,
  log: Log
): Promise<string | undefined> {
  const immutable = tagIsImmutable(repo, tag)
  if (!skipExisting && !immutable) return undefined
  const digest = await ecr.imageDigest(repo.name, tag)
  if (digest && !skipExisting) {
    log.notice(
      `${repo.name}:${tag} already exists and the repository does not let tags move, so that image is reused instead of rebuilt.`
    )
  }
  return digest
}

/** The build's tag always; `latest` unless it exists and may not move. */
async function tagsToPush(
  ecr: Ecr,
  repo: RepositoryInfo,
  tag: string,
  pushLatest: boolean,
  log: Log
): Promise<string[]> {
  const tags = imageTags(tag, pushLatest)
  if (!tags.includes('latest') || !tagIsImmutable(repo, 'latest')) return tags
  if (!(await ecr.imageDigest(repo.name, 'latest'))) return tags
  log.warning(
    `'latest' already exists in ${repo.name} and its tags are immutable, so it is not moved to this build; set push-latest: false to silence this.`
  )
  return tags.filter((t) => t !== 'latest')
}

async function createRepository(ecr: Ecr, name: string, log: Log): Promise<RepositoryInfo> {
  const created = await ecr.createRepository(name)
  log.info(`Created ECR repository ${name} (${created.mutability})`)
  return created
}

/**
 * The token is for one registry; the repository must live in that same registry, or the
 * push would be refused after a full build.
 */
function checkSameRegistry(registry: string, repositoryUri: string): void {
  const repoHost = hostOfRepositoryUri(repositoryUri)
  if (repoHost.toLowerCase() !== registry.toLowerCase()) {
    throw new Error(
      `The ECR login token is for registry ${registry}, but the repository is in ${repoHost}. ` +
        'Use credentials and a region for the account that owns the repository.'
    )
  }
}

function inWorkspace(workspace: string, path: string): string {
  return isAbsolute(path) ? path : resolve(workspace, path)
}

function describeBuilder(b: Builder): string {
  if (b.kind === 'buildx') return `buildx ${b.version ?? ''} (${b.driver ?? 'unknown'} driver)`.replace('  ', ' ')
  if (b.kind === 'buildkit') return 'docker build with BuildKit'
  return 'docker build (legacy builder: this CLI has no buildx plugin)'
}
