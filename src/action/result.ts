import type { Commit } from '../config/settings.js'
import type { UncommittedFile } from '../config/source-tree.js'
import type { ContainerArgumentsPlan } from '../hydra/index.js'
import type { DescribedSource } from '../image/image-source.js'
import type { ImagePreview } from '../image/preview.js'
import type { ImageOutcome } from '../image/publish.js'
import type { JobOutcome } from '../job/outcome.js'
import type { Baseline, MetricComparison } from '../job/baseline.js'
import type { GateResult } from '../job/gates.js'
import type { Problem } from '../problems.js'

/** Where a run got to: what it was doing when it stopped (`done` when it finished). */
export type RunStage = 'configuration' | 'image' | 'submit' | 'wait' | 'done'

/** What stopped a run before any job existed, by the stage it was in: the summary and the commit status say it. */
export const WHAT_STOPPED: Record<RunStage, string> = {
  configuration: 'the configuration has problems',
  image: 'the image could not be built or pushed',
  submit: 'SageMaker did not take the job',
  wait: 'the run stopped',
  done: 'the run stopped'
}

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
  /** Nothing is built or submitted: the dry-run input, or a pull request, which only plans. */
  dryRun: boolean
  /** The pull request this run planned for. */
  pullRequest?: number
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
  /** The branch's last completed run, which the job's metrics are compared with. */
  baseline?: Baseline
  comparisons?: MetricComparison[]
  /** The metric-gates results. */
  gates?: GateResult[]
  /** The tag created on success (tag-on-success). */
  successTag?: string
  /** On a pull request: the plan comment kept up to date there. */
  planComment?: { url?: string; action: string }
  error?: string
}
