/**
 * Where the files of the commit being trained are read from. A job named after a commit
 * must run that commit's configs, Dockerfile and code, whatever the workflow checked out:
 * - HEAD is the commit: the checkout itself, so files earlier steps generated are part of
 *   the build (they are listed as uncommitted, see `uncommittedFiles`);
 * - HEAD is another commit (a manual rerun of an older commit while the branch moved on, a
 *   pull request's merge commit): a temporary `git worktree` of the commit, removed again
 *   when the run is done with it.
 */
import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { lastLines, type Exec } from '../exec.js'

export interface SourceTree {
  /** Absolute path the relative paths of the inputs are resolved against. */
  root: string
  /** True when `root` is the workflow's checkout (HEAD is the commit). */
  isCheckout: boolean
  /** The commit the checkout's HEAD is at (another one than the trained commit when `isCheckout` is false). */
  head: string
}

/** The commit the checkout's HEAD is at ('' when there is none, e.g. an empty repository). */
export async function headCommit(checkout: string, exec: Exec): Promise<string> {
  const out = await exec('git', ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { cwd: checkout })
  return out.exitCode === 0 ? out.stdout.trim().toLowerCase() : ''
}

/**
 * The tree to read `sha` from: the checkout when HEAD is `sha`, else a new worktree under
 * `tempDir` (RUNNER_TEMP on a runner). Remove a worktree with `removeSourceTree`.
 */
export async function openSourceTree(checkout: string, sha: string, exec: Exec, tempDir?: string): Promise<SourceTree> {
  const head = await headCommit(checkout, exec)
  if (head === sha) return { root: checkout, isCheckout: true, head }
  const root = join(tempDir || tmpdir(), `train-on-push-${sha.slice(0, 12)}-${randomBytes(4).toString('hex')}`)
  // --detach: no branch is created or moved; --force: the same commit may be checked out elsewhere.
  const out = await exec('git', ['worktree', 'add', '--detach', '--force', '--quiet', root, sha], { cwd: checkout })
  if (out.exitCode !== 0) {
    rmSync(root, { recursive: true, force: true })
    throw new Error(
      `Could not check out commit ${sha} beside the workspace (git worktree add): ${lastLines(out.stderr || out.stdout, 3)}`
    )
  }
  return { root, isCheckout: false, head }
}

/** Removes a worktree made by `openSourceTree` (and git's record of it); the checkout is left alone. */
export async function removeSourceTree(checkout: string, root: string, exec: Exec): Promise<void> {
  if (root === checkout) return
  const out = await exec('git', ['worktree', 'remove', '--force', '--force', root], { cwd: checkout })
  if (out.exitCode !== 0) {
    // Whatever git thinks, the files go; `prune` then forgets the worktree.
    rmSync(root, { recursive: true, force: true })
    await exec('git', ['worktree', 'prune'], { cwd: checkout })
  }
}

/** One path that differs from the commit in the checkout. */
export interface UncommittedFile {
  path: string
  /** How it differs, in git's words. */
  change: 'modified' | 'added' | 'deleted' | 'renamed' | 'untracked' | 'type changed' | 'unmerged'
}

const CHANGE: Record<string, UncommittedFile['change']> = {
  M: 'modified',
  A: 'added',
  D: 'deleted',
  R: 'renamed',
  C: 'added',
  T: 'type changed',
  U: 'unmerged',
  '?': 'untracked'
}

/** Parses `git status --porcelain=v1 -z` output. */
export function parseStatus(output: string): UncommittedFile[] {
  const files: UncommittedFile[] = []
  const fields = output.split('\0')
  for (let i = 0; i < fields.length; i++) {
    const entry = fields[i]
    if (entry.length < 4) continue
    const [x, y] = [entry[0], entry[1]]
    const code = x === '?' ? '?' : x !== ' ' ? x : y
    files.push({ path: entry.slice(3), change: CHANGE[code] ?? 'modified' })
    // A rename or copy is followed by its original path, which is not a change of its own.
    if (x === 'R' || x === 'C') i++
  }
  return files
}

/**
 * Files under `paths` (the build context, the Dockerfile, the two configs) that differ from
 * HEAD in the checkout: modified, staged, deleted, or untracked and not ignored by git.
 */
export async function uncommittedFiles(
  checkout: string,
  paths: readonly string[],
  exec: Exec
): Promise<UncommittedFile[]> {
  const out = await exec(
    'git',
    ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames', '--', ...new Set(paths)],
    { cwd: checkout }
  )
  if (out.exitCode !== 0) throw new Error(`git status failed: ${lastLines(out.stderr || out.stdout, 3)}`)
  return parseStatus(out.stdout).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}
