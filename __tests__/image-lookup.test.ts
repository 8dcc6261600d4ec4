/**
 * The plan's read-only look at the registry (lookup.ts) and the image stage (publish.ts) take
 * the same reuse decision: an ECR here that holds repositories and images by hand, no Docker
 * Engine. Where the stage would build, a `docker` that is not there shows it got that far.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { createServer } from 'node:http'
import type { Commit, Settings } from '../src/config/settings.js'
import type { Exec } from '../src/exec.js'
import { lookUpImage } from '../src/image/lookup.js'
import { publishImage } from '../src/image/publish.js'
import { memoryLog } from '../src/log.js'
import { AwsFault, startFakeAws, type FakeAws } from './support/fake-aws.js'
import { listenOnLoopback } from './support/loopback.js'

const PREFIX = 'AmazonEC2ContainerRegistry_V20150921'
const ACCOUNT = '123456789012'
/** The registry the login token names, as ECR's proxyEndpoint gives it. */
const TOKEN_HOST = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com`
const PREVIEW = `<account>.dkr.ecr.us-east-1.amazonaws.com/team/model:abc1234`
const CONTENT_KEY = `sha256:${'1'.repeat(64)}`
const CONFIG_DIGEST = `sha256:${'c'.repeat(64)}`
const IMAGE_DIGEST = `sha256:${'d'.repeat(64)}`
const MANIFEST = JSON.stringify({
  schemaVersion: 2,
  mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
  config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: 2, digest: CONFIG_DIGEST },
  layers: []
})

const commit: Commit = {
  sha: 'abc1234'.padEnd(40, '0'),
  shortSha: 'abc1234',
  branch: 'models',
  ref: 'refs/heads/models',
  repository: 'acme/vision',
  eventName: 'push'
}

/** No docker on PATH: a run that reaches the build stops here, with a message that says so. */
const noDocker: Exec = async () => ({ exitCode: 127, stdout: '', stderr: 'docker: not found' })

describe('the plan and the image stage agree on reuse', () => {
  let aws: FakeAws
  let configServer: { port: number; close: () => Promise<void> }
  const saved = { ...process.env }
  /** Repositories by name: their tag mutability and the tags they hold. */
  let repositories: Map<string, { mutability: string; tags: Set<string> }>
  /** What the image's config blob says, or a URL no one answers at. */
  let labels: Record<string, string>
  let downloadUrl: () => string

  const settings = (repository: string, patch: Partial<Settings> = {}): Settings =>
    ({
      workspace: '/nonexistent',
      context: '.',
      dockerfile: 'Dockerfile',
      reuseByContent: true,
      skipExistingImage: false,
      createRepository: true,
      pushLatest: false,
      platform: 'linux/amd64',
      target: '',
      buildArgs: [],
      cache: 'none',
      ...patch,
      config: { region: 'us-east-1', ecrRepository: repository }
    }) as unknown as Settings
  const source = { contentKey: CONTENT_KEY }

  const publish = async (s: Settings): Promise<{ value?: unknown; error?: Error; log: string[] }> => {
    const log = memoryLog()
    try {
      const value = await publishImage(s, commit, { log, exec: noDocker, onLogin: () => undefined, source })
      return { value, log: log.lines }
    } catch (error) {
      return { error: error as Error, log: log.lines }
    }
  }
  const lookUp = async (s: Settings): Promise<{ value: Awaited<ReturnType<typeof lookUpImage>>; log: string[] }> => {
    const log = memoryLog()
    const value = await lookUpImage(s, commit, source, PREVIEW, log)
    return { value, log: log.lines }
  }

  beforeAll(async () => {
    // The config blob behind every download URL: only its labels matter here.
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ config: { Labels: labels } }))
    })
    configServer = await listenOnLoopback(server)
    const notFound = (name: string): AwsFault =>
      new AwsFault(
        'RepositoryNotFoundException',
        `The repository with name '${name}' does not exist in the registry with id '${ACCOUNT}'`
      )
    aws = await startFakeAws({
      [`${PREFIX}.GetAuthorizationToken`]: () => ({
        authorizationData: [
          {
            authorizationToken: Buffer.from('AWS:not-a-real-password').toString('base64'),
            expiresAt: new Date(Date.now() + 3_600_000),
            proxyEndpoint: `https://${TOKEN_HOST}`
          }
        ]
      }),
      [`${PREFIX}.DescribeRepositories`]: (input: { repositoryNames: string[] }) => {
        const name = input.repositoryNames[0]
        const repo = repositories.get(name)
        if (!repo) throw notFound(name)
        return {
          repositories: [
            {
              repositoryArn: `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/${name}`,
              registryId: ACCOUNT,
              repositoryName: name,
              repositoryUri: `${TOKEN_HOST}/${name}`,
              createdAt: new Date(),
              imageTagMutability: repo.mutability
            }
          ]
        }
      },
      [`${PREFIX}.BatchGetImage`]: (input: { repositoryName: string; imageIds: { imageTag: string }[] }) => {
        const repo = repositories.get(input.repositoryName)
        if (!repo) throw notFound(input.repositoryName)
        const [id] = input.imageIds
        return repo.tags.has(id.imageTag)
          ? {
              images: [
                {
                  registryId: ACCOUNT,
                  repositoryName: input.repositoryName,
                  imageId: { imageDigest: IMAGE_DIGEST, imageTag: id.imageTag },
                  imageManifest: MANIFEST,
                  imageManifestMediaType: 'application/vnd.docker.distribution.manifest.v2+json'
                }
              ],
              failures: []
            }
          : { images: [], failures: [{ imageId: id, failureCode: 'ImageNotFound', failureReason: 'not found' }] }
      },
      [`${PREFIX}.GetDownloadUrlForLayer`]: (input: { layerDigest: string }) => ({
        downloadUrl: downloadUrl(),
        layerDigest: input.layerDigest
      }),
      [`${PREFIX}.PutImage`]: (input: { repositoryName: string; imageTag: string; imageManifest: string }) => ({
        image: {
          registryId: ACCOUNT,
          repositoryName: input.repositoryName,
          imageId: { imageDigest: IMAGE_DIGEST, imageTag: input.imageTag },
          imageManifest: input.imageManifest
        }
      })
    })
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_ECR: aws.url,
      AWS_ACCESS_KEY_ID: 'AKIDTEST',
      AWS_SECRET_ACCESS_KEY: 'test-secret',
      AWS_REGION: 'us-east-1'
    })
  })

  afterAll(async () => {
    process.env = saved
    await aws?.close()
    await configServer?.close()
  })

  beforeEach(() => {
    repositories = new Map()
    labels = {}
    downloadUrl = () => `http://127.0.0.1:${configServer.port}/config`
  })

  it("in an IMMUTABLE repository, the commit's tag is reused by both, skip-existing-image or not", async () => {
    repositories.set('team/frozen', { mutability: 'IMMUTABLE', tags: new Set([commit.shortSha]) })
    const s = settings('team/frozen', { skipExistingImage: false, reuseByContent: false })
    expect((await lookUp(s)).value).toEqual({ kind: 'reused-tag', uri: `${TOKEN_HOST}/team/frozen:abc1234` })
    const run = await publish(s)
    expect(run.value).toMatchObject({ built: false, reused: 'tag', digest: IMAGE_DIGEST })
    expect(run.log.join('\n')).toMatch(/does not let tags move, so that image is reused/)

    // A MUTABLE repository without skip-existing-image builds the tag anew: both say so.
    repositories.set('team/moving', { mutability: 'MUTABLE', tags: new Set([commit.shortSha]) })
    const moving = settings('team/moving', { skipExistingImage: false, reuseByContent: false })
    expect((await lookUp(moving)).value).toMatchObject({ kind: 'build' })
    expect((await publish(moving)).error?.message).toMatch(/Docker is not available/)
  })

  it('reuses an image by its content when its label confirms the key, and names the commit that built it', async () => {
    repositories.set('team/same', { mutability: 'MUTABLE', tags: new Set([`content-${'1'.repeat(64)}`]) })
    labels = { 'train-on-push.content-key': CONTENT_KEY, 'org.opencontainers.image.revision': 'f'.repeat(40) }
    expect((await lookUp(settings('team/same'))).value).toEqual({
      kind: 'reused-by-content',
      uri: `${TOKEN_HOST}/team/same:abc1234`,
      builtBy: 'f'.repeat(40)
    })
    expect((await publish(settings('team/same'))).value).toMatchObject({ reused: 'content', commit: 'f'.repeat(40) })

    // Labelled with another key: neither trusts the tag.
    labels = { 'train-on-push.content-key': `sha256:${'2'.repeat(64)}` }
    const looked = await lookUp(settings('team/same'))
    expect(looked.value).toMatchObject({ kind: 'build' })
    expect(looked.log.join('\n')).toMatch(/is not labelled with the content key it is named after/)
  })

  it('builds, with a warning naming the image, when the labels of a content match cannot be read', async () => {
    repositories.set('team/offline', { mutability: 'MUTABLE', tags: new Set([`content-${'1'.repeat(64)}`]) })
    // A port nothing listens on: fetch fails before any HTTP answer.
    const closed = createServer()
    const { port, close } = await listenOnLoopback(closed)
    await close()
    downloadUrl = () => `http://127.0.0.1:${port}/config`
    // Jest runs the test in its own realm, where fetch's TypeError is not an `Error` of ours: its name shows.
    const warning = new RegExp(
      `warning: team/offline:content-1{64} could not be checked, so it is not reused and the image is built instead: ` +
        `Reading the config of team/offline@${IMAGE_DIGEST} from ECR's download URL failed: (TypeError: )?fetch failed \\(.*ECONNREFUSED`
    )

    const looked = await lookUp(settings('team/offline'))
    expect(looked.value).toMatchObject({ kind: 'build', contentKey: CONTENT_KEY })
    expect(looked.log.join('\n')).toMatch(warning)

    // The run goes on to build (and stops here only because this test has no Docker).
    const run = await publish(settings('team/offline'))
    expect(run.log.join('\n')).toMatch(warning)
    expect(run.error?.message).toMatch(/Docker is not available/)
  })

  it('a missing repository that may not be created: the run fails, and the plan says it would', async () => {
    const s = settings('team/typo', { createRepository: false })
    const looked = await lookUp(s)
    expect(looked.value).toEqual({
      kind: 'unchecked',
      uri: PREVIEW,
      reason:
        "the ECR repository 'team/typo' (aws.ecr_repository in the job config, or the ecr-repository input) does not exist and create-repository is false: the run would fail",
      fails: true
    })
    const run = await publish(s)
    expect(run.error?.message).toBe(
      `The ECR repository 'team/typo' does not exist in ${TOKEN_HOST} (the name is aws.ecr_repository in the job config, or the ecr-repository input). ` +
        'Create it (aws ecr create-repository --repository-name team/typo --region us-east-1), ' +
        'or set create-repository: true to let the action create it.'
    )
  })

  it('a missing repository the run would create: to be built, at the registry the login token names', async () => {
    expect((await lookUp(settings('team/new'))).value).toEqual({
      kind: 'build',
      uri: `${TOKEN_HOST}/team/new:abc1234`,
      contentKey: CONTENT_KEY
    })
    expect(aws.callsTo('CreateRepository')).toEqual([])
  })
})
