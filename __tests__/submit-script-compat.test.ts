/**
 * Teams come to this action from a hand-written boto3 submit script. Its job config must work
 * here unchanged, and the request the action sends must be the request the script sent, field
 * by field, apart from the deliberate differences listed (each with its reason).
 *
 * `__fixtures__/submit-script/` holds the script's config as it read it (no role_arn, no
 * inputs, job.name and aws.image_tag), a variant with an empty s3_prefix, a small Hydra config,
 * and `script-request.json`: the CreateTrainingJob request the script built for that config,
 * for account 123456789012 and commit 5a3f32b (its `--job-name` and `--image-tag` were the short
 * hash). The script's own Hydra translation is not published; for a config this plain any
 * translation gives the same `key=value` words, which the fixture lists.
 *
 * The account comes from STS GetCallerIdentity, as the script's did: here from the local AWS
 * stand-in, through the real SDK.
 *
 * The deliberate differences, each with its reason in `deliberateDifferences` below: the image
 * pinned by digest; a checkpoint folder per job instead of one shared folder every job resumed
 * from; the lineage tags and TRAIN_ON_PUSH_* variables; the experiment name as
 * `++experiment_name`; the assets channel only when inputs: has it (a warning gives the YAML);
 * EnableNetworkIsolation and EnableInterContainerTrafficEncryption left at SageMaker's default
 * instead of sent as false; no `//` with an empty s3_prefix. Kept the same on purpose: the role,
 * MaxWaitTimeInSeconds (max_runtime + 1 day), the output folder, the resources, the job name.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { callerAccount } from '../src/aws/account.js'
import { readJobConfig, withCallerAccount } from '../src/config/job-config.js'
import type { JobConfig } from '../src/config/settings.js'
import { loadHydraConfig, planContainerArguments } from '../src/hydra/index.js'
import { requestFingerprint } from '../src/job/fingerprint.js'
import { lineageEnvironment, lineageTags, type Lineage } from '../src/job/lineage.js'
import {
  buildTrainingJobRequest,
  checkRequest,
  modelArtifactsUri,
  type TrainingJobRequest
} from '../src/job/request.js'
import { startFakeAws, type FakeAws } from './support/fake-aws.js'
import { startFakeOidc, type FakeOidc } from './support/fake-oidc.js'
import { fakeSts } from './support/fake-sts.js'
import { repoRoot } from './support/paths.js'

const dir = join(repoRoot, '__fixtures__/submit-script')
const CONFIG = 'deploy/sagemaker-job-config.yaml'
const HYDRA = 'deploy/train-config.yaml'
const fixture = (name: string): string => readFileSync(join(dir, name), 'utf8')
const scriptRequest = JSON.parse(fixture('script-request.json')) as Record<string, unknown>

const ACCOUNT = '123456789012'
const sha = '5a3f32b0c1d2e3f405162738495a6b7c8d9e0f11'
const jobName = sha.slice(0, 7)
const digest = `sha256:${'ab'.repeat(32)}`
const pinned = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/sim/dog-classifier@${digest}`
const lineage: Lineage = {
  sha,
  shortSha: jobName,
  repository: 'acme/dogs',
  ref: 'refs/heads/models',
  runUrl: 'https://github.com/acme/dogs/actions/runs/1/attempts/1',
  runAttempt: '1',
  actor: 'octocat',
  event: 'push',
  imageDigest: digest
}

// The SDK reads these; each test here sets what it needs, and they are put back afterwards.
const ENV_KEYS = [
  'AWS_ENDPOINT_URL',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_EC2_METADATA_DISABLED',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_MAX_ATTEMPTS'
]
const savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]))

let aws: FakeAws
let oidc: FakeOidc
let home: string
let account: string

beforeAll(async () => {
  aws = await startFakeAws()
  oidc = await startFakeOidc()
  fakeSts(aws, { oidc, account: ACCOUNT })
  home = mkdtempSync(join(tmpdir(), 'top-compat-'))
  for (const k of ENV_KEYS) delete process.env[k]
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: aws.url,
    AWS_ACCESS_KEY_ID: 'AKIDTEST',
    AWS_SECRET_ACCESS_KEY: 'secret',
    // Nothing from the machine the tests run on: no config files, no instance metadata.
    AWS_CONFIG_FILE: join(home, 'none'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'none'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_MAX_ATTEMPTS: '1'
  })
  account = await callerAccount('us-east-1')
})

afterAll(async () => {
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
  rmSync(home, { recursive: true, force: true })
  await Promise.all([aws?.close(), oidc?.close()])
})

/** The config the action reads from `text`, with the account of the credentials filled in. */
function actionConfig(text: string): { config: JobConfig; notices: string[] } {
  const { config, problems, notices } = readJobConfig(text, CONFIG, {})
  expect(problems).toEqual([])
  return { config: withCallerAccount(config!, account), notices }
}

/** The request the action sends for `config`, built and fingerprinted as job/plan.ts does. */
function actionRequest(config: JobConfig): { request: TrainingJobRequest; warnings: string[] } {
  const args = planContainerArguments({
    // The script's command; the command input sets it (default: python train.py).
    command: ['python', 'your_training_script.py'],
    config: loadHydraConfig(fixture('train-config.yaml'), HYDRA),
    configFile: HYDRA,
    overrides: [],
    experiment: { key: 'experiment_name', value: jobName }
  }).args
  const build = (extra: Partial<Lineage>): TrainingJobRequest =>
    buildTrainingJobRequest({
      config,
      jobName,
      image: pinned,
      containerArguments: args,
      lineage: { ...lineage, ...extra }
    })
  const request = build({ fingerprint: requestFingerprint(build({})) })
  const { problems, warnings } = checkRequest(request, config, CONFIG)
  expect(problems).toEqual([])
  return { request, warnings }
}

/** Every leaf of a request as `path → value` (`ResourceConfig.InstanceType`, `Tags[0].Key`). */
function leaves(value: unknown, path = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(value)) value.forEach((v, i) => leaves(v, `${path}[${i}]`, out))
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) leaves(v, path ? `${path}.${k}` : k, out)
  else out.set(path, value)
  return out
}

const at = (value: unknown, field: string): unknown =>
  field
    .split(/\.|\[(\d+)\]/)
    .filter((p) => p !== undefined && p !== '')
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], value)

interface Difference {
  /** The field (and everything below it) that differs. */
  field: string
  /** What the script sent there (undefined: nothing). */
  script: unknown
  /** What the action sends there. */
  action: unknown
  reason: string
}

/** Compares two requests leaf by leaf: equal, or a listed difference with both sides as stated. */
function compareFieldByField(script: unknown, action: unknown, differences: Difference[]): void {
  const theirs = leaves(script)
  const ours = leaves(action)
  const used = new Set<Difference>()
  for (const path of new Set([...theirs.keys(), ...ours.keys()])) {
    const listed = differences.find(
      (d) => path === d.field || path.startsWith(`${d.field}.`) || path.startsWith(`${d.field}[`)
    )
    if (listed) used.add(listed)
    else expect({ path, value: ours.get(path) }).toEqual({ path, value: theirs.get(path) })
  }
  for (const d of differences) {
    expect({ field: d.field, script: at(script, d.field) }).toEqual({ field: d.field, script: d.script })
    expect({ field: d.field, action: at(action, d.field) }).toEqual({ field: d.field, action: d.action })
  }
  // A difference that no longer happens must leave the list.
  expect(differences.filter((d) => !used.has(d)).map((d) => d.field)).toEqual([])
}

/**
 * What the action sends differently from the script, and why. `prefix` is the S3 prefix
 * with its slash ('' at the bucket root).
 */
function deliberateDifferences(
  script: Record<string, unknown>,
  request: TrainingJobRequest,
  prefix: string
): Difference[] {
  const fingerprint = at(request, 'Environment.TRAIN_ON_PUSH_FINGERPRINT') as string
  return [
    {
      field: 'AlgorithmSpecification.TrainingImage',
      script: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/sim/dog-classifier:${jobName}`,
      action: pinned,
      reason: 'the job runs the image by digest: a tag pushed again later can never change what a job ran'
    },
    {
      field: 'AlgorithmSpecification.ContainerArguments[6]',
      script: `experiment_name=${jobName}`,
      action: `++experiment_name=${jobName}`,
      reason:
        "`++` sets the key whether or not the Hydra config declares it; the script's plain override fails when it does not"
    },
    {
      field: 'InputDataConfig',
      script: script.InputDataConfig,
      action: undefined,
      reason:
        "channels come only from inputs:, and this config has none; a warning gives the YAML that keeps the script's assets channel"
    },
    {
      field: 'CheckpointConfig.S3Uri',
      script: `s3://my-models/${prefix || '/'}checkpoints/`,
      action: `s3://my-models/${prefix}checkpoints/${jobName}/`,
      reason:
        "a folder per job: in the script's one shared folder every job resumed from (and downloaded) the checkpoints of all earlier jobs"
    },
    {
      field: 'EnableNetworkIsolation',
      script: false,
      action: undefined,
      reason: "left out: false is SageMaker's default, so the job is the same; job.network_isolation: true sends it"
    },
    {
      field: 'EnableInterContainerTrafficEncryption',
      script: false,
      action: undefined,
      reason: "left out: false is SageMaker's default, so the job is the same; request: can set it"
    },
    {
      field: 'Environment',
      script: undefined,
      action: lineageEnvironment({ ...lineage, fingerprint }, jobName),
      reason: 'lineage: the commit, repository, run and image as TRAIN_ON_PUSH_* variables for the training code'
    },
    {
      field: 'Tags',
      script: script.Tags,
      action: [...(script.Tags as unknown[]), ...lineageTags({ ...lineage, fingerprint })],
      reason: 'your tags first, then the lineage tags (train-on-push:*) that tie the job to its commit and run'
    }
  ]
}

describe('the account, from STS GetCallerIdentity', () => {
  it('is the account of the credentials, asked for with them', () => {
    expect(account).toBe(ACCOUNT)
    const call = aws.calls.find((c) => c.target === 'STS.GetCallerIdentity')!
    expect(call).toMatchObject({ status: 200, accessKeyId: 'AKIDTEST' })
  })

  it('explains a failure: which call, which error, what to do', async () => {
    aws.expireAccessKey('AKIDTEST')
    try {
      await expect(callerAccount('us-east-1')).rejects.toThrow(
        /^STS GetCallerIdentity failed: ExpiredToken: The security token included in the request is expired\. The AWS session expired/
      )
    } finally {
      aws.expireAccessKey('AKIDTEST', Number.MAX_SAFE_INTEGER)
    }
    delete process.env.AWS_ACCESS_KEY_ID
    try {
      await expect(callerAccount('us-east-1')).rejects.toThrow(
        /^STS GetCallerIdentity failed: CredentialsProviderError: .*No AWS credentials were found: add aws-actions\/configure-aws-credentials/
      )
    } finally {
      process.env.AWS_ACCESS_KEY_ID = 'AKIDTEST'
    }
  })
})

describe("the submit script's config, unchanged", () => {
  const text = fixture('sagemaker-job-config.yaml')

  it('is read without a problem, saying what it does differently', () => {
    const { problems, notices, config } = readJobConfig(text, CONFIG, {})
    expect(problems).toEqual([])
    expect(config).toMatchObject({ defaultRole: true, inputsMissing: true, s3Prefix: 'dog-classifier' })
    expect(notices).toEqual([
      `${CONFIG}: job.name is not used: the job is named by the job-name input (default: the short commit hash)`,
      `${CONFIG}: aws.image_tag is ignored: the image is always tagged with the short commit hash`,
      expect.stringMatching(
        /no aws.role_arn and no role-arn input: the job runs as arn:aws:iam::<account>:role\/sagemaker_execution_role/
      )
    ])
  })

  it("sends the script's request field by field, apart from the deliberate differences", () => {
    const { config } = actionConfig(text)
    const { request, warnings } = actionRequest(config)
    const script = scriptRequest as { AlgorithmSpecification: { ContainerArguments: string[] } }
    compareFieldByField(scriptRequest, request, deliberateDifferences(scriptRequest, request, 'dog-classifier/'))

    // Named on purpose, though the comparison covers them: the same role, with the account from STS, ...
    expect(request.RoleArn).toBe(`arn:aws:iam::${ACCOUNT}:role/sagemaker_execution_role`)
    // ... the same spot wait (max_runtime + 1 day), the same output folder, ...
    expect(request.StoppingCondition).toEqual({ MaxRuntimeInSeconds: 43200, MaxWaitTimeInSeconds: 43200 + 86400 })
    expect(modelArtifactsUri(config, jobName)).toBe(
      `s3://my-models/dog-classifier/output/${jobName}/output/model.tar.gz`
    )
    // ... and the words of the Hydra config in the script's order.
    expect(request.AlgorithmSpecification!.ContainerArguments!.slice(0, 6)).toEqual(
      script.AlgorithmSpecification.ContainerArguments.slice(0, 6)
    )
    expect(warnings).toHaveLength(1)
  })

  it("keeps the script's assets channel exactly with the YAML the warning gives", () => {
    const { config } = actionConfig(text)
    const [warning] = actionRequest(config).warnings
    expect(warning).toMatch(
      /The submit script this action replaces always attached s3:\/\/my-models\/assets\/ as the channel 'assets'/
    )
    const yaml = /add:\n([\s\S]*\n)or write/.exec(warning)![1]
    const kept = actionConfig(`${text}\n${yaml}`).config
    const { request, warnings } = actionRequest(kept)
    expect(warnings).toEqual([])
    expect(request.InputDataConfig).toEqual(scriptRequest.InputDataConfig)
  })
})

describe("the script's config with s3_prefix: ''", () => {
  it('puts everything at the bucket root, without the double slash the script made', () => {
    const { config } = actionConfig(fixture('sagemaker-job-config-root-prefix.yaml'))
    const { request } = actionRequest(config)
    // The script formatted s3://{bucket}/{prefix}/..., so an empty prefix gave s3://my-models//output.
    const script = {
      ...scriptRequest,
      OutputDataConfig: { S3OutputPath: 's3://my-models//output' },
      CheckpointConfig: { S3Uri: 's3://my-models//checkpoints/', LocalPath: '/opt/ml/checkpoints' }
    }
    compareFieldByField(script, request, [
      ...deliberateDifferences(script, request, ''),
      {
        field: 'OutputDataConfig.S3OutputPath',
        script: 's3://my-models//output',
        action: 's3://my-models/output',
        reason: 'an empty prefix is the bucket root: no empty folder name in the key'
      }
    ])
    expect(modelArtifactsUri(config, jobName)).toBe(`s3://my-models/output/${jobName}/output/model.tar.gz`)
  })
})
