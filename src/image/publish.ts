/**
 * The image stage: log in to ECR, make sure the repository is there, then reuse an image that
 * is already there (one built from exactly the same content, by any commit, or the one already
 * tagged for this commit) or build and push one, and hand back the image pinned by digest.
 * The order keeps side effects late: everything that can be learned by reading (token,
 * repository, tags, Docker) is learned before anything is created or pushed.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Commit, Settings } from '../config/settings.js'
import { errorMessage } from '../errors.js'
import type { Exec } from '../exec.js'
import type { Log } from '../log.js'
import { buildArgList } from './build-args.js'
import { buildCommand, type Builder } from './build-command.js'
import { Docker, type DockerInfo, type PushOptions } from './docker.js'
import { isImmutableTagRefusal, parseMetadataDigest } from './docker-output.js'
import { Ecr, tagIsImmutable, type RepositoryInfo, type StoredImage } from './ecr.js'
import { ociLabels } from './labels.js'
import { platformNotes } from './platform.js'
import {
  CACHE_TAG,
  contentTag,
  hostOfRepositoryUri,
  imageTags,
  imageUriFor,
  pinnedUriFor,
  tagForBuild
} from './refs.js'
import { findReusable, REPOSITORY_NAME_SOURCE, type Reusable } from './reuse.js'
import { inWorkspace } from './workspace.js'

/** The image the job runs. */
export interface ImageOutcome {
  /** `<registry>/<repo>:<tag>` */
  uri: string
  /** `sha256:...`; unknown in a dry run. */
  digest?: string
  /** `<registry>/<repo>@sha256:...`, what the job is pinned to. */
  pinned?: string
  /** false when an image already in the repository was used; undefined in a dry run. */
  built?: boolean
  tags: string[]
  /** The commit whose build produced the image (another commit's when reused by content). */
  commit?: string
  /** Why nothing was built: the same content was there, or this commit's own tag was. */
  reused?: 'content' | 'tag'
}

/** What the image is built from: its content key, and which of its files differ from the commit. */
export interface ImageSource {
  /** See content-key.ts. */
  contentKey: string
  /** Files Docker sends (or the Dockerfile) that differ from the commit, as `path (change)`. */
  uncommitted?: string[]
}

/** What the image stage needs from the action: its log, a way to run docker, and a word when it logs in. */
interface PublishContext {
  log: Log
  exec: Exec
  /** Called once docker is logged in to `registry`, so the post step can log out again. */
  onLogin(registry: string): void
  source: ImageSource
  /** How pushes are retried (tests make it quick). */
  push?: PushOptions
}

/** Logs in to ECR, ensures the repository, reuses or builds and pushes, returns the pinned image. */
export async function publishImage(settings: Settings, commit: Commit, ctx: PublishContext): Promise<ImageOutcome> {
  const { log, source } = ctx
  const repository = settings.config.ecrRepository
  const tag = tagForBuild(commit.shortSha, source)
  const clean = !source.uncommitted?.length
  const ecr = await Ecr.create(settings.config.region, log)

  const { login, repo } = await log.group('Amazon ECR', async () => {
    const login = await ecr.login()
    log.info(`Registry: ${login.registry} (region ${settings.config.region})`)
    const repo = await ecr.describeRepository(repository)
    if (repo) log.info(`Repository ${repository}: ${repo.mutability}`)
    else if (!settings.createRepository) {
      throw new Error(
        `The ECR repository '${repository}' does not exist in ${login.registry} (the name is ${REPOSITORY_NAME_SOURCE}). ` +
          `Create it (aws ecr create-repository --repository-name ${repository} --region ${settings.config.region}), ` +
          `or set create-repository: true to let the action create it.`
      )
    } else log.info(`Repository ${repository} does not exist yet; it will be created`)
    // Checked before anything is reused or built; a repository created below is checked once it is there.
    if (repo) checkSameRegistry(login.registry, repo)
    return { login, repo }
  })
  const uri = imageUriFor(login.registry, repository, tag)
  const pinned = (digest: string): string => pinnedUriFor(login.registry, repository, digest)

  if (repo) {
    const found = await findReusable(ecr, repo, settings, tag, source, log)
    if (found) {
      const reused = await useExisting(found, { settings, commit, ecr, repo, tag, source, clean, log })
      return { uri, pinned: pinned(reused.digest), ...reused }
    }
  }

  const docker = new Docker(ctx.exec)
  const engine = await docker.probe()
  for (const note of platformNotes(settings.platform, engine.arch)) log.warning(note)
  log.info(
    `Docker ${engine.clientVersion} (engine ${engine.serverVersion}, ${engine.arch}); builder: ${describeBuilder(engine.builder)}`
  )

  let target = repo
  if (!target) {
    target = await log.group('Create ECR repository', () => createRepository(ecr, repository, log))
    checkSameRegistry(login.registry, target)
  }

  await log.group(`docker login ${login.registry}`, async () => {
    await docker.login(login.registry, login.username, login.password)
    ctx.onLogin(login.registry)
    log.info(`Logged in to ${login.registry}`)
  })

  const tags = await tagsToPush(ecr, target, tag, contentTag(source.contentKey), settings.pushLatest && clean, log)
  const pushed = await buildAndPush({
    settings,
    commit,
    tag,
    source,
    ecr,
    docker,
    engine,
    repo: target,
    registry: login.registry,
    tags,
    log,
    push: { ...ctx.push, onRetry: (m) => log.warning(m) }
  })
  return {
    uri,
    digest: pushed.digest,
    pinned: pinned(pushed.digest),
    built: pushed.built,
    tags: pushed.tags,
    commit: commit.sha,
    ...(pushed.built ? {} : { reused: 'tag' as const })
  }
}

/** What tagging a reused image needs to know. */
interface ReuseContext {
  settings: Settings
  commit: Commit
  ecr: Ecr
  repo: RepositoryInfo
  tag: string
  source: ImageSource
  /** True when no file of the build differs from the commit: only then may `latest` name the image. */
  clean: boolean
  log: Log
}

type Reused = Required<Pick<ImageOutcome, 'digest' | 'built' | 'tags' | 'commit' | 'reused'>>

/**
 * Uses the image findReusable found: the commit's tag, and `latest`, are added to it through
 * ECR, so they never lag behind the image the job runs.
 */
async function useExisting(found: Reusable, ctx: ReuseContext): Promise<Reused> {
  const { settings, commit, ecr, repo, tag, source, clean, log } = ctx
  const { image } = found
  if (found.by === 'content') {
    const tags = await addTags(ecr, repo, image, imageTags(tag, settings.pushLatest && clean), log)
    log.info(
      `Reusing ${repo.name}@${image.digest}, built from commit ${found.builtBy.slice(0, 12) || '(unknown)'}: ` +
        `it was built from exactly the same content (${source.contentKey.slice(0, 19)}…: the Dockerfile, every file ` +
        `Docker sends, build-args, platform and target), so nothing is built or pushed. Tagged ${tags.join(', ')}.`
    )
    return { digest: image.digest, built: false, tags, commit: found.builtBy, reused: 'content' }
  }
  if (found.immutable) {
    log.notice(
      `${repo.name}:${tag} already exists and the repository does not let tags move, so that image is reused instead of rebuilt.`
    )
  }
  const latest = settings.pushLatest && clean ? await addTags(ecr, repo, image, ['latest'], log) : []
  log.info(`${repo.name}:${tag} is already in the registry (${image.digest}); nothing to build or push.`)
  return { digest: image.digest, built: false, tags: [tag, ...latest], commit: commit.sha, reused: 'tag' }
}

/** Puts `tags` on an image already in the repository; returns those it carries now. */
async function addTags(
  ecr: Ecr,
  repo: RepositoryInfo,
  image: StoredImage,
  tags: readonly string[],
  log: Log
): Promise<string[]> {
  const carried: string[] = []
  for (const t of tags) {
    const result = await ecr.addTag(repo.name, image, t)
    if (result === 'refused') {
      log.warning(
        `'${t}' already points at another image in ${repo.name} and the repository does not let it move; the job runs ${image.digest} all the same.`
      )
    } else carried.push(t)
  }
  return carried
}

interface BuildJob {
  settings: Settings
  commit: Commit
  /** The tag that names this build (see tagForBuild in refs.ts). */
  tag: string
  source: ImageSource
  ecr: Ecr
  docker: Docker
  engine: DockerInfo
  repo: RepositoryInfo
  registry: string
  tags: string[]
  log: Log
  push: PushOptions
}

/** What ended up in the registry for this commit. */
interface Pushed {
  digest: string
  tags: string[]
  /** False when another run's push of the same commit won the race for an immutable tag. */
  built: boolean
}

async function buildAndPush(job: BuildJob): Promise<Pushed> {
  const { settings, commit, tag, source, ecr, docker, engine, repo, registry, tags, log } = job
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
        uncommitted: source.uncommitted,
        contentKey: source.contentKey
      }),
      buildArgs: buildArgList(settings.buildArgs),
      target: settings.target,
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
      // The build's own tag goes first: its digest is the one the job is pinned to.
      for (const [i, ref] of refs.entries()) {
        try {
          const d = await docker.push(ref, job.push)
          digest ??= d
          done.push(tags[i])
          log.info(`Pushed ${ref} (${d})`)
        } catch (error) {
          if (tags[i] === tag) {
            const taken = await takenMeanwhile(ecr, repo.name, tag, error, log)
            if (!taken) throw error
            return { digest: taken, tags: [tag], built: false }
          }
          // The content tag or `latest`, made immutable-and-taken by someone else after it was checked.
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
 * The build's tag always; the content tag, so a later commit with the same inputs finds the
 * image; `latest` when asked. A tag other than the build's that exists where tags cannot move
 * is left out (pushing it would only be refused).
 */
async function tagsToPush(
  ecr: Ecr,
  repo: RepositoryInfo,
  tag: string,
  byContent: string,
  pushLatest: boolean,
  log: Log
): Promise<string[]> {
  const tags = imageTags(tag, pushLatest)
  tags.splice(1, 0, byContent)
  const kept: string[] = []
  for (const t of tags) {
    if (t !== tag && tagIsImmutable(repo, t) && (await ecr.imageDigest(repo.name, t))) {
      if (t === 'latest')
        log.warning(
          `'latest' already exists in ${repo.name} and its tags are immutable, so it is not moved to this build; set push-latest: false to silence this.`
        )
      continue
    }
    kept.push(t)
  }
  return kept
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
function checkSameRegistry(registry: string, repo: RepositoryInfo): void {
  if (!repo.uri) return
  const repoHost = hostOfRepositoryUri(repo.uri)
  if (repoHost.toLowerCase() !== registry.toLowerCase()) {
    throw new Error(
      `The ECR login token is for registry ${registry}, but the repository is in ${repoHost}. ` +
        'Use credentials and a region for the account that owns the repository.'
    )
  }
}

function describeBuilder(b: Builder): string {
  const store = b.imageStore === 'containerd' ? ', containerd image store' : ''
  if (b.kind === 'buildx')
    return `buildx ${b.version ?? ''} (${b.driver ?? 'unknown'} driver${store})`.replace('  ', ' ')
  if (b.kind === 'buildkit') return 'docker build with BuildKit'
  return 'docker build (legacy builder: this CLI has no buildx plugin)'
}
