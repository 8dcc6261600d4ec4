/**
 * Real webhook payloads for `GITHUB_EVENT_PATH`, so tests hand the action what GitHub
 * hands it rather than objects written from memory.
 *
 * Where they come from: `@octokit/webhooks-examples`. Its `main` is
 * `api.github.com/index.json`, one array entry per event,
 * `{ name, description, actions, properties, examples }`, where `examples` are payloads
 * captured from real deliveries (the `ghes-*` folders hold the same per GitHub Enterprise
 * Server version). `index.d.ts` types each entry by event name through
 * `@octokit/webhooks-types`, which is where the payload types below come from. The
 * examples were recorded on two repositories (Codertocat/Hello-World and
 * octo-org/octo-repo); each helper takes a deep copy of one and moves it to the test's
 * repository, commits, refs and pull-request number.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { WebhookDefinition } from '@octokit/webhooks-examples'

/** A `push` payload. */
export type PushEvent = WebhookDefinition<'push'>['examples'][number]
/** A `pull_request` payload (any action). */
export type PullRequestEvent = WebhookDefinition<'pull_request'>['examples'][number]
/** A `pull_request` payload for the two actions a training run follows. */
export type PullRequestUpdateEvent = Extract<PullRequestEvent, { action: 'opened' | 'synchronize' }>
/** A `workflow_dispatch` payload. */
export type WorkflowDispatchEvent = WebhookDefinition<'workflow_dispatch'>['examples'][number]

const ZERO_SHA = '0000000000000000000000000000000000000000'

let definitions: WebhookDefinition[] | undefined

/** The examples of one event, read from the package once per process. */
function examplesOf<N extends 'push' | 'pull_request' | 'workflow_dispatch'>(
  name: N
): WebhookDefinition<N>['examples'] {
  if (!definitions) {
    const file = createRequire(import.meta.url).resolve('@octokit/webhooks-examples')
    definitions = JSON.parse(readFileSync(file, 'utf8')) as WebhookDefinition[]
  }
  const found = definitions.find((d) => d.name === name)
  if (!found) throw new Error(`@octokit/webhooks-examples has no ${name} examples`)
  return (found as WebhookDefinition<N>).examples
}

function pick<T>(examples: T[], what: string, test: (e: T) => boolean): T {
  const found = examples.find(test)
  if (!found) throw new Error(`@octokit/webhooks-examples has no ${what} example`)
  // A deep copy: the examples are shared by every caller in the process.
  return structuredClone(found)
}

function splitRepository(repository: string): [string, string] {
  const [owner, name, ...rest] = repository.split('/')
  if (!owner || !name || rest.length > 0) throw new Error(`expected owner/name, got ${repository}`)
  return [owner, name]
}

/** Rewrites every string in `node` (in place) through `change`. */
function mapStrings(node: unknown, change: (s: string) => string): void {
  if (Array.isArray(node)) {
    node.forEach((v, i) => (typeof v === 'string' ? (node[i] = change(v)) : mapStrings(v, change)))
  } else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>
    for (const [k, v] of Object.entries(o)) {
      if (typeof v === 'string') o[k] = change(v)
      else mapStrings(v, change)
    }
  }
}

function replaceAll(node: unknown, from: string, to: string): void {
  if (from !== to) mapStrings(node, (s) => s.split(from).join(to))
}

/** Renames an account object (login, name and its own URLs); other accounts keep theirs. */
function renameAccount(account: Record<string, any> | null | undefined, from: string, to: string): void {
  if (!account || account.login !== from) return
  const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const own = new RegExp(`/${escaped}(?=$|[/{?])`, 'g')
  mapStrings(account, (s) => s.replace(own, `/${to}`))
  account.login = to
  if (account.name === from) account.name = to
}

/**
 * Moves a repository object, and every URL in `payload` that names it, from the
 * example's repository to `repository` (`owner/name`).
 */
function moveRepository(payload: Record<string, any>, repo: Record<string, any>, repository: string): void {
  const [owner, name] = splitRepository(repository)
  const fromOwner = String(repo.owner.login)
  const fromName = String(repo.name)
  replaceAll(payload, `${fromOwner}/${fromName}`, `${owner}/${name}`)
  renameAccount(repo.owner, fromOwner, owner)
  repo.name = name
  repo.full_name = `${owner}/${name}`
}

/** What a push payload should say. */
export interface PushOptions {
  /** `owner/name` */
  repository: string
  /** The pushed commit (`after`, `head_commit.id`). */
  sha: string
  /** The commit the ref pointed at before; omitted means the push created the branch. */
  before?: string
  /** Default `refs/heads/main`. */
  ref?: string
  /** The head commit's message. */
  message?: string
  /** The repository's default branch; default `main`. */
  defaultBranch?: string
}

/** A real `push` payload (a branch push with one commit) moved to `options`. */
export function pushEvent(options: PushOptions): PushEvent {
  const p = pick(examplesOf('push'), 'branch push', (e) => e.ref.startsWith('refs/heads/') && e.head_commit !== null)
  moveRepository(p, p.repository, options.repository)
  replaceAll(p, p.after, options.sha)
  p.ref = options.ref ?? 'refs/heads/main'
  const html = p.repository.html_url
  if (options.before && options.before !== ZERO_SHA) {
    p.before = options.before
    p.created = false
    p.compare = `${html}/compare/${options.before.slice(0, 12)}...${options.sha.slice(0, 12)}`
  } else {
    p.before = ZERO_SHA
    p.created = true
  }
  if (options.message !== undefined) {
    for (const commit of [p.head_commit, ...p.commits]) if (commit) commit.message = options.message
  }
  p.repository.default_branch = options.defaultBranch ?? 'main'
  p.repository.master_branch = p.repository.default_branch
  return p
}

/** What a pull_request payload should say. */
export interface PullRequestOptions {
  /** `owner/name` of the base repository (where the workflow runs). */
  repository: string
  /** Default `opened`. */
  action?: 'opened' | 'synchronize'
  number: number
  headSha: string
  headRef: string
  /** Default `main`. */
  baseRef?: string
  /** Default: the example's base commit. */
  baseSha?: string
  /** For `synchronize`: the head before the push (default: the example's). */
  before?: string
  /** The test merge commit GitHub made (GITHUB_SHA of a pull_request run); default: the example's. */
  mergeSha?: string
  /** `owner/name` of a fork the pull request comes from; default: the same repository. */
  headRepository?: string
  title?: string
}

/** A real `pull_request` payload (opened or synchronize) moved to `options`. */
export function pullRequestEvent(options: PullRequestOptions): PullRequestUpdateEvent {
  const action = options.action ?? 'opened'
  const p = pick(
    examplesOf('pull_request'),
    `pull_request ${action}`,
    (e) => e.action === action
  ) as PullRequestUpdateEvent
  const pr = p.pull_request
  const fromOwner = p.repository.owner.login
  moveRepository(p, p.repository, options.repository)
  const [owner] = splitRepository(options.repository)
  // The example's head and base live in the same repository as the event.
  for (const side of [pr.head, pr.base]) {
    if (side.repo) moveRepository(p, side.repo, options.repository)
    renameAccount(side.user, fromOwner, owner)
  }

  replaceAll(p, pr.head.sha, options.headSha)
  if (options.baseSha) replaceAll(p, pr.base.sha, options.baseSha)
  const fromNumber = pr.number
  const numbered = new RegExp(`/(pulls|issues|pull)/${fromNumber}(?=$|[/#?.])`, 'g')
  mapStrings(pr, (s) => s.replace(numbered, `/$1/${options.number}`))
  p.number = options.number
  pr.number = options.number

  pr.head.ref = options.headRef
  pr.head.label = `${owner}:${options.headRef}`
  pr.base.ref = options.baseRef ?? 'main'
  pr.base.label = `${owner}:${pr.base.ref}`
  p.repository.default_branch = pr.base.ref
  if (options.mergeSha) pr.merge_commit_sha = options.mergeSha
  if (options.title !== undefined) pr.title = options.title
  if (p.action === 'synchronize') {
    if (options.before) p.before = options.before
    p.after = options.headSha
  }

  if (options.headRepository && options.headRepository.toLowerCase() !== options.repository.toLowerCase()) {
    const [forkOwner, forkName] = splitRepository(options.headRepository)
    const head = pr.head
    if (!head.repo) throw new Error('the pull_request example has no head repository')
    // Only the head side moves: its URLs, owner and name become the fork's.
    const [baseOwner, baseName] = splitRepository(options.repository)
    replaceAll(head.repo, `${baseOwner}/${baseName}`, `${forkOwner}/${forkName}`)
    renameAccount(head.repo.owner, baseOwner, forkOwner)
    renameAccount(head.user, baseOwner, forkOwner)
    head.repo.name = forkName
    head.repo.full_name = `${forkOwner}/${forkName}`
    head.repo.fork = true
    head.label = `${forkOwner}:${options.headRef}`
  }
  return p
}

/** What a workflow_dispatch payload should say. */
export interface WorkflowDispatchOptions {
  /** `owner/name` */
  repository: string
  /** The branch or tag the run was started on; default `refs/heads/main`. */
  ref?: string
  inputs?: Record<string, string>
  /** The workflow file, e.g. `.github/workflows/train.yml`. */
  workflow?: string
}

/** A real `workflow_dispatch` payload moved to `options`. */
export function workflowDispatchEvent(options: WorkflowDispatchOptions): WorkflowDispatchEvent {
  const p = pick(examplesOf('workflow_dispatch'), 'workflow_dispatch', (e) => typeof e.ref === 'string')
  const fromOwner = p.repository.owner.login
  moveRepository(p, p.repository, options.repository)
  const [owner] = splitRepository(options.repository)
  renameAccount(p.organization as Record<string, any> | undefined, fromOwner, owner)
  p.ref = options.ref ?? 'refs/heads/main'
  p.inputs = { ...options.inputs }
  if (options.workflow !== undefined) p.workflow = options.workflow
  return p
}

/** The runner's variables for one event. */
export interface EventEnv {
  GITHUB_EVENT_NAME: string
  GITHUB_EVENT_PATH: string
  GITHUB_REPOSITORY: string
  GITHUB_REF: string
  GITHUB_SHA: string
}

/**
 * Writes `payload` to `dir/event.json` and returns the variables the runner would set
 * with it: for a pull request, GITHUB_REF is `refs/pull/N/merge` and GITHUB_SHA the merge
 * commit, as on GitHub. A workflow_dispatch payload names no commit, so pass `sha`.
 */
export function writeEvent(
  dir: string,
  event:
    | { name: 'push'; payload: PushEvent }
    | { name: 'pull_request'; payload: PullRequestEvent }
    | { name: 'workflow_dispatch'; payload: WorkflowDispatchEvent; sha: string }
): EventEnv {
  const path = join(dir, 'event.json')
  writeFileSync(path, JSON.stringify(event.payload, null, 2))
  const common = { GITHUB_EVENT_NAME: event.name, GITHUB_EVENT_PATH: path }
  const repository = event.payload.repository?.full_name ?? ''
  switch (event.name) {
    case 'push':
      return {
        ...common,
        GITHUB_REPOSITORY: repository,
        GITHUB_REF: event.payload.ref,
        GITHUB_SHA: event.payload.after
      }
    case 'pull_request':
      return {
        ...common,
        GITHUB_REPOSITORY: repository,
        GITHUB_REF: `refs/pull/${event.payload.number}/merge`,
        GITHUB_SHA: event.payload.pull_request.merge_commit_sha ?? event.payload.pull_request.head.sha
      }
    case 'workflow_dispatch':
      return { ...common, GITHUB_REPOSITORY: repository, GITHUB_REF: event.payload.ref, GITHUB_SHA: event.sha }
  }
}
