/**
 * The one place that reads the action's inputs and config files. Everything is
 * checked here, before any side effect, and every problem is reported together.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { isAbsolute, join, normalize, relative } from 'node:path'
import { validateShape } from './aws-shapes.js'
import { INPUT_DEFAULTS, Input, type InputName } from './constants.js'
import { ConfigError, type Problem } from './errors.js'
import { ECR_SHAPES } from './generated/ecr-shapes.js'
import { loadHydraConfig } from './hydra/index.js'
import { validateBuildArgs } from './image-plan.js'
import { readJobConfig } from './job-config.js'
import { templateFields } from './naming.js'
import type { CacheMode, IfJobExists, Settings } from './settings.js'
import { splitWords } from './shell-words.js'

const IF_JOB_EXISTS: readonly IfJobExists[] = ['auto', 'attach', 'new', 'fail']
const CACHE_MODES: readonly CacheMode[] = ['registry', 'inline', 'none']
const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/
const HYDRA_KEY = /^[A-Za-z_$][\w$-]*(\.[A-Za-z_$][\w$-]*)*$/

/** YAML-style booleans as the toolkit accepts them; undefined for anything else. */
export function parseBoolean(text: string): boolean | undefined {
  if (/^(true|True|TRUE)$/.test(text)) return true
  if (/^(false|False|FALSE)$/.test(text)) return false
  return undefined
}

/**
 * Collects problems while reading inputs; `where` is always `input <name>` or a file position.
 * An input the runner did not pass takes action.yml's default; one passed empty stays empty
 * (`hydra-config: ''` means no Hydra config, `command: ''` no leading words).
 */
class InputReader {
  readonly problems: Problem[] = []

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  text(name: InputName): string {
    const given = this.env[`INPUT_${name.toUpperCase()}`]
    return (given ?? INPUT_DEFAULTS[name]).trim()
  }

  lines(name: InputName): string[] {
    return this.text(name)
      .split(/\r?\n/)
      .map((l) => l.trim())
  }

  /** Typed inputs read blank as their default: there is no meaningful empty number or switch. */
  private typed(name: InputName): string {
    return this.text(name) || INPUT_DEFAULTS[name]
  }

  bool(name: InputName): boolean {
    const raw = this.typed(name)
    const value = parseBoolean(raw)
    if (value === undefined) this.problems.push({ where: `input ${name}`, message: `'${raw}' must be true or false` })
    return value ?? parseBoolean(INPUT_DEFAULTS[name]) ?? false
  }

  int(name: InputName, min: number, max: number): number | undefined {
    const raw = this.typed(name)
    if (raw === '') return undefined
    const n = Number(raw)
    if (!/^\d+$/.test(raw) || n < min || n > max) {
      this.problems.push({ where: `input ${name}`, message: `'${raw}' must be a whole number from ${min} to ${max}` })
      return undefined
    }
    return n
  }

  choice<T extends string>(name: InputName, allowed: readonly T[]): T {
    const raw = this.typed(name)
    if ((allowed as readonly string[]).includes(raw)) return raw as T
    this.problems.push({ where: `input ${name}`, message: `'${raw}' must be one of ${allowed.join(', ')}` })
    return INPUT_DEFAULTS[name] as T
  }
}

/** Reads a file inside the workspace; undefined when missing. Paths may not escape the checkout. */
function workspaceFile(workspace: string, path: string, input: string, problems: Problem[]): string | undefined {
  const full = isAbsolute(path) ? path : join(workspace, path)
  if (relative(workspace, normalize(full)).startsWith('..')) {
    problems.push({ where: `input ${input}`, message: `'${path}' is outside the checkout (${workspace})` })
    return undefined
  }
  return existsSync(full) && statSync(full).isFile() ? readFileSync(full, 'utf8') : undefined
}

export interface ReadResult {
  settings: Settings
  notices: string[]
}

/** Reads and validates every input and both config files; throws ConfigError listing all problems. */
export function readSettings(env: NodeJS.ProcessEnv = process.env): ReadResult {
  const r = new InputReader(env)
  const workspace = env.GITHUB_WORKSPACE || process.cwd()
  const notices: string[] = []

  const jobConfigFile = r.text(Input.JobConfig)
  const hydraConfigFile = r.text(Input.HydraConfig)
  const instanceCount = r.int(Input.InstanceCount, 1, 1000)
  const job = readJobConfig(
    jobConfigFile === '' ? undefined : workspaceFile(workspace, jobConfigFile, Input.JobConfig, r.problems),
    jobConfigFile,
    {
      region: r.text(Input.Region) || undefined,
      roleArn: r.text(Input.RoleArn) || undefined,
      ecrRepository: r.text(Input.EcrRepository) || undefined,
      instanceType: r.text(Input.InstanceType) || undefined,
      instanceCount
    },
    env
  )
  r.problems.push(...job.problems)
  notices.push(...job.notices)

  if (job.config) {
    for (const v of validateShape(ECR_SHAPES, 'RepositoryName', job.config.ecrRepository)) {
      r.problems.push({
        where: r.text(Input.EcrRepository) ? `input ${Input.EcrRepository}` : `${jobConfigFile} aws.ecr_repository`,
        message: `${v.message}: ECR repository names are lowercase letters, digits and . _ - separators, with / between namespaces`
      })
    }
  }

  let hydra: Settings['hydra']
  if (hydraConfigFile !== '') {
    const text = workspaceFile(workspace, hydraConfigFile, Input.HydraConfig, r.problems)
    if (text === undefined) {
      r.problems.push({
        where: `input ${Input.HydraConfig}`,
        message: `${hydraConfigFile} does not exist in the checkout; point hydra-config at your Hydra config, or set it to '' if the training code takes none`
      })
    } else {
      try {
        hydra = loadHydraConfig(text, hydraConfigFile)
      } catch (error) {
        if (error instanceof ConfigError) r.problems.push(...error.problems)
        else throw error
      }
    }
  }

  let command: string[] = []
  try {
    // '' means none: an image whose ENTRYPOINT runs the training script takes only the overrides.
    command = splitWords(r.text(Input.Command))
  } catch (error) {
    r.problems.push({ where: `input ${Input.Command}`, message: (error as Error).message })
  }

  const context = r.text(Input.Context) || '.'
  const dockerfile = r.text(Input.Dockerfile) || join(context, 'Dockerfile')
  const contextPath = join(workspace, context)
  if (!existsSync(contextPath) || !statSync(contextPath).isDirectory()) {
    r.problems.push({
      where: `input ${Input.Context}`,
      message: `the build context '${context}' is not a directory in the checkout`
    })
  }
  if (workspaceFile(workspace, dockerfile, Input.Dockerfile, r.problems) === undefined) {
    r.problems.push({ where: `input ${Input.Dockerfile}`, message: `'${dockerfile}' does not exist in the checkout` })
  }

  const jobNameTemplate = r.text(Input.JobName)
  const fields = templateFields(jobNameTemplate)
  if (fields.unknown.length > 0) {
    r.problems.push({
      where: `input ${Input.JobName}`,
      message: `unknown ${fields.unknown.join(', ')}; allowed: {short_sha}, {sha}, {branch}, {repo}, {run_attempt}`
    })
  }
  if (fields.literalsInvalid.length > 0) {
    r.problems.push({
      where: `input ${Input.JobName}`,
      message: `SageMaker job names allow only letters, digits and hyphens; '${jobNameTemplate}' has ${fields.literalsInvalid.map((c) => `'${c}'`).join(' ')}`
    })
  }
  if (!jobNameTemplate.includes('{short_sha}') && !jobNameTemplate.includes('{sha}')) {
    notices.push(
      `job-name '${jobNameTemplate}' does not contain {short_sha}: every commit will compete for the same job name`
    )
  }

  const experimentNameKey = r.text(Input.ExperimentNameKey)
  if (experimentNameKey !== '' && !HYDRA_KEY.test(experimentNameKey)) {
    r.problems.push({
      where: `input ${Input.ExperimentNameKey}`,
      message: `'${experimentNameKey}' is not a Hydra config key (dotted identifiers like experiment_name or logging.run_name); use '' to disable`
    })
  }

  const platform = r.text(Input.Platform)
  for (const p of platform.split(',').map((s) => s.trim())) {
    if (!PLATFORM.test(p))
      r.problems.push({ where: `input ${Input.Platform}`, message: `'${p}' is not a platform like linux/amd64` })
  }
  const buildArgs = r.lines(Input.BuildArgs).filter((l) => l !== '')
  r.problems.push(...validateBuildArgs(buildArgs, `input ${Input.BuildArgs}`))

  const waitTimeout = r.int(Input.WaitTimeoutMinutes, 1, 60 * 24 * 30)
  const settingsDraft = {
    workspace,
    jobConfigFile,
    hydraConfigFile,
    hydra,
    // Every line, blanks included, so messages name the line the user sees.
    overrides: r.lines(Input.Overrides),
    command,
    context,
    dockerfile,
    shaInput: r.text(Input.Sha),
    shortShaLength: r.int(Input.ShortShaLength, 4, 40) ?? 7,
    jobNameTemplate,
    experimentNameKey,
    dryRun: r.bool(Input.DryRun),
    wait: r.bool(Input.Wait),
    waitTimeoutMinutes: waitTimeout,
    pollIntervalSeconds: r.int(Input.PollIntervalSeconds, 1, 3600) ?? 30,
    stopOnCancel: r.bool(Input.StopOnCancel),
    ifJobExists: r.choice(Input.IfJobExists, IF_JOB_EXISTS),
    skipExistingImage: r.bool(Input.SkipExistingImage),
    createRepository: r.bool(Input.CreateRepository),
    pushLatest: r.bool(Input.PushLatest),
    platform,
    buildArgs,
    cache: r.choice(Input.Cache, CACHE_MODES)
  }
  if (settingsDraft.waitTimeoutMinutes !== undefined && !settingsDraft.wait) {
    notices.push('wait-timeout-minutes has no effect without wait: true')
  }
  if (r.problems.length > 0 || !job.config) throw new ConfigError(r.problems)
  return { settings: { ...settingsDraft, config: job.config }, notices }
}
