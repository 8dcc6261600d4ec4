import { describe, expect, it } from '@jest/globals'
import { consoleOrigin, logStreamUrl, trainingJobConsoleUrl, trainingJobLogsUrl } from '../src/job/urls.js'

describe('console links', () => {
  it.each([
    ['us-east-1', 'https://us-east-1.console.aws.amazon.com'],
    ['eu-central-2', 'https://eu-central-2.console.aws.amazon.com'],
    ['cn-north-1', 'https://console.amazonaws.cn'],
    ['cn-northwest-1', 'https://console.amazonaws.cn'],
    ['us-gov-west-1', 'https://console.amazonaws-us-gov.com']
  ])('%s is served from %s', (region, origin) => {
    expect(consoleOrigin(region)).toBe(origin)
    expect(trainingJobConsoleUrl(region, 'j')).toBe(`${origin}/sagemaker/home?region=${region}#/jobs/j`)
  })

  it('filters the training log group to the job, not to its later attempts', () => {
    expect(trainingJobLogsUrl('eu-west-1', 'repo-abc1234')).toBe(
      'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/' +
        '$252Faws$252Fsagemaker$252FTrainingJobs$3FlogStreamNameFilter$3Drepo-abc1234$252F'
    )
  })

  it('links one instance stream', () => {
    expect(logStreamUrl('us-east-1', 'job/algo-1-1700000000')).toBe(
      'https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups/log-group/' +
        '$252Faws$252Fsagemaker$252FTrainingJobs/log-events/job$252Falgo-1-1700000000'
    )
  })
})
