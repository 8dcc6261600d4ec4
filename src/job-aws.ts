/**
 * Small helpers around the SageMaker and CloudWatch Logs calls the job lifecycle
 * makes: how to read an SDK error, and the two calls (describe, stop) that both
 * the main and the post step need. The SDK is loaded lazily, as in aws-clients.ts.
 */
import type { SageMakerClient, DescribeTrainingJobCommandOutput } from '@aws-sdk/client-sagemaker'

/** What the SDK puts on the errors it throws (modelled or not). */
interface SdkErrorFields {
  name?: string
  message?: string
  code?: string
  $fault?: 'client' | 'server'
  $metadata?: { httpStatusCode?: number; attempts?: number }
  $retryable?: { throttling?: boolean }
}

const fields = (error: unknown): SdkErrorFields =>
  typeof error === 'object' && error !== null ? (error as SdkErrorFields) : {}

/** The service's error code (`ResourceInUse`, `ThrottlingException`, ...), or the JS error name. */
export function errorName(error: unknown): string {
  return fields(error).name ?? ''
}

/** How many attempts the SDK made before giving up (1 when it did not retry). */
export function errorAttempts(error: unknown): number {
  return fields(error).$metadata?.attempts ?? 1
}

// The SDK's own list (smithy service-error-classification), so our backoff agrees with its retries.
const THROTTLING = new Set([
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionInProgressException'
])

/** True when AWS asked us to slow down (and the SDK's own retries did not get through). */
export function isThrottling(error: unknown): boolean {
  const e = fields(error)
  return e.$metadata?.httpStatusCode === 429 || THROTTLING.has(e.name ?? '') || e.$retryable?.throttling === true
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN'
])

/** A server-side or network failure worth trying again at the next poll. */
export function isTransient(error: unknown): boolean {
  const e = fields(error)
  const status = e.$metadata?.httpStatusCode
  if (status !== undefined && status >= 500) return true
  if (e.$fault === 'server') return true
  if (NETWORK_CODES.has(e.code ?? '') || NETWORK_CODES.has(e.name ?? '')) return true
  // A request that got no HTTP answer at all (socket hang up, reset): the SDK wraps it
  // in a plain Error with $metadata but no status.
  if (e.$metadata && status === undefined && e.name === 'Error') return true
  return ['TimeoutError', 'RequestTimeout', 'RequestTimeoutException'].includes(e.name ?? '')
}

/**
 * SageMaker answers a Describe of an unknown job with `ValidationException`
 * "Requested resource not found." rather than the modelled `ResourceNotFound`.
 */
export function isJobNotFound(error: unknown): boolean {
  const e = fields(error)
  if (e.name === 'ResourceNotFound') return true
  return e.name === 'ValidationException' && /not (be )?found|could not find/i.test(e.message ?? '')
}

/** Describes a job; undefined when there is no job of that name. */
export async function describeJob(
  client: SageMakerClient,
  name: string
): Promise<DescribeTrainingJobCommandOutput | undefined> {
  const { DescribeTrainingJobCommand } = await import('@aws-sdk/client-sagemaker')
  try {
    return await client.send(new DescribeTrainingJobCommand({ TrainingJobName: name }))
  } catch (error) {
    if (isJobNotFound(error)) return undefined
    throw error
  }
}

/**
 * Asks SageMaker to stop a job. `ended` when it had already finished (AWS rejects
 * stopping a terminal job with a ValidationException naming its status), `missing`
 * when there is no such job.
 */
export async function stopJob(client: SageMakerClient, name: string): Promise<'stopping' | 'ended' | 'missing'> {
  const { StopTrainingJobCommand } = await import('@aws-sdk/client-sagemaker')
  try {
    await client.send(new StopTrainingJobCommand({ TrainingJobName: name }))
    return 'stopping'
  } catch (error) {
    if (isJobNotFound(error)) return 'missing'
    if (errorName(error) === 'ValidationException' && /status/i.test(fields(error).message ?? '')) return 'ended'
    throw error
  }
}

/** Statuses after which a job never changes again. */
export const TERMINAL_STATUSES: readonly string[] = ['Completed', 'Failed', 'Stopped']

/** True while SageMaker may still change the job (InProgress, Stopping). */
export const isRunningStatus = (status: string | undefined): boolean => status === 'InProgress' || status === 'Stopping'
