/**
 * What a failed registry step tells the user, whichever step it was: `docker login`,
 * `docker push`, or a buildx build that pushes the image itself. A `docker` stand-in prints
 * what the real one prints when the registry refuses, or cannot be reached.
 */
import { describe, expect, it } from '@jest/globals'
import type { Exec } from '../src/exec.js'
import type { BuildCommand } from '../src/image/build-command.js'
import { Docker } from '../src/image/docker.js'

const REGISTRY = '123456789012.dkr.ecr.us-east-1.amazonaws.com'
const REF = `${REGISTRY}/team/model:abc1234`
const PUSH_PERMISSIONS = /ecr:InitiateLayerUpload, ecr:UploadLayerPart, ecr:CompleteLayerUpload and ecr:PutImage/

const REFUSED = `denied: User: arn:aws:sts::123456789012:assumed-role/ci/x is not authorized to perform: ecr:InitiateLayerUpload`
const UNREACHABLE = `dial tcp: lookup ${REGISTRY}: no such host`

/** A docker that fails every command with `output` on stderr (and streams it, as a build or push does). */
const failing =
  (output: string): Exec =>
  async (_program, _args, options = {}) => {
    options.onOutput?.(output + '\n')
    return { exitCode: 1, stdout: '', stderr: output }
  }

const buildxPush: BuildCommand = {
  args: ['buildx', 'build', '--push', '--tag', REF, '.'],
  env: {},
  pushesItself: true,
  cache: 'none'
}

describe('a registry that refuses or cannot be reached', () => {
  it('login: says the token did not work, and which permission to check', async () => {
    await expect(
      new Docker(failing('unauthorized: authentication required')).login(REGISTRY, 'AWS', 'pw')
    ).rejects.toThrow(
      /^docker login to .* was refused: unauthorized: authentication required\. The ECR token did not work for this registry; check that the credentials may call ecr:GetAuthorizationToken/
    )
    await expect(new Docker(failing(UNREACHABLE)).login(REGISTRY, 'AWS', 'pw')).rejects.toThrow(
      /is unreachable from this runner: .*no such host\. Check the runner's network, proxy and DNS\.$/
    )
  })

  it('push: names the permissions a push needs, and is not tried again', async () => {
    const retries: string[] = []
    const failure = await new Docker(failing(REFUSED))
      .push(REF, { attempts: 4, sleep: async () => undefined, onRetry: (m) => retries.push(m) })
      .then(
        () => new Error('pushed'),
        (e: unknown) => e as Error
      )
    expect(failure.message).toMatch(/^docker push .* failed \(exit 1\): denied: .*\. The registry refused the push/)
    expect(failure.message).toMatch(PUSH_PERMISSIONS)
    expect(retries).toEqual([])
  })

  it('a buildx build that pushes itself: the same advice as docker push', async () => {
    await expect(new Docker(failing(REFUSED)).build(buildxPush, '/')).rejects.toThrow(PUSH_PERMISSIONS)
    await expect(new Docker(failing(UNREACHABLE)).build(buildxPush, '/')).rejects.toThrow(
      /^Pushing the image failed: .*no such host\. Check the runner's network, proxy and DNS\.$/
    )
    // A build that fails for its own reasons shows the end of its log, with no registry advice.
    await expect(new Docker(failing('COPY failed: file not found')).build(buildxPush, '/')).rejects.toThrow(
      /^docker build failed \(exit 1\)\. Last lines of the build log:\nCOPY failed: file not found$/
    )
  })
})
