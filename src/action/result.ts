import type { Commit } from '../config/settings.js'
import type { UncommittedFile } from '../config/source-tree.js'
import type { ContainerArgumentsPlan } from '../hydra/index.js'
import type { DescribedSource } from '../image/image-source.js'
import type { ImagePreview } from '../image/preview.js'
import type { ImageOutcome } from '../image/publish.js'
import type { JobOutcome } from '../job/outcome.js'
import type { Problem } from '../problems.js'

/** Where a run got to: what it was doing when it stopped (`done` when it finished). */
export type RunStage = 'configuration' | 'image' | 'submit' | 'wait' | 'done'

/** Where the commit's files were read from, and what in them differs from the commit. */
export interface SourceFacts {
  /** The checkout was at another commit, so a temporary checkout of this one was used. */
  fromWorktree: boolean
  /** The commit the checkout was at. */
  head: string
  /** Files of the build or the configs that differ from the commit (only when the checkout is used). */
  uncommitted: UncommittedFile[]
}

/** What one run of the action did; the step summary and the outputs are written from it. */
export interface RunResult {
  dryRun: boolean
  stage: RunStage
  source?: SourceFacts
  commit?: Commit
  image?: ImageOutcome
  /** In a dry run: what the image stage would do. */
  imagePreview?: ImagePreview
  /** What the image is built from (its content key) and which uncommitted files are in it. */
  imageSource?: DescribedSource
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
