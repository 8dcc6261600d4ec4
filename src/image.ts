/**
 * The image edge: log in to ECR, make sure the repository is there, then either reuse the
 * image already pushed for this commit or build and push it, and hand back the image pinned by
 * digest. The order keeps side effects late: everything that can be learned by reading
 * (token, repository, tag, Docker) is learned before anything is created or pushed.
 */
import * as core from './runner.js'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { isAbsolute, join, resolve } from 'node:path'
import { State } from './constants.js'
import { errorMessage } from './errors.js'
import { dockerBuild, dockerLogin, dockerLogout, dockerPush, probeDocker, type DockerInfo } from './docker.js'
import { Ecr, tagIsImmutable, type RepositoryInfo } from './ecr.js'
import {
  buildArgList,
  buildPlan,
  CACHE_TAG,
  hostOfRepositoryUri,
  imageTags,
  imageUriFor,
  isImmutableTagRefusal,
  ociLabels,
  parseMetadataDigest,
  pinnedUriFor,
  platformNotes
} from './image-plan.js'
import type { ImageOutcome } from './result.js'
import type { Commit, Settings } from './settings.js'
import * as state from './state.js'

export { imageUriFor, pinnedUriFor } from './image-plan.js'

/** Logs in to ECR, ensures the repository, skips or builds+pushes, returns the pinned image. Runs inside core.group blocks. */
export async function publishImage(settings: Settings, commit: Commit): Promise<ImageOutcome> {
  const repository = settings.config.ecrRepository
  const tag = commit.shortSha
  const ecr = await Ecr.create(settings.config.region)

  const { login, repo } = await core.group('Amazon ECR', async () => {
    const login = await ecr.login()
    core.info(`Registry: ${login.registry} (region ${settings.config.region})`)
    const repo = await ecr.describeRepository(repository)
    if (repo) core.info(`Repository ${repository}: ${repo.mutability}`)
    else if (!settings.createRepository) {
      throw new Error(
        `The ECR repository '${repository}' does not exist in ${login.registry}. ` +
          `Create it (aws ecr create-repository --repository-name ${repository} --region ${settings.config.region}), ` +
          `or set create-repository: true to let the action create it.`
      )
    } else core.info(`Repository ${repository} does not exist yet; it will be created`)
    if (repo?.uri) checkSameRegistry(login.registry, repo.uri)
    return { login, repo }
  })
  const uri = imageUriFor(login.registry, repository, tag)

  if (repo) {
    const reused = await reuseExisting(ecr, repo, tag, settings.skipExistingImage)
    if (reused) {
      const pinned = pinnedUriFor(login.registry, repository, reused)
      core.info(`${uri} is already in the registry (${reused}); nothing to build or push.`)
      return { uri, digest: reused, pinned, built: false, tags: [tag] }
    }
  }

  const docker = await probeDocker()
  for (const note of platformNotes(settings.platform, docker.arch)) core.warning(note)
  core.info(
    `Docker ${docker.clientVersion} (engine ${docker.serverVersion}, ${docker.arch}); builder: ${describeBuilder(docker.builder)}`
  )

  const target = repo ?? (await core.group('Create ECR repository', () => createRepository(ecr, repository)))
  if (!repo && target.uri) checkSameRegistry(login.registry, target.uri)

  await core.group(`docker login ${login.registry}`, async () => {
    await dockerLogin(login.registry, login.username, login.password)
    state.save(State.Registry, login.registry)
    core.info(`Logged in to ${login.registry}`)
  })

  const tags = await tagsToPush(ecr, target, commit, settings.pushLatest)
  const pushed = await buildAndPush({ settings, commit, ecr, docker, repo: target, registry: login.registry, tags })
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
  ecr: Ecr
  docker: DockerInfo
  repo: RepositoryInfo
  registry: string
  tags: string[]
}

/** What ended up in the registry for this commit. */
interface Pushed {
  digest: string
  tags: string[]
  /** False when another run's push of the same commit won the race for an immutable tag. */
  built: boolean
}

async function buildAndPush(job: BuildJob): Promise<Pushed> {
  const { settings, commit, ecr, docker, repo, registry, tags } = job
  const tag = commit.shortSha
  const refs = tags.map((t) => imageUriFor(registry, repo.name, t))
  const metadataDir = docker.builder.kind === 'buildx' ? await mkdtemp(join(tmpdir(), 'train-on-push-')) : undefined
  const metadataFile = metadataDir ? join(metadataDir, 'metadata.json') : undefined
  try {
    const plan = buildPlan({
      builder: docker.builder,
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
        created: new Date()
      }),
      buildArgs: buildArgList(settings.buildArgs),
      cache: settings.cache,
      immutable: tagIsImmutable(repo, CACHE_TAG),
      metadataFile
    })
    // Falling back to an inline cache is routine (the runner's default builder); no cache at all is worth a notice.
    if (plan.cacheNote) (plan.cache === 'none' ? core.notice : core.info)(plan.cacheNote)

    const raced = await core.group(`Build ${refs.join(', ')}`, async () => {
      try {
        await dockerBuild(plan, settings.workspace)
        return undefined
      } catch (error) {
        const taken = plan.pushesItself ? await takenMeanwhile(ecr, repo.name, tag, error) : undefined
        if (!taken) throw error
        return taken
      }
    })
    if (raced) return { digest: raced, tags: [tag], built: false }

    return await core.group('Push', async (): Promise<Pushed> => {
      if (plan.pushesItself && metadataFile) {
        const found = parseMetadataDigest(await readFile(metadataFile, 'utf8').catch(() => ''))
        if (!found) {
          throw new Error(
            'buildx pushed the image but wrote no digest to its metadata file; cannot pin the training job'
          )
        }
        core.info(`Pushed ${refs.join(', ')} (${found})`)
        return { digest: found, tags, built: true }
      }
      let digest: string | undefined
      const done: string[] = []
      // The short-hash tag goes first: its digest is the one the job is pinned to.
      for (const [i, ref] of refs.entries()) {
        try {
          const d = await dockerPush(ref)
          digest ??= d
          done.push(tags[i])
          core.info(`Pushed ${ref} (${d})`)
        } catch (error) {
          if (tags[i] === tag) {
            const taken = await takenMeanwhile(ecr, repo.name, tag, error)
            if (!taken) throw error
            return { digest: taken, tags: [tag], built: false }
          }
          // `latest`, made immutable-and-taken by someone else after it was checked.
          if (!isImmutableTagRefusal(errorMessage(error))) throw error
          core.warning(`'${tags[i]}' could not be moved in ${repo.name}: ${errorMessage(error)}`)
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
async function takenMeanwhile(ecr: Ecr, repository: string, tag: string, error: unknown): Promise<string | undefined> {
  if (!isImmutableTagRefusal(errorMessage(error))) return undefined
  const digest = await ecr.imageDigest(repository, tag)
  if (digest) {
    core.notice(
      `${repository}:${tag} was pushed by another run while this one was building; its image (${digest}) is used, since the tag cannot move.`
    )
  }
  return digest
}

/** Post step: `docker logout <registry>` of what main logged in to (read from state); failures are warnings. */
export async function logoutRegistry(): Promise<void> {
  const registry = state.load(State.Registry)
  if (!registry) return
  const problem = await dockerLogout(registry)
  if (problem)
    core.warning(`docker logout ${registry} failed: ${problem}. The runner may keep the (12-hour) ECR login.`)
  else core.info(`Logged out of ${registry}`)
}

/**
 * The digest to reuse instead of building, if any. An IMMUTABLE tag that exists is always
 * reused: pushing it again would fail even with identical content.
 */
async function reuseExisting(
  ecr: Ecr,
  repo: RepositoryInfo,
  tag: string,
  skipExisting: boolean
): Promise<string | undefined> {
  const immutable = tagIsImmutable(repo, tag)
  if (!skipExisting && !immutable) return undefined
  const digest = await ecr.imageDigest(repo.name, tag)
  if (digest && !skipExisting) {
    core.notice(
      `${repo.name}:${tag} already exists and the repository does not let tags move, so that image is reused instead of rebuilt.`
    )
  }
  return digest
}

/** The short hash always; `latest` unless it exists and may not move. */
async function tagsToPush(ecr: Ecr, repo: RepositoryInfo, commit: Commit, pushLatest: boolean): Promise<string[]> {
  const tags = imageTags(commit.shortSha, pushLatest)
  if (!tags.includes('latest') || !tagIsImmutable(repo, 'latest')) return tags
  if (!(await ecr.imageDigest(repo.name, 'latest'))) return tags
  core.warning(
    `'latest' already exists in ${repo.name} and its tags are immutable, so it is not moved to this build; set push-latest: false to silence this.`
  )
  return tags.filter((t) => t !== 'latest')
}

async function createRepository(ecr: Ecr, name: string): Promise<RepositoryInfo> {
  const created = await ecr.createRepository(name)
  core.info(`Created ECR repository ${name} (${created.mutability})`)
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

function describeBuilder(b: { kind: string; driver?: string; version?: string }): string {
  if (b.kind === 'buildx') return `buildx ${b.version ?? ''} (${b.driver ?? 'unknown'} driver)`.replace('  ', ' ')
  if (b.kind === 'buildkit') return 'docker build with BuildKit'
  return 'docker build (legacy builder: this CLI has no buildx plugin)'
}
