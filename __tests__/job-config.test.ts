import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { readJobConfig, withCallerAccount } from '../src/config/job-config.js'
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

const read = (text: string, overrides = {}) => readJobConfig(text, FILE, overrides)
const problemsOf = (text: string, overrides = {}): string =>
  read(text, overrides)
    .problems.map((p) => `${p.where}: ${p.message}`)
    .join('\n')
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1
const withJob = (lines: string): string => minimal.replace('job:\n', `job:\n${lines}`)
const withRequest = (block: string): string => `${minimal}request:\n${block}`

describe('the execution role', () => {
  const noRole = minimal.replace(/ {2}role_arn.*\n/, '')

  it('defaults to sagemaker_execution_role, with the account still to be filled in, and says so', () => {
    const { config, problems, notices } = read(noRole)
    expect(problems).toEqual([])
    expect(config).toMatchObject({
      roleArn: 'arn:aws:iam::<account>:role/sagemaker_execution_role',
      defaultRole: true
    })
    expect(notices.join('\n')).toMatch(
      /no aws.role_arn and no role-arn input: the job runs as arn:aws:iam::<account>:role\/sagemaker_execution_role, the role the original submit script used.*STS GetCallerIdentity, which needs no IAM permission/
    )
    expect(withCallerAccount(config!, '210987654321').roleArn).toBe(
      'arn:aws:iam::210987654321:role/sagemaker_execution_role'
    )
  })

  it('uses the partition of the region', () => {
    expect(read(noRole.replace('eu-west-1', 'cn-north-1')).config!.roleArn).toBe(
      'arn:aws-cn:iam::<account>:role/sagemaker_execution_role'
    )
    expect(read(noRole.replace('eu-west-1', 'us-gov-west-1')).config!.roleArn).toMatch(
      /^arn:aws-us-gov:iam::<account>:/
    )
  })

  it('is the named one when the file, the input or request: names one', () => {
    const named = [
      read(minimal).config!,
      read(noRole, { roleArn: 'arn:aws:iam::123456789012:role/from-input' }).config!,
      read(`${noRole}request:\n  RoleArn: arn:aws:iam::123456789012:role/from-request\n`).config!
    ]
    expect(named.map((c) => [c.roleArn, c.defaultRole])).toEqual([
      ['arn:aws:iam::123456789012:role/sm', undefined],
      ['arn:aws:iam::123456789012:role/from-input', undefined],
      ['arn:aws:iam::123456789012:role/from-request', undefined]
    ])
    // Nothing to fill in: the config comes back as it was.
    expect(withCallerAccount(named[0], '210987654321')).toBe(named[0])
  })

  it('refuses an account id that is not one', () => {
    expect(() => withCallerAccount(read(noRole).config!, '1234')).toThrow(/'1234' is not an AWS account id/)
  })
})

describe('the S3 prefix', () => {
  it.each([
    ["''", ''],
    ['/', ''],
    ['/runs/dogs/', 'runs/dogs']
  ])('s3_prefix: %s is %j, without an error', (written, prefix) => {
    const { config, problems } = read(minimal.replace('aws:\n', `aws:\n  s3_prefix: ${written}\n`))
    expect(problems).toEqual([])
    expect(config!.s3Prefix).toBe(prefix)
  })
})

describe('named keys for the common needs', () => {
  it('maps each to its config field', () => {
    const { config, problems } = read(
      withJob(
        [
          '  keep_alive: 1800',
          '  retry_attempts: 2',
          '  input_mode: FastFile',
          '  max_pending_time: 7200',
          '  network_isolation: true',
          '  volume_kms_key_id: alias/training-volumes',
          ''
        ].join('\n')
      )
    )
    expect(problems).toEqual([])
    expect(config).toMatchObject({
      keepAliveSeconds: 1800,
      retryAttempts: 2,
      inputMode: 'FastFile',
      maxPendingSeconds: 7200,
      networkIsolation: true,
      volumeKmsKeyId: 'alias/training-volumes'
    })
  })

  it('leaves them unset by default (nothing is sent)', () => {
    const { config } = read(minimal)
    for (const key of [
      'keepAliveSeconds',
      'retryAttempts',
      'inputMode',
      'maxPendingSeconds',
      'networkIsolation',
      'volumeKmsKeyId',
      'request'
    ])
      expect(config).not.toHaveProperty(key)
  })

  // The ranges are the SageMaker model's (aws-models/sagemaker.json), so the messages follow it.
  it.each([
    ['keep_alive: -1', /:3:3 job.keep_alive: must be a whole number from 0 to 21600 \(got '-1'\)/],
    ['keep_alive: 21601', /job.keep_alive: must be a whole number from 0 to 21600 \(got '21601'\)/],
    ['keep_alive: 1h', /job.keep_alive: must be a whole number from 0 to 21600 \(got '1h'\)/],
    ['retry_attempts: 0', /job.retry_attempts: must be a whole number from 1 to 30 \(got '0'\)/],
    ['retry_attempts: 31', /job.retry_attempts: must be a whole number from 1 to 30 \(got '31'\)/],
    ['max_pending_time: 3600', /job.max_pending_time: must be a whole number from 7200 to 2419200 \(got '3600'\)/],
    ['max_pending_time: 2419201', /job.max_pending_time: must be a whole number from 7200 to 2419200/],
    [
      'input_mode: fastfile',
      /job.input_mode: must be one of Pipe, File, FastFile \(got 'fastfile'; did you mean 'FastFile'\?\)/
    ],
    [
      'network_isolation: "true"',
      /job.network_isolation: must be true or false \(got 'true', quoted: a string; remove the quotes\)/
    ],
    ['volume_kms_key_id: my key', /job.volume_kms_key_id: 'my key' must match/],
    ['keep_aliv: 60', /unknown key 'keep_aliv' \(did you mean 'keep_alive'\?\)/]
  ])('rejects %s, naming the key and what is allowed', (line, message) => {
    expect(problemsOf(withJob(`  ${line}\n`))).toMatch(message)
  })
})

describe('the request: block', () => {
  it('keeps the fields in AWS names with their YAML types, as the model wants them', () => {
    const { config, problems } = read(
      withRequest(
        [
          '  EnableInterContainerTrafficEncryption: true',
          '  HyperParameters:',
          '    lr: 0.001', // a string field: taken as written
          '    warmup: yes',
          '  ResourceConfig:',
          '    InstancePlacementConfig:',
          '      EnableMultipleJobs: false',
          '  TensorBoardOutputConfig:',
          '    S3OutputPath: s3://my-bucket/tensorboard/',
          '  Environment:',
          '    SEED: 007',
          '  Tags:',
          '    - Key: cost-center',
          '      Value: 42',
          ''
        ].join('\n')
      )
    )
    expect(problems).toEqual([])
    expect(config!.request).toEqual({
      EnableInterContainerTrafficEncryption: true,
      HyperParameters: { lr: '0.001', warmup: 'yes' },
      ResourceConfig: { InstancePlacementConfig: { EnableMultipleJobs: false } },
      TensorBoardOutputConfig: { S3OutputPath: 's3://my-bucket/tensorboard/' },
      Environment: { SEED: '007' },
      Tags: [{ Key: 'cost-center', Value: '42' }]
    })
  })

  it("reads a field a named key stands for with that key's rules, and takes it out of the block", () => {
    const { config, problems } = read(
      withRequest(
        [
          '  RetryStrategy: {MaximumRetryAttempts: 3}',
          '  ResourceConfig: {KeepAlivePeriodInSeconds: 600, VolumeSizeInGB: 100}',
          '  StoppingCondition: {MaxRuntimeInSeconds: 7200}',
          '  EnableManagedSpotTraining: true',
          ''
        ].join('\n')
      )
    )
    expect(problems).toEqual([])
    // Spot's default wait sees the runtime written in request: too.
    expect(config).toMatchObject({
      retryAttempts: 3,
      keepAliveSeconds: 600,
      volumeSizeGb: 100,
      maxRuntimeSeconds: 7200,
      spot: true,
      maxWaitSeconds: 7200 + 86400
    })
    expect(config).not.toHaveProperty('request')
    expect(problemsOf(withRequest('  RetryStrategy: {MaximumRetryAttempts: 31}\n'))).toMatch(
      /request.RetryStrategy.MaximumRetryAttempts: must be a whole number from 1 to 30 \(got '31'\)/
    )
  })

  it('reports a misspelt field at its line and column, with a guess and the allowed members', () => {
    const text = withRequest('  ResourceConfig:\n    KeepAlivePeriodInSecond: 600\n  RetryStrategie: {}\n')
    const problems = read(text).problems
    expect(problems.map((p) => [p.line, p.column])).toEqual([
      [lineOf(text, 'KeepAlivePeriodInSecond'), 5],
      [lineOf(text, 'RetryStrategie'), 3]
    ])
    expect(problems[0]).toMatchObject({ file: FILE })
    expect(problems[0].where).toBe(
      `${FILE}:${lineOf(text, 'KeepAlivePeriodInSecond')}:5 request.ResourceConfig.KeepAlivePeriodInSecond`
    )
    expect(problems[0].message).toMatch(
      /^unknown field 'KeepAlivePeriodInSecond' \(did you mean 'KeepAlivePeriodInSeconds'\?\); ResourceConfig has: InstanceType, InstanceCount, VolumeSizeInGB, VolumeKmsKeyId, KeepAlivePeriodInSeconds, InstanceGroups/
    )
    expect(problems[1].message).toMatch(
      /^unknown field 'RetryStrategie' \(did you mean 'RetryStrategy'\?\); CreateTrainingJob has: TrainingJobName, HyperParameters, /
    )
  })

  // What the action sets itself, refused with what to use instead.
  it.each([
    [
      '  TrainingJobName: my-job\n',
      'request.TrainingJobName',
      /is set by this action: the job is named by the job-name input/
    ],
    [
      '  AlgorithmSpecification:\n    TrainingImage: x\n',
      'request.AlgorithmSpecification.TrainingImage',
      /is set by this action: the image is built from the commit and the job runs it pinned by digest; choose the repository with aws.ecr_repository/
    ],
    [
      '  AlgorithmSpecification:\n    ContainerArguments: [a]\n',
      'request.AlgorithmSpecification.ContainerArguments',
      /they come from the command, hydra-config and overrides inputs/
    ],
    [
      '  AlgorithmSpecification:\n    ContainerEntrypoint: [bash]\n',
      'request.AlgorithmSpecification.ContainerEntrypoint',
      /the image's ENTRYPOINT runs the container arguments: change it in the Dockerfile, or put the program in the command input/
    ],
    [
      '  AlgorithmSpecification:\n    AlgorithmName: xgboost\n',
      'request.AlgorithmSpecification.AlgorithmName',
      /runs the image built from the commit/
    ],
    [
      '  OutputDataConfig:\n    S3OutputPath: s3://other/\n',
      'request.OutputDataConfig.S3OutputPath',
      /it comes from aws.s3_bucket and aws.s3_prefix/
    ],
    [
      '  Tags:\n    - {Key: "train-on-push:sha", Value: x}\n',
      'request.Tags[0].Key',
      /tag keys starting with 'train-on-push:' are the lineage tags this action sets; put your own tags under tags:/
    ],
    [
      '  Environment:\n    TRAIN_ON_PUSH_SHA: x\n',
      'request.Environment.TRAIN_ON_PUSH_SHA',
      /names starting with TRAIN_ON_PUSH_ are the lineage variables this action sets; use another name/
    ]
  ])('refuses %j', (block, key, message) => {
    const text = withRequest(block)
    const problems = read(text).problems
    expect(problems).toHaveLength(1)
    expect(problems[0].where).toMatch(new RegExp(`:\\d+:\\d+ ${key.replace(/[.[\]]/g, '\\$&')}$`))
    expect(problems[0].message).toMatch(message)
  })

  // Every named key against its field in request:, both at once.
  it.each([
    [
      'job:',
      '  instance_type: ml.m5.xlarge',
      '  ResourceConfig: {InstanceType: ml.m5.large}',
      'ResourceConfig.InstanceType',
      'job.instance_type'
    ],
    [
      'job:',
      '  instance_count: 2',
      '  ResourceConfig: {InstanceCount: 3}',
      'ResourceConfig.InstanceCount',
      'job.instance_count'
    ],
    [
      'job:',
      '  volume_size: 60',
      '  ResourceConfig: {VolumeSizeInGB: 70}',
      'ResourceConfig.VolumeSizeInGB',
      'job.volume_size'
    ],
    [
      'job:',
      '  keep_alive: 60',
      '  ResourceConfig: {KeepAlivePeriodInSeconds: 120}',
      'ResourceConfig.KeepAlivePeriodInSeconds',
      'job.keep_alive'
    ],
    [
      'job:',
      '  volume_kms_key_id: a',
      '  ResourceConfig: {VolumeKmsKeyId: b}',
      'ResourceConfig.VolumeKmsKeyId',
      'job.volume_kms_key_id'
    ],
    [
      'job:',
      '  max_runtime: 60',
      '  StoppingCondition: {MaxRuntimeInSeconds: 120}',
      'StoppingCondition.MaxRuntimeInSeconds',
      'job.max_runtime'
    ],
    [
      'job:',
      '  max_pending_time: 7200',
      '  StoppingCondition: {MaxPendingTimeInSeconds: 7300}',
      'StoppingCondition.MaxPendingTimeInSeconds',
      'job.max_pending_time'
    ],
    [
      'job:',
      '  retry_attempts: 2',
      '  RetryStrategy: {MaximumRetryAttempts: 3}',
      'RetryStrategy.MaximumRetryAttempts',
      'job.retry_attempts'
    ],
    [
      'job:',
      '  input_mode: Pipe',
      '  AlgorithmSpecification: {TrainingInputMode: File}',
      'AlgorithmSpecification.TrainingInputMode',
      'job.input_mode'
    ],
    [
      'job:',
      '  network_isolation: true',
      '  EnableNetworkIsolation: false',
      'EnableNetworkIsolation',
      'job.network_isolation'
    ],
    [
      'aws:',
      '  spot_enabled: true',
      '  EnableManagedSpotTraining: true',
      'EnableManagedSpotTraining',
      'aws.spot_enabled'
    ],
    [
      'aws:',
      '  role_arn: arn:aws:iam::123456789012:role/a',
      '  RoleArn: arn:aws:iam::123456789012:role/b',
      'RoleArn',
      'aws.role_arn'
    ],
    ['', 'kms_key_id: a', '  OutputDataConfig: {KmsKeyId: b}', 'OutputDataConfig.KmsKeyId', 'kms_key_id'],
    [
      '',
      'checkpoint_s3_uri: s3://a/b/',
      '  CheckpointConfig: {S3Uri: s3://a/c/}',
      'CheckpointConfig.S3Uri',
      'checkpoint_s3_uri'
    ]
  ])('refuses %s%s with %s', (sectionName, own, field, aws, key) => {
    const base = minimal
      .replace(/ {2}role_arn.*\n/, '')
      .replace(/ {2}instance_type.*\n/, own.includes('instance_type') ? '' : '$&')
    const text = sectionName
      ? withRequestOn(base.replace(`${sectionName}\n`, `${sectionName}\n${own}\n`), field)
      : withRequestOn(`${base}${own}\n`, field)
    const at = text.split('\n').findIndex((l) => l.includes(own.trim())) + 1
    expect(problemsOf(text)).toMatch(
      new RegExp(
        `request.${aws.replace(/\./g, '\\.')}: sets ${aws}, which ${key} \\(line ${at}\\) sets too: keep one of them`
      )
    )
  })

  it.each([
    [
      'inputs:\n  train: s3://b/train/\n',
      '  InputDataConfig: []\n',
      /request.InputDataConfig: replaces InputDataConfig, which inputs: \(line \d+\) builds/
    ],
    [
      'vpc: {subnets: [subnet-1], security_groups: [sg-1]}\n',
      '  VpcConfig: {Subnets: [subnet-2], SecurityGroupIds: [sg-2]}\n',
      /request.VpcConfig: replaces VpcConfig, which vpc: \(line \d+\) builds/
    ],
    [
      'environment: {SEED: 1}\n',
      '  Environment: {SEED: 2}\n',
      /request.Environment.SEED: environment.SEED \(line \d+\) sets this variable too: keep one of them/
    ],
    [
      'tags: {team: a}\n',
      '  Tags: [{Key: team, Value: b}]\n',
      /request.Tags\[0\].Key: tags.team \(line \d+\) sets this tag too/
    ]
  ])('refuses a section and request: setting the same thing (%#)', (own, block, message) => {
    expect(problemsOf(`${minimal}${own}request:\n${block}`)).toMatch(message)
  })

  it.each([
    [
      'a value of the wrong YAML type',
      '  EnableInterContainerTrafficEncryption: "yes"\n',
      /request.EnableInterContainerTrafficEncryption: must be true or false \(got 'yes', quoted: a string; remove the quotes\)/
    ],
    [
      'a pattern the model sets',
      '  TensorBoardOutputConfig: {S3OutputPath: /tmp/tb}\n',
      /request.TensorBoardOutputConfig.S3OutputPath: '\/tmp\/tb' must match/
    ],
    [
      "a value out of the model's range",
      '  ResourceConfig: {InstanceGroups: [{InstanceType: ml.m5.large, InstanceCount: 1, InstanceGroupName: ""}]}\n',
      /InstanceGroupName: '' must be at least 1 characters/
    ],
    [
      'a missing member of a list item',
      '  ResourceConfig: {InstanceGroups: [{InstanceType: ml.m5.large, InstanceCount: 1}]}\n',
      /request.ResourceConfig.InstanceGroups\[0\]: is missing InstanceGroupName/
    ],
    [
      'an enum the model sets',
      '  OutputDataConfig: {CompressionType: gzip}\n',
      /'gzip' is not allowed \(did you mean 'GZIP'\?\); allowed: GZIP, NONE/
    ],
    [
      'a list where a mapping goes',
      '  ResourceConfig: [1]\n',
      /request.ResourceConfig: must be a mapping of ResourceConfig fields/
    ],
    [
      'an empty value',
      '  EnableInterContainerTrafficEncryption:\n',
      /needs a value: request: sets fields, it cannot remove what the action sends/
    ],
    [
      'a variable name SageMaker refuses',
      '  Environment: {MY-VAR: x}\n',
      /request.Environment.MY-VAR: the name 'MY-VAR' must match/
    ],
    ['a block that is not a mapping', '  - a\n', /request: must be a mapping of CreateTrainingJob fields/]
  ])('reports %s at its key', (_label, block, message) => {
    expect(problemsOf(withRequest(block))).toMatch(message)
  })

  it('takes instance groups instead of job.instance_type, and refuses both', () => {
    const groups =
      '  ResourceConfig:\n    InstanceGroups:\n' +
      '      - {InstanceGroupName: gpu, InstanceType: ml.p4d.24xlarge, InstanceCount: 2}\n' +
      '      - {InstanceGroupName: data, InstanceType: ml.c5.2xlarge, InstanceCount: 1}\n'
    const noType = minimal.replace(/ {2}instance_type.*\n/, '')
    const { config, problems } = read(`${noType}request:\n${groups}`)
    expect(problems).toEqual([])
    expect(config).toMatchObject({ instanceType: 'ml.p4d.24xlarge + ml.c5.2xlarge', instanceCount: 3 })
    expect(problemsOf(withRequest(groups))).toMatch(
      /job.instance_type: a cluster of instance groups names its instance types and counts in its groups \(request.ResourceConfig.InstanceGroups, line \d+\): remove it/
    )
    expect(problemsOf(`${noType}request:\n${groups}`, { instanceType: 'ml.m5.large' })).toMatch(
      /input instance-type: a cluster of instance groups .*: leave it empty/
    )
  })
})

/** `minimal` with a request: block holding `field` (as written after 2 spaces). */
function withRequestOn(text: string, field: string): string {
  return `${text}request:\n${field}\n`
}
