/**
 * Writing text that came from users or AWS into what GitHub renders: a pull request comment,
 * a step summary. Both are Markdown with HTML in it, and GitHub also turns `@name` into a mention (which notifies
 * that person) and `:name:` into an emoji. So user text is:
 * - HTML-escaped, including the characters Markdown would read as syntax (`*`, `_`, `[`,
 *   `\`, `~`, `|`, backquote), as numeric entities that are never syntax themselves;
 * - kept on one source line: a blank line would end the HTML block it stands in and let
 *   the rest be read as Markdown, so line breaks become `<br>`;
 * - inside `<code>` wherever it is a name or a value (GitHub makes no mentions or emoji in
 *   code); in prose, an `@` is followed by an invisible zero-width space, so a branch or key
 *   spelled like someone's login mentions nobody.
 */

const SPECIAL = /[&<>"'`|*_[\]\\~]/g

/** Escapes `text` for HTML and Markdown alike, keeping it on one source line. */
export function escapeText(text: string): string {
  return text.replace(SPECIAL, (c) => `&#${c.charCodeAt(0)};`).replace(/\r\n|\r|\n/g, '<br>')
}

/**
 * Text for a `<pre>` block: escaped like `escapeText`, line breaks kept (a `<pre>` block ends
 * only at `</pre>`, so blank lines in it are safe).
 */
export function preformatted(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(SPECIAL, (c) => `&#${c.charCodeAt(0)};`))
    .join('\n')
}

/** User text in prose: escaped, and no `@` that could mention anyone. */
export function prose(text: string): string {
  return escapeText(text).replace(/@/g, '@&#8203;')
}

/** User text as a name or value. */
export function code(text: string): string {
  return `<code>${escapeText(text)}</code>`
}

/** A link; `href` is escaped like text (it is an attribute value), `inner` is already markup. */
export function link(href: string, inner: string): string {
  return `<a href="${escapeText(href)}">${inner}</a>`
}

/** The first `max` characters of `text` (whole code points) and `…`, or `text` when it is short enough. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text
  const points = Array.from(text)
  if (points.length <= max) return text
  return `${points.slice(0, Math.max(0, max - 1)).join('')}…`
}

/** `43200` → `12h`, `5405` → `1h 30m 5s`, `0` → `0s`; days for 24 hours and more. */
export function formatDuration(seconds: number): string {
  let s = Math.max(0, Math.round(seconds))
  const parts: string[] = []
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60]
  ] as const) {
    if (s >= size) {
      parts.push(`${Math.floor(s / size)}${unit}`)
      s %= size
    }
  }
  if (s > 0 || parts.length === 0) parts.push(`${s}s`)
  return parts.join(' ')
}

/** A metric value as people read it: at most 6 significant digits, no trailing zeros. */
export function formatMetric(value: number): string {
  if (!Number.isFinite(value)) return String(value)
  return String(Number(value.toPrecision(6)))
}

/** `https://github.com/acme/dogs/commit/<sha>` */
export function commitUrl(serverUrl: string, repository: string, sha: string): string {
  return `${serverUrl}/${repository}/commit/${sha}`
}

/** `https://github.com/acme/dogs/blob/<sha>/deploy/a%20b.yaml#L3`: each path segment encoded. */
export function fileUrl(serverUrl: string, repository: string, sha: string, file: string, line?: number): string {
  const path = file
    .replace(/^\.\//, '')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/')
  return `${serverUrl}/${repository}/blob/${sha}/${path}${line ? `#L${line}` : ''}`
}
