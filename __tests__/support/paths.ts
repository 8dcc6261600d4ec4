import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root: the nearest folder up from here with action.yml (also from the bench's compiled copy). */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, 'action.yml'))) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error('action.yml not found above __tests__/support')
    dir = parent
  }
  return dir
}

export const repoRoot = findRoot()

/** AWS's own service models, vendored in the repository (see aws-models/README.md). */
export const awsModelsDir = join(repoRoot, 'aws-models')
