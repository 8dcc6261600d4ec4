import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { readJobConfig } from '../src/config/job-config.js'
import { repoRoot } from './support/paths.js'

const FILE = 'deploy/sagemaker-job-config.yaml'
const example = readFileSync(join(repoRoot, 'examples/dog-classifier', FILE), 'utf8')

const minimal = `
job:
  instance_type: ml.m5.xlarge
aws:
  region: eu-west-1
  ecr_repository: team/model
  s3_bucket: my-bucket
  role_arn: arn:aws:iam::123456789012:role/sm
`

describe('readJobConfig', () => {
  it('reads the example in the format of the original submit script', () => {
    const { config, problems, notices } = readJobConfig(example, FILE, {})
    expect(problems).toEqual([])
    expect(notices).toEqual([])
    expect(config).toMatchObject({
      instanceType: 'ml.g5.xlarge',
      instanceCount: 1,
      volumeSizeGb: 50,
      maxRuntimeSeconds: 43200,
      maxWaitSeconds: 86400,
      region: 'us-east-1',
      ecrRepository: 'sim/dog-classifier',
      s3Bucket: 'my-models',
      s3Prefix: 'dog-classifier',
      spot: true,
      tags: { project: 'dog-classifier', team: 'vision' },
      channels: { assets: { uri: 's3://my-models/assets/' } },
      metricDefinitions: [
        { name: 'train:loss', regex: 'train_loss=([0-9.]+)' },
        { name: 'val:accuracy', regex: 'val_accuracy=([0-9.]+)' }
      ]
    })
  })

  it('fills defaults and lets inputs win over the file', () => {
    const { config } = readJobConfig(minimal, FILE, {
      instanceType: 'ml.p4d.24xlarge',
      instanceCount: 2,
      region: 'us-west-2'
    })
    expect(config).toMatchObject({
      instanceType: 'ml.p4d.24xlarge',
      instanceCount: 2,
      region: 'us-west-2',
      volumeSizeGb: 30,
      maxRuntimeSeconds: 86400,
      spot: false,
      s3Prefix: ''
    })
    expect(config!.maxWaitSeconds).toBeUndefined()
  })

  it('gives spot jobs a day of waiting on top of the runtime, as the original submit script did', () => {
    const { config } = readJobConfig(minimal.replace('aws:', 'aws:\n  spot_enabled: true'), FILE, {})
    expect(config!.maxWaitSeconds).toBe(86400 + 86400)
  })

  it('takes the region from AWS_REGION when neither file nor input has it', () => {
    const { config } = readJobConfig(
      minimal.replace('  region: eu-west-1\n', ''),
      FILE,
      {},
      { AWS_REGION: 'ap-south-1' }
    )
    expect(config!.region).toBe('ap-south-1')
  })

  it('keeps tag and environment values as written', () => {
    const { config } = readJobConfig(
      `${minimal}tags:\n  version: 1.0\n  flag: yes\n  empty:\nenvironment:\n  SEED: 007\n`,
      FILE,
      {}
    )
    expect(config!.tags).toEqual({ version: '1.0', flag: 'yes', empty: '' })
    expect(config!.environment).toEqual({ SEED: '007' })
  })

  it('notes the fields of the original format it ignores', () => {
    const { notices } = readJobConfig(
      minimal.replace('job:', 'job:\n  name: old').replace('aws:', 'aws:\n  image_tag: latest'),
      FILE,
      {}
    )
    expect(notices.join('\n')).toMatch(/job.name is not used[\s\S]*aws.image_tag is ignored/)
  })

  it.each([
    [
      'a typo in a key',
      minimal.replace('instance_type', 'instance_typ'),
      /:3:3 job.instance_typ: unknown key 'instance_typ' \(did you mean 'instance_type'\?\)/
    ],
    ['an unknown section', `${minimal}hyperparameters: {}\n`, /unknown key 'hyperparameters'; allowed: job, aws/],
    [
      'a count that is not a number',
      minimal.replace('job:', 'job:\n  instance_count: two'),
      /job.instance_count: must be a whole number from 1 to 1000 \(got 'two'\)/
    ],
    [
      'a zero volume',
      minimal.replace('job:', 'job:\n  volume_size: 0'),
      /job.volume_size: must be a whole number from 1/
    ],
    [
      'a runtime over 28 days',
      minimal.replace('job:', 'job:\n  max_runtime: 2419201'),
      /job.max_runtime: must be a whole number from 1 to 2419200/
    ],
    [
      'max_wait without spot',
      minimal.replace('job:', 'job:\n  max_wait: 100'),
      /max_wait only applies to spot training/
    ],
    [
      'max_wait below the runtime',
      minimal
        .replace('job:', 'job:\n  max_wait: 100\n  max_runtime: 200')
        .replace('aws:', 'aws:\n  spot_enabled: true'),
      /max_wait \(100\) must be at least max_runtime \(200\)/
    ],
    [
      'spot_enabled as a string',
      minimal.replace('aws:', 'aws:\n  spot_enabled: "true"'),
      /aws.spot_enabled: must be true or false/
    ],
    [
      'no role',
      minimal.replace(/  role_arn.*\n/, ''),
      /aws.role_arn: no SageMaker execution role: set aws.role_arn or the role-arn input/
    ],
    ['no bucket', minimal.replace(/  s3_bucket.*\n/, ''), /aws.s3_bucket: is required/],
    ['a bucket given as a URI', minimal.replace('my-bucket', 's3://my-bucket'), /not an S3 bucket name/],
    ['a malformed region', minimal.replace('eu-west-1', 'Europe'), /'Europe' is not an AWS region/],
    [
      'a malformed instance type',
      minimal.replace('ml.m5.xlarge', 'm5.xlarge'),
      /'m5.xlarge' is not a SageMaker instance type/
    ],
    [
      'a channel that is not on S3',
      `${minimal}inputs:\n  train: /data\n`,
      /inputs.train: '\/data' must be an s3:\/\/ URI/
    ],
    [
      'a bad metric regex',
      `${minimal}metric_definitions:\n  - name: loss\n    regex: 'loss=([0-9'\n`,
      /metric_definitions\[0\].regex: .* is not a valid regular expression/
    ],
    [
      'broken YAML',
      'job:\n  instance_type: [ml.m5\naws: {}\n',
      /deploy\/sagemaker-job-config.yaml:\d+:\d+: invalid YAML/
    ],
    ['a list instead of a mapping', '- a\n- b\n', /must be a mapping with job:, aws: and tags: sections/]
  ])('reports %s', (_label, text, message) => {
    const { config, problems } = readJobConfig(text, FILE, {})
    expect(config).toBeUndefined()
    expect(problems.map((p) => `${p.where}: ${p.message}`).join('\n')).toMatch(message)
  })

  it('reports every problem at once', () => {
    const { problems } = readJobConfig('job:\n  instance_count: -1\naws:\n  regoin: x\n', FILE, {})
    const text = problems.map((p) => `${p.where}: ${p.message}`).join('\n')
    expect(text).toMatch(/instance_count/)
    expect(text).toMatch(/did you mean 'region'/)
    expect(text).toMatch(/job.instance_type: is required/)
    expect(text).toMatch(/aws.ecr_repository: is required/)
    expect(problems.length).toBeGreaterThanOrEqual(6)
  })

  it('says the file is missing', () => {
    expect(readJobConfig(undefined, FILE, {}).problems[0].message).toMatch(/does not exist in the checkout/)
  })
})
