import type { Commit } from '../config/settings.js'
import type { ContainerArgumentsPlan } from '../hydra/index.js'
import type { ImagePreview } from '../image/preview.js'
import type { ImageOutcome } from '../image/publish.js'
import type { JobOutcome } from '../job/outcome.js'
import type { Problem } from '../problems.js'

/** What one run of the action did; the step summary and the outputs are written from it. */
export interface RunResult {
  dryRun: boolean
  commit?: Commit
  image?: ImageOutcome
  /** In a dry run: what the image stage would do. */
  imagePreview?: ImagePreview
  job?: JobOutcome
  /** The container arguments and how they were made (packing, keys set later). */
  arguments?: ContainerArgumentsPlan
  /** The request sent (or, in a dry run, that would be sent). */
  request?: unknown
  notices: string[]
  /** Config problems, each also an annotation on its file and line. */
  problems?: readonly Problem[]
  error?: string
}
