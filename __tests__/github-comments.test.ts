import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import * as github from '@actions/github'
import { carriesMarker, findPlanComment, upsertPlanComment } from '../src/github/comments.js'
import { diffHyperparameters } from '../src/github/hyperparameter-diff.js'
import { planMarker, renderPlanComment, type PlanCommentInput } from '../src/github/plan-comment.js'
import { loadHydraConfig } from '../src/hydra/index.js'
import { startFakeGitHub, type FakeGitHub, type Json } from './support/fake-github.js'

const OWNER = 'acme'
let repoCounter = 0
const HEAD_1 = '1111111111111111111111111111111111111111'
const HEAD_2 = '2222222222222222222222222222222222222222'
const MARKER = planMarker('deploy/sagemaker-job-config.yaml')

/** The comment a push of `sha` with `lr` in its Hydra config would get. */
function planBody(repo: string, sha: string, lr: string): string {
  const base = loadHydraConfig('optimizer: {lr: 0.001}\nepochs: 10\n', 'deploy/train-config.yaml')
  const head = loadHydraConfig(`optimizer: {lr: ${lr}}\nepochs: 10\n`, 'deploy/train-config.yaml')
  const input: PlanCommentInput = {
    jobConfigFile: 'deploy/sagemaker-job-config.yaml',
    serverUrl: 'https://github.com',
    repository: `${OWNER}/${repo}`,
    head: { sha, shortSha: sha.slice(0, 7), branch: 'feature/lr' },
    baseRef: 'models',
    job: {
      name: sha.slice(0, 7),
      instanceType: 'ml.g5.xlarge',
      instanceCount: 1,
      spot: false,
      maxRuntimeSeconds: 3600,
      image: { kind: 'build', uri: `r/x:${sha.slice(0, 7)}`, contentKey: 'k'.repeat(64) }
    },
    hyperparameters: { file: 'deploy/train-config.yaml', diff: diffHyperparameters(base, head), baseHasFile: true }
  }
  return renderPlanComment(input)
}

describe('upsertPlanComment against GitHub’s REST API (local stand-in)', () => {
  let fake: FakeGitHub
  let octokit: ReturnType<typeof github.getOctokit>
  let repo: string
  beforeAll(async () => {
    fake = await startFakeGitHub()
    octokit = github.getOctokit('test-token', { baseUrl: fake.url })
  })
  afterAll(() => fake?.close())
  beforeEach(() => {
    // A repository of its own per test: no comment of one test is seen by another.
    repo = `dogs-${++repoCounter}`
  })

  const comments = (pr: number): Json[] =>
    fake
      .repository(`${OWNER}/${repo}`)
      .comments.filter((c) => c.issueNumber === pr)
      .map((c) => c.data)

  /** Adds a comment through the API, then makes it look written by `login` (a person or another bot). */
  async function seedComment(pr: number, body: string, login?: string, type = 'User'): Promise<number> {
    const { data } = await octokit.rest.issues.createComment({ owner: OWNER, repo, issue_number: pr, body })
    if (login) {
      const stored = fake.repository(`${OWNER}/${repo}`).comments.find((c) => c.data.id === data.id)!
      stored.data.user = { ...stored.data.user, login, type, id: 5_000_000 + data.id }
      stored.data.performed_via_github_app = null
    }
    return data.id
  }

  it('creates the comment on the first push and edits that same comment on the next one', async () => {
    const first = planBody(repo, HEAD_1, '0.0003')
    const created = await upsertPlanComment(octokit, { owner: OWNER, repo, pullNumber: 7, marker: MARKER, body: first })
    expect(created.action).toBe('created')
    expect(created.url).toContain(`/issues/7#issuecomment-${created.commentId}`)
    expect(comments(7).map((c) => c.body)).toEqual([first])

    const second = planBody(repo, HEAD_2, '0.0001')
    const updated = await upsertPlanComment(octokit, {
      owner: OWNER,
      repo,
      pullNumber: 7,
      marker: MARKER,
      body: second
    })
    expect(updated).toMatchObject({ action: 'updated', commentId: created.commentId })
    expect(comments(7)).toHaveLength(1)
    expect(comments(7)[0].body).toBe(second)
    expect(second).toContain('<code>0.0001</code>')
    expect(second).toContain(HEAD_2.slice(0, 7))

    // The same plan again (a rerun): nothing to write.
    const again = await upsertPlanComment(octokit, { owner: OWNER, repo, pullNumber: 7, marker: MARKER, body: second })
    expect(again).toMatchObject({ action: 'unchanged', commentId: created.commentId })
    expect(fake.callsTo('issues/update-comment').filter((c) => c.params.repo === repo)).toHaveLength(1)
    expect(fake.callsTo('issues/create-comment').filter((c) => c.params.repo === repo)).toHaveLength(1)
  })

  it('leaves other comments alone and keeps one comment per job config', async () => {
    const human = await seedComment(7, 'Looks good, but try a smaller lr?', 'octocat')
    const otherBot = await seedComment(7, 'Coverage: 93%', 'codecov[bot]', 'Bot')
    const gpu = planMarker('deploy/gpu-job-config.yaml')
    await upsertPlanComment(octokit, {
      owner: OWNER,
      repo,
      pullNumber: 7,
      marker: MARKER,
      body: planBody(repo, HEAD_1, '0.1')
    })
    await upsertPlanComment(octokit, { owner: OWNER, repo, pullNumber: 7, marker: gpu, body: 'GPU plan' })
    await upsertPlanComment(octokit, {
      owner: OWNER,
      repo,
      pullNumber: 7,
      marker: MARKER,
      body: planBody(repo, HEAD_2, '0.2')
    })
    await upsertPlanComment(octokit, { owner: OWNER, repo, pullNumber: 7, marker: gpu, body: 'GPU plan, second push' })
    // Another pull request of the same repository gets its own.
    await upsertPlanComment(octokit, {
      owner: OWNER,
      repo,
      pullNumber: 8,
      marker: MARKER,
      body: planBody(repo, HEAD_1, '0.3')
    })

    const bodies = comments(7).map((c) => c.body as string)
    expect(bodies).toHaveLength(4)
    expect(bodies[0]).toBe('Looks good, but try a smaller lr?')
    expect(bodies[1]).toBe('Coverage: 93%')
    expect(bodies.filter((b) => carriesMarker(b, MARKER))).toEqual([planBody(repo, HEAD_2, '0.2')])
    // The body is made to start with its marker when it does not.
    expect(bodies.filter((b) => carriesMarker(b, gpu))).toEqual([`${gpu}\nGPU plan, second push`])
    expect(comments(8)).toHaveLength(1)
    const ids = comments(7).map((c) => c.id)
    expect(ids.slice(0, 2)).toEqual([human, otherBot])
  })

  it('finds its comment on a later page of a long conversation', async () => {
    for (let i = 0; i < 230; i++) await seedComment(9, `comment ${i}`, i % 2 ? 'octocat' : undefined)
    const ours = await seedComment(9, `${MARKER}\nold plan`)
    for (let i = 0; i < 20; i++) await seedComment(9, `late comment ${i}`, 'octocat')
    const listBefore = fake.callsTo('issues/list-comments').length

    const outcome = await upsertPlanComment(octokit, {
      owner: OWNER,
      repo,
      pullNumber: 9,
      marker: MARKER,
      body: `${MARKER}\nnew plan`
    })
    expect(outcome).toMatchObject({ action: 'updated', commentId: ours })
    const lists = fake.callsTo('issues/list-comments').slice(listBefore)
    expect(lists.map((c) => c.query)).toEqual([
      { per_page: 100, page: 1 },
      { per_page: 100, page: 2 },
      { per_page: 100, page: 3 }
    ])
    expect(comments(9)).toHaveLength(251)
    expect(
      comments(9)
        .filter((c) => carriesMarker(c.body, MARKER))
        .map((c) => c.body)
    ).toEqual([`${MARKER}\nnew plan`])
  })

  it('reads every page when no comment is there yet, then creates one', async () => {
    for (let i = 0; i < 101; i++) await seedComment(10, `comment ${i}`)
    const listBefore = fake.callsTo('issues/list-comments').length
    const outcome = await upsertPlanComment(octokit, {
      owner: OWNER,
      repo,
      pullNumber: 10,
      marker: MARKER,
      body: `${MARKER}\nplan`
    })
    expect(outcome.action).toBe('created')
    expect(fake.callsTo('issues/list-comments').slice(listBefore)).toHaveLength(2)
    expect(comments(10)).toHaveLength(102)
  })

  it('prefers the comment of the same bot, then any bot, and never edits a person’s', async () => {
    const quoted = await seedComment(11, `${MARKER}\nI copied this plan`, 'octocat')
    const byApp = await seedComment(11, `${MARKER}\nplan by an app`, 'trainer-app[bot]', 'Bot')
    const byActions = await seedComment(11, `${MARKER}\nplan by the workflow token`)
    const target = { owner: OWNER, repo, pullNumber: 11, marker: MARKER }

    expect((await findPlanComment(octokit, target))?.id).toBe(byActions)
    expect((await findPlanComment(octokit, { ...target, author: 'trainer-app[bot]' }))?.id).toBe(byApp)
    // A person's token: their own comment is theirs to edit.
    expect((await findPlanComment(octokit, { ...target, author: 'octocat' }))?.id).toBe(quoted)

    const outcome = await upsertPlanComment(octokit, { ...target, author: 'someone-else[bot]', body: `${MARKER}\nnew` })
    // No comment of that author: the oldest bot comment is taken over rather than a third one made.
    expect(outcome).toMatchObject({ action: 'updated', commentId: byApp })
    const bodies = comments(11).map((c) => c.body)
    expect(bodies).toEqual([`${MARKER}\nI copied this plan`, `${MARKER}\nnew`, `${MARKER}\nplan by the workflow token`])

    // Only a person's comment carries the marker: a comment of our own is created beside it.
    const onlyHuman = { owner: OWNER, repo, pullNumber: 12, marker: MARKER }
    await seedComment(12, `${MARKER}\nquoted`, 'octocat')
    expect(await findPlanComment(octokit, onlyHuman)).toBeUndefined()
    expect((await upsertPlanComment(octokit, { ...onlyHuman, body: `${MARKER}\nours` })).action).toBe('created')
    expect(comments(12).map((c) => c.body)).toEqual([`${MARKER}\nquoted`, `${MARKER}\nours`])
  })

  it('recognises its marker only as a comment’s first line', () => {
    expect(carriesMarker(`${MARKER}\nbody`, MARKER)).toBe(true)
    expect(carriesMarker(`${MARKER}\r\nbody`, MARKER)).toBe(true)
    expect(carriesMarker(`  ${MARKER}  \nbody`, MARKER)).toBe(true)
    expect(carriesMarker(MARKER, MARKER)).toBe(true)
    expect(carriesMarker(`> ${MARKER}\nquoted`, MARKER)).toBe(false)
    expect(carriesMarker(`text\n${MARKER}`, MARKER)).toBe(false)
    expect(carriesMarker(`${planMarker('deploy/other.yaml')}\nbody`, MARKER)).toBe(false)
    expect(carriesMarker(undefined, MARKER)).toBe(false)
  })
})
