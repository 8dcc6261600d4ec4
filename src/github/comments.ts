/**
 * One plan comment per pull request and job config, kept up to date: each run finds the
 * comment carrying its marker and edits it, and creates one only when there is none. A
 * pull request's conversation therefore shows the newest plan in one place, however many
 * times the branch is pushed.
 */
import type { GitHubClient, IssueComment } from './client.js'

/** The account a workflow's GITHUB_TOKEN writes as. */
export const ACTIONS_BOT = 'github-actions[bot]'

/** Where the comment goes and what it says. */
export interface PlanCommentTarget {
  owner: string
  repo: string
  pullNumber: number
  /** The hidden first line that identifies the comment (see `planMarker`). */
  marker: string
  /** The whole body; it is made to start with the marker if it does not already. */
  body: string
  /**
   * The login the comments are written as: `github-actions[bot]` (the default) for the
   * workflow's GITHUB_TOKEN, `<app>[bot]` for a GitHub App's token, a person's login for theirs.
   */
  author?: string
}

/** What the upsert did. */
export interface UpsertOutcome {
  action: 'created' | 'updated' | 'unchanged'
  commentId: number
  /** The comment's page, when GitHub said. */
  url?: string
}

/**
 * The login comments made with `token` are written as, when it is not a bot's: a workflow's
 * GITHUB_TOKEN and a GitHub App's installation token (both `ghs_…`) write as a bot, which
 * `findPlanComment` recognises anyway; a person's token (a personal access token) writes as
 * that person, who must be asked (`GET /user`) or every run would add another comment.
 * Undefined when that cannot be known.
 */
export async function commentAuthor(client: GitHubClient, token: string): Promise<string | undefined> {
  if (token.startsWith('ghs_')) return undefined
  try {
    return (await client.rest.users.getAuthenticated()).data.login
  } catch {
    return undefined
  }
}

/** Comments listed per request: GitHub's largest page. */
const PAGE_SIZE = 100

/** True when `body` is a comment of this marker: the marker is its first line. */
export function carriesMarker(body: string | undefined, marker: string): boolean {
  if (!body) return false
  const first = body.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0]
  return first.trim() === marker
}

/**
 * Finds the comment of `marker`, reading the pull request's comments page by page. Of several,
 * the oldest one written by `author` wins; else the oldest written by any bot (the same
 * workflow with another token). A person's comment is never chosen, even if it quotes the
 * marker: the action does not edit what people wrote.
 */
export async function findPlanComment(
  client: GitHubClient,
  target: Pick<PlanCommentTarget, 'owner' | 'repo' | 'pullNumber' | 'marker' | 'author'>
): Promise<IssueComment | undefined> {
  const author = (target.author ?? ACTIONS_BOT).toLowerCase()
  let byBot: IssueComment | undefined
  for (let page = 1; ; page++) {
    const response = await client.rest.issues.listComments({
      owner: target.owner,
      repo: target.repo,
      issue_number: target.pullNumber,
      per_page: PAGE_SIZE,
      page
    })
    for (const comment of response.data) {
      if (!carriesMarker(comment.body, target.marker)) continue
      // The first comment of this author is the one: no need to read further pages.
      if (comment.user?.login.toLowerCase() === author) return comment
      if (!byBot && comment.user?.type === 'Bot') byBot = comment
    }
    if (!hasNextPage(response.headers.link) || response.data.length === 0) return byBot
  }
}

/** True when a `link` header names a next page. */
function hasNextPage(link: string | undefined): boolean {
  return link !== undefined && /<[^>]*>;\s*rel="?next"?/.test(link)
}

/**
 * Edits the pull request's comment of `target.marker` to say `target.body`, or creates it
 * when there is none; an identical comment is left as it is. Never makes a second comment
 * of the same marker. Errors (a missing permission, say) are thrown as Octokit threw them.
 */
export async function upsertPlanComment(client: GitHubClient, target: PlanCommentTarget): Promise<UpsertOutcome> {
  const body = carriesMarker(target.body, target.marker) ? target.body : `${target.marker}\n${target.body}`
  const { owner, repo } = target
  const found = await findPlanComment(client, target)
  if (found) {
    if (found.body === body) return { action: 'unchanged', commentId: found.id, url: found.html_url }
    const { data } = await client.rest.issues.updateComment({ owner, repo, comment_id: found.id, body })
    return { action: 'updated', commentId: data.id, url: data.html_url }
  }
  const { data } = await client.rest.issues.createComment({ owner, repo, issue_number: target.pullNumber, body })
  return { action: 'created', commentId: data.id, url: data.html_url }
}
