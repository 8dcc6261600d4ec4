import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import * as github from '@actions/github'
import { gitHubApi, Reply, startFakeGitHub, type FakeGitHub } from './support/fake-github.js'
import { pullRequestEvent, pushEvent, workflowDispatchEvent, writeEvent } from './support/events.js'
import { repoRoot } from './support/paths.js'

const SHA = 'a'.repeat(40)
const OTHER_SHA = 'b'.repeat(40)
const repo = { owner: 'acme', repo: 'dogs' }

/** The request body schema GitHub publishes for an operation. */
function requestSchema(operationId: string): any {
  const { operations, resolve } = gitHubApi()
  const schema = operations.get(operationId)!.operation.requestBody!.content!['application/json'].schema!
  return resolve(schema)
}

/** What a failed Octokit call rejected with, for matching. */
async function rejection(promise: Promise<unknown>): Promise<any> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the call to fail')
}

describe('the local GitHub REST API server', () => {
  let fake: FakeGitHub
  let octokit: ReturnType<typeof github.getOctokit>
  beforeAll(async () => {
    fake = await startFakeGitHub()
    octokit = github.getOctokit('test-token', { baseUrl: fake.url })
  })
  afterAll(() => fake?.close())

  it('creates, updates and reads back a pull-request comment, recording each call', async () => {
    const created = await octokit.rest.issues.createComment({ ...repo, issue_number: 7, body: 'Training started' })
    expect(created.status).toBe(201)
    expect(created.data).toMatchObject({ body: 'Training started', user: { login: 'github-actions[bot]' } })
    expect(created.headers.location).toBe(created.data.url)

    const updated = await octokit.rest.issues.updateComment({ ...repo, comment_id: created.data.id, body: 'Done' })
    expect(updated.data).toMatchObject({ id: created.data.id, body: 'Done' })
    const read = await octokit.rest.issues.getComment({ ...repo, comment_id: created.data.id })
    expect(read.data.body).toBe('Done')

    const create = fake.callsTo('issues/create-comment').at(-1)!
    expect(create).toMatchObject({
      method: 'POST',
      path: '/repos/acme/dogs/issues/7/comments',
      route: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
      operationId: 'issues/create-comment',
      params: { owner: 'acme', repo: 'dogs', issue_number: 7 },
      body: { body: 'Training started' },
      status: 201
    })
    expect(create.headers.authorization).toBe('token test-token')
    expect(fake.callsTo('issues/update-comment').at(-1)).toMatchObject({
      params: { comment_id: created.data.id },
      status: 200
    })
    expect(fake.repository('acme/dogs').comments.map((c) => [c.issueNumber, c.data.body])).toContainEqual([7, 'Done'])
  })

  describe('rejects what GitHub rejects, before any handler runs', () => {
    it('a comment body of the wrong type', async () => {
      expect(requestSchema('issues/create-comment').properties.body.type).toBe('string')
      const before = fake.repository('acme/dogs').comments.length
      const error = await rejection(octokit.rest.issues.createComment({ ...repo, issue_number: 7, body: 123 as any }))
      expect(error.status).toBe(422)
      expect(error.response.data).toMatchObject({
        message: 'Validation Failed',
        errors: [{ resource: 'IssueComment', field: 'body', code: 'invalid', value: 123 }],
        documentation_url: expect.stringContaining('docs.github.com/rest/issues/comments')
      })
      expect(fake.repository('acme/dogs').comments.length).toBe(before)
    })

    it('a comment without its required body', async () => {
      expect(requestSchema('issues/create-comment').required).toContain('body')
      let ran = false
      fake.on('issues/create-comment', () => {
        ran = true
        return {}
      })
      try {
        // A literal path: Octokit's types (rightly) refuse this call without a body.
        const error = await rejection(octokit.request('POST /repos/acme/dogs/issues/7/comments'))
        expect(error.status).toBe(422)
        expect(error.response.data.errors).toEqual([expect.objectContaining({ field: 'body', code: 'missing_field' })])
        expect(ran).toBe(false)
      } finally {
        fake.on('issues/create-comment', undefined)
      }
    })

    it('a commit status state outside its enum', async () => {
      expect(requestSchema('repos/create-commit-status').properties.state.enum).toEqual([
        'error',
        'failure',
        'pending',
        'success'
      ])
      const error = await rejection(octokit.rest.repos.createCommitStatus({ ...repo, sha: SHA, state: 'done' as any }))
      expect(error.status).toBe(422)
      expect(error.response.data.errors[0]).toMatchObject({ field: 'state', code: 'invalid', value: 'done' })
      expect(fake.repository('acme/dogs').statuses).toEqual([])
    })

    it('a query parameter outside its enum', async () => {
      const error = await rejection(octokit.rest.checks.listForRef({ ...repo, ref: SHA, status: 'finished' as any }))
      expect(error.status).toBe(422)
      expect(error.response.data.errors[0]).toMatchObject({ field: 'status', code: 'invalid' })
    })

    it('but lets unknown body members through, as GitHub\u2019s schema does not forbid them', async () => {
      expect(requestSchema('issues/create-comment').additionalProperties).toBeUndefined()
      const out = await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        ...repo,
        issue_number: 8,
        body: 'ok',
        colour: 'blue'
      })
      expect(out.status).toBe(201)
    })
  })

  it('answers 404 for a route GitHub does not have, and for a path segment of the wrong type', async () => {
    const error = await rejection(octokit.request('GET /repos/{owner}/{repo}/no-such-thing', repo))
    expect(error.status).toBe(404)
    expect(error.response.data).toEqual({
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest',
      status: '404'
    })
    expect(fake.calls.at(-1)!.operationId).toBeUndefined()

    const wrongType = await rejection(octokit.request('GET /repos/acme/dogs/issues/seven/comments'))
    expect(wrongType.status).toBe(404)
    expect(fake.calls.at(-1)!.operationId).toBe('issues/list-comments')
  })

  it('answers 401 without a token', async () => {
    const res = await fetch(`${fake.url}/repos/acme/dogs`)
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ message: 'Requires authentication' })
    const ok = await fetch(`${fake.url}/repos/acme/dogs`, { headers: { authorization: 'Bearer x' } })
    expect(ok.status).toBe(200)
  })

  it('answers 401 Bad credentials for a token it does not know, when told which it knows', async () => {
    const strict = await startFakeGitHub({ tokens: ['right'] })
    try {
      const error = await rejection(github.getOctokit('wrong', { baseUrl: strict.url }).rest.repos.get(repo))
      expect(error.status).toBe(401)
      expect(error.response.data.message).toBe('Bad credentials')
    } finally {
      await strict.close()
    }
  })

  it('injects the 403 a GITHUB_TOKEN without the needed permissions gets, as a RequestError', async () => {
    fake.setFaults({
      'issues/create-comment': { kind: 'forbidden', acceptedPermissions: 'issues=write; pull_requests=write' }
    })
    try {
      const error = await rejection(octokit.rest.issues.createComment({ ...repo, issue_number: 7, body: 'hi' }))
      expect(error.constructor.name).toBe('RequestError')
      expect(error).toMatchObject({ name: 'HttpError', status: 403 })
      expect(error.message).toContain('Resource not accessible by integration')
      expect(error.response.headers['x-accepted-github-permissions']).toBe('issues=write; pull_requests=write')
    } finally {
      fake.setFaults(undefined)
    }
  })

  it('injects 404s, 5xx and delays per operation', async () => {
    fake.setFaults((call, n) => {
      if (call.operationId === 'repos/get' && n === 1) return { kind: 'error', status: 502 }
      if (call.operationId === 'repos/get' && n === 2) return { kind: 'not-found' }
      if (call.operationId === 'repos/get') return { kind: 'delay', ms: 150 }
      return undefined
    })
    try {
      expect((await rejection(octokit.rest.repos.get(repo))).status).toBe(502)
      expect((await rejection(octokit.rest.repos.get(repo))).status).toBe(404)
      const started = Date.now()
      const out = await octokit.rest.repos.get(repo)
      expect(Date.now() - started).toBeGreaterThanOrEqual(140)
      expect(out.data).toMatchObject({ full_name: 'acme/dogs', default_branch: 'main' })
    } finally {
      fake.setFaults(undefined)
    }
  })

  it('pages comments with per_page, page and a link header that Octokit follows', async () => {
    const pr = { ...repo, issue_number: 42 }
    for (let i = 1; i <= 5; i++) await octokit.rest.issues.createComment({ ...pr, body: `comment ${i}` })

    const first = await octokit.rest.issues.listComments({ ...pr, per_page: 2 })
    expect(first.data.map((c) => c.body)).toEqual(['comment 1', 'comment 2'])
    expect(first.headers.link).toMatch(/<[^>]*page=2[^>]*>; rel="next"/)
    expect(first.headers.link).toMatch(/<[^>]*page=3[^>]*>; rel="last"/)

    const before = fake.callsTo('issues/list-comments').length
    const all = await octokit.paginate(octokit.rest.issues.listComments, { ...pr, per_page: 2 })
    expect(all.map((c) => c.body)).toEqual([1, 2, 3, 4, 5].map((i) => `comment ${i}`))
    const pages = fake.callsTo('issues/list-comments').slice(before)
    expect(pages.map((c) => c.query)).toEqual([{ per_page: 2 }, { per_page: 2, page: 2 }, { per_page: 2, page: 3 }])
  })

  it('creates a tag ref once and answers 422 Reference already exists for a duplicate', async () => {
    const ref = 'refs/tags/trained/abc1234'
    const created = await octokit.rest.git.createRef({ ...repo, ref, sha: SHA })
    expect(created.status).toBe(201)
    expect(created.data).toMatchObject({ ref, object: { sha: SHA, type: 'commit' } })

    const duplicate = await rejection(octokit.rest.git.createRef({ ...repo, ref, sha: OTHER_SHA }))
    expect(duplicate.status).toBe(422)
    expect(duplicate.response.data).toMatchObject({ message: 'Reference already exists' })

    const read = await octokit.rest.git.getRef({ ...repo, ref: 'tags/trained/abc1234' })
    expect(read.data.object.sha).toBe(SHA)
    expect((await rejection(octokit.rest.git.getRef({ ...repo, ref: 'tags/nope' }))).status).toBe(404)
    expect((await rejection(octokit.rest.git.createRef({ ...repo, ref: 'tags/v1', sha: SHA }))).status).toBe(422)
  })

  it('keeps commit statuses and combines the newest of each context', async () => {
    const r = { ...repo, repo: 'statuses' }
    await octokit.rest.repos.createCommitStatus({ ...r, sha: SHA, state: 'pending', context: 'train' })
    await octokit.rest.repos.createCommitStatus({
      ...r,
      sha: SHA,
      state: 'success',
      context: 'train',
      target_url: 'https://example.com/run'
    })
    await octokit.rest.repos.createCommitStatus({ ...r, sha: SHA, state: 'success', context: 'lint' })
    fake.repository('acme/statuses').refs.set('refs/heads/main', SHA)

    const list = await octokit.rest.repos.listCommitStatusesForRef({ ...r, ref: 'main' })
    expect(list.data.map((s) => s.state)).toEqual(['success', 'success', 'pending'])
    const combined = await octokit.rest.repos.getCombinedStatusForRef({ ...r, ref: SHA })
    expect(combined.data).toMatchObject({ state: 'success', total_count: 2, sha: SHA })

    await octokit.rest.repos.createCommitStatus({ ...r, sha: SHA, state: 'failure', context: 'lint' })
    expect((await octokit.rest.repos.getCombinedStatusForRef({ ...r, ref: SHA })).data.state).toBe('failure')
  })

  it('keeps check runs: create, update with a conclusion, list for the commit', async () => {
    const created = await octokit.rest.checks.create({ ...repo, name: 'train', head_sha: SHA, status: 'in_progress' })
    expect(created.data).toMatchObject({ status: 'in_progress', conclusion: null, app: { slug: 'github-actions' } })
    const updated = await octokit.rest.checks.update({
      ...repo,
      check_run_id: created.data.id,
      conclusion: 'success',
      output: {
        title: 'Trained',
        summary: 'abc1234',
        annotations: [{ path: 'train.py', start_line: 1, end_line: 1, annotation_level: 'notice', message: 'ok' }]
      }
    })
    expect(updated.data).toMatchObject({
      status: 'completed',
      conclusion: 'success',
      output: { title: 'Trained', annotations_count: 1 }
    })
    expect(updated.data.completed_at).toEqual(expect.any(String))

    const listed = await octokit.rest.checks.listForRef({ ...repo, ref: SHA, check_name: 'train' })
    expect(listed.data.total_count).toBe(1)
    expect(listed.data.check_runs[0].id).toBe(created.data.id)

    const incomplete = await rejection(
      octokit.rest.checks.create({ ...repo, name: 'x', head_sha: SHA, status: 'completed' })
    )
    expect(incomplete.status).toBe(422)
  })

  it('is reached through GITHUB_API_URL, with the pull request from GITHUB_EVENT_PATH', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'top-fake-github-'))
    try {
      const env = writeEvent(dir, {
        name: 'pull_request',
        payload: pullRequestEvent({ repository: 'acme/dogs', number: 31, headSha: SHA, headRef: 'bigger-model' })
      })
      // @actions/github reads GITHUB_API_URL and the event when it is first imported: a fresh process, as on a runner.
      const script = [
        "import * as github from '@actions/github'",
        'const { owner, repo, number } = github.context.issue',
        "await github.getOctokit('child-token').rest.issues.createComment({ owner, repo, issue_number: number, body: 'from a step' })"
      ].join('\n')
      await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
        cwd: repoRoot,
        env: { PATH: process.env.PATH, ...env, GITHUB_API_URL: fake.url }
      })
      expect(fake.callsTo('issues/create-comment').at(-1)).toMatchObject({
        path: '/repos/acme/dogs/issues/31/comments',
        body: { body: 'from a step' },
        headers: expect.objectContaining({ authorization: 'token child-token' }),
        status: 201
      })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('checks its own answers against GitHub\u2019s response schema', async () => {
    const local = await startFakeGitHub({
      handlers: {
        'repos/get': () => ({ full_name: 'acme/dogs' }),
        'git/get-ref': () => new Reply(200, { ref: 'refs/heads/main' })
      }
    })
    try {
      const client = github.getOctokit('t', { baseUrl: local.url })
      const error = await rejection(client.rest.repos.get(repo))
      expect(error.status).toBe(500)
      expect(error.response.data.message).toMatch(/does not fit GitHub's response schema/)
      expect(local.selfCheckFailures).toHaveLength(1)
    } finally {
      // The failures were the point here; the next close() would otherwise report them.
      local.selfCheckFailures.length = 0
      await local.close()
    }
  })
})

describe('webhook payloads for GITHUB_EVENT_PATH', () => {
  const dir = mkdtempSync(join(tmpdir(), 'top-events-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('push: the repository, commit and branch asked for', () => {
    const event = pushEvent({ repository: 'acme/dogs', sha: SHA, before: OTHER_SHA, ref: 'refs/heads/models' })
    expect(event).toMatchObject({
      ref: 'refs/heads/models',
      before: OTHER_SHA,
      after: SHA,
      created: false,
      head_commit: { id: SHA },
      repository: { full_name: 'acme/dogs', name: 'dogs', owner: { login: 'acme' } }
    })
    // Push payloads give the web address as `url`; the API addresses are in the *_url templates.
    expect(event.repository.url).toBe('https://github.com/acme/dogs')
    expect(event.repository.statuses_url).toBe('https://api.github.com/repos/acme/dogs/statuses/{sha}')
    expect(JSON.stringify(event)).not.toMatch(/Codertocat\/Hello-World/)
    // A fresh copy each time: one test's changes never reach another's payload.
    expect(pushEvent({ repository: 'acme/cats', sha: OTHER_SHA }).repository.full_name).toBe('acme/cats')
    expect(event.repository.full_name).toBe('acme/dogs')
  })

  it.each(['opened', 'synchronize'] as const)('pull_request %s: number, head and base as asked', (action) => {
    const event = pullRequestEvent({
      repository: 'acme/dogs',
      action,
      number: 17,
      headSha: SHA,
      headRef: 'feature/bigger-model',
      baseRef: 'main',
      mergeSha: OTHER_SHA
    })
    expect(event).toMatchObject({
      action,
      number: 17,
      repository: { full_name: 'acme/dogs' },
      pull_request: {
        number: 17,
        merge_commit_sha: OTHER_SHA,
        head: {
          sha: SHA,
          ref: 'feature/bigger-model',
          label: 'acme:feature/bigger-model',
          repo: { full_name: 'acme/dogs' }
        },
        base: { ref: 'main', repo: { full_name: 'acme/dogs' } }
      }
    })
    expect(event.pull_request.url).toMatch(/\/repos\/acme\/dogs\/pulls\/17$/)
    expect(event.pull_request.statuses_url).toMatch(new RegExp(`/statuses/${SHA}$`))
    if (event.action === 'synchronize') expect(event.after).toBe(SHA)
  })

  it('pull_request from a fork: the head names the fork', () => {
    const event = pullRequestEvent({
      repository: 'acme/dogs',
      number: 3,
      headSha: SHA,
      headRef: 'patch-1',
      headRepository: 'stranger/dogs'
    })
    expect(event.pull_request.head).toMatchObject({
      label: 'stranger:patch-1',
      repo: { full_name: 'stranger/dogs', fork: true, owner: { login: 'stranger' } }
    })
    expect(event.pull_request.base.repo.full_name).toBe('acme/dogs')
  })

  it('workflow_dispatch: ref and inputs', () => {
    const event = workflowDispatchEvent({ repository: 'acme/dogs', ref: 'refs/heads/models', inputs: { epochs: '3' } })
    expect(event).toMatchObject({
      ref: 'refs/heads/models',
      inputs: { epochs: '3' },
      repository: { full_name: 'acme/dogs', owner: { login: 'acme' } }
    })
  })

  it('writes the file and the runner variables that go with it', () => {
    const env = writeEvent(dir, {
      name: 'pull_request',
      payload: pullRequestEvent({ repository: 'acme/dogs', number: 5, headSha: SHA, headRef: 'x', mergeSha: OTHER_SHA })
    })
    expect(env).toMatchObject({
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_REF: 'refs/pull/5/merge',
      GITHUB_SHA: OTHER_SHA,
      GITHUB_REPOSITORY: 'acme/dogs'
    })
    expect(JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')).pull_request.head.sha).toBe(SHA)
  })
})
