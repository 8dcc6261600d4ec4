/**
 * The proof that the content key hashes what Docker really sends: a real Docker Engine builds
 * `FROM scratch` + `COPY . /ctx/`, and the entries of /ctx in the image (read from
 * `docker export`) must be exactly the entries listBuildContext lists, with the same types,
 * sizes, executable bits and link texts.
 *
 * The contexts exercise the .dockerignore rules: exceptions, `**`, an excluded directory with
 * one file re-included, one only looked into for its Markdown pages, patternmatcher's quirks,
 * and the Dockerfile-specific ignore file (`<name>.dockerignore` next to the Dockerfile),
 * which the BuildKit of Docker 26.1 (0.13) honours.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { dockerSkipReason, startDockerEnv, writeContext, type DockerEnv } from './support/docker-env.js'
import { listBuildContext, type ContextEntry } from '../src/image/content-key.js'
import { readTar, type TarEntry } from './support/tar.js'

const skip = dockerSkipReason()
if (skip) console.warn(skip)
const suite = skip ? describe.skip : describe

const DOCKERFILE = 'FROM scratch\nCOPY . /ctx/\n'

/** An entry as both sides can describe it. */
type Seen = { path: string; type: string; size?: number; executable?: boolean; target?: string }

function fromListing(entries: ContextEntry[]): Seen[] {
  return entries.map((e) => {
    if (e.type === 'file') return { path: e.path, type: 'file', size: e.size, executable: e.executable }
    if (e.type === 'symlink') return { path: e.path, type: 'symlink', target: e.target }
    return { path: e.path, type: e.type }
  })
}

function fromImage(entries: TarEntry[], root: string): Seen[] {
  const seen: Seen[] = []
  for (const e of entries) {
    const path = e.path.replace(/^\.?\//, '').replace(/\/$/, '')
    if (!path.startsWith(root + '/')) continue
    const relative = path.slice(root.length + 1)
    if (e.type === '0') seen.push({ path: relative, type: 'file', size: e.size, executable: (e.mode & 0o100) !== 0 })
    else if (e.type === '2') seen.push({ path: relative, type: 'symlink', target: e.linkTarget })
    else if (e.type === '5') seen.push({ path: relative, type: 'directory' })
    else seen.push({ path: relative, type: `tar type ${e.type}` })
  }
  return seen.sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)))
}

/** Writes a tree: string contents are files, `null` empty dirs, `{ link }` symlinks, `{ mode }` files with that mode. */
type Tree = Record<string, string | null | { link: string } | { text: string; mode: number }>
function writeTree(root: string, tree: Tree): void {
  for (const [path, value] of Object.entries(tree)) {
    const target = join(root, path)
    mkdirSync(dirname(target), { recursive: true })
    if (value === null) mkdirSync(target, { recursive: true })
    else if (typeof value === 'string') writeFileSync(target, value)
    else if ('link' in value) symlinkSync(value.link, target)
    else {
      writeFileSync(target, value.text)
      chmodSync(target, value.mode)
    }
  }
}

suite('the build context Docker sends, against the content key listing', () => {
  let env: DockerEnv
  let workspace: string
  let n = 0

  beforeAll(async () => {
    env = await startDockerEnv()
    workspace = mkdtempSync(join(tmpdir(), 'top-ckey-docker-'))
  }, 60000)

  afterAll(async () => {
    await env?.stop()
    if (workspace) rmSync(workspace, { recursive: true, force: true })
  }, 60000)

  /** Builds `dockerfile` on `context` and returns the entries under /ctx in the image. */
  function builtEntries(context: string, dockerfile: string): Seen[] {
    n += 1
    const tag = `content-key-probe:${n}`
    const build = env.docker(['build', '--file', dockerfile, '--tag', tag, context])
    expect({ status: build.status, stderr: build.status === 0 ? '' : build.stderr }).toEqual({ status: 0, stderr: '' })
    const created = env.docker(['create', tag, '/none'])
    expect(created.status).toBe(0)
    const container = created.stdout.trim()
    const archive = join(workspace, `export-${n}.tar`)
    try {
      expect(env.docker(['export', '--output', archive, container]).status).toBe(0)
      return fromImage(readTar(readFileSync(archive)), 'ctx')
    } finally {
      env.docker(['rm', container])
      env.docker(['rmi', tag])
      rmSync(archive, { force: true })
    }
  }

  it('sends exactly the listed entries for a context with a nontrivial .dockerignore', async () => {
    const context = join(workspace, 'app')
    writeContext(context, DOCKERFILE, {
      '.dockerignore': [
        '# Build outputs, except the one file the image needs',
        'build',
        '!build/keep.txt',
        '# Logs anywhere, except one at the root',
        '**/*.log',
        '!important.log',
        '# Markdown, as in the example of Docker’s documentation',
        '*.md',
        '!README*.md',
        'README-secret.md',
        '# Never looked into: no exception can reach inside',
        'node_modules',
        '# Looked into for Markdown pages at any depth; sent only where one is found',
        'docs',
        '!docs/**/*.md',
        '/secrets/',
        'temp?',
        '*/temp*',
        '# patternmatcher quirks: ** then plain text is a suffix; \\d is a Go regexp digit',
        '**foo',
        'data/log\\d.txt',
        '[ab]c.bin',
        '  spaced.txt  ',
        ''
      ].join('\n'),
      'README.md': 'readme',
      'README-secret.md': 'secret',
      'README-dev.md': 'dev',
      'notes.md': 'notes',
      'important.log': 'important',
      'other.log': 'other',
      tempa: 'a',
      tempab: 'ab',
      barfoo: 'quirk',
      foobar: 'kept',
      'ac.bin': 'ac',
      'cc.bin': 'cc',
      'spaced.txt': 'gone',
      'with space.txt': 'space',
      'ünï.txt': 'unicode'
    })
    writeTree(context, {
      'build/keep.txt': 'keep',
      'build/drop.txt': 'drop',
      'build/sub/x.txt': 'x',
      'app/main.py': 'print("hi")\n',
      'app/run.sh': { text: '#!/bin/sh\necho hi\n', mode: 0o755 },
      'app/debug.log': 'debug',
      'tools/bin/tool': { text: 'binary', mode: 0o750 },
      'tools/bin/readonly': { text: 'ro', mode: 0o444 },
      'node_modules/pkg/index.js': 'module.exports = 1\n',
      'docs/guide/intro.md': '# intro',
      'docs/guide/logo.png': 'png',
      'docs/images/a.png': 'png',
      'docs/empty': null,
      'docs/api.md': '# api',
      'secrets/key.pem': 'key',
      'dir/temporary.txt': 'tmp',
      'dir/x.txt': 'x',
      'sub/foo': 'quirk',
      'data/log1.txt': 'digit',
      'data/logx.txt': 'letter',
      empty: null,
      link: { link: 'app/main.py' },
      dangling: { link: '../nowhere' }
    })

    const listing = await listBuildContext(context, join(context, 'Dockerfile'))
    const docker = builtEntries(context, join(context, 'Dockerfile'))
    expect(fromListing(listing.entries)).toEqual(docker)
    // And the listing is the one intended, so the comparison above is not vacuous.
    expect(listing.entries.map((e) => e.path)).toEqual([
      '.dockerignore',
      'Dockerfile',
      'README-dev.md',
      'README.md',
      'app',
      'app/main.py',
      'app/run.sh',
      'build',
      'build/keep.txt',
      'cc.bin',
      'dangling',
      'data',
      'data/logx.txt',
      'dir',
      'dir/x.txt',
      'docs',
      'docs/api.md',
      'docs/guide',
      'docs/guide/intro.md',
      'empty',
      'foobar',
      'important.log',
      'link',
      'sub',
      'tempab',
      'tools',
      'tools/bin',
      'tools/bin/readonly',
      'tools/bin/tool',
      'with space.txt',
      'ünï.txt'
    ])
    expect(docker.filter((e) => e.executable).map((e) => e.path)).toEqual(['app/run.sh', 'tools/bin/tool'])
  }, 120000)

  it('agrees on the odd corners of patternmatcher, where its regular expressions differ from filepath.Match', async () => {
    const context = join(workspace, 'corners')
    writeContext(context, DOCKERFILE, {
      '.dockerignore': [
        'foo/**',
        '[*]',
        '[[:digit:]]x',
        'a**b',
        'pre**',
        '*.log',
        '!keep.log',
        '*.log',
        '!*.txt',
        'q?z',
        'x\\x41',
        '[[:^alpha:]]z',
        ''
      ].join('\n'),
      '*': 'star',
      '[]': 'brackets',
      ']': 'bracket',
      '1x': 'digit',
      dx: 'letter',
      ab: 'ab',
      axb: 'axb',
      prefix: 'prefix',
      'keep.log': 'keep',
      'x.log': 'x',
      'note.txt': 'note',
      qaz: 'qaz',
      xA: 'a hex escape of the expression',
      xx41: 'what filepath.Match would have excluded',
      '1z': 'not a letter',
      az: 'a letter'
    })
    writeTree(context, { 'foo/x': 'x', 'foo/sub/y': 'y', 'ax/b': 'b', 'q/z': 'z', 'pre/z': 'z' })
    const listing = await listBuildContext(context, join(context, 'Dockerfile'))
    expect(fromListing(listing.entries)).toEqual(builtEntries(context, join(context, 'Dockerfile')))
    const paths = listing.entries.map((e) => e.path)
    // `[*]` becomes the expression ^[[^/]*]$ (a class of [ ^ / repeated, then ]), so `*` stays.
    expect(paths).toEqual(expect.arrayContaining(['*', 'dx', 'axb', 'ax', 'foo', 'q', 'q/z', 'note.txt', 'xx41', 'az']))
    const gone = ['[]', ']', '1x', 'ab', 'ax/b', 'foo/x', 'foo/sub', 'prefix', 'pre', 'keep.log', 'qaz', 'xA', '1z']
    for (const path of gone) {
      expect(paths).not.toContain(path)
    }
  }, 120000)

  it('uses <Dockerfile>.dockerignore next to the Dockerfile instead of the context one, even an empty one', async () => {
    const context = join(workspace, 'specific')
    writeContext(context, DOCKERFILE, { '.dockerignore': 'a.txt\n', 'a.txt': 'a', 'c.txt': 'c' })
    writeTree(context, {
      'b/keep': 'keep',
      'b/drop': 'drop',
      'build/app.Dockerfile': DOCKERFILE,
      'build/app.Dockerfile.dockerignore': 'b\n!b/keep\n'
    })
    // Beside a Dockerfile inside the context.
    const inside = join(context, 'build/app.Dockerfile')
    const listing = await listBuildContext(context, inside)
    expect(listing.ignoreFile).toBe(`${inside}.dockerignore`)
    expect(fromListing(listing.entries)).toEqual(builtEntries(context, inside))
    expect(listing.entries.map((e) => e.path)).toEqual(expect.arrayContaining(['a.txt', 'b/keep']))
    expect(listing.entries.map((e) => e.path)).not.toContain('b/drop')

    // Beside a Dockerfile outside the context, and empty: nothing is excluded at all.
    const outside = join(workspace, 'elsewhere/other.Dockerfile')
    writeTree(workspace, { 'elsewhere/other.Dockerfile': DOCKERFILE, 'elsewhere/other.Dockerfile.dockerignore': '' })
    const all = await listBuildContext(context, outside)
    expect(fromListing(all.entries)).toEqual(builtEntries(context, outside))
    expect(all.entries.map((e) => e.path)).toEqual(expect.arrayContaining(['a.txt', 'b/drop']))

    // Without one, the context's .dockerignore applies again.
    const plain = join(workspace, 'elsewhere/Dockerfile')
    writeTree(workspace, { 'elsewhere/Dockerfile': DOCKERFILE })
    const general = await listBuildContext(context, plain)
    expect(fromListing(general.entries)).toEqual(builtEntries(context, plain))
    expect(general.entries.map((e) => e.path)).not.toContain('a.txt')
  }, 120000)
})
