import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root (this file is __tests__/support/paths.ts). */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** AWS's own service models, kept beside the clone in shared/ (CI clones main with shared/ next to it). */
export const awsModelsDir = process.env.AWS_MODELS_DIR ?? join(repoRoot, '..', 'shared', 'aws-models')
