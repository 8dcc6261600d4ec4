import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { SageMakerClient, CreateTrainingJobCommand, DescribeTrainingJobCommand } from '@aws-sdk/client-sagemaker'
import { ECRClient, DescribeImagesCommand } from '@aws-sdk/client-ecr'
import { AwsFault, startFakeAws, type FakeAws } from './support/fake-aws.js'

const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' }

describe('the local AWS-protocol server', () => {
  let aws: FakeAws
  beforeAll(async () => {
    aws = await startFakeAws({
      'SageMaker.CreateTrainingJob': (input) => ({
        TrainingJobArn: `arn:aws:sagemaker:us-east-1:123456789012:training-job/${input.TrainingJobName}`
      }),
      'SageMaker.DescribeTrainingJob': () => {
        throw new AwsFault('ValidationException', 'Requested resource not found.')
      }
    })
  })
  afterAll(() => aws.close())

  const sagemaker = (): SageMakerClient =>
    new SageMakerClient({ region: 'us-east-1', endpoint: aws.url, credentials, maxAttempts: 1 })

  const minimal = {
    TrainingJobName: 'abc1234',
    RoleArn: 'arn:aws:iam::123456789012:role/train',
    OutputDataConfig: { S3OutputPath: 's3://bucket/prefix/output' },
    AlgorithmSpecification: { TrainingImage: 'x/y:z', TrainingInputMode: 'File' as const },
    ResourceConfig: { InstanceType: 'ml.m5.large' as const, InstanceCount: 1, VolumeSizeInGB: 10 }
  }

  it('accepts a valid request from the real SDK and records it', async () => {
    const out = await sagemaker().send(new CreateTrainingJobCommand(minimal))
    expect(out.TrainingJobArn).toMatch(/training-job\/abc1234$/)
    const call = aws.callsTo('CreateTrainingJob').at(-1)!
    expect(call.input.TrainingJobName).toBe('abc1234')
    expect(call.headers['content-type']).toBe('application/x-amz-json-1.1')
  })

  it.each([
    ['a name with an underscore', { TrainingJobName: 'bad_name' }, /TrainingJobName.*must match/],
    [
      '64 arguments too many',
      { AlgorithmSpecification: { ...minimal.AlgorithmSpecification, ContainerArguments: Array(101).fill('a') } },
      /at most 100 items/
    ],
    [
      'an unknown instance type',
      { ResourceConfig: { ...minimal.ResourceConfig, InstanceType: 'ml.nope.large' } },
      /not one of the/
    ],
    ['a missing role', { RoleArn: undefined }, /missing required member RoleArn/]
  ])('rejects %s as AWS would', async (_label, patch, message) => {
    await expect(sagemaker().send(new CreateTrainingJobCommand({ ...minimal, ...patch } as any))).rejects.toMatchObject(
      {
        name: 'ValidationException',
        message: expect.stringMatching(message)
      }
    )
  })

  it('answers errors that the SDK maps by name', async () => {
    await expect(sagemaker().send(new DescribeTrainingJobCommand({ TrainingJobName: 'x' }))).rejects.toMatchObject({
      name: 'ValidationException',
      $metadata: expect.objectContaining({ httpStatusCode: 400 })
    })
  })

  it('injects throttling that the SDK retries', async () => {
    aws.setFaults((call, n) =>
      call.operation === 'CreateTrainingJob' && n % 2 === 0
        ? { kind: 'error', status: 400, type: 'ThrottlingException', message: 'Rate exceeded' }
        : undefined
    )
    try {
      const client = new SageMakerClient({ region: 'us-east-1', endpoint: aws.url, credentials, maxAttempts: 3 })
      const before = aws.callsTo('CreateTrainingJob').length
      await client.send(new CreateTrainingJobCommand({ ...minimal, TrainingJobName: 'retry-me' }))
      const made = aws.callsTo('CreateTrainingJob').slice(before)
      expect(made.map((c) => c.errorType)).toEqual(['ThrottlingException', undefined])
      expect(made[1].headers['amz-sdk-request']).toMatch(/attempt=2/)
    } finally {
      aws.setFaults(undefined)
    }
  })

  it('is reached through AWS_ENDPOINT_URL_<SERVICE> without an explicit endpoint', async () => {
    process.env.AWS_ENDPOINT_URL_ECR = aws.url
    try {
      const ecr = new ECRClient({ region: 'us-east-1', credentials, maxAttempts: 1 })
      await expect(ecr.send(new DescribeImagesCommand({ repositoryName: 'Upper' }))).rejects.toMatchObject({
        name: 'ValidationException'
      })
      expect(aws.calls.at(-1)!.target).toBe('AmazonEC2ContainerRegistry_V20150921.DescribeImages')
    } finally {
      delete process.env.AWS_ENDPOINT_URL_ECR
    }
  })
})
