/** The few lines the step log shows when a wait ends. */
import { formatMetric } from '../text.js'
import type { WaitOutcome } from './outcome.js'

/** How the job ended, in lines for the step log, as the SageMaker Python SDK prints them at the end of `fit()`. */
export function reportLines(outcome: WaitOutcome): string[] {
  const count = outcome.instanceCount ?? 1
  const lines = [
    `Training job ${outcome.name}: ${outcome.status}${outcome.secondaryStatus && outcome.secondaryStatus !== outcome.status ? ` (${outcome.secondaryStatus})` : ''}`
  ]
  if (outcome.failureReason) lines.push(`Failure reason: ${outcome.failureReason}`)
  if (outcome.metrics.length > 0) {
    lines.push('Final metrics:')
    for (const m of outcome.metrics) lines.push(`  ${m.name} = ${formatMetric(m.value)}`)
  }
  const times = (label: string, seconds: number | undefined): void => {
    if (seconds === undefined) return
    lines.push(`${label}: ${seconds}${count > 1 ? ` per instance, ${seconds * count} in total` : ''}`)
  }
  times('Training seconds', outcome.trainingSeconds)
  times('Billable seconds', outcome.billableSeconds)
  if (outcome.spotSavingPercent !== undefined)
    lines.push(`Managed spot training saving: ${outcome.spotSavingPercent.toFixed(1)}%`)
  if (outcome.modelArtifacts && outcome.status === 'Completed') lines.push(`Model artifacts: ${outcome.modelArtifacts}`)
  return lines
}

/** What the wait cost in AWS calls, for the debug log: `12 polls: 12 DescribeTrainingJob, 9 FilterLogEvents`. */
export function callsLine(outcome: Pick<WaitOutcome, 'stats'>): string {
  const { polls, describeCalls, logCalls, throttled, errors } = outcome.stats
  const extra = [throttled ? `${throttled} throttled` : '', errors ? `${errors} failed` : ''].filter(Boolean)
  return (
    `Waited through ${polls} poll${polls === 1 ? '' : 's'}: ${describeCalls} DescribeTrainingJob, ${logCalls} FilterLogEvents` +
    (extra.length > 0 ? ` (${extra.join(', ')})` : '')
  )
}
