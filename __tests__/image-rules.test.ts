import { describe, expect, it } from '@jest/globals'
// The image stage's pure rules: registry names, labels, build arguments, the docker command
// line for each builder, and reading what docker prints.
import { buildArgList, validateBuildArgs } from '../src/image/build-args.js'
import { buildCommand, chooseBuilder, type BuildCommandInput, type Builder } from '../src/image/build-command.js'
import {
  isImmutableTagRefusal,
  isTransientPushFailure,
  parseBuildxDriver,
  parseImageStore,
  parseBuildxVersion,
  parseMetadataDigest,
  parsePushDigest
} from '../src/image/docker-output.js'
import { decodeAuthorizationToken, tagIsImmutable } from '../src/image/ecr.js'
import { ociLabels } from '../src/image/labels.js'
import { platformNotes } from '../src/image/platform.js'
import {
  contentTag,
  hostOfRepositoryUri,
  imageTags,
  imageUriFor,
  pinnedUriFor,
  registryHost,
  tagForBuild
} from '../src/image/refs.js'

const REG = '123456789012.dkr.ecr.eu-west-1.amazonaws.com'
const DIGEST = 'sha256:' + 'ab'.repeat(32)

describe('registry host and URIs', () => {
  it.each([
    ['https://123456789012.dkr.ecr.eu-west-1.amazonaws.com', REG],
    ['https://123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn', '123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn'],
    ['https://123456789012.dkr.ecr.us-gov-west-1.amazonaws.com/', '123456789012.dkr.ecr.us-gov-west-1.amazonaws.com'],
    ['http://127.0.0.1:5000', '127.0.0.1:5000'],
    ['registry.example:443', 'registry.example:443']
  ])('proxyEndpoint %s is registry %s', (endpoint, host) => {
    expect(registryHost(endpoint)).toBe(host)
  })

  it('rejects an unusable proxyEndpoint', () => {
    expect(() => registryHost('https://')).toThrow(/unusable proxyEndpoint/)
    expect(() => registryHost('https://a/b')).toThrow(/unusable proxyEndpoint/)
  })

  it('builds tag and digest references', () => {
    expect(imageUriFor(REG, 'team/model', 'abc1234')).toBe(`${REG}/team/model:abc1234`)
    expect(pinnedUriFor(REG, 'team/model', DIGEST)).toBe(`${REG}/team/model@${DIGEST}`)
    expect(hostOfRepositoryUri(`${REG}/team/model`)).toBe(REG)
  })
})

describe('decodeAuthorizationToken', () => {
  it('splits on the first colon only', () => {
    const token = Buffer.from('AWS:pa:ss=word').toString('base64')
    expect(decodeAuthorizationToken(token)).toEqual({ username: 'AWS', password: 'pa:ss=word' })
  })
  it.each(['', Buffer.from('nocolon').toString('base64'), Buffer.from('AWS:').toString('base64')])(
    'rejects %j',
    (token) => {
      expect(() => decodeAuthorizationToken(token)).toThrow(/not base64 of user:password/)
    }
  )
})

describe('tags and labels', () => {
  it.each([
    ['abc1234', true, ['abc1234', 'latest']],
    ['abc1234', false, ['abc1234']]
  ])('short sha %s, push-latest %s', (sha, latest, tags) => {
    expect(imageTags(sha, latest)).toEqual(tags)
  })

  it('labels the image with its commit', () => {
    const created = new Date('2026-01-02T03:04:05Z')
    expect(ociLabels({ sha: 'f'.repeat(40), shortSha: 'fffffff', repository: 'acme/vision', created })).toEqual({
      'org.opencontainers.image.revision': 'f'.repeat(40),
      'org.opencontainers.image.source': 'https://github.com/acme/vision',
      'org.opencontainers.image.created': '2026-01-02T03:04:05.000Z',
      'org.opencontainers.image.version': 'fffffff'
    })
    expect(
      ociLabels({
        sha: 'a',
        shortSha: 'a',
        repository: 'o/r',
        serverUrl: 'https://ghe.example/',
        created
      })['org.opencontainers.image.source']
    ).toBe('https://ghe.example/o/r')
  })
})

describe('build-args', () => {
  it('accepts KEY=VALUE lines, blanks and comments', () => {
    expect(validateBuildArgs(['A=1', ' B_2 = x y ', '', '# note', 'EMPTY='])).toEqual([
      { where: 'build-args', message: expect.stringContaining("'B_2 ' is not a valid") }
    ])
    expect(validateBuildArgs(['A=1', 'B_2=x y', 'EMPTY=', 'URL=http://x?a=b'])).toEqual([])
  })
  it.each([
    ['NOEQUALS', /is not KEY=VALUE/],
    ['1ABC=x', /not a valid build argument name/],
    ['=x', /not a valid build argument name/],
    ['A-B=x', /not a valid build argument name/]
  ])('rejects %s', (line, message) => {
    expect(validateBuildArgs([line])).toEqual([{ where: 'build-args', message: expect.stringMatching(message) }])
  })
  it('drops blanks and comments from the list passed to docker', () => {
    expect(buildArgList(['A=1', '', '  # c', ' B=2 '])).toEqual(['A=1', 'B=2'])
  })
})

describe('builder detection and docker output', () => {
  it.each<[string, { version?: string; driver?: string } | undefined, Builder]>([
    ['20.10.24+dfsg1', undefined, { kind: 'buildkit' }],
    ['28.2.2', undefined, { kind: 'legacy' }],
    [
      '28.2.2',
      { version: '0.24.0', driver: 'docker-container' },
      { kind: 'buildx', version: '0.24.0', driver: 'docker-container' }
    ]
  ])('client %s with buildx %j', (client, buildx, builder) => {
    expect(chooseBuilder(client, buildx)).toEqual(builder)
  })

  it('parses buildx version, driver, push and metadata digests', () => {
    expect(parseBuildxVersion('github.com/docker/buildx v0.12.1 542e5d8')).toBe('0.12.1')
    expect(parseBuildxVersion('github.com/docker/buildx 0.9.1+azure-2 ed00243')).toBe('0.9.1')
    expect(parseBuildxDriver('Name:   builder-1\nDriver: docker-container\nNodes:\n')).toBe('docker-container')
    const push = `abc: digest: ${'sha256:' + 'cd'.repeat(32)} size: 1\nlatest: digest: ${DIGEST} size: 527\n`
    expect(parsePushDigest(push, 'latest')).toBe(DIGEST)
    expect(parsePushDigest(push, 'abc')).toBe('sha256:' + 'cd'.repeat(32))
    expect(parsePushDigest('nothing', 'abc')).toBeUndefined()
    expect(parseMetadataDigest(JSON.stringify({ 'containerimage.digest': DIGEST }))).toBe(DIGEST)
    expect(parseMetadataDigest('not json')).toBeUndefined()
  })

  it('tells the containerd image store from the classic one', () => {
    expect(parseImageStore('[["driver-type","io.containerd.snapshotter.v1"]]')).toBe('containerd')
    expect(parseImageStore('[["Backing Filesystem","extfs"],["Supports d_type","true"]]')).toBe('classic')
    expect(chooseBuilder('26.1.5', { version: '0.13.1', driver: 'docker' }, 'containerd')).toEqual({
      kind: 'buildx',
      version: '0.13.1',
      driver: 'docker',
      imageStore: 'containerd'
    })
  })

  it.each<[string, boolean]>([
    ['received unexpected HTTP status: 500 Internal Server Error', true],
    ['blob upload unknown to registry', true],
    ['write tcp 127.0.0.1:5000: write: connection reset by peer', true],
    ['Put "https://x/v2/m/blobs/uploads/abc": EOF', true],
    ['503 Service Unavailable', true],
    ['denied: requested access to the resource is denied', false],
    ['tag invalid: The image tag already exists', false],
    ['manifest blob unknown: blob unknown to registry', false]
  ])('a push that failed with %j is worth trying again: %s', (output, transient) => {
    expect(isTransientPushFailure(output)).toBe(transient)
  })
})

describe('tags of a build', () => {
  const key = 'sha256:' + '0123456789abcdef'.repeat(4)
  it('names an image by its content, and a build with uncommitted files never by the commit alone', () => {
    expect(contentTag(key)).toBe(`content-${'0123456789abcdef'.repeat(4)}`)
    expect(tagForBuild('abc1234', { contentKey: key })).toBe('abc1234')
    expect(tagForBuild('abc1234', { contentKey: key, uncommitted: ['src/a.py (modified)'] })).toBe(
      'abc1234-dirty-0123456789ab'
    )
    expect(imageTags('abc1234', true)).toEqual(['abc1234', 'latest'])
    expect(imageTags('abc1234-dirty-0123456789ab', true, true)).toEqual(['abc1234-dirty-0123456789ab'])
  })
})

describe('isImmutableTagRefusal', () => {
  it.each([
    [
      "tag invalid: The image tag 'abc1234' already exists in the 'm' repository and cannot be overwritten because the repository is immutable.",
      true
    ],
    [
      "The image tag 'v1' already exists in the 'm' repository and cannot be overwritten because the tag is immutable.",
      true
    ],
    ['ImageTagAlreadyExistsException: ...', true],
    ['unauthorized: authentication required', false],
    ['error parsing HTTP 405 response body', false]
  ])('%s', (text, refused) => {
    expect(isImmutableTagRefusal(text)).toBe(refused)
  })
})

describe('platform notes', () => {
  it.each([
    ['linux/amd64', 'amd64', []],
    ['linux/amd64', 'x86_64', []],
    ['linux/arm64', 'arm64', [/SageMaker training instances run linux\/amd64/]],
    ['linux/amd64', 'arm64', [/engine is linux\/arm64 and builds linux\/amd64 through emulation/]]
  ])('%s on a %s engine', (platform, arch, expected) => {
    const notes = platformNotes(platform, arch)
    expect(notes).toHaveLength(expected.length)
    expected.forEach((re, i) => expect(notes[i]).toMatch(re))
  })
})

describe('tag mutability', () => {
  it.each([
    ['MUTABLE', [], 'abc', false],
    ['IMMUTABLE', [], 'latest', true],
    ['IMMUTABLE_WITH_EXCLUSION', ['latest', 'build*'], 'latest', false],
    ['IMMUTABLE_WITH_EXCLUSION', ['latest'], 'abc1234', true],
    ['MUTABLE_WITH_EXCLUSION', ['v*'], 'v1', true],
    ['MUTABLE_WITH_EXCLUSION', ['v*'], 'latest', false]
  ])('%s %j: %s immutable is %s', (mutability, exclusions, tag, immutable) => {
    expect(tagIsImmutable({ mutability, exclusions }, tag)).toBe(immutable)
  })
})

describe('buildCommand: inputs to the exact docker argv', () => {
  const base: BuildCommandInput = {
    builder: { kind: 'buildkit' },
    context: '/ws/app',
    dockerfile: '/ws/app/Dockerfile',
    refs: [`${REG}/m:abc1234`, `${REG}/m:latest`],
    repositoryRef: `${REG}/m`,
    platform: 'linux/amd64',
    labels: { 'org.opencontainers.image.version': 'abc1234' },
    buildArgs: ['A=1'],
    cache: 'none',
    immutable: false
  }
  const common = [
    '--file',
    '/ws/app/Dockerfile',
    '--tag',
    `${REG}/m:abc1234`,
    '--tag',
    `${REG}/m:latest`,
    '--platform',
    'linux/amd64',
    '--label',
    'org.opencontainers.image.version=abc1234',
    '--build-arg',
    'A=1'
  ]
  const containerBuildx: Builder = { kind: 'buildx', driver: 'docker-container', version: '0.24.0' }
  const dockerBuildx: Builder = { kind: 'buildx', driver: 'docker', version: '0.24.0' }

  it.each<[string, Partial<BuildCommandInput>, string[], Record<string, string>, boolean, RegExp | undefined]>([
    [
      'classic BuildKit, no cache',
      {},
      ['build', ...common, '--progress', 'plain', '/ws/app'],
      { DOCKER_BUILDKIT: '1' },
      false,
      undefined
    ],
    [
      'classic BuildKit, inline cache',
      { cache: 'inline' },
      [
        'build',
        ...common,
        '--cache-from',
        `${REG}/m:latest`,
        '--build-arg',
        'BUILDKIT_INLINE_CACHE=1',
        '--progress',
        'plain',
        '/ws/app'
      ],
      { DOCKER_BUILDKIT: '1' },
      false,
      undefined
    ],
    [
      'classic BuildKit, registry cache falls back to inline',
      { cache: 'registry' },
      [
        'build',
        ...common,
        '--cache-from',
        `${REG}/m:latest`,
        '--build-arg',
        'BUILDKIT_INLINE_CACHE=1',
        '--progress',
        'plain',
        '/ws/app'
      ],
      { DOCKER_BUILDKIT: '1' },
      false,
      /using an inline cache instead/
    ],
    [
      'legacy builder drops the cache',
      { builder: { kind: 'legacy' }, cache: 'registry' },
      ['build', ...common, '/ws/app'],
      { DOCKER_BUILDKIT: '0' },
      false,
      /building without a cache/
    ],
    [
      'buildx container driver, registry cache in a form ECR accepts, pushes itself',
      { builder: containerBuildx, cache: 'registry', metadataFile: '/tmp/m.json' },
      [
        'buildx',
        'build',
        ...common,
        '--cache-from',
        `type=registry,ref=${REG}/m:buildcache`,
        '--cache-to',
        `type=registry,ref=${REG}/m:buildcache,mode=max,image-manifest=true,oci-mediatypes=true`,
        '--provenance=false',
        '--sbom=false',
        '--push',
        '--metadata-file',
        '/tmp/m.json',
        '--progress',
        'plain',
        '/ws/app'
      ],
      {},
      true,
      undefined
    ],
    [
      'buildx container driver, IMMUTABLE repository: inline instead of a cache tag',
      { builder: containerBuildx, cache: 'registry', immutable: true },
      [
        'buildx',
        'build',
        ...common,
        '--cache-from',
        `type=registry,ref=${REG}/m:latest`,
        '--cache-to',
        'type=inline',
        '--provenance=false',
        '--sbom=false',
        '--push',
        '--progress',
        'plain',
        '/ws/app'
      ],
      {},
      true,
      /IMMUTABLE repository refuses/
    ],
    [
      'buildx docker driver: inline cache, loads for docker push',
      { builder: dockerBuildx, cache: 'registry' },
      [
        'buildx',
        'build',
        ...common,
        '--cache-from',
        `type=registry,ref=${REG}/m:latest`,
        '--cache-to',
        'type=inline',
        '--provenance=false',
        '--sbom=false',
        '--load',
        '--progress',
        'plain',
        '/ws/app'
      ],
      {},
      false,
      /needs buildx with a container builder \(docker\/setup-buildx-action\) or Docker's containerd image store/
    ],
    [
      'buildx docker driver on the containerd image store: a registry cache ECR accepts, and a stage',
      { builder: { ...dockerBuildx, imageStore: 'containerd' }, cache: 'registry', target: 'train' },
      [
        'buildx',
        'build',
        ...common,
        '--target',
        'train',
        '--cache-from',
        `type=registry,ref=${REG}/m:buildcache`,
        '--cache-to',
        `type=registry,ref=${REG}/m:buildcache,mode=max,image-manifest=true,oci-mediatypes=true`,
        '--provenance=false',
        '--sbom=false',
        '--load',
        '--progress',
        'plain',
        '/ws/app'
      ],
      {},
      false,
      undefined
    ],
    [
      'old buildx has no --provenance flag',
      { builder: { kind: 'buildx', driver: 'docker', version: '0.9.1' } },
      ['buildx', 'build', ...common, '--load', '--progress', 'plain', '/ws/app'],
      {},
      false,
      undefined
    ]
  ])('%s', (_label, patch, args, env, pushesItself, note) => {
    const plan = buildCommand({ ...base, ...patch })
    expect(plan.args).toEqual(args)
    expect(plan.env).toEqual(env)
    expect(plan.pushesItself).toBe(pushesItself)
    if (note) expect(plan.cacheNote).toMatch(note)
    else expect(plan.cacheNote).toBeUndefined()
  })

  it.each<[string, Partial<BuildCommandInput>, string]>([
    ['classic BuildKit asked for registry', { cache: 'registry' }, 'inline'],
    ['legacy builder asked for inline', { builder: { kind: 'legacy' }, cache: 'inline' }, 'none'],
    ['container builder asked for registry', { builder: containerBuildx, cache: 'registry' }, 'registry'],
    [
      'container builder, IMMUTABLE repository',
      { builder: containerBuildx, cache: 'registry', immutable: true },
      'inline'
    ],
    ['docker driver asked for inline', { builder: dockerBuildx, cache: 'inline' }, 'inline'],
    ['none stays none', { builder: containerBuildx, cache: 'none' }, 'none']
  ])('the cache actually used: %s', (_label, patch, cache) => {
    expect(buildCommand({ ...base, ...patch }).cache).toBe(cache)
  })
})
