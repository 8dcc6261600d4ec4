/**
 * Runs the bundled action (`dist/index.js`) exactly as the GitHub runner does:
 * inputs as INPUT_* variables, the event in GITHUB_EVENT_PATH, outputs, state and
 * summary in files, cwd = the workspace; then the post step with the saved state.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { INPUT_DEFAULTS } from '../../src/action/names.js'
import { parseCommandFile } from '../../scripts/runner-env.mjs'
import { pushEvent, workflowDispatchEvent } from './events.js'
import { repoRoot } from './paths.js'

export { parseCommandFile }

export const distEntry = join(repoRoot, 'dist', 'index.js')

export interface Workspace {
  dir: string
  /** Commits in creation order (the last is HEAD). */
  commits: string[]
  commit(message: string, files?: Record<string, string>): string
  cleanup(): void
}

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.com'
    }
  }).trim()

/** A temporary git repository holding a copy of `template` (default: the dog-classifier example). */
export function makeWorkspace(template = join(repoRoot, 'examples', 'dog-classifier')): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'top-ws-'))
  cpSync(template, dir, { recursive: true })
  git(dir, 'init', '-q', '-b', 'main')
  const ws: Workspace = {
    dir,
    commits: [],
    commit(message, files = {}) {
      for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text)
      git(dir, 'add', '-A')
      git(dir, 'commit', '-q', '--allow-empty', '-m', message)
      const sha = git(dir, 'rev-parse', 'HEAD')
      ws.commits.push(sha)
      return sha
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true })
  }
  ws.commit('initial')
  return ws
}

export interface RunOptions {
  workspace: string
  inputs?: Record<string, string>
  /** Defaults to a push of HEAD to refs/heads/models. */
  eventName?: string
  event?: object
  sha?: string
  ref?: string
  env?: Record<string, string | undefined>
  /** Run the post step after main (as the runner does), with main's saved state. */
  post?: boolean
}

export interface StepResult {
  exitCode: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

export interface ActionRun {
  main: StepResult
  post?: StepResult
  outputs: Record<string, string>
  state: Record<string, string>
  summary: string
  /** Every line the runner would show, main then post. */
  log: string
}

export interface RunningAction {
  child: ChildProcess
  /** Resolves when main (and post, if asked) finished. */
  done: Promise<ActionRun>
  /** Resolves once stdout contains `text`. */
  waitForOutput(text: string | RegExp, timeoutMs?: number): Promise<void>
}

function runStep(
  env: NodeJS.ProcessEnv,
  cwd: string
): { child: ChildProcess; done: Promise<StepResult>; out: () => string } {
  const child = spawn(process.execPath, [distEntry], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (b: Buffer) => (stdout += b.toString('utf8')))
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString('utf8')))
  const done = new Promise<StepResult>((resolve) => {
    // A step that cannot even start (no node at that path) is a failed step, not a crash of jest.
    child.on('error', (error) => resolve({ exitCode: 127, signal: null, stdout, stderr: stderr + String(error) }))
    child.on('close', (exitCode, signal) => resolve({ exitCode, signal, stdout, stderr }))
  })
  return { child, done, out: () => stdout }
}

/** The repository every run is in, unless a test says otherwise. */
const REPOSITORY = 'acme/dogs'

/** A real payload of GitHub's for the event (from @octokit/webhooks-examples), moved to this run. */
function defaultEvent(eventName: string, sha: string, ref: string): object {
  if (eventName === 'push') return pushEvent({ repository: REPOSITORY, sha, ref })
  if (eventName === 'workflow_dispatch') return workflowDispatchEvent({ repository: REPOSITORY, ref })
  return { ref, after: sha, repository: { full_name: REPOSITORY } }
}

/** Starts the action; see `runAction` to just await it. */
export function startAction(options: RunOptions): RunningAction {
  if (!existsSync(distEntry)) throw new Error('dist/index.js is missing: run npm run bundle')
  const files = mkdtempSync(join(tmpdir(), 'top-runner-'))
  const paths = {
    event: join(files, 'event.json'),
    output: join(files, 'output'),
    state: join(files, 'state'),
    summary: join(files, 'summary.md'),
    env: join(files, 'env'),
    path: join(files, 'path')
  }
  const sha = options.sha ?? git(options.workspace, 'rev-parse', 'HEAD')
  const eventName = options.eventName ?? 'push'
  const ref = options.ref ?? 'refs/heads/models'
  writeFileSync(paths.event, JSON.stringify(options.event ?? defaultEvent(eventName, sha, ref)))
  for (const f of [paths.output, paths.state, paths.summary, paths.env, paths.path]) writeFileSync(f, '')

  const base: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    // Never let the developer's or CI's AWS setup leak into a test.
    AWS_ACCESS_KEY_ID: 'AKIDTESTTESTTEST',
    AWS_SECRET_ACCESS_KEY: 'test-secret',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: join(files, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(files, 'no-aws-credentials'),
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: paths.event,
    GITHUB_SHA: sha,
    GITHUB_REF: ref,
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_ACTOR: 'octocat',
    GITHUB_OUTPUT: paths.output,
    GITHUB_STATE: paths.state,
    GITHUB_STEP_SUMMARY: paths.summary,
    GITHUB_ENV: paths.env,
    GITHUB_PATH: paths.path,
    RUNNER_TEMP: files
  }
  // The runner sets every input: the workflow's value, else action.yml's default.
  for (const [name, value] of Object.entries({ ...INPUT_DEFAULTS, ...options.inputs })) {
    // The runner's own mangling: upper case, spaces to underscores, dashes kept.
    base[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  }
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete base[k]
    else base[k] = v
  }

  const main = runStep(base, options.workspace)
  const done = (async (): Promise<ActionRun> => {
    try {
      const mainResult = await main.done
      const state = parseCommandFile(readFileSync(paths.state, 'utf8'))
      let post: StepResult | undefined
      if (options.post) {
        const postEnv: NodeJS.ProcessEnv = { ...base, GITHUB_STATE: join(files, 'post-state') }
        writeFileSync(postEnv.GITHUB_STATE!, '')
        for (const [k, v] of Object.entries(state)) postEnv[`STATE_${k}`] = v
        post = await runStep(postEnv, options.workspace).done
      }
      const result: ActionRun = {
        main: mainResult,
        post,
        outputs: parseCommandFile(readFileSync(paths.output, 'utf8')),
        state,
        summary: readFileSync(paths.summary, 'utf8'),
        log: mainResult.stdout + mainResult.stderr + (post ? post.stdout + post.stderr : '')
      }
      return result
    } finally {
      // The runner's files go whether the run passed, failed, or the harness itself threw.
      rmSync(files, { recursive: true, force: true })
    }
  })()

  return {
    child: main.child,
    done,
    waitForOutput: (text, timeoutMs = 20000) =>
      new Promise<void>((resolve, reject) => {
        const started = Date.now()
        const check = (): void => {
          const out = main.out()
          if (typeof text === 'string' ? out.includes(text) : text.test(out)) return resolve()
          if (Date.now() - started > timeoutMs)
            return reject(new Error(`timed out waiting for ${String(text)} in:\n${out}`))
          setTimeout(check, 50)
        }
        check()
      })
  }
}

/** Runs main (and post if asked) to completion. */
export function runAction(options: RunOptions): Promise<ActionRun> {
  return startAction(options).done
}
