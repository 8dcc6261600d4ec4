/**
 * What the GitHub code needs of a REST client, written out as a shape rather than imported
 * from Octokit: the modules in this folder stay free of `@actions/*` (only src/action/github.ts
 * makes a client), and a test can hand them the real Octokit pointed at a local server.
 * `@actions/github`'s `getOctokit(token)` gives an object of this shape.
 */

/** The parts of an answer the callers read. */
export interface GitHubResponse<T> {
  status: number
  data: T
  /** `link` names the next page of a list, when there is one. */
  headers: { link?: string }
}

/** The account that wrote a comment: `github-actions[bot]` for a workflow's GITHUB_TOKEN. */
export interface GitHubAccount {
  login: string
  /** `User`, `Bot` or `Organization`. */
  type?: string
}

/** A comment on an issue or a pull request's conversation, as far as it is read here. */
export interface IssueComment {
  id: number
  body?: string
  user: GitHubAccount | null
  html_url?: string
}

/** A git reference (`refs/tags/trained/abc1234`) and the object it points at. */
export interface GitRef {
  ref: string
  object: { sha: string; type: string }
}

/** The states GitHub allows a commit status to have. */
export type CommitState = 'pending' | 'success' | 'failure' | 'error'

// A type alias, not an interface: Octokit's parameters take any extra key (an index signature),
// which TypeScript grants to object type aliases only.
type RepositoryParams = {
  owner: string
  repo: string
}

/** The REST calls this folder makes, with Octokit's parameter names. */
export interface GitHubClient {
  rest: {
    issues: {
      listComments(
        params: RepositoryParams & { issue_number: number; per_page?: number; page?: number }
      ): Promise<GitHubResponse<IssueComment[]>>
      createComment(
        params: RepositoryParams & { issue_number: number; body: string }
      ): Promise<GitHubResponse<IssueComment>>
      updateComment(
        params: RepositoryParams & { comment_id: number; body: string }
      ): Promise<GitHubResponse<IssueComment>>
    }
    git: {
      createRef(params: RepositoryParams & { ref: string; sha: string }): Promise<GitHubResponse<GitRef>>
      getRef(params: RepositoryParams & { ref: string }): Promise<GitHubResponse<GitRef>>
    }
    users: {
      getAuthenticated(): Promise<GitHubResponse<GitHubAccount>>
    }
    repos: {
      createCommitStatus(
        params: RepositoryParams & {
          sha: string
          state: CommitState
          target_url?: string
          description?: string
          context?: string
        }
      ): Promise<GitHubResponse<{ id: number; state: string }>>
    }
  }
}
