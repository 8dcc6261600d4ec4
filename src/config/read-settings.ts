/**
 * Turns the action's inputs and the two config files into checked `Settings`. Everything
 * is checked here, before any side effect, and every problem is reported together.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { isAbsolute, join, normalize, relative } from 'node:path'
import { INPUT_DEFAULTS, Input, type InputName, type Inputs } from '../action/names.js'
import { validateShape } from '../aws/shapes.js'
import { ECR_SHAPES } from '../aws/generated/ecr-shapes.js'
import { loadHydraConfig } from '../hydra/index.js'
import { validateBuildArgs } from '../image/build-args.js'
import { readRoleInputs } from '../aws/credentials.js'
import { parseGates } from '../job/gates.js'
import { TEMPLATE_FIELDS, templateFields } from '../job/name.js'
import { gitRefProblem, TAG_FIELDS } from '../job/success-tag.js'
import { ConfigError, type Problem } from '../problems.js'
import { readJobConfig } from './job-config.js'
import type { CacheMode, IfJobExists, JobConfig, Settings } from './settings.js'
import { splitWords } from './shell-words.js'
import { errorMessage } from '../errors.js'

const IF_JOB_EXISTS: readonly IfJobExists[] = ['auto', 'attach', 'new', 'fail']
const CACHE_MODES: readonly CacheMode[] = ['registry', 'inline', 'none']
const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/
const HYDRA_KEY = /^[A-Za-z_$][\w$-]*(\.[A-Za-z_$][\w$-]*)*$/

/** YAML-style booleans as @actions/core's getBooleanInput accepts them; undefined for anything else. */
export function parseBoolean(text: string): boolean | undefined {
  if (/^(true|True|TRUE)$/.test(text)) return true
  if (/^(false|False|FALSE)$/.test(text)) return false
  return undefined
}

/** Spaces and tabs only: JavaScript's trim() also eats U+00A0 and friends, which can be part of a value. */
export function trimBlanks(text: string): string {
  return text.replace(/^[ \t]+|[ \t]+$/g, '')
}

/** Typed views of the inputs that collect problems instead of throwing, each naming its input. */
class InputReader {
  readonly problems: Problem[] = []

  constructor(private readonly inputs: Inputs) {}

  text(name: InputName): string {
    return trimBlanks(this.inputs[name])
  }

  /** The input exactly as given, for multi-line inputs whose lines have their own rules. */
  raw(name: InputName): string {
    return this.inputs[name]
  }

  /** Every line, blanks included, so messages can name the line the user sees. */
  lines(name: InputName): string[] {
    return this.inputs[name].split(/\r?\n/).map(trimBlanks)
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

  add(name: InputName, message: string): void {
    this.problems.push({ where: `input ${name}`, message })
  }
}

function inside(root: string, path: string): string | undefined {
  const full = isAbsolute(path) ? path : join(root, path)
  return relative(root, normalize(full)).startsWith('..') ? undefined : full
}

/**
 * A file inside the checkout: its text, undefined when it does not exist, or null for a path
 * leaving the checkout (that problem is added here, so callers add no "does not exist" to it).
 */
function checkoutFile(root: string, path: string, input: InputName, r: InputReader): string | undefined | null {
  const full = inside(root, path)
  if (full === undefined) {
    r.add(input, `'${path}' is outside the checkout (${root})`)
    return null
  }
  return existsSync(full) && statSync(full).isFile() ? readFileSync(full, 'utf8') : undefined
}

export interface ReadResult {
  settings: Settings
  /** Things worth saying that are not errors (ignored keys, a template without the hash). */
  notices: string[]
}

/**
 * Reads and validates every input and both config files; throws ConfigError listing all
 * problems. `root` is the checkout the config files and the build context are read from.
 */
export function readSettings(inputs: Inputs, root: string, env: NodeJS.ProcessEnv = process.env): ReadResult {
  const r = new InputReader(inputs)
  const notices: string[] = []
  const job = readJobConfigInput(r, root, env, notices)
  const hydra = readHydraInput(r, root)
  const build = readBuildInputs(r, root)
  const naming = readNamingInputs(r, notices)

  let command: string[] = []
  try {
    // '' means none: an image whose ENTRYPOINT runs the training script takes only the overrides.
    command = splitWords(r.text(Input.Command))
  } catch (error) {
    r.add(Input.Command, errorMessage(error))
  }

  const wait = r.bool(Input.Wait)
  const waitTimeoutMinutes = r.int(Input.WaitTimeoutMinutes, 1, 60 * 24 * 30)
  if (waitTimeoutMinutes !== undefined && !wait) notices.push('wait-timeout-minutes has no effect without wait: true')
  // Read before the settings (a broken config must still know it was a dry run); checked here.
  r.bool(Input.DryRun)
  const behaviour = {
    allowDirty: r.bool(Input.AllowDirty),
    wait,
    waitTimeoutMinutes,
    pollIntervalSeconds: r.int(Input.PollIntervalSeconds, 1, 3600) ?? 30,
    stopOnCancel: r.bool(Input.StopOnCancel),
    ifJobExists: r.choice(Input.IfJobExists, IF_JOB_EXISTS),
    reuseByContent: r.bool(Input.ReuseByContent),
    skipExistingImage: r.bool(Input.SkipExistingImage),
    createRepository: r.bool(Input.CreateRepository),
    pushLatest: r.bool(Input.PushLatest),
    cache: r.choice(Input.Cache, CACHE_MODES),
    ...readAfterTheWaitInputs(r, wait),
    ...readGitHubInputs(r)
  }
  const role = readRoleInputs(r.text(Input.RoleToAssume), r.text(Input.RoleSessionDuration))
  r.problems.push(...role.problems)
  notices.push(...role.notices)
  if (r.problems.length > 0 || !job) throw new ConfigError(r.problems)
  return {
    settings: {
      workspace: root,
      config: job,
      ...hydra,
      // Every line, blanks included, so messages name the line the user sees.
      overrides: r.lines(Input.Overrides),
      command,
      ...build,
      ...naming,
      ...behaviour,
      ...(role.role ? { role: role.role } : {})
    },
    notices
  }
}

/** The SageMaker job config file, with the inputs that override its values. */
function readJobConfigInput(
  r: InputReader,
  root: string,
  env: NodeJS.ProcessEnv,
  notices: string[]
): JobConfig | undefined {
  const file = r.text(Input.JobConfig)
  const text = file === '' ? undefined : checkoutFile(root, file, Input.JobConfig, r)
  if (text === null) return undefined
  const job = readJobConfig(
    text,
    file,
    {
      region: r.text(Input.Region) || undefined,
      roleArn: r.text(Input.RoleArn) || undefined,
      ecrRepository: r.text(Input.EcrRepository) || undefined,
      instanceType: r.text(Input.InstanceType) || undefined,
      instanceCount: r.int(Input.InstanceCount, 1, 1000)
    },
    env
  )
  r.problems.push(...job.problems)
  notices.push(...job.notices)
  if (job.config) {
    for (const v of validateShape(ECR_SHAPES, 'RepositoryName', job.config.ecrRepository)) {
      const message = `${v.message}: ECR repository names are lowercase letters, digits and . _ - separators, with / between namespaces`
      // From the file, the key lets the problem be put on its line (locateProblems).
      r.problems.push(
        r.text(Input.EcrRepository)
          ? { where: `input ${Input.EcrRepository}`, message }
          : { where: `${file} aws.ecr_repository`, message, file, key: 'aws.ecr_repository' }
      )
    }
  }
  return job.config
}

/** The Hydra config file ('' for none). */
function readHydraInput(r: InputReader, root: string): Pick<Settings, 'hydra' | 'hydraConfigFile' | 'jobConfigFile'> {
  const hydraConfigFile = r.text(Input.HydraConfig)
  const jobConfigFile = r.text(Input.JobConfig)
  if (hydraConfigFile === '') return { hydraConfigFile, jobConfigFile }
  const text = checkoutFile(root, hydraConfigFile, Input.HydraConfig, r)
  if (text === null) return { hydraConfigFile, jobConfigFile }
  if (text === undefined) {
    r.add(
      Input.HydraConfig,
      `${hydraConfigFile} does not exist in the checkout; point hydra-config at your Hydra config, or set it to '' if the training code takes none`
    )
    return { hydraConfigFile, jobConfigFile }
  }
  try {
    return { hydraConfigFile, jobConfigFile, hydra: loadHydraConfig(text, hydraConfigFile) }
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    r.problems.push(...error.problems)
    return { hydraConfigFile, jobConfigFile }
  }
}

/** What the image is built from and for. */
function readBuildInputs(
  r: InputReader,
  root: string
): Pick<Settings, 'context' | 'dockerfile' | 'platform' | 'target' | 'buildArgs'> {
  const context = r.text(Input.Context) || '.'
  const dockerfile = r.text(Input.Dockerfile) || join(context, 'Dockerfile')
  const contextPath = inside(root, context)
  if (contextPath === undefined) r.add(Input.Context, `'${context}' is outside the checkout (${root})`)
  else if (!existsSync(contextPath) || !statSync(contextPath).isDirectory()) {
    r.add(Input.Context, `the build context '${context}' is not a directory in the checkout`)
  }
  if (checkoutFile(root, dockerfile, Input.Dockerfile, r) === undefined) {
    r.add(Input.Dockerfile, `'${dockerfile}' does not exist in the checkout`)
  }
  const platform = r.text(Input.Platform)
  for (const p of platform.split(',').map((s) => s.trim())) {
    if (!PLATFORM.test(p)) r.add(Input.Platform, `'${p}' is not a platform like linux/amd64`)
  }
  const buildArgs = r.lines(Input.BuildArgs).filter((l) => l !== '')
  r.problems.push(...validateBuildArgs(buildArgs, `input ${Input.BuildArgs}`))
  const target = r.text(Input.Target)
  // A stage name as Docker allows it: letters, digits, and . _ - after the first.
  if (target !== '' && !/^[A-Za-z][A-Za-z0-9_.-]*$/.test(target))
    r.add(Input.Target, `'${target}' is not a Dockerfile stage name (letters, digits, '.', '_' and '-')`)
  return { context, dockerfile, platform, target, buildArgs }
}

/** What happens once the job ended: the gates its metrics must pass, the tag on success. */
function readAfterTheWaitInputs(r: InputReader, wait: boolean): Pick<Settings, 'metricGates' | 'tagOnSuccess'> {
  const gates = parseGates(r.raw(Input.MetricGates))
  r.problems.push(...gates.problems)
  const tagOnSuccess = r.text(Input.TagOnSuccess)
  if (tagOnSuccess !== '') {
    const fields = [...tagOnSuccess.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1])
    const unknown = fields.filter((f) => !TAG_FIELDS.includes(f))
    if (unknown.length > 0)
      r.add(
        Input.TagOnSuccess,
        `unknown {${unknown.join('}, {')}}; allowed: ${TAG_FIELDS.map((f) => `{${f}}`).join(', ')}`
      )
    // The tag itself is checked once its fields are filled in; here the template's own characters.
    const problem = gitRefProblem(tagOnSuccess.replace(/\{[^{}]*\}/g, 'x'))
    if (problem) r.add(Input.TagOnSuccess, `'${tagOnSuccess}' cannot be a git tag: ${problem}`)
  }
  if (!wait) {
    if (gates.rules.length > 0) r.add(Input.MetricGates, 'gates check the final metrics, so they need wait: true')
    if (tagOnSuccess !== '')
      r.add(Input.TagOnSuccess, 'a tag on success needs wait: true (success is known only at the end)')
  }
  return { metricGates: gates.rules, tagOnSuccess }
}

/** How the action talks to GitHub. */
function readGitHubInputs(r: InputReader): Pick<Settings, 'githubToken' | 'planBranches' | 'commitStatus'> {
  const token = r.text(Input.GithubToken)
  return {
    // Outside a runner the default `${{ github.token }}` arrives unexpanded: there is no token then.
    githubToken: token.includes('${{') ? '' : token,
    planBranches: r
      .raw(Input.PlanBranches)
      .split(/[,\n]/)
      .map(trimBlanks)
      .filter((p) => p !== ''),
    commitStatus: r.bool(Input.CommitStatus)
  }
}

/** What a run reports on GitHub with: the token, where plans are commented, whether to set statuses and under which name. */
export type ReportingInputs = Pick<Settings, 'githubToken' | 'planBranches' | 'commitStatus' | 'wait' | 'jobConfigFile'>

/**
 * The reporting inputs on their own, never failing: for a run whose other inputs did not
 * check out (its plan comment or status must still say so) and for the post step. A value
 * that is not valid reads as the input's default, as `readSettings` would have reported.
 */
export function readReportingInputs(inputs: Inputs): ReportingInputs {
  const r = new InputReader(inputs)
  return { ...readGitHubInputs(r), wait: r.bool(Input.Wait), jobConfigFile: r.text(Input.JobConfig) }
}

/** Which commit to train and how long its short hash is: needed before the config files can be read. */
export function readCommitInputs(inputs: Inputs): { shaInput: string; shortShaLength: number } {
  const r = new InputReader(inputs)
  const commit = { shaInput: r.text(Input.Sha), shortShaLength: r.int(Input.ShortShaLength, 4, 40) ?? 7 }
  if (r.problems.length > 0) throw new ConfigError(r.problems)
  return commit
}

/** How the commit becomes a job name and a Hydra experiment name. */
function readNamingInputs(r: InputReader, notices: string[]): Pick<Settings, 'jobNameTemplate' | 'experimentNameKey'> {
  const jobNameTemplate = r.text(Input.JobName)
  const fields = templateFields(jobNameTemplate)
  if (fields.unknown.length > 0) {
    r.add(
      Input.JobName,
      `unknown ${fields.unknown.join(', ')}; allowed: ${TEMPLATE_FIELDS.map((f) => `{${f}}`).join(', ')}`
    )
  }
  if (fields.literalsInvalid.length > 0) {
    r.add(
      Input.JobName,
      `SageMaker job names allow only letters, digits and hyphens; '${jobNameTemplate}' has ${fields.literalsInvalid.map((c) => `'${c}'`).join(' ')}`
    )
  }
  if (!jobNameTemplate.includes('{short_sha}') && !jobNameTemplate.includes('{sha}')) {
    notices.push(
      `job-name '${jobNameTemplate}' does not contain {short_sha}: every commit will compete for the same job name`
    )
  }
  const experimentNameKey = r.text(Input.ExperimentNameKey)
  if (experimentNameKey !== '' && !HYDRA_KEY.test(experimentNameKey)) {
    r.add(
      Input.ExperimentNameKey,
      `'${experimentNameKey}' is not a Hydra config key (dotted identifiers like experiment_name or logging.run_name); use '' to disable`
    )
  }
  return {
    jobNameTemplate,
    experimentNameKey
  }
}
