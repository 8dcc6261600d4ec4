/**
 * The AWS account of the action's credentials, for a job config that names no execution
 * role: the job then runs as `sagemaker_execution_role` in that account, as the jobs of the
 * submit script this action replaces did.
 *
 * STS GetCallerIdentity needs no IAM permission: AWS answers it for any valid credentials,
 * even when a policy denies `sts:GetCallerIdentity` explicitly. So when it fails, the
 * credentials themselves are missing, expired or wrong, or STS cannot be reached.
 */
import { stsClient } from './clients.js'
import { explainAwsError, type AwsCall } from './errors.js'

const GET_CALLER_IDENTITY: AwsCall = { service: 'STS', operation: 'GetCallerIdentity', permissions: [] }

/**
 * The 12-digit account id of the credentials every AWS call of the run uses (the action's own
 * session, or the default credential chain: whatever configure-aws-credentials set), from
 * STS GetCallerIdentity; `AWS_ENDPOINT_URL[_STS]` is honoured. A failure is an AwsCallError
 * that names the call and says what to check.
 */
export async function callerAccount(region: string): Promise<string> {
  const client = await stsClient(region)
  try {
    const { GetCallerIdentityCommand } = await import('@aws-sdk/client-sts')
    const answer = await client.send(new GetCallerIdentityCommand({}))
    const account = answer.Account ?? ''
    if (!/^\d{12}$/.test(account)) throw new Error(`STS answered with '${account}', which is not an AWS account id`)
    return account
  } catch (error) {
    throw explainAwsError(GET_CALLER_IDENTITY, error)
  } finally {
    client.destroy()
  }
}
