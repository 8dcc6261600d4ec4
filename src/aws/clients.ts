/**
 * The one place AWS clients are made. The SDKs are imported lazily so a dry run,
 * which never talks to AWS, does not pay for loading them.
 *
 * Credentials and endpoints come from the SDK's default chains, so
 * configure-aws-credentials, AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> all work.
 */
import type { SageMakerClient } from '@aws-sdk/client-sagemaker'
import type { ECRClient } from '@aws-sdk/client-ecr'
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs'

/** Kept equal to package.json's version by a test (the bundle does not read package.json). */
export const VERSION = '0.1.0'
/** Sent with every AWS call, so the calls can be told apart in CloudTrail. */
const USER_AGENT: [string, string] = ['train-on-push', VERSION]

const common = (region: string): { region: string; retryMode: string; customUserAgent: [string, string][] } => ({
  region,
  // Adaptive retries slow the client down under throttling instead of burning attempts.
  retryMode: 'adaptive',
  customUserAgent: [USER_AGENT]
})

export async function sageMakerClient(region: string): Promise<SageMakerClient> {
  const { SageMakerClient } = await import('@aws-sdk/client-sagemaker')
  return new SageMakerClient(common(region))
}

export async function ecrClient(region: string): Promise<ECRClient> {
  const { ECRClient } = await import('@aws-sdk/client-ecr')
  return new ECRClient(common(region))
}

export async function logsClient(region: string): Promise<CloudWatchLogsClient> {
  const { CloudWatchLogsClient } = await import('@aws-sdk/client-cloudwatch-logs')
  return new CloudWatchLogsClient(common(region))
}
