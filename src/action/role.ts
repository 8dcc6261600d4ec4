/**
 * role-to-assume: every AWS client of this step uses the action's own session of that role,
 * got with GitHub's OIDC token and renewed as the step runs (see aws/credentials.ts).
 */
import * as core from '@actions/core'
import { useCredentials } from '../aws/clients.js'
import { STS_AUDIENCE, webIdentityCredentials } from '../aws/credentials.js'
import type { RoleSettings } from '../aws/credentials.js'
import { actionLog as log } from './log.js'

/**
 * Makes every AWS client use the role's session from now on; returns what closes it.
 * `step` names the session in CloudTrail (`train-on-push-<step>-<run id>-<attempt>`).
 */
export function useRoleToAssume(
  role: RoleSettings,
  region: string,
  step: 'main' | 'post',
  durationSeconds = role.durationSeconds
): () => void {
  const provider = webIdentityCredentials({
    roleArn: role.roleArn,
    region,
    durationSeconds,
    sessionName: `train-on-push-${step}-${process.env.GITHUB_RUN_ID ?? 'local'}-${process.env.GITHUB_RUN_ATTEMPT ?? '1'}`,
    idToken: () => core.getIDToken(STS_AUDIENCE),
    log
  })
  useCredentials(provider)
  return () => provider.dispose()
}
