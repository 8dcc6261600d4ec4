import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { readJobConfig, withCallerAccount } from '../src/config/job-config.js'
import { lineageTags, type Lineage } from '../src/job/lineage.js'
import { buildTrainingJobRequest, checkRequest, modelArtifactsUri } from '../src/job/request.js'
import type { JobConfig } from '../src/config/settings.js'
import { repoRoot } from './support/paths.js'

const FILE = 'deploy/sagemaker-job-config.yaml'
const exampleText = readFileSync(join(repoRoot, 'examples/dog-classifier', FILE), 'utf8')
const base = readJobConfig(exampleText, FILE, {}).config!
const sha = '5a3f32b0c1d2e3f405162738495a6b7c8d9e0f11'
const lineage: Lineage = {
  sha,
  shortSha: '5a3f32b',
  repository: 'acme/dogs',
  ref: 'refs/heads/models',
  runUrl: 'https://github.com/acme/dogs/actions/runs/1/attempts/1',
  runAttempt: '1',
  actor: 'octocat',
  event: 'push',
  imageDigest: `sha256:${'ab'.repeat(32)}`
}
const image = `123456789012.dkr.ecr.us-east-1.amazonaws.com/sim/dog-classifier@sha256:${'ab'.repeat(32)}`

const build = (
  config: Partial<JobConfig> = {},
  over: { args?: string[]; image?: string; lineage?: Partial<Lineage> } = {}
) => {
  const cfg = { ...base, ...config }
  const request = buildTrainingJobRequest({
    config: cfg,
    jobName: '5a3f32b',
    image: over.image ?? image,
    containerArguments: over.args ?? ['python', 'train.py', 'experiment_name=5a3f32b'],
    lineage: { ...lineage, ...over.lineage }
  })
  return { request, ...checkRequest(request, cfg, FILE) }
}
const problemText = (r: ReturnType<typeof build>): string =>
  r.problems.map((p) => `${p.where}: ${p.message}`).join('\n')

describe('buildTrainingJobRequest', () => {
  it('builds what the original submit script sent, pinned and with lineage', () => {
    const { request, problems, warnings } = build()
    expect(problems).toEqual([])
    expect(warnings).toEqual([])
    expect(request).toMatchObject({
      TrainingJobName: '5a3f32b',
      RoleArn: 'arn:aws:iam::123456789012:role/sagemaker_execution_role',
      AlgorithmSpecification: {
        TrainingImage: image,
        TrainingInputMode: 'File',
        ContainerArguments: ['python', 'train.py', 'experiment_name=5a3f32b'],
        MetricDefinitions: [
          { Name: 'train:loss', Regex: 'train_loss=([0-9.]+)' },
          { Name: 'val:accuracy', Regex: 'val_accuracy=([0-9.]+)' }
        ]
      },
      InputDataConfig: [
        {
          ChannelName: 'assets',
          DataSource: {
            S3DataSource: {
              S3DataType: 'S3Prefix',
              S3Uri: 's3://my-models/assets/',
              S3DataDistributionType: 'FullyReplicated'
            }
          }
        }
      ],
      OutputDataConfig: { S3OutputPath: 's3://my-models/dog-classifier/output' },
      ResourceConfig: { InstanceType: 'ml.g5.xlarge', InstanceCount: 1, VolumeSizeInGB: 50 },
      StoppingCondition: { MaxRuntimeInSeconds: 43200, MaxWaitTimeInSeconds: 86400 },
      CheckpointConfig: {
        S3Uri: 's3://my-models/dog-classifier/checkpoints/5a3f32b/',
        LocalPath: '/opt/ml/checkpoints'
      },
      EnableManagedSpotTraining: true
    })
    expect(request.Environment).toMatchObject({
      WANDB_MODE: 'offline',
      TRAIN_ON_PUSH_SHA: sha,
      TRAIN_ON_PUSH_JOB_NAME: '5a3f32b',
      TRAIN_ON_PUSH_IMAGE_DIGEST: lineage.imageDigest
    })
    expect(request.Tags).toEqual(
      expect.arrayContaining([
        { Key: 'project', Value: 'dog-classifier' },
        { Key: 'train-on-push:sha', Value: sha },
        { Key: 'train-on-push:run-url', Value: lineage.runUrl },
        { Key: 'train-on-push:image-digest', Value: lineage.imageDigest }
      ])
    )
    expect(modelArtifactsUri(base, '5a3f32b')).toBe('s3://my-models/dog-classifier/output/5a3f32b/output/model.tar.gz')
  })

  it('leaves out what is not configured (no empty lists AWS would reject)', () => {
    const { request, problems } = build(
      { channels: {}, metricDefinitions: [], spot: false, maxWaitSeconds: undefined, s3Prefix: '' },
      { args: [] }
    )
    expect(problems).toEqual([])
    expect(request.InputDataConfig).toBeUndefined()
    expect(request.AlgorithmSpecification).not.toHaveProperty('ContainerArguments')
    expect(request.AlgorithmSpecification).not.toHaveProperty('MetricDefinitions')
    expect(request.StoppingCondition).toEqual({ MaxRuntimeInSeconds: 43200 })
    expect(request.OutputDataConfig!.S3OutputPath).toBe('s3://my-models/output')
  })

  it('makes lineage values tag-safe', () => {
    expect(lineageTags({ ...lineage, actor: 'dependabot[bot]' }).find((t) => t.Key.endsWith(':actor'))!.Value).toBe(
      'dependabot_bot_'
    )
  })
})

describe('checkRequest', () => {
  it('only warns for an instance type newer than the shipped model', () => {
    const r = build({ instanceType: 'ml.p9.48xlarge' })
    expect(r.problems).toEqual([])
    expect(r.warnings[0]).toMatch(
      /job.instance_type \(or input instance-type\): 'ml.p9.48xlarge' is not in the SageMaker model/
    )
  })

  it('allows 39 user tags next to the 11 lineage tags, not 40', () => {
    const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']))
    expect(build({ tags: tags(39) }).problems).toEqual([])
    expect(problemText(build({ tags: tags(40) }))).toMatch(
      /tags: SageMaker allows 50 tags on a job; this action adds 11 lineage tags, so at most 39 of yours fit \(you have 40\)/
    )
  })

  it.each([
    [
      'a reserved aws: tag key',
      { tags: { 'aws:owner': 'me' } },
      {},
      /tags.aws:owner: tag keys starting with 'aws:' are reserved/
    ],
    ['a tag key of the action', { tags: { 'train-on-push:sha': 'x' } }, {}, /are set by this action/],
    [
      'a tag value with forbidden characters',
      { tags: { owner: 'a<b>' } },
      {},
      /deploy\/sagemaker-job-config.yaml tags: .*must match/
    ],
    [
      'a reserved environment name',
      { environment: { TRAIN_ON_PUSH_SHA: 'x' } },
      {},
      /environment.TRAIN_ON_PUSH_SHA: names starting with TRAIN_ON_PUSH_ are set by this action/
    ],
    ['an environment name with a dash', { environment: { 'MY-VAR': 'x' } }, {}, /environment: .*'MY-VAR' must match/],
    [
      'an image reference over 255 characters',
      {},
      { image: `${'a'.repeat(200)}.dkr.ecr.us-east-1.amazonaws.com/x@sha256:${'0'.repeat(64)}` },
      /aws.ecr_repository \(or input ecr-repository\): must be at most 255 characters/
    ],
    [
      'a container argument over 256 characters',
      {},
      { args: ['python', 'x'.repeat(257)] },
      /inputs command \/ hydra-config \/ overrides: must be at most 256 characters.*ContainerArguments\[1\]/
    ],
    [
      'an unknown channel distribution',
      { channels: { train: { uri: 's3://b/p', distribution: 'Sharded' } } },
      {},
      /inputs.train: 'Sharded' is not one of the 2 allowed values/
    ],
    [
      'a bad subnet id',
      { vpc: { subnets: ['subnet_1'], securityGroups: ['sg-1'] } },
      {},
      /vpc.subnets: 'subnet_1' must match/
    ],
    ['a bad KMS key', { kmsKeyId: 'key id' }, {}, /kms_key_id: 'key id' must match/],
    ['a bad role ARN', { roleArn: 'arn:aws:iam::123:role/x' }, {}, /aws.role_arn \(or input role-arn\): .*must match/]
  ])('rejects %s', (_label, config, over, message) => {
    expect(problemText(build(config as Partial<JobConfig>, over))).toMatch(message)
  })
})

/** The config of `text`, which must have no problems. */
const configOf = (text: string, overrides = {}): JobConfig => {
  const { config, problems } = readJobConfig(text, FILE, overrides)
  expect(problems).toEqual([])
  return config!
}
const buildFrom = (config: JobConfig) => {
  const request = buildTrainingJobRequest({
    config,
    jobName: '5a3f32b',
    image,
    containerArguments: ['python', 'train.py'],
    lineage
  })
  return { request, ...checkRequest(request, config, FILE) }
}
const exampleWith = (block: string): string => `${exampleText}\nrequest:\n${block}`
const plain = `job:
  instance_type: ml.m5.xlarge
aws:
  region: us-east-1
  ecr_repository: team/model
  s3_bucket: my-models
  role_arn: arn:aws:iam::123456789012:role/sm
`

describe('the request: block in the request', () => {
  it('merges mappings key by key, adds its tags to yours and the lineage, and replaces the rest', () => {
    const config = configOf(
      exampleWith(
        [
          '  RetryStrategy: {MaximumRetryAttempts: 2}',
          '  EnableNetworkIsolation: true',
          '  EnableInterContainerTrafficEncryption: true',
          '  CheckpointConfig: {LocalPath: /opt/ml/ckpt}',
          '  ResourceConfig: {InstancePlacementConfig: {EnableMultipleJobs: false}}',
          '  Environment: {HF_HOME: /opt/ml/hf}',
          '  Tags: [{Key: cost-center, Value: 42}]',
          '  HyperParameters: {lr: 0.001}',
          '  TensorBoardOutputConfig: {S3OutputPath: s3://my-models/tensorboard/}',
          ''
        ].join('\n')
      )
    )
    const { request, problems, warnings } = buildFrom(config)
    expect(problems).toEqual([])
    expect(warnings).toEqual([])
    expect(request).toMatchObject({
      RetryStrategy: { MaximumRetryAttempts: 2 },
      EnableNetworkIsolation: true,
      EnableInterContainerTrafficEncryption: true,
      // Merged: what the action built stays beside what the block adds.
      CheckpointConfig: { S3Uri: 's3://my-models/dog-classifier/checkpoints/5a3f32b/', LocalPath: '/opt/ml/ckpt' },
      ResourceConfig: {
        InstanceType: 'ml.g5.xlarge',
        InstanceCount: 1,
        VolumeSizeInGB: 50,
        InstancePlacementConfig: { EnableMultipleJobs: false }
      },
      HyperParameters: { lr: '0.001' },
      TensorBoardOutputConfig: { S3OutputPath: 's3://my-models/tensorboard/' }
    })
    expect(request.Environment).toMatchObject({ WANDB_MODE: 'offline', HF_HOME: '/opt/ml/hf', TRAIN_ON_PUSH_SHA: sha })
    expect(request.Tags!.map((t) => t.Key)).toEqual([
      'project',
      'team',
      'cost-center',
      ...lineageTags(lineage).map((t) => t.Key)
    ])
    expect(request.Tags![2]).toEqual({ Key: 'cost-center', Value: '42' })
  })

  it('never shares its values between requests', () => {
    const config = configOf(exampleWith('  HyperParameters: {lr: 0.001}\n'))
    const first = buildFrom(config).request
    first.HyperParameters!.lr = 'changed'
    expect(buildFrom(config).request.HyperParameters).toEqual({ lr: '0.001' })
    expect(config.request).toEqual({ HyperParameters: { lr: '0.001' } })
  })

  it('sends an input channel of its own when inputs: is absent (an FSx file system here)', () => {
    const channel = {
      ChannelName: 'train',
      DataSource: {
        FileSystemDataSource: {
          FileSystemId: 'fs-0123456789abcdef0',
          FileSystemAccessMode: 'ro',
          FileSystemType: 'FSxLustre',
          DirectoryPath: '/fsx/train'
        }
      }
    }
    const config = configOf(`${plain}request:\n  InputDataConfig:\n    - ${JSON.stringify(channel)}\n`)
    const { request, problems, warnings } = buildFrom(config)
    expect(problems).toEqual([])
    expect(request.InputDataConfig).toEqual([channel])
    expect(warnings).toEqual([]) // the channel is there: no word about the script's assets channel
  })

  it('runs instance groups without InstanceType and InstanceCount, and only warns about a type newer than the model', () => {
    const config = configOf(
      `${plain.replace(/ {2}instance_type.*\n/, '')}request:\n  ResourceConfig:\n    InstanceGroups:\n` +
        '      - {InstanceGroupName: gpu, InstanceType: ml.p4d.24xlarge, InstanceCount: 2}\n' +
        '      - {InstanceGroupName: data, InstanceType: ml.c9.2xlarge, InstanceCount: 1}\n'
    )
    const { request, problems, warnings } = buildFrom({ ...config, inputsMissing: undefined })
    expect(problems).toEqual([])
    expect(request.ResourceConfig).toEqual({
      VolumeSizeInGB: 30,
      InstanceGroups: [
        { InstanceGroupName: 'gpu', InstanceType: 'ml.p4d.24xlarge', InstanceCount: 2 },
        { InstanceGroupName: 'data', InstanceType: 'ml.c9.2xlarge', InstanceCount: 1 }
      ]
    })
    expect(warnings).toEqual([
      expect.stringMatching(
        /request.ResourceConfig.InstanceGroups\[1\].InstanceType: 'ml.c9.2xlarge' is not in the SageMaker model this action ships/
      )
    ])
  })

  it('lets an input win over the same field in request:', () => {
    const config = configOf(
      `${plain.replace(/ {2}instance_type.*\n/, '')}request:\n  ResourceConfig: {InstanceType: ml.m5.large}\n`,
      { instanceType: 'ml.p4d.24xlarge' }
    )
    expect(buildFrom(config).request.ResourceConfig).toMatchObject({ InstanceType: 'ml.p4d.24xlarge' })
  })

  it('points a problem only the whole request shows at its key in request:', () => {
    const config = configOf(exampleWith('  RetryStrategy: {}\n'))
    const { problems } = buildFrom(config)
    expect(problems).toEqual([
      {
        where: `${FILE} request.RetryStrategy`,
        message: "is missing required member MaximumRetryAttempts (SageMaker's RetryStrategy)",
        file: FILE,
        key: 'request.RetryStrategy'
      }
    ])
  })

  it('refuses a tag set twice', () => {
    const config = configOf(exampleWith('  Tags: [{Key: a, Value: x}, {Key: a, Value: y}]\n'))
    expect(problemText(buildFrom(config))).toMatch(/request.Tags\[1\]: the tag a is set twice/)
  })
})

describe('named keys in the request', () => {
  it('sends each to its SageMaker field', () => {
    const config = configOf(
      plain.replace(
        'job:\n',
        'job:\n  keep_alive: 1800\n  retry_attempts: 3\n  input_mode: FastFile\n  max_pending_time: 14400\n' +
          '  network_isolation: true\n  volume_kms_key_id: alias/volumes\n'
      )
    )
    const { request, problems } = buildFrom(config)
    expect(problems).toEqual([])
    expect(request).toMatchObject({
      ResourceConfig: { KeepAlivePeriodInSeconds: 1800, VolumeKmsKeyId: 'alias/volumes' },
      RetryStrategy: { MaximumRetryAttempts: 3 },
      AlgorithmSpecification: { TrainingInputMode: 'FastFile' },
      StoppingCondition: { MaxPendingTimeInSeconds: 14400 },
      EnableNetworkIsolation: true
    })
  })

  it("keeps a channel's own input mode over the job's", () => {
    const config = configOf(
      `${plain.replace('job:\n', 'job:\n  input_mode: FastFile\n')}inputs:\n  train: {uri: s3://my-models/train/, input_mode: Pipe}\n  assets: s3://my-models/assets/\n`
    )
    const { request } = buildFrom(config)
    expect(request.AlgorithmSpecification!.TrainingInputMode).toBe('FastFile')
    expect(request.InputDataConfig!.map((c) => c.InputMode)).toEqual(['Pipe', undefined])
  })

  it("sends none of them when unset (SageMaker's defaults)", () => {
    const { request } = buildFrom(configOf(plain))
    expect(request).not.toHaveProperty('RetryStrategy')
    expect(request).not.toHaveProperty('EnableNetworkIsolation')
    expect(request.ResourceConfig).toEqual({ InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 })
    expect(request.StoppingCondition).toEqual({ MaxRuntimeInSeconds: 86400 })
    expect(request.AlgorithmSpecification!.TrainingInputMode).toBe('File')
  })
})

describe('the default execution role in the request', () => {
  const noRole = plain.replace(/ {2}role_arn.*\n/, '')

  it('is shown with <account> until the account is known, and is checked all the same', () => {
    const config = configOf(`${noRole}inputs: {}\n`)
    const shown = buildFrom(config)
    expect(shown.request.RoleArn).toBe('arn:aws:iam::<account>:role/sagemaker_execution_role')
    expect(shown.problems).toEqual([])
    const filled = buildFrom(withCallerAccount(config, '210987654321'))
    expect(filled.request.RoleArn).toBe('arn:aws:iam::210987654321:role/sagemaker_execution_role')
    expect(filled.problems).toEqual([])
  })

  it('is not a placeholder anyone can use for a role they named', () => {
    const config = { ...configOf(plain), roleArn: 'arn:aws:iam::<account>:role/mine' }
    expect(problemText(buildFrom(config))).toMatch(/aws.role_arn \(or input role-arn\): .*must match/)
  })
})

describe('a config without inputs:', () => {
  it('warns that the submit script attached the assets channel, with the YAML that keeps it', () => {
    const { warnings } = buildFrom(configOf(plain))
    expect(warnings).toEqual([
      `${FILE}: no inputs: section, so the job gets no input channel. The submit script this action replaces always attached s3://my-models/assets/ as the channel 'assets' (/opt/ml/input/data/assets); to keep it, add:\n` +
        'inputs:\n  assets:\n    uri: s3://my-models/assets/\n    content_type: application/octet-stream\n    compression: None\n' +
        "or write 'inputs: {}' if the job needs no input channel."
    ])
  })

  it('says nothing when inputs: says there are none', () => {
    expect(buildFrom(configOf(`${plain}inputs: {}\n`)).warnings).toEqual([])
  })
})
