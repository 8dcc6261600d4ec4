/**
 * Job names: the `job-name` template rendered into a SageMaker-legal name.
 * SageMaker allows 1-63 characters of letters, digits and hyphens, starting and
 * ending with a letter or digit. The short hash is the run's identity, so
 * shortening never cuts into it.
 */

export const JOB_NAME_MAX = 63
export const JOB_NAME_PATTERN = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/
export const TEMPLATE_FIELDS = ['short_sha', 'sha', 'branch', 'repo', 'run_attempt'] as const
export type TemplateField = (typeof TEMPLATE_FIELDS)[number]

interface Segment {
  text: string
  /** How many leading characters must survive shortening (the short hash). */
  keep: number
}

/** Replaces every character SageMaker does not allow in a name with a hyphen. */
export function toNameChars(text: string): string {
  return text.replace(/[^a-zA-Z0-9-]/g, '-')
}

/** Parses a template into literal and field parts; returns the unknown `{fields}` it met. */
export function templateFields(template: string): { unknown: string[]; literalsInvalid: string[] } {
  const unknown: string[] = []
  const literalsInvalid: string[] = []
  for (const part of template.split(/(\{[^{}]*\})/)) {
    if (/^\{[^{}]*\}$/.test(part)) {
      const name = part.slice(1, -1)
      if (!(TEMPLATE_FIELDS as readonly string[]).includes(name)) unknown.push(part)
    } else {
      for (const ch of part) if (!/[a-zA-Z0-9-]/.test(ch)) literalsInvalid.push(ch)
    }
  }
  return { unknown, literalsInvalid: [...new Set(literalsInvalid)] }
}

/**
 * Renders the template. Field values are made name-safe (a branch `models/dog` becomes
 * `models-dog`); when the result is too long, the longest other parts are trimmed first.
 */
export function renderJobName(template: string, values: Record<TemplateField, string>, shortSha: string): string {
  const segments: Segment[] = []
  for (const part of template.split(/(\{[^{}]*\})/)) {
    if (part === '') continue
    const field = /^\{([^{}]*)\}$/.exec(part)?.[1] as TemplateField | undefined
    if (field && field in values) {
      const text = toNameChars(values[field])
      const keep = field === 'short_sha' ? text.length : field === 'sha' ? shortSha.length : 0
      segments.push({ text, keep })
    } else {
      segments.push({ text: toNameChars(part), keep: 0 })
    }
  }
  return fit(segments)
}

/**
 * The name of the n-th attempt at the same job (`abc1234-2`), within 63 characters,
 * trimming the base name around the short hash, never the hash itself.
 */
export function withAttemptSuffix(name: string, attempt: number, shortSha: string): string {
  const suffix = { text: `-${attempt}`, keep: `-${attempt}`.length }
  const at = name.indexOf(shortSha)
  const base: Segment[] =
    at < 0
      ? [{ text: name, keep: 0 }]
      : [
          { text: name.slice(0, at), keep: 0 },
          { text: shortSha, keep: shortSha.length },
          { text: name.slice(at + shortSha.length), keep: 0 }
        ]
  return fit([...base, suffix])
}

function fit(segments: Segment[]): string {
  const total = (): number => segments.reduce((n, s) => n + s.text.length, 0)
  // Trim the longest trimmable segment one character at a time: spreads the loss fairly.
  while (total() > JOB_NAME_MAX) {
    let best = -1
    for (let i = 0; i < segments.length; i++) {
      const room = segments[i].text.length - segments[i].keep
      if (room > 0 && (best < 0 || room > segments[best].text.length - segments[best].keep)) best = i
    }
    if (best < 0) break
    segments[best].text = segments[best].text.slice(0, -1)
  }
  return segments
    .map((s) => s.text)
    .join('')
    .replace(/^-+|-+$/g, '')
}
