/**
 * A fake ECR backed by a real registry, in two parts:
 * - the API: stateful handlers for the local AWS server (fake-aws.ts). GetAuthorizationToken
 *   hands out the registry's credentials the way ECR does (base64 `AWS:<password>`,
 *   proxyEndpoint `http://127.0.0.1:<port>`); repositories are kept here with their tag
 *   mutability; BatchGetImage reads the registry itself, so it reports what was really pushed.
 * - the registry endpoint: a small HTTP front on 127.0.0.1 that forwards to the real registry
 *   but, like ECR, refuses to overwrite a tag that is immutable in its repository (the
 *   registry itself has no such notion), records every manifest push and counts the bytes
 *   uploaded, and serves the download URLs GetDownloadUrlForLayer hands out (S3's role).
 * PutImage and BatchGetImage work on the registry's real manifests, so an image tagged
 * through the API is exactly the one pushed.
 */
import { createHash } from 'node:crypto'
import { createServer, request, type Server } from 'node:http'
import { listenOnLoopback } from './loopback.js'
import { AwsFault, type FakeAws, type Handler } from './fake-aws.js'
import { RegistryClient, type Registry } from './docker-env.js'
import { tagIsImmutable } from '../../src/image/ecr.js'

const PREFIX = 'AmazonEC2ContainerRegistry_V20150921'
export const ACCOUNT = '123456789012'

/** What the registry front does instead of forwarding a request. */
export type FrontFault = { status: number; code: string; message: string } | 'reset'

export interface FakeRepository {
  mutability: 'MUTABLE' | 'IMMUTABLE' | 'IMMUTABLE_WITH_EXCLUSION' | 'MUTABLE_WITH_EXCLUSION'
  exclusions: string[]
  createdAt: Date
}

export interface FakeEcr {
  /** The registry host ECR hands out (the front), `127.0.0.1:<port>`. */
  host: string
  repositories: Map<string, FakeRepository>
  /** What the next tokens say; tests change these to break the login on purpose. */
  token: { username: string; password: string; proxyEndpoint: string }
  /** Host put in repository URIs; differs from the token's only in the wrong-registry test. */
  repositoryHost: string
  /** Makes the next CreateRepository lose a race: the repository appears, and the call says it already exists. */
  loseNextCreateRace: boolean
  /** Makes BatchGetImage miss these `repo:tag`s once, as if another run pushed them a moment later. */
  hideOnce: Set<string>
  /** Manifest pushes through the front, in order, with the answer given. */
  pushes: { repository: string; reference: string; status: number }[]
  /** Bytes of blob uploads that went through the front (layers and configs pushed). */
  uploadedBytes(): number
  /** Tags added with PutImage, in order. */
  putImages: { repository: string; tag: string; digest: string }[]
  /**
   * Consulted for every request to the registry front: answer with a registry error, or
   * drop the connection, instead of forwarding (pushes refused or failing on the way).
   */
  faults?: (request: { method: string; path: string }) => FrontFault | undefined
  addRepository(name: string, mutability?: FakeRepository['mutability'], exclusions?: string[]): void
  /** Puts the token and repository URIs back to this fake's own registry front. */
  reset(): void
  /** Installs the API handlers on a fake AWS server. */
  install(aws: FakeAws): void
  close(): Promise<void>
}

const notFound = (name: string): AwsFault =>
  new AwsFault(
    'RepositoryNotFoundException',
    `The repository with name '${name}' does not exist in the registry with id '${ACCOUNT}'`
  )

/** ECR in front of `registry`. */
export async function startFakeEcr(registry: Registry, region = 'us-east-1'): Promise<FakeEcr> {
  const client = new RegistryClient(registry)
  const repositories = new Map<string, FakeRepository>()
  const pushes: FakeEcr['pushes'] = []
  const putImages: FakeEcr['putImages'] = []
  const uploaded = { bytes: 0 }
  const front = await startFront(
    registry,
    (r) => ecr.faults?.(r),
    uploaded,
    async (repository, reference) => {
      const repo = repositories.get(repository)
      if (!repo || reference.startsWith('sha256:') || !tagIsImmutable(repo, reference)) return undefined
      if (!(await client.digest(repository, reference))) return undefined
      // ECR's answer through the registry protocol (TAG_INVALID), worded as ECR words it.
      return `The image tag '${reference}' already exists in the '${repository}' repository and cannot be overwritten because the repository is immutable.`
    },
    pushes
  )

  const ecr: FakeEcr = {
    host: front.host,
    repositories,
    token: { username: 'AWS', password: registry.password, proxyEndpoint: `http://${front.host}` },
    repositoryHost: front.host,
    loseNextCreateRace: false,
    hideOnce: new Set(),
    pushes,
    putImages,
    uploadedBytes: () => uploaded.bytes,
    addRepository: (name, mutability = 'MUTABLE', exclusions = []) =>
      void repositories.set(name, { mutability, exclusions, createdAt: new Date() }),
    reset: () => {
      ecr.faults = undefined
      ecr.token = {
        username: 'AWS',
        password: registry.password,
        proxyEndpoint: `http://${front.host}`
      }
      ecr.repositoryHost = front.host
    },
    install: (aws) => {
      for (const [op, handler] of Object.entries(handlers)) aws.on(`${PREFIX}.${op}`, handler)
    },
    close: front.close
  }

  const describe = (name: string): Record<string, unknown> => {
    const repo = repositories.get(name)!
    return {
      repositoryArn: `arn:aws:ecr:${region}:${ACCOUNT}:repository/${name}`,
      registryId: ACCOUNT,
      repositoryName: name,
      repositoryUri: `${ecr.repositoryHost}/${name}`,
      createdAt: repo.createdAt,
      imageTagMutability: repo.mutability,
      ...(repo.exclusions.length > 0
        ? {
            imageTagMutabilityExclusionFilters: repo.exclusions.map((filter) => ({
              filterType: 'WILDCARD',
              filter
            }))
          }
        : {}),
      imageScanningConfiguration: { scanOnPush: false },
      encryptionConfiguration: { encryptionType: 'AES256' }
    }
  }

  const handlers: Record<string, Handler> = {
    GetAuthorizationToken: () => ({
      authorizationData: [
        {
          authorizationToken: Buffer.from(`${ecr.token.username}:${ecr.token.password}`).toString('base64'),
          expiresAt: new Date(Date.now() + 12 * 3600 * 1000),
          proxyEndpoint: ecr.token.proxyEndpoint
        }
      ]
    }),
    DescribeRepositories: (input: { repositoryNames?: string[] }) => {
      const names = input.repositoryNames ?? [...repositories.keys()]
      for (const n of names) if (!repositories.has(n)) throw notFound(n)
      return { repositories: names.map(describe) }
    },
    CreateRepository: (input: { repositoryName: string; imageTagMutability?: FakeRepository['mutability'] }) => {
      const name = input.repositoryName
      if (ecr.loseNextCreateRace) {
        ecr.loseNextCreateRace = false
        ecr.addRepository(name, 'MUTABLE')
      }
      if (repositories.has(name)) {
        throw new AwsFault(
          'RepositoryAlreadyExistsException',
          `The repository with name '${name}' already exists in the registry with id '${ACCOUNT}'`
        )
      }
      ecr.addRepository(name, input.imageTagMutability ?? 'MUTABLE')
      return { repository: describe(name) }
    },
    BatchGetImage: async (input: {
      repositoryName: string
      imageIds: { imageTag?: string; imageDigest?: string }[]
    }) => {
      const name = input.repositoryName
      if (!repositories.has(name)) throw notFound(name)
      const images: unknown[] = []
      const failures: unknown[] = []
      for (const id of input.imageIds) {
        const reference = id.imageDigest ?? id.imageTag ?? ''
        const hidden = ecr.hideOnce.delete(`${name}:${reference}`)
        const manifest = hidden ? undefined : await client.manifest(name, reference)
        if (manifest) {
          images.push({
            registryId: ACCOUNT,
            repositoryName: name,
            imageId: { imageDigest: manifest.digest, imageTag: id.imageTag },
            imageManifest: manifest.body,
            imageManifestMediaType: manifest.mediaType
          })
        } else {
          failures.push({
            imageId: id,
            failureCode: 'ImageNotFound',
            failureReason: 'Requested image not found'
          })
        }
      }
      return { images, failures }
    },
    PutImage: async (input: {
      repositoryName: string
      imageManifest: string
      imageManifestMediaType?: string
      imageTag?: string
      imageDigest?: string
    }) => {
      const name = input.repositoryName
      const repo = repositories.get(name)
      if (!repo) throw notFound(name)
      const tag = input.imageTag ?? ''
      const digest = `sha256:${createHash('sha256').update(input.imageManifest).digest('hex')}`
      if (input.imageDigest && input.imageDigest !== digest)
        throw new AwsFault(
          'ImageDigestDoesNotMatchException',
          `The image digest ${input.imageDigest} does not match the manifest`
        )
      const current = tag ? await client.digest(name, tag) : undefined
      if (current === digest)
        throw new AwsFault(
          'ImageAlreadyExistsException',
          `Image with digest '${digest}' and tag '${tag}' already exists in the repository with name '${name}' in registry with id '${ACCOUNT}'`
        )
      if (current && tagIsImmutable(repo, tag))
        throw new AwsFault(
          'ImageTagAlreadyExistsException',
          `The image tag '${tag}' already exists in the '${name}' repository and cannot be overwritten because the repository is immutable.`
        )
      const mediaType =
        input.imageManifestMediaType ??
        ((JSON.parse(input.imageManifest) as { mediaType?: string }).mediaType ||
          'application/vnd.oci.image.manifest.v1+json')
      await client.putManifest(name, tag || digest, input.imageManifest, mediaType)
      putImages.push({ repository: name, tag, digest })
      return {
        image: {
          registryId: ACCOUNT,
          repositoryName: name,
          imageId: { imageDigest: digest, ...(tag ? { imageTag: tag } : {}) },
          imageManifest: input.imageManifest,
          imageManifestMediaType: mediaType
        }
      }
    },
    GetDownloadUrlForLayer: async (input: { repositoryName: string; layerDigest: string }) => {
      const name = input.repositoryName
      if (!repositories.has(name)) throw notFound(name)
      // S3's part: a URL that needs no registry login, as a pre-signed one does not.
      return {
        downloadUrl: `http://${front.host}/__download/${name}/${input.layerDigest}`,
        layerDigest: input.layerDigest
      }
    }
  }
  return ecr
}

/**
 * Forwards everything to the registry, keeping the Host header so the registry's upload
 * URLs point back here; a manifest PUT that `refuse` objects to gets ECR's TAG_INVALID.
 */
async function startFront(
  registry: Registry,
  fault: (request: { method: string; path: string }) => FrontFault | undefined,
  uploaded: { bytes: number },
  refuse: (repository: string, reference: string) => Promise<string | undefined>,
  pushes: FakeEcr['pushes']
): Promise<{ host: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0]
      const download = /^\/__download\/(.+)\/(sha256:[0-9a-f]{64})$/.exec(path)
      if (download) {
        const blob = await new RegistryClient(registry).blob(download[1], download[2])
        res.writeHead(blob.status, { 'content-type': 'application/octet-stream' })
        res.end(Buffer.from(await blob.arrayBuffer()))
        return
      }
      const injected = fault({ method: req.method ?? 'GET', path })
      if (injected === 'reset') {
        req.socket.destroy()
        return
      }
      if (injected) {
        const body = JSON.stringify({ errors: [{ code: injected.code, message: injected.message }] })
        req.resume()
        res.writeHead(injected.status, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body)
        })
        res.end(body)
        return
      }
      const manifest = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(path)
      if (req.method === 'PUT' && manifest) {
        const [, repository, reference] = manifest
        const refusal = await refuse(repository, reference)
        if (refusal) {
          pushes.push({ repository, reference, status: 400 })
          const body = JSON.stringify({ errors: [{ code: 'TAG_INVALID', message: refusal }] })
          req.resume()
          res.writeHead(400, {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body)
          })
          res.end(body)
          return
        }
      }
      const upstream = request(
        {
          host: '127.0.0.1',
          port: registry.port,
          method: req.method,
          path: req.url,
          headers: req.headers
        },
        (answer) => {
          if (req.method === 'PUT' && manifest) {
            pushes.push({
              repository: manifest[1],
              reference: manifest[2],
              status: answer.statusCode ?? 0
            })
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(res)
        }
      )
      upstream.on('error', () => res.destroy())
      // Layer and config uploads: what a push really sends over the network.
      if ((req.method === 'PATCH' || req.method === 'PUT') && /\/blobs\/uploads\//.test(path))
        req.on('data', (chunk: Buffer) => (uploaded.bytes += chunk.length))
      req.pipe(upstream)
    })()
  })
  const { port, close } = await listenOnLoopback(server)
  return { host: `127.0.0.1:${port}`, close }
}
