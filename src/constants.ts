/** Names of the action's inputs, exactly as in action.yml. */
export const Input = {
  JobConfig: 'job-config',
  HydraConfig: 'hydra-config',
  Overrides: 'overrides',
  Command: 'command',
  Context: 'context',
  Dockerfile: 'dockerfile',
  Sha: 'sha',
  ShortShaLength: 'short-sha-length',
  JobName: 'job-name',
  ExperimentNameKey: 'experiment-name-key',
  Region: 'region',
  RoleArn: 'role-arn',
  EcrRepository: 'ecr-repository',
  InstanceType: 'instance-type',
  InstanceCount: 'instance-count',
  DryRun: 'dry-run',
  Wait: 'wait',
  WaitTimeoutMinutes: 'wait-timeout-minutes',
  PollIntervalSeconds: 'poll-interval-seconds',
  StopOnCancel: 'stop-on-cancel',
  IfJobExists: 'if-job-exists',
  SkipExistingImage: 'skip-existing-image',
  CreateRepository: 'create-repository',
  PushLatest: 'push-latest',
  Platform: 'platform',
  BuildArgs: 'build-args',
  Cache: 'cache'
} as const

export type InputName = (typeof Input)[keyof typeof Input]

/**
 * action.yml's defaults. The runner always passes every input, so these only serve runs
 * outside a runner (local runs, the tests' own harness); a test keeps them equal to action.yml.
 */
export const INPUT_DEFAULTS: Readonly<Record<InputName, string>> = {
  'job-config': 'deploy/sagemaker-job-config.yaml',
  'hydra-config': 'deploy/train-config.yaml',
  overrides: '',
  command: 'python train.py',
  context: 'src',
  dockerfile: '',
  sha: '',
  'short-sha-length': '7',
  'job-name': '{short_sha}',
  'experiment-name-key': 'experiment_name',
  region: '',
  'role-arn': '',
  'ecr-repository': '',
  'instance-type': '',
  'instance-count': '',
  'dry-run': 'false',
  wait: 'false',
  'wait-timeout-minutes': '',
  'poll-interval-seconds': '30',
  'stop-on-cancel': 'true',
  'if-job-exists': 'auto',
  'skip-existing-image': 'true',
  'create-repository': 'true',
  'push-latest': 'true',
  platform: 'linux/amd64',
  'build-args': '',
  cache: 'registry'
}

/** Names of the action's outputs, exactly as in action.yml. */
export const Output = {
  Sha: 'sha',
  ShortSha: 'short-sha',
  Image: 'image',
  ImageDigest: 'image-digest',
  ImageBuilt: 'image-built',
  JobName: 'job-name',
  JobArn: 'job-arn',
  JobStatus: 'job-status',
  ModelArtifacts: 'model-artifacts',
  ConsoleUrl: 'console-url',
  LogsUrl: 'logs-url',
  ContainerArguments: 'container-arguments',
  FinalMetrics: 'final-metrics'
} as const

/** Keys saved by the main step for the post step. */
export const State = {
  IsPost: 'isPost',
  /** Registry host logged in to, for `docker logout`. */
  Registry: 'registry',
  /** Job to stop in post when the main step was cancelled before it could. */
  JobName: 'jobName',
  JobRegion: 'jobRegion',
  /** Set once the job reached an end state or was stopped, so post leaves it alone. */
  JobSettled: 'jobSettled',
  StopOnCancel: 'stopOnCancel'
} as const

/** Kept equal to package.json's version by a test (the bundle does not read package.json). */
export const VERSION = '0.1.0'
export const USER_AGENT: [string, string] = ['train-on-push', VERSION]

/** Prefix of the lineage tags the action puts on every job. */
export const TAG_PREFIX = 'train-on-push:'
export const LOG_GROUP = '/aws/sagemaker/TrainingJobs'
