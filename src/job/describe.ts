/** DescribeTrainingJob and StopTrainingJob, which the submit, the wait and the post step all need. */
import type { DescribeTrainingJobCommandOutput, SageMakerClient } from '@aws-sdk/client-sagemaker'
import { errorName, explainAwsError } from '../aws/errors.js'

/**
 * SageMaker answers a Describe of an unknown job with `ValidationException`
 * "Requested resource not found." rather than the modelled `ResourceNotFound`.
 */
export function isJobNotFound(error: unknown): boolean {
  const name = errorName(error)
  if (name === 'ResourceNotFound') return true
  const message = (error as { message?: string } | undefined)?.message ?? ''
  return name === 'ValidationException' && /not (be )?found|could not find/i.test(message)
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

/** How the DescribeTrainingJob call is named in errors. */
export const DESCRIBE_CALL = {
  service: 'SageMaker',
  operation: 'DescribeTrainingJob',
  permissions: ['sagemaker:DescribeTrainingJob']
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
    const message = (error as { message?: string } | undefined)?.message ?? ''
    if (errorName(error) === 'ValidationException' && /status/i.test(message)) return 'ended'
    throw explainAwsError(
      { service: 'SageMaker', operation: 'StopTrainingJob', permissions: ['sagemaker:StopTrainingJob'] },
      error
    )
  }
}
