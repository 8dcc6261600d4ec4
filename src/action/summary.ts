/**
 * The step summary, rendered once from the run's result (also when it failed).
 * Everything that came from users or AWS is escaped: a branch name or a failure
 * reason must not be able to inject markup into the page.
 */
import * as core from '@actions/core'
import { formatArgumentsSummary } from '../hydra/index.js'
import { spotSaving } from '../job/outcome.js'
import { code, commitUrl, escapeText, formatDuration, formatMetric, link, preformatted, prose } from '../text.js'
import { WHAT_STOPPED, type RunResult } from './result.js'

function table(rows: [string, string][]): string {
  const body = rows.map(([k, v]) => `<tr><th align="left">${escapeText(k)}</th><td>${v}</td></tr>`).join('\n')
  return `<table>\n${body}\n</table>\n`
}

/**
 * The one line a person reads first: only what really happened. A run that never got to
 * submit a job says what stopped it and never speaks of a failed job.
 */
export function headline(result: RunResult): string {
  const job = result.job
  if (result.pullRequest !== undefined)
    return result.error
      ? `❌ Plan for pull request #${result.pullRequest}: ${result.problems?.length ? 'the configuration has problems' : 'the plan could not be made'}`
      : `🧪 Plan for pull request #${result.pullRequest}: nothing was built or submitted (pull requests never train)`
  if (result.dryRun)
    return result.error ? '❌ Dry run: the configuration has problems' : '🧪 Dry run: nothing was built or submitted'
  if (!job?.status || job.status === 'NotSubmitted')
    return result.error ? `❌ Nothing was submitted: ${WHAT_STOPPED[result.stage]}` : '✅ Nothing to do'
  const name = escapeText(job.name)
  if (job.cancelled)
    return job.status === 'Stopping' || job.status === 'Stopped'
      ? `⏹️ Cancelled: training job ${name} was stopped`
      : `⏹️ Cancelled: training job ${name} keeps running`
  const attached = job.attached ? ' (the identical job already running)' : ''
  switch (job.status) {
    case 'Completed':
      return `✅ Training job ${name} completed${attached}`
    case 'Failed':
      return `❌ Training job ${name} failed${attached}`
    case 'Stopped':
    case 'Stopping':
      return `${result.error ? '❌' : '⏹️'} Training job ${name} ${job.status === 'Stopped' ? 'was stopped' : 'is stopping'}${attached}`
    case 'Submitted':
      return `🚀 Training job ${name} submitted`
    case 'Attached':
      return `🔗 Training job ${name} was already running with the same request: followed it, submitted nothing`
    case 'WaitTimedOut':
      return `⏳ Training job ${name} still running (stopped waiting)${attached}`
    case 'InProgress':
      return result.error
        ? `⚠️ Training job ${name} was submitted, but the run lost track of it`
        : `⏳ Training job ${name} still running${attached}`
    default:
      return `Training job ${name}: ${escapeText(job.status)}`
  }
}

const number = (value: number | undefined): string => (value === undefined ? '' : formatMetric(value))

/** The job's final metrics, next to the branch's last run's when there is one. */
function metricsSection(result: RunResult): string {
  const job = result.job!
  const base = result.baseline
  if (!base || !result.comparisons) {
    const lines = job.metrics.map(
      (m) => `<tr><td>${escapeText(m.name)}</td><td>${escapeText(number(m.value))}</td></tr>`
    )
    return `### Final metrics\n\n<table>\n<tr><th>Metric</th><th>Value</th></tr>\n${lines.join('\n')}\n</table>\n`
  }
  const arrow = { up: '▲', down: '▼', same: '=', new: 'new', missing: 'missing' } as const
  const lines = result.comparisons.map((c) => {
    const diff =
      c.difference === undefined || !Number.isFinite(c.difference)
        ? ''
        : `${c.difference > 0 ? '+' : ''}${number(c.difference)}`
    return `<tr><td>${escapeText(c.name)}</td><td>${escapeText(number(c.value))}</td><td>${escapeText(number(c.baseline))}</td><td>${arrow[c.direction]} ${escapeText(diff)}</td></tr>`
  })
  const from = `${code(base.jobName)}${base.sha ? ` (commit ${code(base.sha.slice(0, 7))})` : ''}`
  return (
    `### Final metrics\n\nCompared with ${from}, the branch's last completed run.\n\n` +
    `<table>\n<tr><th>Metric</th><th>This run</th><th>Baseline</th><th>Change</th></tr>\n${lines.join('\n')}\n</table>\n`
  )
}

/** Renders the summary as the HTML/Markdown mix GitHub shows. Pure. */
export function renderSummary(result: RunResult, serverUrl = 'https://github.com'): string {
  const out: string[] = [`## ${headline(result)}\n`]
  if (result.problems && result.problems.length > 0) {
    const items = result.problems.map((p) => `<li>${code(p.where)}: ${escapeText(p.message)}</li>`)
    out.push(`<ul>\n${items.join('\n')}\n</ul>\n`)
  } else if (result.error) out.push(`<pre>${preformatted(result.error)}</pre>\n`)

  const rows: [string, string][] = []
  const c = result.commit
  if (c) {
    const commitLink = c.repository
      ? link(commitUrl(serverUrl, c.repository, c.sha), escapeText(c.shortSha))
      : code(c.shortSha)
    rows.push([
      'Commit',
      `${commitLink}${c.branch ? ` on ${code(c.branch)}` : ''} (${escapeText(c.eventName || 'run')})`
    ])
    const source = result.source
    if (source?.fromWorktree)
      rows.push([
        'Files',
        `read from commit ${code(c.shortSha)} itself: the checkout was at ${source.head ? code(source.head.slice(0, 7)) : 'no commit'}`
      ])
    if (source && source.uncommitted.length > 0) {
      const files = source.uncommitted.map((f) => `${code(f.path)} (${escapeText(f.change)})`)
      rows.push([
        'Uncommitted',
        `⚠️ ${files.length} file(s) differ from the commit and are part of this run: ${files.slice(0, 20).join(', ')}${files.length > 20 ? ` and ${files.length - 20} more` : ''}`
      ])
    }
  }
  const img = result.image
  if (img) {
    const builtBy = img.commit && c && img.commit !== c.sha ? img.commit : undefined
    const how =
      img.built === undefined
        ? 'planned'
        : img.built
          ? 'built and pushed'
          : img.reused === 'content'
            ? `reused: built from exactly the same content${builtBy ? ` by commit ${code(builtBy.slice(0, 7))}` : ''}, nothing built or pushed`
            : 'reused (already in the registry for this commit)'
    rows.push(['Image', `${code(img.uri)} — ${how}`])
    if (img.digest) rows.push(['Digest', code(img.digest)])
  }
  const preview = result.imagePreview
  if (preview) {
    rows.push(['Tags', preview.tags.map(code).join(', ')])
    rows.push([
      'Content key',
      `${code(preview.contentKey)}${preview.reuseByContent ? ' (an image with this key is reused)' : ''}`
    ])
    rows.push([
      'Build',
      `context ${code(preview.context)}, ${code(preview.dockerfile)}, ${code(preview.platform)}, cache ${code(preview.cache)}`
    ])
    rows.push([
      'Repository',
      `${code(preview.repository)}: ${preview.createRepository ? 'created if it does not exist yet' : 'must already exist'}; ${preview.reuseExistingTag ? 'an image already tagged with the short hash is reused' : 'always built'}`
    ])
  }
  const job = result.job
  if (job) {
    rows.push(['Job', job.arn ? link(job.consoleUrl, escapeText(job.name)) : code(job.name)])
    if (job.attached)
      rows.push(['', 'the identical request (same fingerprint) was already running: followed, not submitted again'])
    rows.push(['Logs', link(job.logsUrl, 'CloudWatch logs')])
    rows.push(['Instances', `${code(job.instanceType)} × ${job.instanceCount}${job.spot ? ' (managed spot)' : ''}`])
    if (job.status)
      rows.push([
        'Status',
        `${escapeText(job.status)}${job.secondaryStatus ? ` / ${escapeText(job.secondaryStatus)}` : ''}`
      ])
    if (job.failureReason) rows.push(['Failure reason', escapeText(job.failureReason)])
    if (job.trainingSeconds !== undefined) rows.push(['Training time', formatDuration(job.trainingSeconds)])
    if (job.billableSeconds !== undefined) {
      const saving = job.spot ? spotSaving(job) : undefined
      const total = job.billableSeconds * job.instanceCount
      rows.push([
        'Billable time',
        `${formatDuration(job.billableSeconds)} × ${job.instanceCount} = ${formatDuration(total)}${saving !== undefined ? ` (spot saved ${saving.toFixed(1)}%)` : ''}`
      ])
    }
    if (job.modelArtifacts) rows.push(['Model artifacts', code(job.modelArtifacts)])
  }
  if (rows.length > 0) out.push(table(rows))

  if (job && job.transitions.length > 0) {
    const lines = job.transitions.map((t) => {
      const took = t.end ? ` (${formatDuration((t.end.getTime() - t.start.getTime()) / 1000)})` : ''
      return `<tr><td>${escapeText(t.start.toISOString().replace('.000Z', 'Z'))}</td><td>${escapeText(t.status)}${took}</td><td>${escapeText(t.message ?? '')}</td></tr>`
    })
    out.push(
      `### Timeline\n\n<table>\n<tr><th>Started</th><th>Status</th><th>Message</th></tr>\n${lines.join('\n')}\n</table>\n`
    )
  }
  if (job && job.metrics.length > 0) {
    out.push(metricsSection(result))
  }
  if (result.gates && result.gates.length > 0) {
    const mark = { passed: '✅', failed: '❌', error: '❌', skipped: '⏭️' } as const
    const lines = result.gates.map(
      (g) =>
        `<tr><td>${mark[g.status]} ${escapeText(g.status)}</td><td>${code(g.rule.text)}</td><td>${escapeText(g.message)}</td></tr>`
    )
    out.push(
      `### Metric gates\n\n<table>\n<tr><th></th><th>Rule</th><th>Result</th></tr>\n${lines.join('\n')}\n</table>\n`
    )
  }
  if (result.successTag) out.push(`Tagged the commit ${code(result.successTag)}.\n`)
  if (result.planComment?.url)
    out.push(
      `${link(result.planComment.url, 'The plan on the pull request')} (${escapeText(result.planComment.action)}).\n`
    )

  if (result.arguments && result.arguments.args.length > 0) out.push(formatArgumentsSummary(result.arguments) + '\n')
  if (result.request && result.dryRun) {
    out.push(
      `<details><summary>CreateTrainingJob request</summary>\n\n<pre>${preformatted(JSON.stringify(result.request, null, 2))}</pre>\n</details>\n`
    )
  }
  if (result.notices.length > 0) out.push(result.notices.map((n) => `> ${prose(n)}`).join('\n>\n') + '\n')
  return out.join('\n')
}

/** Writes the summary; a runner without a summary file (a local run) is not an error. */
export async function writeSummary(result: RunResult): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  await core.summary.addRaw(renderSummary(result, process.env.GITHUB_SERVER_URL || undefined), true).write()
}
