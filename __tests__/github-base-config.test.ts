import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { hyperparameterSection, readBaseHydraConfig } from '../src/github/base-config.js'
import { ownerAndRepo, pullRequestOf } from '../src/github/pull-request.js'
import { loadHydraConfig } from '../src/hydra/index.js'
import { pullRequestEvent, pushEvent } from './support/events.js'
import { quietExec } from './support/exec.js'

const FILE = 'deploy/train-config.yaml'

async function git(cwd: string, ...args: string[]): Promise<string> {
  const out = await quietExec('git', args, { cwd })
  if (out.exitCode !== 0) throw new Error(`git ${args.join(' ')}: ${out.stderr}`)
  return out.stdout.trim()
}

describe('readBaseHydraConfig', () => {
  let dir: string
  let base: string
  let withoutConfig: string
  let broken: string
  let asDirectory: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'base-config-'))
    await git(dir, 'init', '--quiet', '--initial-branch=models')
    await git(dir, 'config', 'user.email', 'test@example.com')
    await git(dir, 'config', 'user.name', 'Test')
    writeFileSync(join(dir, 'README.md'), 'x\n')
    await git(dir, 'add', '.')
    await git(dir, 'commit', '--quiet', '-m', 'no config yet')
    withoutConfig = await git(dir, 'rev-parse', 'HEAD')

    mkdirSync(join(dir, 'deploy'))
    writeFileSync(join(dir, FILE), 'optimizer:\n  lr: 0.001\nepochs: 10\n')
    await git(dir, 'add', '.')
    await git(dir, 'commit', '--quiet', '-m', 'config')
    base = await git(dir, 'rev-parse', 'HEAD')

    writeFileSync(join(dir, FILE), 'optimizer:\n  lr: [unclosed\n')
    await git(dir, 'commit', '--quiet', '-am', 'broken')
    broken = await git(dir, 'rev-parse', 'HEAD')

    rmSync(join(dir, FILE))
    mkdirSync(join(dir, FILE))
    writeFileSync(join(dir, FILE, 'inside.txt'), 'x\n')
    await git(dir, 'add', '-A')
    await git(dir, 'commit', '--quiet', '-m', 'a directory')
    asDirectory = await git(dir, 'rev-parse', 'HEAD')

    // The working tree moves on: the base is read from git, not from the files on disk.
    rmSync(join(dir, FILE), { recursive: true })
    writeFileSync(join(dir, FILE), 'optimizer:\n  lr: 0.5\n')
  })
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('loads the file as it is in the base commit', async () => {
    const read = await readBaseHydraConfig(dir, base, FILE, quietExec)
    expect(read.kind).toBe('loaded')
    if (read.kind !== 'loaded') return
    expect(read.config).toEqual(loadHydraConfig('optimizer:\n  lr: 0.001\nepochs: 10\n', FILE))
    expect(await readBaseHydraConfig(dir, base, `./${FILE}`, quietExec)).toEqual(read)
  })

  it('tells a missing file from an unreadable one', async () => {
    expect(await readBaseHydraConfig(dir, withoutConfig, FILE, quietExec)).toEqual({ kind: 'missing' })
    expect(await readBaseHydraConfig(dir, 'f'.repeat(40), FILE, quietExec)).toEqual({
      kind: 'unavailable',
      reason: 'the base commit ffffffffffff is not in the checkout; use actions/checkout with fetch-depth: 0'
    })
    expect(await readBaseHydraConfig(dir, '--output=x', FILE, quietExec)).toMatchObject({ kind: 'unavailable' })
    const unloadable = await readBaseHydraConfig(dir, broken, FILE, quietExec)
    expect(unloadable.kind).toBe('unavailable')
    if (unloadable.kind === 'unavailable')
      expect(unloadable.reason).toMatch(
        /^the base branch's deploy\/train-config\.yaml does not load: deploy\/train-config\.yaml:\d+:\d+: invalid YAML/
      )
    expect(await readBaseHydraConfig(dir, asDirectory, FILE, quietExec)).toEqual({
      kind: 'unavailable',
      reason: `${FILE} is a tree in the base commit ${asDirectory.slice(0, 12)}, not a file`
    })
  })

  it('makes the comment’s hyperparameter section from either', async () => {
    const head = loadHydraConfig('optimizer:\n  lr: 0.0003\nepochs: 10\n', FILE)
    const section = hyperparameterSection(FILE, await readBaseHydraConfig(dir, base, FILE, quietExec), head)
    expect('diff' in section && section.diff.changes.map((c) => [c.key, c.base, c.head])).toEqual([
      [
        'optimizer.lr',
        expect.objectContaining({ kind: 'float', value: 0.001 }),
        expect.objectContaining({ value: 0.0003 })
      ]
    ])
    const fresh = hyperparameterSection(FILE, { kind: 'missing' }, head)
    expect(fresh).toMatchObject({ baseHasFile: false })
    expect('diff' in fresh && fresh.diff.added.map((c) => c.key)).toEqual(['optimizer.lr', 'epochs'])
    const gone = hyperparameterSection(FILE, { kind: 'loaded', config: head }, undefined)
    expect('diff' in gone && gone.diff.removed.map((c) => c.key)).toEqual(['optimizer.lr', 'epochs'])
    expect(hyperparameterSection(FILE, { kind: 'unavailable', reason: 'r' }, head)).toEqual({
      file: FILE,
      unavailable: 'r'
    })
  })
})

describe('pullRequestOf', () => {
  const head = '1'.repeat(40)
  const baseSha = '2'.repeat(40)
  it('reads the pull request of a real pull_request payload', () => {
    for (const action of ['opened', 'synchronize'] as const) {
      const payload = pullRequestEvent({
        repository: 'acme/dogs',
        action,
        number: 12,
        headSha: head,
        headRef: 'feature/lr',
        baseRef: 'models',
        baseSha
      })
      expect(pullRequestOf('pull_request', payload as unknown as Record<string, unknown>)).toEqual({
        number: 12,
        baseRef: 'models',
        baseSha,
        headRef: 'feature/lr',
        headSha: head,
        fromFork: false
      })
    }
  })

  it('knows a fork’s pull request', () => {
    const payload = pullRequestEvent({
      repository: 'acme/dogs',
      number: 13,
      headSha: head,
      headRef: 'patch-1',
      baseRef: 'models',
      headRepository: 'stranger/dogs'
    })
    expect(pullRequestOf('pull_request', payload as unknown as Record<string, unknown>)?.fromFork).toBe(true)
  })

  it('is undefined for other events', () => {
    const payload = pushEvent({ repository: 'acme/dogs', sha: head, ref: 'refs/heads/models' })
    expect(pullRequestOf('push', payload as unknown as Record<string, unknown>)).toBeUndefined()
    expect(pullRequestOf('pull_request', {})).toBeUndefined()
  })

  it('splits owner/name', () => {
    expect(ownerAndRepo('acme/dogs')).toEqual({ owner: 'acme', repo: 'dogs' })
    expect(ownerAndRepo('acme')).toBeUndefined()
    expect(ownerAndRepo('a/b/c')).toBeUndefined()
  })
})
