/**
 * The one place AWS clients are made. The SDKs are imported lazily so a dry run,
 * which never talks to AWS, does not pay for loading them.
 *
 * Endpoints come from the SDK's default chain, so AWS_ENDPOINT_URL and
 * AWS_ENDPOINT_URL_<SERVICE> work. Credentials come from the SDK's default chain too
 * (what configure-aws-credentials sets), unless `useCredentials` was given a provider:
 * then every client made afterwards signs with it (the action's own, refreshed session
 * of `role-to-assume`, see credentials.ts).
 */
import type { SageMakerClient } from '@aws-sdk/client-sagemaker'
import type { ECRClient } from '@aws-sdk/client-ecr'
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs'
import type { STSClient } from '@aws-sdk/client-sts'

/** Kept equal to package.json's version by a test (the bundle does not read package.json). */
export const VERSION = '0.1.0'
/** Sent with every AWS call, so the calls can be told apart in CloudTrail. */
const USER_AGENT: [string, string] = ['train-on-push', VERSION]

/** Temporary (or long-term) AWS credentials, in the shape the SDK's clients take. */
export interface AwsCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
  /** When AWS stops accepting them; absent for long-term keys. */
  expiration?: Date
}

/** Where clients get their credentials from before each call (the SDK's credential provider shape). */
export type CredentialsProvider = () => Promise<AwsCredentials>

// One setting for the whole process rather than a parameter: clients are made deep inside
// the stages (submit, wait, image publishing, the post step), and all of them must sign
// with the same session, so the action sets it once before its first AWS call.
let provider: CredentialsProvider | undefined

/**
 * Makes every client created from now on sign its calls with `credentials`; undefined goes
 * back to the SDK's default chain. Clients made before keep what they had, so call this
 * before the first AWS call.
 */
export function useCredentials(credentials: CredentialsProvider | undefined): void {
  provider = credentials
}

/** The provider set with `useCredentials`, or undefined when clients use the default chain. */
export function currentCredentials(): CredentialsProvider | undefined {
  return provider
}

/** What every client is made with, credentials aside: the region, the retry mode, the user agent. */
export function clientDefaults(region: string): {
  region: string
  retryMode: string
  customUserAgent: [string, string][]
} {
  return {
    region,
    // Adaptive retries slow the client down under throttling instead of burning attempts.
    retryMode: 'adaptive',
    customUserAgent: [USER_AGENT]
  }
}

const common = (region: string): ReturnType<typeof clientDefaults> & { credentials?: CredentialsProvider } =>
  provider ? { ...clientDefaults(region), credentials: provider } : clientDefaults(region)

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

export async function stsClient(region: string): Promise<STSClient> {
  const { STSClient } = await import('@aws-sdk/client-sts')
  return new STSClient(common(region))
}
