/** Every failed AWS call is explained the same way: which call, which error code, what to do. */
import { describe, expect, it } from '@jest/globals'
import { explainAwsError, isExpiredCredentials, isUnreadableAnswer } from '../src/aws/errors.js'

const CALL = { service: 'SageMaker', operation: 'CreateTrainingJob', permissions: ['sagemaker:CreateTrainingJob'] }

/** An error shaped like the ones the AWS SDK throws. */
const sdkError = (name: string, message: string, status?: number, extra: Record<string, unknown> = {}): Error =>
  Object.assign(new Error(message), {
    name,
    $fault: status && status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, attempts: 1 },
    ...extra
  })

describe('explainAwsError', () => {
  it.each<[string, Error, RegExp]>([
    [
      'access denied names the permission',
      sdkError('AccessDeniedException', 'User: arn:aws:sts::1:assumed-role/r is not authorized', 400),
      /^SageMaker CreateTrainingJob failed: AccessDeniedException: User: .* is not authorized\. The credentials need sagemaker:CreateTrainingJob/
    ],
    [
      'expired credentials say how to make the session last',
      sdkError('ExpiredTokenException', 'The security token included in the request is expired', 400),
      /failed: ExpiredTokenException: .*expired\. The AWS session expired\..*role-duration-seconds/
    ],
    [
      'unknown credentials',
      sdkError('UnrecognizedClientException', 'The security token included in the request is invalid.', 400),
      /AWS did not accept the credentials/
    ],
    [
      'no credentials at all',
      sdkError('CredentialsProviderError', 'Could not load credentials from any providers'),
      /configure-aws-credentials/
    ],
    ['a quota', sdkError('ResourceLimitExceeded', 'The account-level service limit', 400), /Service Quotas/],
    ['throttling that outlasted the retries', sdkError('ThrottlingException', 'Rate exceeded', 400), /kept throttling/],
    [
      'an answer the SDK could not read',
      sdkError(
        'TypeError',
        'Expected real number, got implicit NaN\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.',
        200,
        { $response: {} }
      ),
      /^SageMaker CreateTrainingJob failed: UnreadableAnswer: Expected real number, got implicit NaN\. AWS answered, but the answer does not match/
    ],
    [
      'an unreachable endpoint',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
      /could not be reached/
    ]
  ])('%s', (_label, error, message) => {
    const explained = explainAwsError(CALL, error)
    expect(explained.message).toMatch(message)
    expect(explained.message).not.toMatch(/Deserialization error/)
    expect(explained.cause).toBe(error)
    expect(explained.call).toBe('SageMaker CreateTrainingJob')
  })

  it('does not explain twice', () => {
    const once = explainAwsError(CALL, sdkError('ValidationException', 'bad', 400))
    expect(explainAwsError({ ...CALL, operation: 'Other' }, once)).toBe(once)
  })

  it("names what the call was for, and lets the call's own advice replace the usual one", () => {
    const call = { ...CALL, subject: 'job dogs-a1' }
    const hintFor = (code: string): string | undefined =>
      code === 'ExpiredTokenException' ? 'Not the session: the job token expired.' : undefined
    expect(explainAwsError(call, sdkError('ExpiredTokenException', 'Token expired.', 400), hintFor).message).toBe(
      'SageMaker CreateTrainingJob failed for job dogs-a1: ExpiredTokenException: Token expired. Not the session: the job token expired.'
    )
    // No advice of its own for this code: the usual one.
    expect(explainAwsError(call, sdkError('ThrottlingException', 'Rate exceeded', 400), hintFor).message).toMatch(
      /^SageMaker CreateTrainingJob failed for job dogs-a1: ThrottlingException: Rate exceeded\. AWS kept throttling/
    )
  })

  it('tells expired credentials and unreadable answers apart from the rest', () => {
    expect(isExpiredCredentials(sdkError('ExpiredToken', 'x', 403))).toBe(true)
    expect(isExpiredCredentials(sdkError('AccessDeniedException', 'x', 403))).toBe(false)
    expect(isUnreadableAnswer(sdkError('TypeError', 'x', 200, { $response: {} }))).toBe(true)
    expect(isUnreadableAnswer(sdkError('ThrottlingException', 'x', 400, { $response: {} }))).toBe(false)
  })
})
