/**
 * The pull-request comment that says what merging the pull request would train: the head
 * commit, the image (reused, and whose build, or to be built), the instances, the limits, what
 * the pull request changes in the Hydra config, every problem and warning, and the base
 * branch's last metrics when known. A broken configuration shows its problems instead.
 *
 * The comment starts with a hidden marker naming the job config file, so the next run finds
 * and edits the same comment, and two workflows (two job configs) on one pull request keep
 * one comment each. Everything that came from users or AWS is escaped (see text.ts), and the
 * comment is kept within GitHub's limit by leaving out diff rows first, with a note.
 */
import type { Settings } from '../config/settings.js'
import type { ImagePreview } from '../image/preview.js'
import type { HydraValue } from '../hydra/value.js'
import type { Problem } from '../problems.js'
import {
  formatHydraValue,
  pythonTypeName,
  type HyperparameterChange,
  type HyperparameterDiff
} from './hyperparameter-diff.js'
import { code, commitUrl, escapeText, fileUrl, formatDuration, formatMetric, link, prose, shorten } from '../text.js'

/** GitHub refuses a comment body longer than this many characters. */
export const MAX_COMMENT_LENGTH = 65536

/** What every marker starts with. */
export const MARKER_PREFIX = '<!-- train-on-push:plan '

/** Keys and values longer than this are shortened in the diff table. */
const MAX_CELL = 300
/** Problem, warning and error texts longer than this are shortened. */
const MAX_MESSAGE = 1500
/** A diff with more rows than this is folded under a `<details>`. */
const FOLD_ROWS = 30

/**
 * The hidden line that identifies the plan comment of one job config file:
 * `<!-- train-on-push:plan deploy/sagemaker-job-config.yaml -->`. Characters that could end
 * the HTML comment or confuse a reader (anything but letters, digits, `.`, `_`, `/`, `-`, and
 * a second `-` in a row) are percent-encoded.
 */
export function planMarker(jobConfigFile: string): string {
  const safe = Array.from(jobConfigFile.replace(/^\.\//, ''))
    .map((c) => (/^[A-Za-z0-9._/-]$/.test(c) ? c : encodeURIComponent(c).replace(/[!'()*~]/g, percent)))
    .join('')
    .replace(/-(?=-)/g, '%2D')
  return `${MARKER_PREFIX}${safe} -->`
}

function percent(c: string): string {
  return `%${c.charCodeAt(0).toString(16).toUpperCase()}`
}

/** Where the job's image comes from. */
export type PlannedImage =
  /** An image built from exactly the same content by another commit is tagged and used. */
  | { kind: 'reused-by-content'; uri: string; builtBy: string }
  /** The commit's own tag is already in the repository. */
  | { kind: 'reused-tag'; uri: string }
  /** Nothing with this content exists yet: it will be built. */
  | { kind: 'build'; uri: string; contentKey: string }
  /** The registry was not asked (plan mode makes no AWS call): what happens depends on what it holds then. */
  | { kind: 'unchecked'; uri: string; contentKey: string; reuseByContent: boolean; reuseExistingTag: boolean }

/** A dry run's image preview as a planned image that was not looked up. */
export function plannedImageFromPreview(preview: ImagePreview): PlannedImage {
  return {
    kind: 'unchecked',
    uri: preview.uri,
    contentKey: preview.contentKey,
    reuseByContent: preview.reuseByContent,
    reuseExistingTag: preview.reuseExistingTag
  }
}

/** The job the pull request's head commit would run. */
export interface PlannedJob {
  /** The job name this head commit gets (a merge trains the commit that lands, named after it). */
  name: string
  instanceType: string
  instanceCount: number
  spot: boolean
  maxRuntimeSeconds: number
  maxWaitSeconds?: number
  image: PlannedImage
}

/** The planned job from the checked settings and the plan's job name. */
export function plannedJob(settings: Settings, jobName: string, image: PlannedImage): PlannedJob {
  const c = settings.config
  return {
    name: jobName,
    instanceType: c.instanceType,
    instanceCount: c.instanceCount,
    spot: c.spot,
    maxRuntimeSeconds: c.maxRuntimeSeconds,
    ...(c.spot && c.maxWaitSeconds !== undefined ? { maxWaitSeconds: c.maxWaitSeconds } : {}),
    image
  }
}

/** The hyperparameter part: a diff against the base branch, or why there is none. */
export type HyperparameterSection =
  | {
      /** The Hydra config file, relative to the repository. */
      file: string
      diff: HyperparameterDiff
      /** False when the base branch has no such file (every key is then added). */
      baseHasFile: boolean
    }
  | { file: string; unavailable: string }

/** The base branch's last training run (the job config's baseline, `Baseline` in src/job/baseline.ts, fits). */
export interface BaseRunMetrics {
  jobName: string
  /** The commit it trained. */
  sha?: string
  /** The workflow run that made it. */
  runUrl?: string
  consoleUrl?: string
  status?: string
  /** Its final metrics; NaN reads as `NaN`. */
  metrics: readonly { name: string; value: number }[]
}

/** Everything the comment shows; only the commit, the branches and the marker's file are required. */
export interface PlanCommentInput {
  /** The job config file: names the marker (see `planMarker`). */
  jobConfigFile: string
  /** `https://github.com` (GITHUB_SERVER_URL). */
  serverUrl: string
  /** `owner/name` */
  repository: string
  /** The pull request's head commit and branch. */
  head: { sha: string; shortSha: string; branch: string }
  /** The branch the pull request merges into (`models`). */
  baseRef: string
  /** The workflow run that wrote the comment. */
  runUrl?: string
  /** The planned job; absent when the configuration has problems. */
  job?: PlannedJob
  hyperparameters?: HyperparameterSection
  /** Configuration problems: the comment then says that merging would not train. */
  problems?: readonly Problem[]
  /** What stopped the plan, when it is not a configuration problem. */
  error?: string
  warnings?: readonly string[]
  baseRun?: BaseRunMetrics
}

/** How many rows of each list made it into the comment (for the length limit). */
interface Shown {
  diff: number
  warnings: number
  problems: number
}

/** Renders the comment's Markdown, within `maxLength` characters (GitHub's limit by default). Pure. */
export function renderPlanComment(input: PlanCommentInput, options: { maxLength?: number } = {}): string {
  const maxLength = options.maxLength ?? MAX_COMMENT_LENGTH
  const all: Shown = {
    diff: input.hyperparameters && 'diff' in input.hyperparameters ? input.hyperparameters.diff.changes.length : 0,
    warnings: input.warnings?.length ?? 0,
    problems: input.problems?.length ?? 0
  }
  let body = assemble(input, all)
  if (body.length <= maxLength) return body

  // Leave out diff rows first, then warnings, then problems: as many as fit, found by bisection.
  const shown = { ...all }
  for (const part of ['diff', 'warnings', 'problems'] as const) {
    shown[part] = largestFitting(all[part], (n) => assemble(input, { ...shown, [part]: n }).length <= maxLength)
    body = assemble(input, shown)
    if (body.length <= maxLength) return body
  }
  // Only the fixed parts are left and they still do not fit (a tiny limit): cut, on a code point.
  const note = '\n\n_(cut to fit the comment length limit)_'
  const kept = body.slice(0, Math.max(0, maxLength - note.length)).replace(/[\uD800-\uDBFF]$/, '')
  return `${kept}${note}`.slice(0, maxLength)
}

/** The largest n in [0, max] with fits(n), given fits is true up to some n and false after. */
function largestFitting(max: number, fits: (n: number) => boolean): number {
  let lo = 0
  let hi = max
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    if (fits(mid)) lo = mid
    else hi = mid - 1
  }
  return lo
}

function assemble(input: PlanCommentInput, shown: Shown): string {
  const broken = (input.problems?.length ?? 0) > 0 || input.error !== undefined || !input.job
  const blocks: string[] = [planMarker(input.jobConfigFile)]
  const head = code(input.head.shortSha)
  const base = code(input.baseRef)
  if (broken) {
    blocks.push(`### ❌ Training plan for ${head}: the configuration has problems`)
    blocks.push(
      `Merging this pull request into ${base} as it is would not train: the run would stop before building or submitting anything.`
    )
    blocks.push(problemList(input, shown))
    blocks.push(facts(input))
  } else {
    blocks.push(`### 🧭 Training plan for ${head}`)
    blocks.push(
      `Merging this pull request into ${base} trains the code and configs of its head commit ${commitLink(input)} ` +
        `(job config ${code(input.jobConfigFile)}). Nothing was built or submitted for this pull request.`
    )
    blocks.push(facts(input))
  }
  if (input.hyperparameters) blocks.push(...hyperparameterBlocks(input, shown.diff))
  const warnings = input.warnings ?? []
  if (warnings.length > 0) {
    const items = warnings.slice(0, shown.warnings).map((w) => `<li>${prose(shorten(w, MAX_MESSAGE))}</li>`)
    blocks.push(
      `#### ⚠️ Warnings`,
      `<ul>\n${items.join('\n')}\n</ul>${omitted(warnings.length - shown.warnings, 'warning')}`
    )
  }
  if (input.baseRun) blocks.push(...baseRunBlocks(input, input.baseRun))
  const by = input.runUrl ? ` by ${link(input.runUrl, 'this workflow run')}` : ''
  blocks.push(`<sub>Updated for ${commitLink(input)}${by} · train-on-push</sub>`)
  return blocks.filter((b) => b !== '').join('\n\n') + '\n'
}

function commitLink(input: PlanCommentInput): string {
  return link(commitUrl(input.serverUrl, input.repository, input.head.sha), code(input.head.shortSha))
}

function omitted(count: number, what: string): string {
  if (count <= 0) return ''
  return `\n\n<p><em>… and ${count} more ${what}${count === 1 ? '' : 's'}, left out to keep this comment within GitHub's ${MAX_COMMENT_LENGTH.toLocaleString('en-US')}-character limit.</em></p>`
}

function problemList(input: PlanCommentInput, shown: Shown): string {
  const problems = input.problems ?? []
  const items = problems.slice(0, shown.problems).map((p) => {
    const where =
      p.file && p.line
        ? link(fileUrl(input.serverUrl, input.repository, input.head.sha, p.file, p.line), code(p.where))
        : code(p.where)
    return `<li>${where}: ${prose(shorten(p.message, MAX_MESSAGE))}</li>`
  })
  if (input.error !== undefined && problems.length === 0)
    items.push(`<li>${prose(shorten(input.error, MAX_MESSAGE))}</li>`)
  if (problems.length === 0 && input.error === undefined) items.push('<li>No job was planned.</li>')
  return `<ul>\n${items.join('\n')}\n</ul>${omitted(problems.length - shown.problems, 'problem')}`
}

function row(name: string, value: string): string {
  return `<tr><th align="left">${name}</th><td>${value}</td></tr>`
}

function facts(input: PlanCommentInput): string {
  const rows = [
    row('Commit', `${commitLink(input)} on ${code(input.head.branch || '(detached)')} → ${code(input.baseRef)}`)
  ]
  const job = input.job
  if (job) {
    rows.push(
      row(
        'Job',
        `${code(job.name)} for this head commit; a merge trains the commit that lands on ${code(input.baseRef)}, under its own name`
      )
    )
    rows.push(row('Image', imageText(input, job.image)))
    const spot = job.spot
      ? `, managed spot${job.maxWaitSeconds !== undefined ? ` (waits for capacity up to ${formatDuration(job.maxWaitSeconds)} in all)` : ''}`
      : ', on-demand'
    rows.push(row('Instances', `${code(job.instanceType)} × ${job.instanceCount}${spot}`))
    rows.push(row('Max runtime', escapeText(formatDuration(job.maxRuntimeSeconds))))
  }
  return `<table>\n${rows.join('\n')}\n</table>`
}

function imageText(input: PlanCommentInput, image: PlannedImage): string {
  const uri = code(image.uri)
  switch (image.kind) {
    case 'reused-by-content': {
      const by = link(commitUrl(input.serverUrl, input.repository, image.builtBy), code(image.builtBy.slice(0, 7)))
      return `${uri}: reused, built from exactly the same content by commit ${by}; nothing to build`
    }
    case 'reused-tag':
      return `${uri}: already in the registry for this commit; nothing to build`
    case 'build':
      return `${uri}: to be built (no image with content key ${code(image.contentKey.slice(0, 12))} yet)`
    case 'unchecked': {
      const ways = [
        image.reuseByContent ? `an image with content key ${code(image.contentKey.slice(0, 12))} is reused` : '',
        image.reuseExistingTag ? 'an image already tagged for this commit is reused' : ''
      ].filter(Boolean)
      return ways.length > 0
        ? `${uri}: ${ways.join('; else ')}; else it is built (the registry was not asked for this plan)`
        : `${uri}: always built (reuse-by-content and skip-existing-image are off)`
    }
  }
}

function valueCell(value: HydraValue | undefined, missing: string): string {
  if (value === undefined) return `<em>${missing}</em>`
  return code(shorten(formatHydraValue(value), MAX_CELL))
}

function changeRow(change: HyperparameterChange): string {
  const typeNote =
    change.base !== undefined && change.head !== undefined && change.base.kind !== change.head.kind
      ? `<br><sub>${pythonTypeName(change.base)} → ${pythonTypeName(change.head)}</sub>`
      : ''
  return (
    `<tr><td>${change.kind}</td><td>${code(shorten(change.key, MAX_CELL))}</td>` +
    `<td>${valueCell(change.base, 'not set')}</td><td>${valueCell(change.head, 'removed')}${typeNote}</td></tr>`
  )
}

function hyperparameterBlocks(input: PlanCommentInput, shownRows: number): string[] {
  const section = input.hyperparameters!
  const base = code(input.baseRef)
  const title = `#### Hyperparameters: ${code(section.file)} against ${base}`
  if ('unavailable' in section)
    return [title, `Not compared with ${base}: ${prose(shorten(section.unavailable, MAX_MESSAGE))}`]
  const { diff, baseHasFile } = section
  const lead = baseHasFile ? '' : `${base} has no ${code(section.file)}: every key is new. `
  if (diff.changes.length === 0) return [title, `${lead}No hyperparameter changes.`]
  const counts = [
    diff.changed.length > 0 ? `${diff.changed.length} changed` : '',
    diff.added.length > 0 ? `${diff.added.length} added` : '',
    diff.removed.length > 0 ? `${diff.removed.length} removed` : ''
  ]
    .filter(Boolean)
    .join(', ')
  const rows = diff.changes.slice(0, shownRows).map(changeRow)
  const table =
    `<table>\n<tr><th align="left"></th><th align="left">Key</th><th align="left">${base}</th><th align="left">this pull request</th></tr>\n` +
    `${rows.join('\n')}\n</table>`
  const folded =
    diff.changes.length > FOLD_ROWS ? `<details><summary>${counts}</summary>\n\n${table}\n\n</details>` : table
  return [
    title,
    `${lead}${counts}. Values are shown as Hydra reads them in an override (\`'1'\` is a string, \`1.0\` a float).`,
    folded + omitted(diff.changes.length - shownRows, 'change')
  ]
}

function baseRunBlocks(input: PlanCommentInput, run: BaseRunMetrics): string[] {
  const name = run.consoleUrl ? link(run.consoleUrl, code(run.jobName)) : code(run.jobName)
  const details = [
    run.sha ? `commit ${link(commitUrl(input.serverUrl, input.repository, run.sha), code(run.sha.slice(0, 7)))}` : '',
    run.status ? escapeText(run.status) : '',
    run.runUrl ? link(run.runUrl, 'its workflow run') : ''
  ].filter(Boolean)
  const intro = `Training job ${name}${details.length > 0 ? ` (${details.join(', ')})` : ''}`
  if (run.metrics.length === 0) return [`#### Last run on ${code(input.baseRef)}`, `${intro}: no final metrics.`]
  const rows = run.metrics.map((m) => `<tr><td>${code(m.name)}</td><td>${escapeText(formatMetric(m.value))}</td></tr>`)
  return [
    `#### Last run on ${code(input.baseRef)}`,
    `${intro}:`,
    `<table>\n<tr><th align="left">Metric</th><th align="left">Value</th></tr>\n${rows.join('\n')}\n</table>`
  ]
}
