/**
 * The bundled action, run as the runner runs it, in plan mode and on bad input.
 * Bad input must fail before any side effect: no AWS call, no docker call.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startFakeAws, type FakeAws } from './support/fake-aws.js'
import { makeWorkspace, runAction, type RunOptions, type Workspace } from './support/action-runner.js'
import { pullRequestEvent } from './support/events.js'

let aws: FakeAws
let ws: Workspace
let bin: string
const dockerLog = (): string => (existsSync(join(bin, 'calls')) ? readFileSync(join(bin, 'calls'), 'utf8') : '')

beforeAll(async () => {
  aws = await startFakeAws()
  ws = makeWorkspace()
  // A docker that only records that it was called: plan mode and bad input must never reach it.
  bin = mkdtempSync(join(tmpdir(), 'top-bin-'))
  writeFileSync(join(bin, 'docker'), `#!/bin/sh\necho "$@" >> "${bin}/calls"\nexit 1\n`)
  chmodSync(join(bin, 'docker'), 0o755)
})
afterAll(async () => {
  await aws.close()
  ws.cleanup()
  rmSync(bin, { recursive: true, force: true })
})

const run = (options: Omit<RunOptions, 'workspace'> & { workspace?: string }) =>
  runAction({
    workspace: ws.dir,
    ...options,
    env: { AWS_ENDPOINT_URL: aws.url, PATH: `${bin}:${process.env.PATH}`, ...options.env }
  })

describe('dry run of the example repository', () => {
  it('resolves, validates and explains the run without touching AWS or docker', async () => {
    const calls = aws.calls.length
    const r = await run({ inputs: { 'dry-run': 'true' } })
    expect(r.main.exitCode).toBe(0)
    const sha = ws.commits.at(-1)!
    const short = sha.slice(0, 7)
    expect(r.outputs).toEqual({
      sha,
      'short-sha': short,
      image: `<account>.dkr.ecr.us-east-1.amazonaws.com/sim/dog-classifier:${short}`,
      'job-name': short,
      'job-status': 'DryRun',
      'console-url': `https://us-east-1.console.aws.amazon.com/sagemaker/home?region=us-east-1#/jobs/${short}`,
      'logs-url': expect.stringContaining('logStreamNameFilter'),
      'model-artifacts': `s3://my-models/dog-classifier/output/${short}/output/model.tar.gz`,
      'container-arguments': expect.any(String)
    })
    const args = JSON.parse(r.outputs['container-arguments']) as string[]
    expect(args.slice(0, 3)).toEqual(['python', 'train.py', 'model.backbone=resnet50'])
    expect(args).toContain('trainer.seed=7')
    expect(args.join(' ')).toMatch(new RegExp(`experiment_name='?${short}'?`))
    // The full request is in the log, inside a group.
    expect(r.main.stdout).toMatch(/::group::CreateTrainingJob request for [0-9a-f]{7} \(dry run\)/)
    expect(r.main.stdout).toContain('"TrainingJobName": "' + short + '"')
    expect(r.summary).toMatch(/Dry run: nothing was built or submitted/)
    expect(r.summary).toContain('Container arguments (')
    expect(r.summary).toContain('ml.g5.xlarge</code> × 1 (managed spot)')
    expect(aws.calls.length).toBe(calls)
    expect(dockerLog()).toBe('')
  })

  it("sends only the overrides when command is '' (the image's ENTRYPOINT runs the script)", async () => {
    const r = await run({ inputs: { 'dry-run': 'true', command: '', overrides: 'trainer.epochs=2' } })
    expect(r.main.exitCode).toBe(0)
    const args = JSON.parse(r.outputs['container-arguments']) as string[]
    expect(args[0]).toBe('model.backbone=resnet50')
    expect(args.at(-1)).toBe('trainer.epochs=2')
    // The override replaces the config's own trainer.epochs instead of repeating it.
    expect(args.filter((a) => a.startsWith('trainer.epochs='))).toEqual(['trainer.epochs=2'])
  })

  it('plans the pull request head commit, not the merge commit, without AWS or docker', async () => {
    const head = ws.commits.at(-1)!
    const calls = aws.calls.length
    const r = await run({
      eventName: 'pull_request',
      ref: 'refs/pull/3/merge',
      sha: 'f'.repeat(40),
      // Into a branch that gets no plan comment, so no GitHub call is made either.
      event: pullRequestEvent({ repository: 'acme/dogs', number: 3, headSha: head, headRef: 'exp', baseRef: 'main' }),
      // No credentials: the read-only image lookup cannot look, and says so.
      env: { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined }
    })
    expect(r.main.exitCode).toBe(0)
    expect(r.outputs).toMatchObject({ sha: head, 'job-status': 'DryRun' })
    expect(r.main.stdout).toContain('merges into main, not a plan branch (plan-branches): no comment')
    expect(aws.calls.length).toBe(calls)
    expect(dockerLog()).toBe('')
  })

  it("without an execution role, plans the submit script's role in the account of the credentials", async () => {
    const saved = readFileSync(join(ws.dir, CONFIG), 'utf8')
    writeFileSync(join(ws.dir, CONFIG), saved.replace(/ {2}role_arn.*\n/, ''))
    try {
      const calls = aws.calls.length
      const r = await run({ inputs: { 'dry-run': 'true' } })
      expect(r.main.exitCode).toBe(0)
      expect(r.main.stdout).toContain('"RoleArn": "arn:aws:iam::<account>:role/sagemaker_execution_role"')
      expect(r.main.stdout).toMatch(
        /no aws\.role_arn and no role-arn input: the job runs as arn:aws:iam::<account>:role\/sagemaker_execution_role/
      )
      // A dry run asks no one, not even STS, which account that is.
      expect(aws.calls.length).toBe(calls)
    } finally {
      writeFileSync(join(ws.dir, CONFIG), saved)
    }
  })

  it('reruns an older commit by abbreviated sha (workflow_dispatch)', async () => {
    const old = ws.commits[0]
    ws.commit('newer', { 'NOTES.md': 'more' })
    const r = await run({ inputs: { 'dry-run': 'true', sha: old.slice(0, 9) }, eventName: 'workflow_dispatch' })
    expect(r.main.exitCode).toBe(0)
    expect(r.outputs['short-sha']).toBe(old.slice(0, 7))
  })
})

const CONFIG = 'deploy/sagemaker-job-config.yaml'
const original = (): string => readFileSync(join(ws.dir, CONFIG), 'utf8')

describe('bad input fails before any side effect', () => {
  // Each case: inputs, optional file edits, the message it must show.
  const cases: [string, Record<string, string>, Record<string, (text: string) => string>, RegExp][] = [
    [
      'a missing job config',
      { 'job-config': 'deploy/nope.yaml' },
      {},
      /input job-config: deploy\/nope.yaml does not exist in the checkout/
    ],
    [
      'a missing Hydra config',
      { 'hydra-config': 'conf.yaml' },
      {},
      /input hydra-config: conf.yaml does not exist.*set it to '' if the training code takes none/
    ],
    [
      'a typo in the job config',
      {},
      { [CONFIG]: (t) => t.replace('volume_size', 'volume_sise') },
      /sagemaker-job-config.yaml:\d+:\d+ job.volume_sise: unknown key 'volume_sise' \(did you mean 'volume_size'\?\)/
    ],
    [
      'a malformed instance type',
      { 'instance-type': 'g5.xlarge' },
      {},
      /input instance-type: 'g5.xlarge' is not a SageMaker instance type/
    ],
    [
      'an instance count of zero',
      { 'instance-count': '0' },
      {},
      /input instance-count: '0' must be a whole number from 1 to 1000/
    ],
    ['a boolean that is not one', { wait: 'yes please' }, {}, /input wait: 'yes please' must be true or false/],
    [
      'an unknown if-job-exists policy',
      { 'if-job-exists': 'replace' },
      {},
      /input if-job-exists: 'replace' must be one of auto, attach, new, fail/
    ],
    [
      'an unknown job-name field',
      { 'job-name': '{repo}-{commit}' },
      {},
      /input job-name: unknown \{commit\}; allowed: \{short_sha\}/
    ],
    [
      'an underscore in the job name',
      { 'job-name': 'dog_{short_sha}' },
      {},
      /input job-name: SageMaker job names allow only letters, digits and hyphens; 'dog_\{short_sha\}' has '_'/
    ],
    [
      'a commit missing from the checkout',
      { sha: 'abcdef1234' },
      {},
      /input sha 'abcdef1234' is not in the checkout.*fetch-depth: 0/
    ],
    ['a malformed override', { overrides: 'model.lr=0.1\nmodel.betas=[0.9,' }, {}, /overrides.*model\.betas=\[0\.9,/],
    ['broken Hydra YAML', {}, { 'deploy/train-config.yaml': (t) => `${t}\nbad: [1, 2\n` }, /train-config.yaml:\d+:\d+/],
    [
      'too many tags',
      {},
      {
        [CONFIG]: (t) => t.replace('tags:\n', `tags:\n${Array.from({ length: 41 }, (_, i) => `  t${i}: v\n`).join('')}`)
      },
      // 12: the edited config is uncommitted, so the run also carries the train-on-push:dirty tag.
      /SageMaker allows 50 tags on a job; this action adds 12 lineage tags, so at most 38 of yours fit \(you have 43\)/
    ],
    [
      'an upper-case ECR repository',
      { 'ecr-repository': 'Sim/Dogs' },
      {},
      /input ecr-repository: .*ECR repository names are lowercase/
    ],
    [
      'an unbalanced quote in the command',
      { command: 'python "train.py' },
      {},
      /input command: unterminated double quote/
    ],
    [
      'a missing build context',
      { context: 'docker' },
      {},
      /input context: the build context 'docker' is not a directory/
    ],
    [
      'a platform without an OS',
      { platform: 'amd64' },
      {},
      /input platform: 'amd64' is not a platform like linux\/amd64/
    ],
    [
      'a build arg without a value',
      { 'build-args': 'TORCH_VERSION' },
      {},
      /input build-args: 'TORCH_VERSION' is not KEY=VALUE/
    ],
    [
      'a Hydra value longer than SageMaker allows',
      {},
      { 'deploy/train-config.yaml': (t) => `${t}\nnotes: "${'x'.repeat(300)}"\n` },
      /notes/
    ],
    [
      'a reserved tag prefix',
      {},
      { [CONFIG]: (t) => t.replace('tags:\n', 'tags:\n  aws:team: x\n') },
      /tags.aws:team: tag keys starting with 'aws:' are reserved by AWS/
    ]
  ]

  it.each(cases)('%s', async (_label, inputs, edits, message) => {
    const saved: Record<string, string> = {}
    for (const [file, edit] of Object.entries(edits)) {
      saved[file] = readFileSync(join(ws.dir, file), 'utf8')
      writeFileSync(join(ws.dir, file), edit(saved[file]))
    }
    try {
      const calls = aws.calls.length
      const r = await run({ inputs: { 'dry-run': 'false', wait: 'true', ...inputs } })
      expect(r.main.exitCode).toBe(1)
      expect(r.main.stdout).toMatch(/^::error( [^:]*)?::/m)
      expect(r.main.stdout).toMatch(message)
      // Nothing happened: no AWS call, no docker call, no image or job outputs.
      expect(aws.calls.length).toBe(calls)
      expect(dockerLog()).toBe('')
      for (const name of ['image', 'image-digest', 'job-arn']) expect(r.outputs[name]).toBeUndefined()
      expect(r.outputs['job-status']).toBe('NotSubmitted')
      expect(r.summary).toMatch(/❌/)
    } finally {
      for (const [file, text] of Object.entries(saved)) writeFileSync(join(ws.dir, file), text)
    }
  })

  it('lists every problem together', async () => {
    const r = await run({
      inputs: { 'instance-count': 'x', 'if-job-exists': 'nah', 'job-name': '{nope}', cache: 'disk' }
    })
    expect(r.main.exitCode).toBe(1)
    expect(r.main.stdout).toMatch(/4 problems with the action's configuration/)
    for (const input of ['instance-count', 'if-job-exists', 'job-name', 'cache'])
      expect(r.main.stdout).toContain(`input ${input}:`)
  })

  it('puts each config problem on its file and line, as an annotation', async () => {
    const hydraFile = 'deploy/train-config.yaml'
    const files = { [CONFIG]: original(), [hydraFile]: readFileSync(join(ws.dir, hydraFile), 'utf8') }
    const line = (file: string, text: string): number =>
      readFileSync(join(ws.dir, file), 'utf8')
        .split('\n')
        .findIndex((l) => l.includes(text)) + 1
    try {
      writeFileSync(join(ws.dir, CONFIG), files[CONFIG].replace('volume_size', 'volume_sise'))
      const typo = await run({ inputs: { 'dry-run': 'true' } })
      expect(typo.main.exitCode).toBe(1)
      expect(typo.main.stdout).toContain(
        `::error title=train-on-push configuration,file=${CONFIG},line=${line(CONFIG, 'volume_sise')},col=3::`
      )
      // Underscores are written as &#95; in the summary, so Markdown never reads them as emphasis.
      expect(typo.summary.replace(/&#95;/g, '_')).toContain('volume_sise')

      // A Hydra problem knows only its key path; its line is looked up in the file.
      writeFileSync(join(ws.dir, CONFIG), files[CONFIG])
      writeFileSync(join(ws.dir, hydraFile), `${files[hydraFile]}\nnotes:\n  long: "${'x'.repeat(300)}"\n`)
      const long = await run({ inputs: { 'dry-run': 'true' } })
      expect(long.main.exitCode).toBe(1)
      expect(long.main.stdout).toContain(
        `::error title=train-on-push configuration,file=${hydraFile},line=${line(hydraFile, 'long:')},col=3::`
      )
    } finally {
      for (const [file, text] of Object.entries(files)) writeFileSync(join(ws.dir, file), text)
    }
  })

  it('keeps the example config intact', () => {
    expect(original()).toContain('role_arn')
  })
})
