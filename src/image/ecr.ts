/**
 * The ECR API calls of the image stage: the registry login token, the repository (looked up,
 * or created), and whether a tag is already there. Docker itself is in docker.ts.
 */
import type { ECRClient, Repository } from '@aws-sdk/client-ecr'
import { ecrClient } from '../aws/clients.js'
import { explainAwsError } from '../aws/errors.js'
import { errorMessage } from '../errors.js'
import type { Log } from '../log.js'
import { registryHost } from './refs.js'

/** Decoded `authorizationToken`: base64 of `user:password` (the user is `AWS`). */
export function decodeAuthorizationToken(token: string): { username: string; password: string } {
  const text = Buffer.from(token, 'base64').toString('utf8')
  const colon = text.indexOf(':')
  if (colon <= 0 || colon === text.length - 1) {
    throw new Error('ECR returned an authorization token that is not base64 of user:password')
  }
  return { username: text.slice(0, colon), password: text.slice(colon + 1) }
}

/** A registry login, with the password already masked in the log. */
interface RegistryLogin {
  /** `host[:port]` from `proxyEndpoint`, e.g. `123456789012.dkr.ecr.eu-west-1.amazonaws.com`. */
  registry: string
  username: string
  password: string
  expiresAt?: Date
}

/** The repository facts the image stage needs. */
export interface RepositoryInfo {
  name: string
  uri?: string
  mutability: string
  /** Wildcard filters of the `*_WITH_EXCLUSION` mutability settings. */
  exclusions: string[]
}

/** A thin, typed face over the ECR client; one per run. */
export class Ecr {
  private constructor(
    private readonly client: ECRClient,
    private readonly sdk: typeof import('@aws-sdk/client-ecr'),
    private readonly log: Log
  ) {}

  static async create(region: string, log: Log): Promise<Ecr> {
    const [client, sdk] = await Promise.all([ecrClient(region), import('@aws-sdk/client-ecr')])
    return new Ecr(client, sdk, log)
  }

  /** GetAuthorizationToken, decoded; the password (and the token it came from) are masked at once. */
  async login(): Promise<RegistryLogin> {
    const out = await this.client.send(new this.sdk.GetAuthorizationTokenCommand({})).catch((e: unknown) => {
      throw explain('GetAuthorizationToken', e)
    })
    const data = out.authorizationData?.[0]
    if (!data?.authorizationToken || !data.proxyEndpoint) {
      throw new Error('ECR GetAuthorizationToken returned no token or no proxyEndpoint; cannot log in to the registry')
    }
    this.log.secret(data.authorizationToken)
    const { username, password } = decodeAuthorizationToken(data.authorizationToken)
    this.log.secret(password)
    return {
      registry: registryHost(data.proxyEndpoint),
      username,
      password,
      expiresAt: data.expiresAt
    }
  }

  /** The repository, or undefined when it does not exist. */
  async describeRepository(name: string): Promise<RepositoryInfo | undefined> {
    try {
      const out = await this.client.send(new this.sdk.DescribeRepositoriesCommand({ repositoryNames: [name] }))
      const repo = out.repositories?.find((r) => r.repositoryName === name)
      return repo ? toInfo(name, repo) : undefined
    } catch (error) {
      if (error instanceof this.sdk.RepositoryNotFoundException) return undefined
      throw explain('DescribeRepositories', error)
    }
  }

  /**
   * Creates the repository MUTABLE, because `latest` moves on every push. Someone else
   * creating it at the same moment is fine: the repository exists either way.
   */
  async createRepository(name: string): Promise<RepositoryInfo> {
    try {
      const out = await this.client.send(
        new this.sdk.CreateRepositoryCommand({
          repositoryName: name,
          imageTagMutability: 'MUTABLE'
        })
      )
      if (out.repository) return toInfo(name, out.repository)
    } catch (error) {
      if (!(error instanceof this.sdk.RepositoryAlreadyExistsException)) throw explain('CreateRepository', error)
    }
    const existing = await this.describeRepository(name)
    if (!existing) throw new Error(`ECR repository '${name}' was created but cannot be described`)
    return existing
  }

  /**
   * The manifest digest behind `repository:tag`, or undefined when the tag is not there.
   * BatchGetImage answers a missing tag with a failure entry rather than an exception.
   */
  async imageDigest(repository: string, tag: string): Promise<string | undefined> {
    return (await this.image(repository, tag))?.digest
  }

  /** The image behind `repository:tag` with its manifest, or undefined when the tag is not there. */
  async image(repository: string, tag: string): Promise<StoredImage | undefined> {
    const out = await this.client
      .send(
        new this.sdk.BatchGetImageCommand({
          repositoryName: repository,
          imageIds: [{ imageTag: tag }],
          acceptedMediaTypes: MANIFEST_TYPES
        })
      )
      .catch((e: unknown) => {
        throw explain('BatchGetImage', e)
      })
    const found = out.images?.find((i) => i.imageId?.imageDigest)
    if (found?.imageId?.imageDigest) {
      return {
        digest: found.imageId.imageDigest,
        manifest: found.imageManifest ?? '',
        mediaType: found.imageManifestMediaType
      }
    }
    const failure = out.failures?.[0]
    if (!failure || failure.failureCode === 'ImageNotFound') return undefined
    throw new Error(
      `ECR could not say whether ${repository}:${tag} exists: ${failure.failureCode ?? 'unknown'} ${failure.failureReason ?? ''}`.trim()
    )
  }

  /**
   * The labels of an image, from its config blob (GetDownloadUrlForLayer works for any blob
   * of the repository, the config too). Undefined for a manifest list, which has no config.
   */
  async imageLabels(repository: string, image: StoredImage): Promise<Record<string, string> | undefined> {
    const config = configDigest(image.manifest)
    if (!config) return undefined
    const out = await this.client
      .send(new this.sdk.GetDownloadUrlForLayerCommand({ repositoryName: repository, layerDigest: config }))
      .catch((e: unknown) => {
        throw explain('GetDownloadUrlForLayer', e)
      })
    const what = `the config of ${repository}@${image.digest}`
    if (!out.downloadUrl) throw new Error(`ECR gave no download URL for ${what}`)
    let body: { config?: { Labels?: Record<string, string> | null } }
    try {
      const res = await fetch(out.downloadUrl)
      if (!res.ok) throw new Error(`HTTP ${res.status}`)
      body = (await res.json()) as typeof body
    } catch (error) {
      // fetch's own message ("fetch failed") names neither the image nor the reason; the reason is in `cause`.
      const cause = (error as { cause?: unknown } | null)?.cause
      const why = cause === undefined ? '' : ` (${errorMessage(cause)})`
      throw new Error(`Reading ${what} from ECR's download URL failed: ${errorMessage(error)}${why}`, { cause: error })
    }
    return body.config?.Labels ?? {}
  }

  /**
   * Adds `tag` to an image that is already in the repository (PutImage with its own
   * manifest): no docker, no layers moved. `already` when the tag was on it before;
   * `refused` when it points at another image and the repository does not let it move.
   */
  async addTag(repository: string, image: StoredImage, tag: string): Promise<'added' | 'already' | 'refused'> {
    try {
      await this.client.send(
        new this.sdk.PutImageCommand({
          repositoryName: repository,
          imageManifest: image.manifest,
          imageManifestMediaType: image.mediaType,
          imageDigest: image.digest,
          imageTag: tag
        })
      )
      return 'added'
    } catch (error) {
      if (error instanceof this.sdk.ImageAlreadyExistsException) return 'already'
      if (error instanceof this.sdk.ImageTagAlreadyExistsException) return 'refused'
      throw explain('PutImage', error)
    }
  }
}

/** An image as ECR stores it: its digest and its manifest, enough to tag it again. */
export interface StoredImage {
  digest: string
  manifest: string
  mediaType?: string
}

const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.index.v1+json'
]

/** The config blob of a single-image manifest. */
function configDigest(manifest: string): string | undefined {
  try {
    const parsed = JSON.parse(manifest) as { config?: { digest?: string } }
    return parsed.config?.digest
  } catch {
    return undefined
  }
}

/** Names the ECR call in an AWS error, with the IAM permission it needs. */
function explain(operation: string, error: unknown): Error {
  return explainAwsError({ service: 'ECR', operation, permissions: [`ecr:${operation}`] }, error)
}

function toInfo(name: string, repo: Repository): RepositoryInfo {
  return {
    name,
    uri: repo.repositoryUri,
    mutability: repo.imageTagMutability ?? 'MUTABLE',
    exclusions: (repo.imageTagMutabilityExclusionFilters ?? []).map((f) => f.filter ?? '').filter(Boolean)
  }
}

/** Whether ECR will refuse to move `tag` once it exists in this repository. */
export function tagIsImmutable(repo: Pick<RepositoryInfo, 'mutability' | 'exclusions'>, tag: string): boolean {
  const matches = repo.exclusions.some((f) => wildcard(f).test(tag))
  switch (repo.mutability) {
    case 'IMMUTABLE':
      return true
    case 'IMMUTABLE_WITH_EXCLUSION':
      return !matches
    case 'MUTABLE_WITH_EXCLUSION':
      return matches
    default:
      return false
  }
}

function wildcard(filter: string): RegExp {
  return new RegExp(`^${filter.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`)
}
