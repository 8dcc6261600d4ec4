import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { githubApiUrl, publishCommitStatus, publishPlanComment, withGitHub } from '../src/action/github.js'
import { statusAtSubmit } from '../src/github/commit-status.js'
import { acceptedPermissions, explainGitHubError } from '../src/github/errors.js'
import { planMarker } from '../src/github/plan-comment.js'
import { memoryLog } from '../src/log.js'
import { startFakeGitHub, type FakeGitHub } from './support/fake-github.js'
import { repoRoot } from './support/paths.js'

const TOKEN = 'ghs_test_token_0123456789'
const SHA = 'a'.repeat(40)
const MARKER = planMarker('deploy/sagemaker-job-config.yaml')
const job = { name: 'aaaaaaa', consoleUrl: 'https://us-east-1.console.aws.amazon.com/sagemaker/home#/jobs/aaaaaaa' }
const NO_WAIT = { retryDelaysMs: [] }

describe('the GitHub calls of the main step (src/action/github.ts)', () => {
  let fake: FakeGitHub
  const savedApiUrl = process.env.GITHUB_API_URL
  beforeAll(async () => {
    fake = await startFakeGitHub({ tokens: [TOKEN] })
    process.env.GITHUB_API_URL = fake.url
  })
  afterEach(() => fake.setFaults(undefined))
  afterAll(async () => {
    if (savedApiUrl === undefined) delete process.env.GITHUB_API_URL
    else process.env.GITHUB_API_URL = savedApiUrl
    await fake?.close()
  })

  it('talks to GITHUB_API_URL with the token, and says what it did', async () => {
    expect(githubApiUrl()).toBe(fake.url)
    const log = memoryLog()
    const target = { owner: 'acme', repo: 'dogs', pullNumber: 3, marker: MARKER, body: `${MARKER}\nplan` }
    const created = await publishPlanComment(TOKEN, target, { log })
    expect(created?.action).toBe('created')
    const updated = await publishPlanComment(TOKEN, { ...target, body: `${MARKER}\nplan 2` }, { log })
    expect(updated).toMatchObject({ action: 'updated', commentId: created!.commentId })
    expect(fake.callsTo('issues/create-comment').at(-1)!.headers.authorization).toBe(`token ${TOKEN}`)
    expect(log.lines).toEqual([
      `Training plan comment created on pull request #3: ${created!.url}`,
      `Training plan comment updated on pull request #3: ${created!.url}`
    ])

    expect(
      await publishCommitStatus(TOKEN, { owner: 'acme', repo: 'dogs', sha: SHA }, statusAtSubmit(job, true), { log })
    ).toBe(true)
    expect(fake.repository('acme/dogs').statuses.map((s) => s.data.state)).toEqual(['pending'])
  })

  it('turns a 403 from a token without the permission into a warning naming the permissions line', async () => {
    fake.setFaults({
      'issues/list-comments': { kind: 'forbidden', acceptedPermissions: 'issues=write; pull_requests=write' },
      'repos/create-commit-status': { kind: 'forbidden', acceptedPermissions: 'statuses=write' }
    })
    const log = memoryLog()
    const target = { owner: 'acme', repo: 'dogs', pullNumber: 4, marker: MARKER, body: `${MARKER}\nplan` }
    expect(await publishPlanComment(TOKEN, target, { log, ...NO_WAIT })).toBeUndefined()
    expect(log.lines).toEqual([
      'warning: Could not write the training plan comment on pull request #4: GitHub answered 403 Resource not accessible by integration: ' +
        "the workflow's token does not have the permission. Add `pull-requests: write` under `permissions:` in the workflow (or its job). " +
        'GitHub accepts `issues: write` or `pull-requests: write` for this call.'
    ])

    const statusLog = memoryLog()
    const ok = await publishCommitStatus(TOKEN, { owner: 'acme', repo: 'dogs', sha: SHA }, statusAtSubmit(job, false), {
      log: statusLog,
      ...NO_WAIT
    })
    expect(ok).toBe(false)
    expect(statusLog.lines).toHaveLength(1)
    expect(statusLog.lines[0]).toMatch(
      /^warning: Could not set the train-on-push status \(success\) of commit aaaaaaa: GitHub answered 403/
    )
    expect(statusLog.lines[0]).toContain('Add `statuses: write` under `permissions:`')
    // Nothing was written, and a 403 is not tried again.
    expect(fake.callsTo('repos/create-commit-status').at(-1)!.status).toBe(403)
    expect(fake.repository('acme/dogs').comments.filter((c) => c.issueNumber === 4)).toHaveLength(0)
  })

  it('says why a pull request from a fork gets no comment', async () => {
    fake.setFaults({ 'issues/list-comments': { kind: 'forbidden' } })
    const log = memoryLog()
    await publishPlanComment(
      TOKEN,
      { owner: 'acme', repo: 'dogs', pullNumber: 5, marker: MARKER, body: 'x', fromFork: true },
      { log, ...NO_WAIT }
    )
    expect(log.lines[0]).toContain('Add `pull-requests: write` under `permissions:`')
    expect(log.lines[0]).toContain('A pull request from a fork gets a read-only token whatever `permissions:` says')
  })

  it('turns a 404 into a warning naming the permission, and a bad token into one naming the token', async () => {
    fake.setFaults({ 'repos/create-commit-status': { kind: 'not-found' } })
    const log = memoryLog()
    await publishCommitStatus(TOKEN, { owner: 'acme', repo: 'private', sha: SHA }, statusAtSubmit(job, false), {
      log,
      ...NO_WAIT
    })
    expect(log.lines[0]).toMatch(
      /^warning: Could not set the train-on-push status \(success\) of commit aaaaaaa: GitHub answered 404 Not Found\. .*Add `statuses: write` under `permissions:`/
    )

    fake.setFaults(undefined)
    const badToken = memoryLog()
    await publishCommitStatus('wrong-token', { owner: 'acme', repo: 'dogs', sha: SHA }, statusAtSubmit(job, false), {
      log: badToken,
      ...NO_WAIT
    })
    expect(badToken.lines[0]).toContain('GitHub answered 401 Bad credentials: the token is not valid')
  })

  it('warns and calls nothing without a token', async () => {
    const before = fake.calls.length
    const log = memoryLog()
    expect(
      await publishCommitStatus(undefined, { owner: 'acme', repo: 'dogs', sha: SHA }, statusAtSubmit(job, true), {
        log
      })
    ).toBe(false)
    expect(
      await publishPlanComment('', { owner: 'acme', repo: 'dogs', pullNumber: 6, marker: MARKER, body: 'x' }, { log })
    ).toBe(undefined)
    expect(fake.calls.length).toBe(before)
    expect(log.lines).toEqual([
      'warning: Could not set the train-on-push status (pending) of commit aaaaaaa: no GitHub token was given. Pass `github-token: ${{ github.token }}` to the action and add `statuses: write` under `permissions:` in the workflow (or its job).',
      'warning: Could not write the training plan comment on pull request #6: no GitHub token was given. Pass `github-token: ${{ github.token }}` to the action and add `pull-requests: write` under `permissions:` in the workflow (or its job).'
    ])
  })

  it('tries again after GitHub errors and dropped connections, without making a second comment', async () => {
    fake.setFaults((call, n) => {
      if (call.operationId === 'issues/list-comments' && n === 1) return { kind: 'error', status: 502 }
      if (call.operationId === 'issues/create-comment' && n === 1) return { kind: 'drop' }
      return undefined
    })
    const log = memoryLog()
    const outcome = await publishPlanComment(
      TOKEN,
      { owner: 'acme', repo: 'dogs', pullNumber: 7, marker: MARKER, body: `${MARKER}\nplan` },
      { log, retryDelaysMs: [0, 0, 0] }
    )
    expect(outcome?.action).toBe('created')
    expect(fake.repository('acme/dogs').comments.filter((c) => c.issueNumber === 7)).toHaveLength(1)
    expect(log.lines.filter((l) => l.startsWith('debug:'))).toHaveLength(2)
    expect(log.lines.filter((l) => l.startsWith('warning:'))).toEqual([])

    fake.setFaults({ 'repos/create-commit-status': { kind: 'error', status: 500 } })
    const failing = memoryLog()
    const posted = await publishCommitStatus(
      TOKEN,
      { owner: 'acme', repo: 'dogs', sha: SHA },
      statusAtSubmit(job, true),
      {
        log: failing,
        retryDelaysMs: [0, 0]
      }
    )
    expect(posted).toBe(false)
    expect(fake.callsTo('repos/create-commit-status').filter((c) => c.status === 500)).toHaveLength(3)
    expect(failing.lines.at(-1)).toBe(
      'warning: Could not set the train-on-push status (pending) of commit aaaaaaa: GitHub answered 500 Internal Server Error.'
    )
  })

  it('never writes the token to the log', async () => {
    const log = memoryLog()
    fake.setFaults({ 'issues/list-comments': { kind: 'forbidden' } })
    await withGitHub(
      TOKEN,
      { what: 'do something', permission: 'contents: write' },
      (client) => client.rest.issues.listComments({ owner: 'acme', repo: 'dogs', issue_number: 1 }),
      { log, ...NO_WAIT }
    )
    await withGitHub(
      TOKEN,
      { what: 'do something else', permission: 'contents: write' },
      async () => {
        throw new Error('boom')
      },
      { log, ...NO_WAIT }
    )
    expect(log.lines).toEqual([
      expect.stringContaining('Add `contents: write` under `permissions:`'),
      'warning: Could not do something else: boom.'
    ])
    expect(log.lines.join('\n')).not.toContain(TOKEN)
  })

  it('loads @actions/github only when a call is made', () => {
    const source = readFileSync(join(repoRoot, 'src/action/github.ts'), 'utf8')
    expect(source).not.toMatch(/^import[^\n]*'@actions\/github'/m)
    expect(source).toContain("await import('@actions/github')")
  })
})

describe('explainGitHubError', () => {
  const call = { what: 'move the tag v1', permission: 'contents: write' as const }
  it.each([
    [
      'a rate limit',
      { status: 403, message: 'API rate limit exceeded for installation ID 1' },
      /rate limit; try again later/
    ],
    [
      'a refused request',
      { status: 422, message: 'Validation Failed', response: { data: { message: 'Validation Failed' } } },
      /answered 422 Validation Failed\.$/
    ],
    ['a server error', { status: 500, message: 'boom - https://docs.github.com/rest' }, /answered 500 boom\.$/],
    [
      'no connection',
      new Error('getaddrinfo ENOTFOUND api.github.com'),
      /Could not move the tag v1: getaddrinfo ENOTFOUND api\.github\.com\.$/
    ]
  ])('%s', (_name, error, expected) => {
    expect(explainGitHubError(error, call)).toMatch(expected)
  })

  it('reads the accepted permissions header in a workflow’s words', () => {
    expect(acceptedPermissions('pull_requests=write; issues=write')).toBe('`pull-requests: write` or `issues: write`')
    expect(acceptedPermissions('contents=read,metadata=read')).toBe('`contents: read` and `metadata: read`')
    expect(acceptedPermissions('')).toBeUndefined()
    expect(acceptedPermissions(undefined)).toBeUndefined()
  })
})

describe("the plan comment with a person's token (a personal access token)", () => {
  let fake: FakeGitHub
  const savedApiUrl = process.env.GITHUB_API_URL
  const PERSON = 'octo-person'
  beforeAll(async () => {
    fake = await startFakeGitHub({
      handlers: {
        // GET /user: the account the token belongs to, as GitHub describes a public user.
        'users/get-authenticated': (request) => {
          const base = `${request.apiUrl}/users/${PERSON}`
          return {
            login: PERSON,
            id: 583231,
            node_id: 'MDQ6VXNlcjU4MzIzMQ==',
            avatar_url: 'https://avatars.githubusercontent.com/u/583231?v=4',
            gravatar_id: '',
            url: base,
            html_url: `https://github.com/${PERSON}`,
            followers_url: `${base}/followers`,
            following_url: `${base}/following{/other_user}`,
            gists_url: `${base}/gists{/gist_id}`,
            starred_url: `${base}/starred{/owner}{/repo}`,
            subscriptions_url: `${base}/subscriptions`,
            organizations_url: `${base}/orgs`,
            repos_url: `${base}/repos`,
            events_url: `${base}/events{/privacy}`,
            received_events_url: `${base}/received_events`,
            type: 'User',
            site_admin: false,
            name: 'Octo Person',
            company: null,
            blog: '',
            location: null,
            email: null,
            hireable: null,
            bio: null,
            public_repos: 1,
            public_gists: 0,
            followers: 0,
            following: 0,
            created_at: '2011-01-25T18:44:36Z',
            updated_at: '2026-11-01T10:00:00Z'
          }
        }
      }
    })
    process.env.GITHUB_API_URL = fake.url
  })
  afterAll(async () => {
    if (savedApiUrl === undefined) delete process.env.GITHUB_API_URL
    else process.env.GITHUB_API_URL = savedApiUrl
    await fake?.close()
  })

  it('edits the comment it wrote as that person instead of adding one per run', async () => {
    const target = { owner: 'acme', repo: 'pat', pullNumber: 5, marker: MARKER, body: `${MARKER}\nplan` }
    const created = await publishPlanComment('ghp_personal0123456789', target, { log: memoryLog() })
    expect(created?.action).toBe('created')
    // GitHub shows a person's token's comments as that person's.
    const stored = fake.repository('acme/pat').comments.find((c) => c.data.id === created!.commentId)!
    stored.data.user = { ...stored.data.user, login: PERSON, type: 'User', id: 583231 }
    stored.data.performed_via_github_app = null
    const updated = await publishPlanComment(
      'ghp_personal0123456789',
      { ...target, body: `${MARKER}\nplan 2` },
      {
        log: memoryLog()
      }
    )
    expect(updated).toMatchObject({ action: 'updated', commentId: created!.commentId })
    expect(fake.repository('acme/pat').comments.filter((c) => c.issueNumber === 5)).toHaveLength(1)
    // A workflow's own token (ghs_) is a bot's: nobody is asked who it is.
    await publishPlanComment(TOKEN, { ...target, pullNumber: 6 }, { log: memoryLog() })
    expect(fake.callsTo('users/get-authenticated')).toHaveLength(2)
    expect(fake.selfCheckFailures).toEqual([])
  })
})
