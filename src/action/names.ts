/**
 * The action's contract with workflows, exactly as action.yml declares it: input names and
 * their defaults, and output names. A test keeps these equal to action.yml.
 */

/** Names of the action's inputs. */
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
  AllowDirty: 'allow-dirty',
  MetricGates: 'metric-gates',
  TagOnSuccess: 'tag-on-success',
  RoleToAssume: 'role-to-assume',
  RoleSessionDuration: 'role-session-duration',
  GithubToken: 'github-token',
  PlanBranches: 'plan-branches',
  CommitStatus: 'commit-status',
  DryRun: 'dry-run',
  Wait: 'wait',
  WaitTimeoutMinutes: 'wait-timeout-minutes',
  PollIntervalSeconds: 'poll-interval-seconds',
  StopOnCancel: 'stop-on-cancel',
  IfJobExists: 'if-job-exists',
  ReuseByContent: 'reuse-by-content',
  SkipExistingImage: 'skip-existing-image',
  CreateRepository: 'create-repository',
  PushLatest: 'push-latest',
  Platform: 'platform',
  Target: 'target',
  BuildArgs: 'build-args',
  Cache: 'cache'
} as const

export type InputName = (typeof Input)[keyof typeof Input]

/** Every input's value as a string, after the runner (or `readInputs`) applied the defaults. */
export type Inputs = Readonly<Record<InputName, string>>

/**
 * action.yml's defaults. The runner always passes every input, so these only serve runs
 * outside a runner (a local run with a few INPUT_* variables set).
 */
export const INPUT_DEFAULTS: Inputs = {
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
  'allow-dirty': 'true',
  'metric-gates': '',
  'tag-on-success': '',
  'role-to-assume': '',
  'role-session-duration': '',
  'github-token': '${{ github.token }}',
  'plan-branches': 'models, models/**',
  'commit-status': 'true',
  'dry-run': 'false',
  wait: 'false',
  'wait-timeout-minutes': '',
  'poll-interval-seconds': '30',
  'stop-on-cancel': 'true',
  'if-job-exists': 'auto',
  'reuse-by-content': 'true',
  'skip-existing-image': 'true',
  'create-repository': 'true',
  'push-latest': 'true',
  platform: 'linux/amd64',
  target: '',
  'build-args': '',
  cache: 'registry'
}

/** Names of the action's outputs. */
export const Output = {
  Sha: 'sha',
  ShortSha: 'short-sha',
  Image: 'image',
  ImageDigest: 'image-digest',
  ImageBuilt: 'image-built',
  ImageCommit: 'image-commit',
  JobName: 'job-name',
  JobArn: 'job-arn',
  JobStatus: 'job-status',
  JobAttached: 'job-attached',
  ModelArtifacts: 'model-artifacts',
  ConsoleUrl: 'console-url',
  LogsUrl: 'logs-url',
  ContainerArguments: 'container-arguments',
  FinalMetrics: 'final-metrics',
  BaselineJob: 'baseline-job',
  BaselineMetrics: 'baseline-metrics',
  Gates: 'gates',
  PlanComment: 'plan-comment'
} as const

export type OutputName = (typeof Output)[keyof typeof Output]
