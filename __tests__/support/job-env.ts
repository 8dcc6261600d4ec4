/**
 * Shared set-up for the job lifecycle tests: a fake AWS with SageMaker and Logs,
 * the environment that points the SDK at it, Settings for a job, the action's
 * saved state, and the lines the action printed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startFakeAws, type FakeAws } from './fake-aws.js'
import { fakeSageMaker, type FakeSageMaker } from './fake-sagemaker.js'
import { fakeLogs, type FakeLogs } from './fake-logs.js'
import type { Settings } from '../../src/config/settings.js'

export interface JobWorld {
  aws: FakeAws
  sagemaker: FakeSageMaker
  logs: FakeLogs
  /** What core.saveState wrote, parsed from the GITHUB_STATE file. */
  savedState(): Record<string, string>
  /** Forgets the saved state (between tests). */
  resetState(): void
  /** Lines written to stdout since the last `takeOutput()`. */
  takeOutput(): string[]
  close(): Promise<void>
}

const ENV_KEYS = [
  'AWS_ENDPOINT_URL',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_REGION',
  'AWS_PROFILE',
  'AWS_MAX_ATTEMPTS',
  'GITHUB_STATE',
  'GITHUB_OUTPUT'
]

/** Starts the fake AWS and points this process's SDK clients at it. `now` is the fakes' clock. */
export async function startJobWorld(options: { now?: () => number } = {}): Promise<JobWorld> {
  const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]))
  const aws = await startFakeAws()
  const sagemaker = fakeSageMaker(aws, { now: options.now })
  const logs = fakeLogs(aws, { now: options.now })
  const dir = mkdtempSync(join(tmpdir(), 'top-job-'))
  const stateFile = join(dir, 'state')
  writeFileSync(stateFile, '')
  process.env.AWS_ENDPOINT_URL = aws.url
  process.env.AWS_ACCESS_KEY_ID = 'AKIDTEST'
  process.env.AWS_SECRET_ACCESS_KEY = 'secret'
  delete process.env.AWS_SESSION_TOKEN
  delete process.env.AWS_PROFILE
  process.env.GITHUB_STATE = stateFile
  process.env.GITHUB_OUTPUT = join(dir, 'output')
  writeFileSync(process.env.GITHUB_OUTPUT, '')

  let output = ''
  const write = process.stdout.write.bind(process.stdout)
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    output += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
    return process.env.SHOW_ACTION_OUTPUT ? (write as (c: unknown, ...r: unknown[]) => boolean)(chunk, ...rest) : true
  }) as typeof process.stdout.write

  return {
    aws,
    sagemaker,
    logs,
    savedState: () => parseStateFile(readFileSync(stateFile, 'utf8')),
    resetState: () => writeFileSync(stateFile, ''),
    takeOutput() {
      const lines = output.split(/\r?\n/).filter((l) => l !== '')
      output = ''
      return lines
    },
    async close() {
      process.stdout.write = write
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k]
        else process.env[k] = v
      }
      rmSync(dir, { recursive: true, force: true })
      await aws.close()
    }
  }
}

/** Parses the runner's `name<<delimiter` file format (what core.saveState writes). */
export function parseStateFile(text: string): Record<string, string> {
  const result: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i])
    if (!m) continue
    const value: string[] = []
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i])
    result[m[1]] = value.join('\n')
  }
  return result
}

/** Settings for a job in us-east-1, with the lifecycle fields a test cares about. */
export function jobSettings(overrides: Partial<Settings> & { instanceCount?: number; spot?: boolean } = {}): Settings {
  const { instanceCount = 1, spot = false, ...rest } = overrides
  return {
    workspace: '/tmp',
    jobConfigFile: 'sagemaker.yaml',
    hydraConfigFile: 'conf/config.yaml',
    config: {
      instanceType: 'ml.m5.large',
      instanceCount,
      volumeSizeGb: 30,
      maxRuntimeSeconds: 3600,
      region: 'us-east-1',
      ecrRepository: 'train',
      s3Bucket: 'bucket',
      s3Prefix: 'runs',
      spot,
      roleArn: 'arn:aws:iam::123456789012:role/train',
      tags: {},
      channels: {},
      environment: {},
      metricDefinitions: []
    },
    overrides: [],
    command: ['python', 'train.py'],
    context: '.',
    dockerfile: 'Dockerfile',
    jobNameTemplate: '{repo}-{short_sha}',
    experimentNameKey: 'experiment.name',
    wait: true,
    pollIntervalSeconds: 1,
    stopOnCancel: true,
    ifJobExists: 'auto',
    skipExistingImage: true,
    createRepository: false,
    pushLatest: false,
    platform: 'linux/amd64',
    buildArgs: [],
    cache: 'none',
    ...rest
  } as Settings
}

/** A valid CreateTrainingJob request for `name`, carrying lineage like the real builder. */
export function requestFor(
  name: string,
  lineage: Record<string, string> = {
    TRAIN_ON_PUSH_SHA: 'abc1234def5678abc1234def5678abc1234def56',
    TRAIN_ON_PUSH_RUN_URL: 'https://github.com/o/r/actions/runs/1',
    TRAIN_ON_PUSH_RUN_ATTEMPT: '1',
    TRAIN_ON_PUSH_FINGERPRINT: '0123456789abcdef'
  },
  instanceCount = 1
): any {
  return {
    TrainingJobName: name,
    RoleArn: 'arn:aws:iam::123456789012:role/train',
    OutputDataConfig: { S3OutputPath: 's3://bucket/runs' },
    AlgorithmSpecification: {
      TrainingImage: '123456789012.dkr.ecr.us-east-1.amazonaws.com/train@sha256:' + 'a'.repeat(64),
      TrainingInputMode: 'File',
      ContainerArguments: [`experiment.name=${name}`]
    },
    ResourceConfig: {
      InstanceType: 'ml.m5.large',
      InstanceCount: instanceCount,
      VolumeSizeInGB: 30
    },
    StoppingCondition: { MaxRuntimeInSeconds: 3600 },
    Environment: lineage,
    Tags: [{ Key: 'train-on-push:sha', Value: lineage.TRAIN_ON_PUSH_SHA ?? '' }]
  }
}
