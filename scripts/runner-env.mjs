// Shared by `npm run demo` and `npm run bench`: runs the committed dist/ the way the GitHub
// runner does. Uses only Node and git (no node_modules), so it works on a fresh clone.
import { execFileSync, spawn } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = join(dirname(fileURLToPath(import.meta.url)), '..')
export const entry = join(root, 'dist', 'index.js')

/** action.yml's input defaults; action.yml is ours, so a line reader is enough (no YAML library on a fresh clone). */
export function actionDefaults() {
  const lines = readFileSync(join(root, 'action.yml'), 'utf8').split('\n')
  const defaults = {}
  let section = ''
  let input = ''
  for (const line of lines) {
    if (/^\S/.test(line)) section = line.replace(/:.*/, '')
    const name = /^ {2}([a-z0-9-]+):\s*$/.exec(line)
    if (section === 'inputs' && name) input = name[1]
    const value = /^ {4}default:\s*(.*)$/.exec(line)
    if (section === 'inputs' && input && value) {
      const raw = value[1].trim()
      defaults[input] = /^'.*'$/.test(raw)
        ? raw.slice(1, -1).replace(/''/g, "'")
        : /^".*"$/.test(raw)
          ? JSON.parse(raw)
          : raw
    }
  }
  return defaults
}

/** A throwaway git checkout of examples/dog-classifier, as actions/checkout would leave it. */
export function exampleCheckout() {
  const dir = mkdtempSync(join(tmpdir(), 'train-on-push-demo-'))
  cpSync(join(root, 'examples', 'dog-classifier'), dir, { recursive: true })
  const git = (...args) =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'demo',
        GIT_AUTHOR_EMAIL: 'demo@example.com',
        GIT_COMMITTER_NAME: 'demo',
        GIT_COMMITTER_EMAIL: 'demo@example.com'
      }
    }).trim()
  git('init', '-q', '-b', 'models')
  git('add', '-A')
  git('commit', '-q', '-m', 'Train a resnet50 dog classifier')
  return { dir, sha: git('rev-parse', 'HEAD'), cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** The environment the runner gives a step: inputs, event, and the command files (`cleanup` removes them). */
export function runnerEnv(checkout, inputs = {}) {
  const files = mkdtempSync(join(tmpdir(), 'train-on-push-runner-'))
  const paths = {
    event: join(files, 'event.json'),
    output: join(files, 'output'),
    summary: join(files, 'summary.md'),
    state: join(files, 'state')
  }
  writeFileSync(
    paths.event,
    JSON.stringify({ ref: 'refs/heads/models', after: checkout.sha, repository: { full_name: 'acme/dog-classifier' } })
  )
  for (const f of [paths.output, paths.summary, paths.state]) writeFileSync(f, '')
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: checkout.dir,
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: paths.event,
    GITHUB_SHA: checkout.sha,
    GITHUB_REF: 'refs/heads/models',
    GITHUB_REPOSITORY: 'acme/dog-classifier',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_ACTOR: 'demo',
    GITHUB_OUTPUT: paths.output,
    GITHUB_STEP_SUMMARY: paths.summary,
    GITHUB_STATE: paths.state,
    RUNNER_TEMP: files
  }
  for (const [name, value] of Object.entries({ ...actionDefaults(), ...inputs }))
    env[`INPUT_${name.toUpperCase()}`] = value
  return { env, paths, cleanup: () => rmSync(files, { recursive: true, force: true }) }
}

/** Runs dist/index.js; resolves with its exit code and output. */
export function runDist(env, cwd, { echo = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [entry], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    const take = (b) => {
      out += b
      if (echo) process.stdout.write(b)
    }
    child.stdout.on('data', take)
    child.stderr.on('data', take)
    child.on('close', (code) => resolve({ code, out }))
  })
}

/** Reads a GITHUB_OUTPUT-style file (`name<<delimiter` blocks). */
export function readCommandFile(path) {
  return parseCommandFile(readFileSync(path, 'utf8'))
}

/** Parses the runner's `name<<delimiter` / `name=value` file format (GITHUB_OUTPUT, GITHUB_STATE). */
export function parseCommandFile(text) {
  const out = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^=<]+)<<(.+)$/.exec(lines[i])
    if (m) {
      const value = []
      for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i])
      out[m[1]] = value.join('\n')
    } else if (lines[i].includes('=')) {
      const at = lines[i].indexOf('=')
      out[lines[i].slice(0, at)] = lines[i].slice(at + 1)
    }
  }
  return out
}
