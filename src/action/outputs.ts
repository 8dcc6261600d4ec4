/**
 * The one place that sets the step's outputs, from the run's result. Called at each point
 * where more became known (after the plan, the image, the job's creation, the wait), so a
 * run cancelled half-way still has what it learned; an output is written again only when
 * its value changed.
 */
import * as core from '@actions/core'
import { Output, type OutputName } from './names.js'
import type { RunResult } from './result.js'
import { metricsJson } from '../job/baseline.js'

const written = new Map<OutputName, string>()

/** The outputs the result can fill so far. */
export function outputsOf(result: RunResult): Partial<Record<OutputName, string>> {
  const out: Partial<Record<OutputName, string>> = {}
  const { commit, image, job } = result
  if (commit) {
    out[Output.Sha] = commit.sha
    out[Output.ShortSha] = commit.shortSha
  }
  if (result.arguments) out[Output.ContainerArguments] = JSON.stringify(result.arguments.args)
  if (image) {
    out[Output.Image] = image.uri
    if (image.digest) out[Output.ImageDigest] = image.digest
    if (image.built !== undefined) out[Output.ImageBuilt] = String(image.built)
    if (image.commit) out[Output.ImageCommit] = image.commit
  }
  // A run that stopped before any job existed says so, and names no job, links or artifacts.
  if (!result.dryRun && result.error && (!job?.status || job.status === 'NotSubmitted'))
    out[Output.JobStatus] = 'NotSubmitted'
  else if (job?.status && job.status !== 'NotSubmitted') {
    out[Output.JobName] = job.name
    out[Output.ConsoleUrl] = job.consoleUrl
    out[Output.LogsUrl] = job.logsUrl
    out[Output.JobStatus] = job.status
    if (job.arn) out[Output.JobArn] = job.arn
    if (job.arn) out[Output.JobAttached] = String(job.attached === true)
    if (job.modelArtifacts) out[Output.ModelArtifacts] = job.modelArtifacts
    if (job.waited) out[Output.FinalMetrics] = metricsJson(job.metrics)
  }
  if (result.baseline) {
    out[Output.BaselineJob] = result.baseline.jobName
    out[Output.BaselineMetrics] = metricsJson(result.baseline.metrics)
  }
  if (result.gates)
    out[Output.Gates] = JSON.stringify(
      result.gates.map((g) => ({
        rule: g.rule.text,
        status: g.status,
        ...(g.value !== undefined && Number.isFinite(g.value) ? { value: g.value } : {}),
        ...(g.bound !== undefined && Number.isFinite(g.bound) ? { bound: g.bound } : {}),
        message: g.message
      }))
    )
  if (result.planComment?.url) out[Output.PlanComment] = result.planComment.url
  return out
}

/** Writes what changed since the last call. */
export function publishOutputs(result: RunResult): void {
  for (const [name, value] of Object.entries(outputsOf(result)) as [OutputName, string][]) {
    if (written.get(name) === value) continue
    written.set(name, value)
    core.setOutput(name, value)
  }
}
