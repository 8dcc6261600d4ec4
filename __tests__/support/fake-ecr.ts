/**
 * Stateful ECR handlers for the local AWS server (fake-aws.ts), backed by a real registry:
 * GetAuthorizationToken hands out that registry's credentials the way ECR does
 * (base64 `AWS:<password>`, proxyEndpoint `http://127.0.0.1:<port>`), repositories are kept
 * here with their tag mutability, and images are read from the registry itself, so what
 * BatchGetImage reports is what was really pushed.
 */
import { AwsFault, type FakeAws, type Handler } from './fake-aws.js'
import { RegistryClient, type Registry } from './docker-env.js'

const PREFIX = 'AmazonEC2ContainerRegistry_V20150921'
export const ACCOUNT = '123456789012'

export interface FakeRepository {
  mutability: 'MUTABLE' | 'IMMUTABLE' | 'IMMUTABLE_WITH_EXCLUSION' | 'MUTABLE_WITH_EXCLUSION'
  createdAt: Date
}

export interface FakeEcr {
  repositories: Map<string, FakeRepository>
  /** What the next tokens say; tests change these to break the login on purpose. */
  token: { username: string; password: string; proxyEndpoint: string }
  /** Host put in repository URIs; differs from the token's only in the wrong-registry test. */
  repositoryHost: string
  /** Makes the next CreateRepository lose a race: the repository appears, and the call says it already exists. */
  loseNextCreateRace: boolean
  addRepository(name: string, mutability?: FakeRepository['mutability']): void
  /** Installs the handlers on a fake AWS server. */
  install(aws: FakeAws): void
}

const notFound = (name: string): AwsFault =>
  new AwsFault(
    'RepositoryNotFoundException',
    `The repository with name '${name}' does not exist in the registry with id '${ACCOUNT}'`
  )

/** ECR in front of `registry`. */
export function createFakeEcr(registry: Registry, region = 'us-east-1'): FakeEcr {
  const client = new RegistryClient(registry)
  const repositories = new Map<string, FakeRepository>()
  const ecr: FakeEcr = {
    repositories,
    token: {
      username: 'AWS',
      password: registry.password,
      proxyEndpoint: `http://${registry.host}`
    },
    repositoryHost: registry.host,
    loseNextCreateRace: false,
    addRepository: (name, mutability = 'MUTABLE') =>
      void repositories.set(name, { mutability, createdAt: new Date() }),
    install: (aws) => {
      for (const [op, handler] of Object.entries(handlers)) aws.on(`${PREFIX}.${op}`, handler)
    }
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
      imageScanningConfiguration: { scanOnPush: false },
      encryptionConfiguration: { encryptionType: 'AES256' }
    }
  }

  const handlers: Record<string, Handler> = {
    GetAuthorizationToken: () => ({
      authorizationData: [
        {
          authorizationToken: Buffer.from(`${ecr.token.username}:${ecr.token.password}`).toString(
            'base64'
          ),
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
    CreateRepository: (input: {
      repositoryName: string
      imageTagMutability?: FakeRepository['mutability']
    }) => {
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
        const digest = await client.digest(name, reference)
        if (digest)
          images.push({
            registryId: ACCOUNT,
            repositoryName: name,
            imageId: { imageDigest: digest, imageTag: id.imageTag }
          })
        else
          failures.push({
            imageId: id,
            failureCode: 'ImageNotFound',
            failureReason: 'Requested image not found'
          })
      }
      return { images, failures }
    }
  }
  return ecr
}
