/**
 * The git tag `tag-on-success` puts on a commit whose job completed and passed every gate
 * (`trained/{short_sha}`): the story's "tag a specific commit depending on the outcome of its
 * training run". The name is checked like `git check-ref-format` would, before anything runs.
 */

/** The fields a tag template may use. */
export const TAG_FIELDS = ['short_sha', 'sha', 'job_name', 'branch']

/** What is wrong with `name` as a tag name (git's rules), or undefined when nothing is. */
export function gitRefProblem(name: string): string | undefined {
  if (name === '') return 'it is empty'
  if (name.startsWith('/') || name.endsWith('/') || name.includes('//')) return "'/' may not start or end it, or repeat"
  if (name.endsWith('.') || name.endsWith('.lock')) return "it may not end with '.' or '.lock'"
  if (name.includes('..')) return "it may not contain '..'"
  if (name.includes('@{') || name === '@') return "it may not contain '@{' or be '@'"
  // Control characters, space and the characters git reserves.
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(name)) return 'it may not contain spaces, control characters or ~ ^ : ? * [ \\'
  if (name.split('/').some((part) => part.startsWith('.'))) return "no part of it may start with '.'"
  return undefined
}

/** The tag for this run: the template with its fields filled in (branch slashes kept). */
export function renderSuccessTag(
  template: string,
  values: { shortSha: string; sha: string; jobName: string; branch: string }
): string {
  const fields: Record<string, string> = {
    short_sha: values.shortSha,
    sha: values.sha,
    job_name: values.jobName,
    branch: values.branch
  }
  return template.replace(/\{([^{}]*)\}/g, (whole, name: string) => fields[name] ?? whole)
}
