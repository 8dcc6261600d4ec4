import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { readJobConfig } from '../src/config/job-config.js'
import { lineageTags, type Lineage } from '../src/job/lineage.js'
import { buildTrainingJobRequest, checkRequest, modelArtifactsUri } from '../src/job/request.js'
import type { JobConfig } from '../src/config/settings.js'
import { repoRoot } from './support/paths.js'

const FILE = 'deploy/sagemaker-job-config.yaml'
const base = readJobConfig(readFileSync(join(repoRoot, 'examples/dog-classifier', FILE), 'utf8'), FILE, {}).config!
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
