/**
 * The base branch's Hydra config, read from git, for the pull request's hyperparameter diff.
 * The base commit must be in the checkout: `actions/checkout` with `fetch-depth: 0` has it
 * (the pull request's head commit, which the plan reads, needs the same).
 */
import { lastLines, type Exec } from '../exec.js'
import { loadHydraConfig, type HydraConfig } from '../hydra/index.js'
import { dict } from '../hydra/value.js'
import { ConfigError } from '../problems.js'
import { diffHyperparameters } from './hyperparameter-diff.js'
import type { HyperparameterSection } from './plan-comment.js'

/** The base branch's config: loaded, not there, or not readable (and why). */
export type BaseHydraConfig =
  { kind: 'loaded'; config: HydraConfig } | { kind: 'missing' } | { kind: 'unavailable'; reason: string }

/** `deploy/train.yaml` as git's `<commit>:<path>` wants it, relative to the checkout's root. */
function gitPath(file: string): string {
  return `./${file.replace(/\\/g, '/').replace(/^(\.\/)+/, '')}`
}

/**
 * Reads `file` (relative to the checkout) as it is in commit `baseSha` and loads it as Hydra
 * would. `checkout` is the repository's top directory.
 */
export async function readBaseHydraConfig(
  checkout: string,
  baseSha: string,
  file: string,
  exec: Exec
): Promise<BaseHydraConfig> {
  const short = baseSha.slice(0, 12)
  if (!/^[0-9a-f]{4,64}$/i.test(baseSha)) return { kind: 'unavailable', reason: `'${baseSha}' is not a commit hash` }
  const commit = await exec('git', ['cat-file', '-e', `${baseSha}^{commit}`], { cwd: checkout })
  if (commit.exitCode !== 0) {
    return {
      kind: 'unavailable',
      reason: `the base commit ${short} is not in the checkout; use actions/checkout with fetch-depth: 0`
    }
  }
  const spec = `${baseSha}:${gitPath(file)}`
  const type = await exec('git', ['cat-file', '-t', spec], { cwd: checkout })
  if (type.exitCode !== 0) return { kind: 'missing' }
  if (type.stdout.trim() !== 'blob') {
    return { kind: 'unavailable', reason: `${file} is a ${type.stdout.trim()} in the base commit ${short}, not a file` }
  }
  const shown = await exec('git', ['cat-file', 'blob', spec], { cwd: checkout })
  if (shown.exitCode !== 0) {
    return { kind: 'unavailable', reason: `git could not read ${file} at ${short}: ${lastLines(shown.stderr, 2)}` }
  }
  try {
    return { kind: 'loaded', config: loadHydraConfig(shown.stdout, file) }
  } catch (error) {
    if (error instanceof ConfigError) {
      return {
        kind: 'unavailable',
        reason: `the base branch's ${file} does not load: ${error.problems[0].where}: ${error.problems[0].message}`
      }
    }
    throw error
  }
}

/**
 * The comment's hyperparameter section from the base branch's config and the pull request's
 * (`settings.hydra`; undefined when the head has none, which reads as an empty config).
 */
export function hyperparameterSection(
  file: string,
  base: BaseHydraConfig,
  head: HydraConfig | undefined
): HyperparameterSection {
  if (base.kind === 'unavailable') return { file, unavailable: base.reason }
  const baseConfig = base.kind === 'loaded' ? base.config : dict([])
  return { file, diff: diffHyperparameters(baseConfig, head ?? dict([])), baseHasFile: base.kind === 'loaded' }
}
