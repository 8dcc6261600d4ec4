/**
 * ECR as the job tests need it: every commit's image is already there, so the image stage
 * reuses it and no Docker Engine is needed.
 */
import type { FakeAws } from './fake-aws.js'

export const ACCOUNT = '123456789012'
const REGISTRY = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com`
const DIGEST = `sha256:${'d'.repeat(64)}`

/** The manifest ECR hands back for every image here (a real one's shape; its blobs are never read). */
const MANIFEST = JSON.stringify({
  schemaVersion: 2,
  mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
  config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: 2, digest: `sha256:${'c'.repeat(64)}` },
  layers: []
})

/**
 * ECR that already holds every commit's image under the commit's tag: the image stage reuses
 * it and never needs Docker. No image is found by content here (that has its own tests).
 */
export function imageAlreadyPushed(aws: FakeAws): void {
  const p = 'AmazonEC2ContainerRegistry_V20150921'
  aws.on(`${p}.GetAuthorizationToken`, () => ({
    authorizationData: [
      {
        authorizationToken: Buffer.from('AWS:not-a-real-password').toString('base64'),
        expiresAt: new Date(Date.now() + 3_600_000),
        proxyEndpoint: `https://${REGISTRY}`
      }
    ]
  }))
  aws.on(`${p}.DescribeRepositories`, (input) => ({
    repositories: input.repositoryNames.map((name: string) => ({
      repositoryArn: `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/${name}`,
      registryId: ACCOUNT,
      repositoryName: name,
      repositoryUri: `${REGISTRY}/${name}`,
      createdAt: new Date(),
      imageTagMutability: 'MUTABLE'
    }))
  }))
  // Every image is there, except in the repository `sim/needs-a-build` and by content tag.
  aws.on(`${p}.BatchGetImage`, (input) =>
    input.repositoryName === 'sim/needs-a-build' || input.imageIds[0].imageTag?.startsWith('content-')
      ? {
          images: [],
          failures: input.imageIds.map((imageId: unknown) => ({
            imageId,
            failureCode: 'ImageNotFound',
            failureReason: 'Requested image not found'
          }))
        }
      : {
          images: input.imageIds.map((id: { imageTag: string }) => ({
            registryId: ACCOUNT,
            repositoryName: input.repositoryName,
            imageId: { imageDigest: DIGEST, imageTag: id.imageTag },
            imageManifest: MANIFEST,
            imageManifestMediaType: 'application/vnd.docker.distribution.manifest.v2+json'
          })),
          failures: []
        }
  )
  // `latest` is moved to the reused image.
  aws.on(`${p}.PutImage`, (input) => ({
    image: {
      registryId: ACCOUNT,
      repositoryName: input.repositoryName,
      imageId: { imageDigest: DIGEST, imageTag: input.imageTag },
      imageManifest: input.imageManifest
    }
  }))
}
