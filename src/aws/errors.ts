/**
 * Reading the errors the AWS SDK throws, and turning them into messages that say which call
 * failed, with which error code, and what to do about it. Every AWS call of the action goes
 * through `explainAwsError` when it fails for good.
 */

/** What the SDK puts on the errors it throws (modelled or not). */
interface SdkErrorFields {
  name?: string
  message?: string
  code?: string
  $fault?: 'client' | 'server'
  $metadata?: { httpStatusCode?: number; attempts?: number }
  $retryable?: { throttling?: boolean }
  $response?: unknown
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

/** Error codes that mean the credentials themselves are no good (expired, unknown, unsigned). */
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired'])
const INVALID_CREDENTIALS = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'MissingAuthenticationToken',
  'MissingAuthenticationTokenException'
])
const ACCESS_DENIED = /^(AccessDenied|AccessDeniedException|UnauthorizedOperation|Forbidden|NotAuthorized)$/

/** True when the session's credentials ran out (the usual 1-hour OIDC session during a long wait). */
export function isExpiredCredentials(error: unknown): boolean {
  return EXPIRED.has(errorName(error))
}

/** A failed AWS call, with what the message is built from kept apart for code that decides on it. */
export class AwsCallError extends Error {
  constructor(
    message: string,
    /** `SageMaker CreateTrainingJob` */
    readonly call: string,
    /** The service's error code, or the JavaScript error name when AWS never answered. */
    readonly code: string,
    readonly cause: unknown
  ) {
    super(message)
    this.name = 'AwsCallError'
  }
}

/** What one call needs to explain its failure: which service and operation, which IAM action. */
export interface AwsCall {
  /** `SageMaker`, `ECR`, `CloudWatch Logs`, `STS` */
  service: string
  /** `CreateTrainingJob` */
  operation: string
  /** The IAM actions the call needs (`sagemaker:CreateTrainingJob`, `iam:PassRole`). */
  permissions: string[]
  /**
   * What the call was for, when the operation alone does not say: the message reads
   * "<service> <operation> failed for <subject>: ..." (STS names the role it was asked to assume).
   */
  subject?: string
}

/** Advice for one call's own error codes, given the code and AWS's message; undefined leaves the usual advice. */
type HintFor = (code: string, message: string) => string | undefined

/** The message of an SDK error without the SDK's own hint about hidden fields. */
function plainMessage(error: unknown): string {
  const e = fields(error)
  const text = (e.message ?? String(error)).replace(/\s*Deserialization error: to see the raw response.*$/s, '')
  return text.trim() || '(no message)'
}

/**
 * AWS answered (2xx) but the SDK could not read the answer: a value in it is not what the
 * service model says (SageMaker sends a final metric of `nan` when the training log printed one).
 */
export function isUnreadableAnswer(error: unknown): boolean {
  const e = fields(error)
  const status = e.$metadata?.httpStatusCode
  return (
    /Deserialization error/.test(e.message ?? '') || (e.$response !== undefined && status !== undefined && status < 300)
  )
}

/**
 * Names the call and the error code, and says what to do: the IAM permission on
 * AccessDenied, a fresh session on expired credentials, a quota on limits, and what it means
 * when AWS's answer could not even be read. `hintFor` lets a call put its own advice first,
 * where the usual advice would mislead (STS's ExpiredToken is about GitHub's token, not the session).
 */
export function explainAwsError(call: AwsCall, error: unknown, hintFor?: HintFor): AwsCallError {
  if (error instanceof AwsCallError) return error
  const e = fields(error)
  const code = isUnreadableAnswer(error)
    ? 'UnreadableAnswer'
    : e.name && e.name !== 'Error'
      ? e.name
      : (e.code ?? 'Error')
  const what = `${call.service} ${call.operation}`
  const message = plainMessage(error)
  const hint = hintFor?.(code, message) ?? usualHint(call, error, code)
  const failed = call.subject ? `failed for ${call.subject}` : 'failed'
  const text = `${what} ${failed}: ${code}: ${message}${hint ? `. ${hint}` : ''}`.replace(/\.\. /, '. ')
  return new AwsCallError(text, what, code, error)
}

/** The advice that fits most calls, from the error code and what the SDK says about the error. */
function usualHint(call: AwsCall, error: unknown, code: string): string {
  const e = fields(error)
  let hint = ''
  if (ACCESS_DENIED.test(code) || e.$metadata?.httpStatusCode === 403) {
    if (!EXPIRED.has(code) && !INVALID_CREDENTIALS.has(code) && call.permissions.length > 0)
      hint = `The credentials need ${call.permissions.join(' and ')} (see "Permissions" in the README).`
  }
  if (EXPIRED.has(code)) {
    hint =
      "The AWS session expired. Long waits outlive the default 1-hour session of configure-aws-credentials: set role-to-assume so the action renews its own session, or raise role-duration-seconds (and the role's maximum session duration), or set wait: false."
  } else if (INVALID_CREDENTIALS.has(code)) {
    hint = 'AWS did not accept the credentials: check the region and the credentials configure-aws-credentials set.'
  } else if (code === 'CredentialsProviderError') {
    hint =
      'No AWS credentials were found: add aws-actions/configure-aws-credentials before this step, or set role-to-assume.'
  } else if (code === 'ResourceLimitExceeded') {
    hint = 'An account quota was reached: request an increase in Service Quotas, or use another instance type.'
  } else if (isThrottling(error)) {
    hint = 'AWS kept throttling the calls after several retries; try again later.'
  } else if (isUnreadableAnswer(error)) {
    hint =
      "AWS answered, but the answer does not match AWS's own service model, so the SDK could not read it (a value such as a metric of 'nan' does this)"
  } else if (NETWORK_CODES.has(e.code ?? '') || NETWORK_CODES.has(code)) {
    hint = 'AWS could not be reached: check the runner network, proxy and AWS_ENDPOINT_URL settings.'
  }
  return hint
}
