/**
 * Links to a training job in the AWS console. Pure, so the outputs can be set
 * before any call returns and a dry run can show them too.
 *
 * The console lives on a different host per partition: China and GovCloud have
 * their own, and the commercial one is prefixed by the Region.
 */
/** The CloudWatch Logs group SageMaker writes every training job's output to. */
export const LOG_GROUP = '/aws/sagemaker/TrainingJobs'

/** The console origin for a Region, e.g. `https://eu-west-1.console.aws.amazon.com`. */
export function consoleOrigin(region: string): string {
  if (region.startsWith('cn-')) return 'https://console.amazonaws.cn'
  if (region.startsWith('us-gov-')) return 'https://console.amazonaws-us-gov.com'
  return `https://${region}.console.aws.amazon.com`
}

/**
 * The CloudWatch console keeps its route in the fragment and escapes it twice:
 * a percent-encoded character's `%` becomes `$25` (so `/` is `$252F`).
 */
export function cloudWatchFragmentEncode(text: string): string {
  return encodeURIComponent(text).replace(/%/g, '$25')
}

/** The job's page in the SageMaker console. */
export function trainingJobConsoleUrl(region: string, jobName: string): string {
  return `${consoleOrigin(region)}/sagemaker/home?region=${region}#/jobs/${encodeURIComponent(jobName)}`
}

/**
 * The training log group filtered to this job's streams. The filter is
 * `<job>/` rather than `<job>` so that a rerun's `<job>-2` streams are not mixed in.
 */
export function trainingJobLogsUrl(region: string, jobName: string): string {
  const group = cloudWatchFragmentEncode(LOG_GROUP)
  // The route's own `?` and `=` are escaped once (`$3F`, `$3D`), values twice, as the console does.
  const query = `$3FlogStreamNameFilter$3D${cloudWatchFragmentEncode(`${jobName}/`)}`
  return `${consoleOrigin(region)}/cloudwatch/home?region=${region}#logsV2:log-groups/log-group/${group}${query}`
}

/** One instance's log stream (`<job>/algo-1-1700000000`). */
export function logStreamUrl(region: string, streamName: string): string {
  const group = cloudWatchFragmentEncode(LOG_GROUP)
  return `${consoleOrigin(region)}/cloudwatch/home?region=${region}#logsV2:log-groups/log-group/${group}/log-events/${cloudWatchFragmentEncode(streamName)}`
}
