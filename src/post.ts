/**
 * The post step: undo what main set up. It never fails the job; problems are warnings.
 */
import * as core from './runner.js'
import { errorMessage } from './errors.js'

export async function cleanup(): Promise<void> {
  const steps: [string, () => Promise<void>][] = [
    ['stop the training job', async () => (await import('./job.js')).stopAbandonedJob()],
    ['log out of the registry', async () => (await import('./image.js')).logoutRegistry()]
  ]
  for (const [what, step] of steps) {
    try {
      await step()
    } catch (error) {
      core.warning(`Post step could not ${what}: ${errorMessage(error)}`)
    }
  }
}
