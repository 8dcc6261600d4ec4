import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eventCommit, resolveCommit, type RunnerContext } from '../src/config/commit.js'
import { makeWorkspace, type Workspace } from './support/action-runner.js'
import { quietExec } from './support/exec.js'

describe('eventCommit', () => {
  const sha = 'a'.repeat(40)
  const head = 'b'.repeat(40)
  it.each<[string, RunnerContext, { sha: string; branch: string }]>([
    [
      'push to models',
      { eventName: 'push', sha, ref: 'refs/heads/models', repository: 'o/r', payload: { after: sha }, onRunner: true },
      { sha, branch: 'models' }
    ],
    [
      'push to models/alice',
      { eventName: 'push', sha, ref: 'refs/heads/models/alice', repository: 'o/r', payload: {}, onRunner: true },
      { sha, branch: 'models/alice' }
    ],
    [
      'workflow_dispatch',
      { eventName: 'workflow_dispatch', sha, ref: 'refs/heads/models', repository: 'o/r', payload: {}, onRunner: true },
      { sha, branch: 'models' }
    ],
    [
      'pull_request: the head commit, not the merge commit',
      {
        eventName: 'pull_request',
        sha: 'c'.repeat(40),
        ref: 'refs/pull/7/merge',
        repository: 'o/r',
        payload: { pull_request: { head: { sha: head, ref: 'models/exp' } } },
        onRunner: true
      },
      { sha: head, branch: 'models/exp' }
    ],
    [
      'a tag push has no branch',
      { eventName: 'push', sha, ref: 'refs/tags/v1', repository: 'o/r', payload: {}, onRunner: true },
      { sha, branch: '' }
    ]
  ])('%s', (_label, ctx, expected) => {
    expect(eventCommit(ctx)).toEqual(expected)
  })
})

describe('resolveCommit in a real checkout', () => {
  let ws: Workspace
  let first: string
  let second: string
  beforeAll(() => {
    ws = makeWorkspace()
    first = ws.commits[0]
    second = ws.commit('second', { 'README.md': 'x' })
  })
  afterAll(() => ws.cleanup())

  const ctx = (over: Partial<RunnerContext> = {}): RunnerContext => ({
    eventName: 'push',
    sha: second,
    ref: 'refs/heads/models/dog',
    repository: 'acme/dogs',
    payload: { after: second },
    onRunner: true,
    ...over
  })

  it('uses the pushed commit and a fixed-length short hash', async () => {
    const c = await resolveCommit(ctx(), '', 7, ws.dir, quietExec)
    expect(c).toEqual({
      sha: second,
      shortSha: second.slice(0, 7),
      branch: 'models/dog',
      ref: 'refs/heads/models/dog',
      repository: 'acme/dogs',
      eventName: 'push'
    })
    expect((await resolveCommit(ctx(), '', 12, ws.dir, quietExec)).shortSha).toBe(second.slice(0, 12))
  })

  it('resolves an abbreviated sha input (workflow_dispatch rerun of an older commit)', async () => {
    const c = await resolveCommit(
      ctx({ eventName: 'workflow_dispatch' }),
      first.slice(0, 8).toUpperCase(),
      7,
      ws.dir,
      quietExec
    )
    expect(c.sha).toBe(first)
  })

  it('explains a commit missing from a shallow checkout', async () => {
    await expect(resolveCommit(ctx(), 'deadbeefdeadbeef', 7, ws.dir, quietExec)).rejects.toThrow(
      /input sha 'deadbeefdeadbeef' is not in the checkout.*fetch-depth: 0/
    )
  })

  it('rejects what is not a hash before asking git', async () => {
    await expect(resolveCommit(ctx(), 'HEAD~1', 7, ws.dir, quietExec)).rejects.toThrow(/'HEAD~1' is not a commit hash/)
    await expect(resolveCommit(ctx(), '--all', 7, ws.dir, quietExec)).rejects.toThrow(/not a commit hash/)
  })

  it('trains the checked-out commit outside a runner, where no event names one', async () => {
    const local = ctx({ sha: '', eventName: '', payload: {}, onRunner: false })
    expect((await resolveCommit(local, '', 7, ws.dir, quietExec)).sha).toBe(second)
    // On a runner an event always names its commit; none is an error, not a guess.
    await expect(resolveCommit({ ...local, onRunner: true }, '', 7, ws.dir, quietExec)).rejects.toThrow(
      /no commit to train/
    )
  })

  it('says when there is no checkout at all', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'top-nogit-'))
    try {
      await expect(resolveCommit(ctx(), '', 7, empty, quietExec)).rejects.toThrow(
        /not a git checkout; add actions\/checkout/
      )
    } finally {
      rmSync(empty, { recursive: true, force: true })
    }
  })
})
