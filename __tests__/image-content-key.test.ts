import { afterEach, describe, expect, it } from '@jest/globals'
// The content key of an image build: which context files Docker sends (its .dockerignore
// rules), and a key over them that depends on their content only. The same rules against a
// real Docker Engine are in image-content-key-docker.test.ts.
import fc from 'fast-check'
import { createHash } from 'node:crypto'
import {
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  lutimesSync,
  writeFileSync
} from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import {
  findIgnoreFile,
  IgnoreMatcher,
  readIgnorePatterns,
  walkSentPaths,
  type ContextChild
} from '../src/image/dockerignore.js'
import { contentKey, listBuildContext, type ContentKeyInput } from '../src/image/content-key.js'

const temps: string[] = []
/** A temp dir removed after the test, whether it passed or not. */
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'top-ckey-'))
  temps.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of temps.splice(0)) {
    // A test may have taken permissions away; give them back so the dir can go.
    chmodTree(dir)
    rmSync(dir, { recursive: true, force: true })
  }
})
function chmodTree(dir: string): void {
  try {
    chmodSync(dir, 0o755)
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) chmodTree(join(dir, entry.name))
      else if (entry.isFile()) chmodSync(join(dir, entry.name), 0o644)
    }
  } catch {
    // removal will say what is wrong
  }
}

/**
 * What Docker sends for an in-memory tree: paths ending in `/` are directories (parents
 * are implied). Also returns the directories the walk looked into.
 */
async function sent(
  patterns: string[],
  tree: string[],
  unreadable: string[] = []
): Promise<{ paths: string[]; listed: string[] }> {
  const children = new Map<string, ContextChild[]>([['', []]])
  const add = (path: string, directory: boolean): void => {
    const parent = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : ''
    if (!children.has(parent)) add(parent, true)
    const siblings = children.get(parent)!
    const name = path.slice(parent ? parent.length + 1 : 0)
    if (!siblings.some((c) => c.name === name)) siblings.push({ name, directory })
    if (directory && !children.has(path)) children.set(path, [])
  }
  for (const entry of tree) add(entry.replace(/\/$/, ''), entry.endsWith('/'))
  const paths: string[] = []
  const listed: string[] = []
  await walkSentPaths(
    new IgnoreMatcher(patterns),
    async (dir) => {
      if (unreadable.includes(dir))
        throw Object.assign(new Error(`EACCES: permission denied, scandir '${dir}'`), { code: 'EACCES' })
      listed.push(dir)
      return children.get(dir) ?? []
    },
    (path, child) => {
      paths.push(child.directory ? path + '/' : path)
    }
  )
  return { paths, listed }
}

describe('reading a .dockerignore', () => {
  it.each<[string, string, string[]]>([
    ['one pattern a line', 'a\nb\n', ['a', 'b']],
    ['comments and blank lines skipped', '# comment\n\n  \nkeep\n', ['keep']],
    ['only a # in the first column starts a comment', ' # not a comment\n', ['# not a comment']],
    ['Windows line ends', 'a\r\nb\r\n', ['a', 'b']],
    ['a byte order mark at the start', '\uFEFFa\n', ['a']],
    ['patterns trimmed and cleaned like paths', '  ./a//b/../c/  \n', ['a/c']],
    ['a leading slash dropped', '/foo/bar\n/\n', ['foo/bar', '/']],
    ['exceptions keep their !, cleaned after it', '! /docs/./x/\n!README.md\n', ['!docs/x', '!README.md']],
    ['a trailing slash means nothing special', 'build/\n', ['build']],
    ['a last line without newline', 'a\nb', ['a', 'b']]
  ])('%s', (_name, text, patterns) => {
    expect(readIgnorePatterns(text)).toEqual(patterns)
  })
})

describe('which paths the patterns exclude', () => {
  // [patterns, path, excluded]
  const cases: [string[], string, boolean][] = [
    // The examples of Docker's .dockerignore documentation.
    [['*/temp*'], 'somedir/temporary.txt', true],
    [['*/temp*'], 'somedir/temp', true],
    [['*/temp*'], 'temp', false],
    [['*/temp*'], 'a/b/temporary.txt', false],
    [['*/*/temp*'], 'somedir/subdir/temporary.txt', true],
    [['*/*/temp*'], 'somedir/temporary.txt', false],
    [['temp?'], 'tempa', true],
    [['temp?'], 'tempb', true],
    [['temp?'], 'temp', false],
    [['temp?'], 'tempab', false],
    [['temp?'], 'dir/tempa', false],
    [['**/*.go'], 'main.go', true],
    [['**/*.go'], 'cmd/tool/main.go', true],
    [['**/*.go'], 'cmd/main.gox', false],
    [['*.md', '!README.md'], 'CHANGES.md', true],
    [['*.md', '!README.md'], 'README.md', false],
    [['*.md', '!README.md'], 'docs/guide.md', false],
    [['*.md', '!README*.md', 'README-secret.md'], 'README-secret.md', true],
    [['*.md', '!README*.md', 'README-secret.md'], 'README-dev.md', false],
    [['*.md', '!README*.md', 'README-secret.md'], 'notes.md', true],
    [['*.md', 'README-secret.md', '!README*.md'], 'README-secret.md', false],
    // A pattern is anchored at the context root and covers everything under what it matches.
    [['foo'], 'foo', true],
    [['foo'], 'foo/bar/baz.txt', true],
    [['foo'], 'a/foo', false],
    [['foo'], 'foobar', false],
    [['a/b'], 'a/b/c', true],
    [['a/b'], 'a', false],
    // `**`
    [['**'], 'anything/at/all', true],
    [['foo/**'], 'foo/x', true],
    [['foo/**'], 'foo', false],
    [['**/foo'], 'foo', true],
    [['**/foo'], 'a/b/foo', true],
    [['**/foo'], 'a/foo/inside', true],
    [['**/foo'], 'a/xfoo', false],
    [['a/**/b'], 'a/b', true],
    [['a/**/b'], 'a/x/y/b', true],
    [['a/**/b'], 'a/x/yb', false],
    // patternmatcher compares "** then plain text" as a suffix, so this one reaches into names.
    [['**foo'], 'barfoo', true],
    [['**foo'], 'dir/barfoo', true],
    // `*` and `?` stay within one path segment.
    [['a*'], 'a/b', true], // `a*` matches the directory `a`
    [['*b'], 'a/b', false],
    [['a?b'], 'a/b', false],
    // Classes and escapes, as in Go's filepath.Match.
    [['[abc].txt'], 'b.txt', true],
    [['[abc].txt'], 'd.txt', false],
    [['[^a].txt'], 'a.txt', false],
    [['[^a].txt'], 'z.txt', true],
    [['[a-c]*'], 'bin', true],
    [['[a-c]*'], 'dist', false],
    [['\\*'], '*', true],
    [['\\*'], 'x', false],
    [['\\[x\\]'], '[x]', true],
    // Regular-expression characters are plain characters in a pattern.
    [['a.b'], 'axb', false],
    [['a.b'], 'a.b', true],
    [['a+b(1)|{2}$'], 'a+b(1)|{2}$', true],
    [['a+b(1)|{2}$*'], 'a+b(1)|{2}$.txt', true],
    // Docker turns a pattern into a Go regular expression, so `\d` is a digit there.
    [['log\\d.txt'], 'log1.txt', true],
    [['log\\d.txt'], 'logd.txt', false],
    // Where the expression differs from filepath.Match: `[*]` is ^[[^/]*]$, `[[:digit:]]` a
    // class of digits, `a**b` needs a / before the b, and a trailing ** is a plain prefix.
    [['[*]'], ']', true],
    [['[*]'], '[]', true],
    [['[*]'], '*', false],
    [['[[:digit:]]x'], '7x', true],
    [['[[:digit:]]x'], 'dx', false],
    [['a**b'], 'ab', true],
    [['a**b'], 'ax/b', true],
    [['a**b'], 'axb', false],
    [['pre**'], 'prefix', true],
    [['pre**'], 'pre/z', true],
    // The rest of Go's escapes: hex, octal, \Q…\E quoting, negated and Perl classes.
    [['x\\x41'], 'xA', true],
    [['x\\x41'], 'xx41', false],
    [['\\101'], 'A', true],
    [['\\Qa\\E'], 'a', true],
    [['[[:^alpha:]]z'], '1z', true],
    [['[[:^alpha:]]z'], 'az', false],
    [['[\\D]'], 'x', true],
    [['[\\D]'], '5', false],
    [['a\\sb'], 'a b', true],
    [['a\\sb'], 'a\u00a0b', false],
    // Characters, not bytes.
    [['é*'], 'été', true],
    [['?.txt'], '😀.txt', true],
    // The last matching pattern wins.
    [['*.log', '!keep.log', '*.log'], 'keep.log', true],
    [['!keep.log', '*.log'], 'keep.log', true],
    [['*.log', '!keep.log'], 'keep.log', false],
    // An exception re-includes under an excluded directory.
    [['build', '!build/keep.txt'], 'build/keep.txt', false],
    [['build', '!build/keep.txt'], 'build/drop.txt', true],
    [['build', '!build/keep.txt'], 'build', true],
    [['docs', '!docs/**/*.md'], 'docs/a/b.md', false],
    [['docs', '!docs/**/*.md'], 'docs/a/b.png', true]
  ]
  it.each(cases)('%j: %s excluded is %s', (patterns, path, excluded) => {
    expect(new IgnoreMatcher(patterns).excludes(path)).toBe(excluded)
  })

  it.each([['['], ['a\\'], ['[]'], ['[a-]'], ['[-a]'], ['!'], ['a[b']])('refuses %j as Docker does', (pattern) => {
    expect(() => new IgnoreMatcher([pattern], 'ctx/.dockerignore')).toThrow(/ctx\/\.dockerignore/)
  })

  it('fails when a pattern Docker accepts cannot be compiled, only once it is used (as Docker)', () => {
    const matcher = new IgnoreMatcher(['\\q'])
    expect(() => matcher.excludes('q')).toThrow(/cannot be matched: invalid escape/)
    expect(() => new IgnoreMatcher(['[z-a]']).excludes('q')).toThrow(/invalid character class range/)
    expect(() => new IgnoreMatcher(['[[:nope:]]']).excludes('q')).toThrow(/invalid character class/)
    // The one Go feature not modelled: Unicode classes. An error, never a guess.
    expect(() => new IgnoreMatcher(['\\pL']).excludes('q')).toThrow(/not supported/)
    // A pattern never tried does not fail: here the exception only runs for excluded paths.
    expect(new IgnoreMatcher(['!\\q']).excludes('q')).toBe(false)
  })
})

describe('which paths Docker sends', () => {
  it('sends everything, empty directories too, without an ignore file', async () => {
    const { paths } = await sent([], ['a.txt', 'empty/', 'src/main.py'])
    expect(paths).toEqual(['a.txt', 'empty/', 'src/', 'src/main.py'])
  })

  it('sends an excluded directory only for what an exception re-includes inside it', async () => {
    const tree = ['build/keep.txt', 'build/drop.txt', 'build/sub/x.txt', 'src/a.py']
    const { paths } = await sent(['build', '!build/keep.txt'], tree)
    expect(paths).toEqual(['build/', 'build/keep.txt', 'src/', 'src/a.py'])
  })

  it('sends every excluded parent of a re-included file, however deep', async () => {
    const { paths } = await sent(['a', '!a/b/c/keep'], ['a/b/c/keep', 'a/b/c/drop', 'a/b/other', 'a/x/'])
    expect(paths).toEqual(['a/', 'a/b/', 'a/b/c/', 'a/b/c/keep'])
  })

  it('looks into excluded directories when an exception has wildcards, and sends only what it matches', async () => {
    const tree = ['docs/guide/intro.md', 'docs/guide/logo.png', 'docs/images/a.png', 'docs/empty/']
    const { paths, listed } = await sent(['docs', '!docs/**/*.md'], tree)
    expect(paths).toEqual(['docs/', 'docs/guide/', 'docs/guide/intro.md'])
    expect(listed).toEqual(expect.arrayContaining(['docs', 'docs/guide', 'docs/images', 'docs/empty']))
  })

  it('does not look into an excluded directory no exception can reach', async () => {
    const { paths, listed } = await sent(['node_modules', '!keep.txt'], ['node_modules/pkg/index.js', 'keep.txt'])
    expect(paths).toEqual(['keep.txt'])
    expect(listed).toEqual([''])
  })

  it('keeps directories whose files are excluded one by one', async () => {
    const { paths } = await sent(['**/*.pyc'], ['pkg/__pycache__/m.pyc', 'pkg/m.py'])
    expect(paths).toEqual(['pkg/', 'pkg/__pycache__/', 'pkg/m.py'])
  })

  it('excludes an empty directory like any other path', async () => {
    const { paths } = await sent(['cache'], ['cache/', 'empty/'])
    expect(paths).toEqual(['empty/'])
  })

  it('fails on a directory it cannot read when it has to look inside, even an excluded one, as Docker does', async () => {
    const tree = ['secret/x', 'open/y']
    await expect(sent(['secret'], tree, ['secret'])).resolves.toEqual({
      paths: ['open/', 'open/y'],
      listed: ['', 'open']
    })
    await expect(sent([], tree, ['secret'])).rejects.toThrow(/cannot read directory 'secret' of the build context/)
    await expect(sent(['secret', '!secret/**/*.txt'], tree, ['secret'])).rejects.toThrow(
      /cannot read directory 'secret'/
    )
  })
})

/** Writes files (string content), empty dirs (`null`), symlinks (`{ link }`) and executables (`{ exec }`). */
type Spec = Record<string, string | null | { link: string } | { exec: string }>
function writeTree(root: string, spec: Spec, order: string[] = Object.keys(spec)): void {
  mkdirSync(root, { recursive: true })
  for (const path of order) {
    const value = spec[path]
    const target = join(root, path)
    mkdirSync(dirname(target), { recursive: true })
    if (value === null) mkdirSync(target, { recursive: true })
    else if (typeof value === 'string') writeFileSync(target, value, { mode: 0o644 })
    else if ('link' in value) symlinkSync(value.link, target)
    else writeFileSync(target, value.exec, { mode: 0o755 })
  }
}

const DOCKERFILE = 'FROM scratch\nCOPY . /ctx/\n'

describe('the ignore file that applies', () => {
  it('is <Dockerfile>.dockerignore next to the Dockerfile, even empty, before the context one', async () => {
    const root = tempDir()
    writeTree(root, {
      'ctx/.dockerignore': 'a.txt\n',
      'ctx/a.txt': 'a',
      'ctx/b.txt': 'b',
      'ctx/build/app.Dockerfile': DOCKERFILE,
      'ctx/build/app.Dockerfile.dockerignore': 'b.txt\n',
      'ctx/build/empty.Dockerfile': DOCKERFILE,
      'ctx/build/empty.Dockerfile.dockerignore': ''
    })
    const ctx = join(root, 'ctx')
    const specific = await findIgnoreFile(ctx, join(ctx, 'build/app.Dockerfile'))
    expect(specific).toEqual({ path: join(ctx, 'build/app.Dockerfile.dockerignore'), patterns: ['b.txt'] })
    const paths = async (dockerfile: string): Promise<string[]> =>
      (await listBuildContext(ctx, join(ctx, dockerfile))).entries.map((e) => e.path)
    expect(await paths('build/app.Dockerfile')).toContain('a.txt')
    expect(await paths('build/app.Dockerfile')).not.toContain('b.txt')
    expect(await paths('build/empty.Dockerfile')).toEqual(expect.arrayContaining(['a.txt', 'b.txt']))
    expect(await paths('Dockerfile')).not.toContain('a.txt')
  })

  it('is the context .dockerignore otherwise, and none when there is none', async () => {
    const root = tempDir()
    writeTree(root, { 'ctx/a.txt': 'a', 'df/Dockerfile': DOCKERFILE })
    expect(await findIgnoreFile(join(root, 'ctx'), join(root, 'df/Dockerfile'))).toBeUndefined()
    writeTree(root, { 'ctx/.dockerignore': '# nothing\n' })
    expect(await findIgnoreFile(join(root, 'ctx'), join(root, 'df/Dockerfile'))).toEqual({
      path: join(root, 'ctx/.dockerignore'),
      patterns: []
    })
  })
})

describe('listing the build context', () => {
  it('lists what Docker sends, sorted by the bytes of the path, with types, executable bits and links', async () => {
    const root = tempDir()
    writeTree(root, {
      '.dockerignore': '*.log\nbuild\n!build/keep\n',
      Dockerfile: DOCKERFILE,
      'run.sh': { exec: '#!/bin/sh\n' },
      'a-b': 'dash',
      'a/b': 'slash',
      'Z.txt': 'upper',
      'é.txt': 'accent',
      'debug.log': 'ignored',
      'build/keep': 'kept',
      'build/drop': 'dropped',
      empty: null,
      link: { link: 'a/b' },
      dangling: { link: '../../outside' }
    })
    const listing = await listBuildContext(root, join(root, 'Dockerfile'))
    expect(listing.ignoreFile).toBe(join(root, '.dockerignore'))
    expect(listing.entries).toEqual([
      { path: '.dockerignore', type: 'file', size: '*.log\nbuild\n!build/keep\n'.length, executable: false },
      { path: 'Dockerfile', type: 'file', size: DOCKERFILE.length, executable: false },
      { path: 'Z.txt', type: 'file', size: 5, executable: false },
      { path: 'a', type: 'directory' },
      { path: 'a-b', type: 'file', size: 4, executable: false },
      { path: 'a/b', type: 'file', size: 5, executable: false },
      { path: 'build', type: 'directory' },
      { path: 'build/keep', type: 'file', size: 4, executable: false },
      { path: 'dangling', type: 'symlink', target: '../../outside' },
      { path: 'empty', type: 'directory' },
      { path: 'link', type: 'symlink', target: 'a/b' },
      { path: 'run.sh', type: 'file', size: 10, executable: true },
      { path: 'é.txt', type: 'file', size: 6, executable: false }
    ])
  })

  it('names a file Docker could not read: a socket', async () => {
    const root = tempDir()
    writeTree(root, { Dockerfile: DOCKERFILE, 'ok.txt': 'ok', 'run/': null })
    const server: Server = createServer()
    await new Promise<void>((resolve) => server.listen(join(root, 'run/agent.sock'), resolve))
    try {
      const input = { context: root, dockerfile: join(root, 'Dockerfile'), buildArgs: [], platform: 'linux/amd64' }
      await expect(contentKey(input)).rejects.toThrow(/cannot read 'run\/agent\.sock' in the build context/)
      // Excluded, it is never opened.
      writeFileSync(join(root, '.dockerignore'), 'run\n')
      await expect(contentKey(input)).resolves.toMatchObject({ files: 3 })
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })

  // Root reads any file, so this one only runs as another user.
  const itUnlessRoot = process.getuid?.() === 0 ? it.skip : it
  itUnlessRoot('names a file Docker could not read: no read permission', async () => {
    const root = tempDir()
    writeTree(root, { Dockerfile: DOCKERFILE, 'secret.txt': 'x' })
    chmodSync(join(root, 'secret.txt'), 0o000)
    const input = { context: root, dockerfile: join(root, 'Dockerfile'), buildArgs: [], platform: 'linux/amd64' }
    await expect(contentKey(input)).rejects.toThrow(/cannot read 'secret\.txt' in the build context/)
  })

  it('refuses names that are not UTF-8, a build argument without =, and a pattern Docker refuses', async () => {
    const root = tempDir()
    writeTree(root, { Dockerfile: DOCKERFILE })
    const input = { context: root, dockerfile: join(root, 'Dockerfile'), buildArgs: ['A=1'], platform: 'linux/amd64' }
    await expect(contentKey({ ...input, buildArgs: ['TOKEN'] })).rejects.toThrow(/'TOKEN' has no '='/)
    writeFileSync(join(root, '.dockerignore'), 'a[\n')
    await expect(contentKey(input)).rejects.toThrow(/\.dockerignore: pattern 'a\[' is not valid/)
    rmSync(join(root, '.dockerignore'))
    // Removed here: the cleanup reads names as text and could not name this one.
    const badName = Buffer.concat([Buffer.from(root + '/bad-'), Buffer.from([0xff])])
    writeFileSync(badName, 'x')
    try {
      await expect(contentKey(input)).rejects.toThrow(/not valid UTF-8/)
    } finally {
      rmSync(badName)
    }
  })
})

describe('the content key', () => {
  const base = (context: string, dockerfile = join(context, 'Dockerfile')): ContentKeyInput => ({
    context,
    dockerfile,
    buildArgs: ['EPOCHS=3', 'LR=0.1'],
    platform: 'linux/amd64',
    target: 'train'
  })

  it('is sha256 over the documented encoding, and counts the files and bytes it read', async () => {
    const root = tempDir()
    writeTree(root, { Dockerfile: DOCKERFILE, 'model.py': 'print(1)\n', 'data/': null })
    const result = await contentKey(base(root))
    // The encoding written out by hand, as contentKey's documentation describes it. If this
    // fails the encoding changed, and CONTENT_KEY_VERSION must change with it.
    const n = (value: number): Buffer => {
      const bytes = Buffer.alloc(8)
      bytes.writeBigUInt64BE(BigInt(value))
      return bytes
    }
    const text = (value: string): Buffer => Buffer.concat([n(Buffer.byteLength(value)), Buffer.from(value)])
    const expected = createHash('sha256')
      .update(
        Buffer.concat([
          text('train-on-push content key v1'),
          text('dockerfile'),
          text(DOCKERFILE),
          text('platform'),
          text('linux/amd64'),
          text('target'),
          text('train'),
          text('build-args'),
          n(2),
          ...['EPOCHS', '3', 'LR', '0.1'].map(text),
          text('context'),
          n(3),
          ...['Dockerfile', 'file', DOCKERFILE, 'data', 'directory', 'model.py', 'file', 'print(1)\n'].map(text)
        ])
      )
      .digest('hex')
    expect(result.key).toBe(`sha256:${expected}`)
    expect(result).toMatchObject({ files: 2, bytes: DOCKERFILE.length + 9 })
    expect(result.entries.map((e) => e.path)).toEqual(['Dockerfile', 'data', 'model.py'])
  })

  it('does not depend on the order or repetition of build arguments, but on their last values', async () => {
    const root = tempDir()
    writeTree(root, { Dockerfile: DOCKERFILE })
    const key = async (buildArgs: string[]): Promise<string> => (await contentKey({ ...base(root), buildArgs })).key
    expect(await key(['A=1', 'B=2'])).toBe(await key(['B=2', 'A=1']))
    expect(await key(['A=0', 'B=2', 'A=1'])).toBe(await key(['A=1', 'B=2']))
    expect(await key(['A=1'])).not.toBe(await key(['A=1=']))
    expect(await key(['A='])).not.toBe(await key([]))
  })

  it('keeps the boundaries between values: moving bytes from one to the next changes it', async () => {
    const one = tempDir()
    const two = tempDir()
    writeTree(one, { Dockerfile: DOCKERFILE, a: 'bc' })
    writeTree(two, { Dockerfile: DOCKERFILE, ab: 'c' })
    expect((await contentKey(base(one))).key).not.toBe((await contentKey(base(two))).key)
    const root = tempDir()
    writeTree(root, { Dockerfile: DOCKERFILE })
    const key = async (patch: Partial<ContentKeyInput>): Promise<string> =>
      (await contentKey({ ...base(root), ...patch })).key
    expect(await key({ platform: 'linux/amd64', target: 'x' })).not.toBe(
      await key({ platform: 'linux/amd64x', target: '' })
    )
    expect(await key({ buildArgs: ['A=1', 'B=2'] })).not.toBe(await key({ buildArgs: ['A=1\u0000\u0000', 'B=2'] }))
    expect(await key({ target: undefined })).toBe(await key({ target: '' }))
  })

  it('covers a Dockerfile outside the context, and not where it is', async () => {
    const root = tempDir()
    writeTree(root, {
      'ctx/a.txt': 'a',
      'one/Dockerfile': DOCKERFILE,
      'two/Other': DOCKERFILE,
      'three/Dockerfile': 'FROM x\n'
    })
    const key = async (dockerfile: string): Promise<string> =>
      (await contentKey(base(join(root, 'ctx'), join(root, dockerfile)))).key
    expect(await key('one/Dockerfile')).toBe(await key('two/Other'))
    expect(await key('one/Dockerfile')).not.toBe(await key('three/Dockerfile'))
  })

  it('streams a large file instead of reading it whole', async () => {
    const root = tempDir()
    const big = Buffer.alloc(5 * 1024 * 1024 + 7, 7)
    writeTree(root, { Dockerfile: DOCKERFILE })
    writeFileSync(join(root, 'weights.bin'), big)
    const result = await contentKey(base(root))
    expect(result.bytes).toBe(DOCKERFILE.length + big.length)
    big[big.length - 1] = 8
    writeFileSync(join(root, 'weights.bin'), big)
    expect((await contentKey(base(root))).key).not.toBe(result.key)
  })
})

// Property tests over random contexts: a small alphabet so that names collide and nest.
const nameArb = fc.constantFrom('a', 'b', 'c', 'A', 'a.b', 'a b', 'é', '_')
const pathArb = fc.array(nameArb, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('/'))
const valueArb: fc.Arbitrary<Spec[string]> = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constant(null),
  fc.string({ minLength: 1, maxLength: 8 }).map((link) => ({ link })),
  fc.string({ maxLength: 20 }).map((exec) => ({ exec }))
)
/** A tree where no path is both a file and a directory. */
const specArb: fc.Arbitrary<Spec> = fc.dictionary(pathArb, valueArb, { minKeys: 1, maxKeys: 12 }).map((raw) => {
  const spec: Spec = {}
  const paths = Object.keys(raw).sort()
  for (const path of paths) {
    const isParent = paths.some((other) => other.startsWith(path + '/'))
    const underLeaf = Object.keys(spec).some((p) => path.startsWith(p + '/') && spec[p] !== null)
    if (underLeaf) continue
    spec[path] = isParent ? null : raw[path]
  }
  return spec
})

/** Writes a context: Dockerfile outside it, an ignore file excluding `ignored/` and `*.tmp`. */
function writeContext(root: string, spec: Spec, order?: string[]): ContentKeyInput {
  writeTree(join(root, 'ctx'), { ...spec, '.dockerignore': 'ignored\n*.tmp\n', 'ignored/x': 'x', 'y.tmp': 'y' }, order)
  writeTree(root, { 'df/Dockerfile': DOCKERFILE })
  return {
    context: join(root, 'ctx'),
    dockerfile: join(root, 'df/Dockerfile'),
    buildArgs: ['A=1'],
    platform: 'linux/amd64'
  }
}

describe('the content key, for any context', () => {
  it('does not depend on mtimes, the absolute path or the order files were created in', async () => {
    await fc.assert(
      fc.asyncProperty(specArb, fc.integer({ min: 0, max: 2_000_000_000 }), async (spec, seconds) => {
        const one = tempDir()
        const two = tempDir()
        const a = writeContext(one, spec)
        const all = [...Object.keys(spec), '.dockerignore', 'ignored/x', 'y.tmp']
        const b = writeContext(join(two, 'elsewhere'), spec, [...all].reverse())
        for (const path of all) lutimesSync(join(b.context, path), seconds, seconds)
        const [ka, kb] = [await contentKey(a), await contentKey(b)]
        expect(kb.key).toBe(ka.key)
        expect(kb.entries).toEqual(ka.entries)
        // A copy elsewhere, made another way, too.
        const three = tempDir()
        cpSync(one, three, { recursive: true, verbatimSymlinks: true })
        expect(
          (await contentKey({ ...a, context: join(three, 'ctx'), dockerfile: join(three, 'df/Dockerfile') })).key
        ).toBe(ka.key)
      }),
      { numRuns: 25 }
    )
  })

  type Change = { name: string; apply: (input: ContentKeyInput, spec: Spec) => ContentKeyInput | undefined }
  const firstOf = (spec: Spec, test: (value: Spec[string]) => boolean): string | undefined =>
    Object.keys(spec).find((p) => test(spec[p]))
  const isFile = (v: Spec[string]): boolean => typeof v === 'string'
  const changes: Change[] = [
    {
      name: "a sent file's bytes",
      apply: (input, spec) => {
        const path = firstOf(spec, isFile)
        if (!path) return undefined
        writeFileSync(join(input.context, path), (spec[path] as string) + '!')
        return input
      }
    },
    {
      name: "a file's executable bit",
      apply: (input, spec) => {
        const path = firstOf(spec, (v) => isFile(v) || (v !== null && typeof v === 'object' && 'exec' in v))
        if (!path) return undefined
        chmodSync(join(input.context, path), isFile(spec[path]) ? 0o755 : 0o644)
        return input
      }
    },
    {
      name: "a file's name",
      apply: (input, spec) => {
        const path = firstOf(spec, isFile)
        if (!path) return undefined
        cpSync(join(input.context, path), join(input.context, path + '-renamed'))
        rmSync(join(input.context, path))
        return input
      }
    },
    {
      name: 'a symlink target',
      apply: (input, spec) => {
        const path = firstOf(spec, (v) => v !== null && typeof v === 'object' && 'link' in v)
        if (!path) return undefined
        rmSync(join(input.context, path))
        symlinkSync((spec[path] as { link: string }).link + 'x', join(input.context, path))
        return input
      }
    },
    {
      name: 'an empty directory added',
      apply: (input) => (mkdirSync(join(input.context, 'new-empty-dir')), input)
    },
    {
      name: 'the Dockerfile',
      apply: (input) => (writeFileSync(input.dockerfile, DOCKERFILE + 'LABEL x=y\n'), input)
    },
    { name: 'a build argument', apply: (input) => ({ ...input, buildArgs: ['A=2'] }) },
    { name: 'the platform', apply: (input) => ({ ...input, platform: 'linux/arm64' }) },
    { name: 'the target', apply: (input) => ({ ...input, target: 'serve' }) }
  ]

  it.each(changes.map((c) => [c.name, c] as const))('changes with %s', async (_name, change) => {
    await fc.assert(
      fc.asyncProperty(specArb, async (spec) => {
        const input = writeContext(tempDir(), spec)
        const before = await contentKey(input)
        const changed = change.apply(input, spec)
        fc.pre(changed !== undefined)
        expect((await contentKey(changed!)).key).not.toBe(before.key)
      }),
      { numRuns: 20 }
    )
  })

  it('changes when an empty directory is removed', async () => {
    const root = tempDir()
    const input = writeContext(root, { 'data/': null, 'model.py': 'x' })
    writeTree(input.context, { 'data/': null })
    const before = await contentKey(input)
    rmSync(join(input.context, 'data/'), { recursive: true })
    expect((await contentKey(input)).key).not.toBe(before.key)
  })

  it('does not change when an ignored file does', async () => {
    await fc.assert(
      fc.asyncProperty(specArb, fc.string({ minLength: 1 }), async (spec, text) => {
        const input = writeContext(tempDir(), spec)
        const before = await contentKey(input)
        writeFileSync(join(input.context, 'ignored/x'), text)
        writeFileSync(join(input.context, 'y.tmp'), text)
        writeFileSync(join(input.context, 'new.tmp'), text)
        mkdirSync(join(input.context, 'ignored/more'))
        expect((await contentKey(input)).key).toBe(before.key)
      }),
      { numRuns: 20 }
    )
  })
})
