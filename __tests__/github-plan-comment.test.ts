import { describe, expect, it } from '@jest/globals'
import { diffHyperparameters } from '../src/github/hyperparameter-diff.js'
import {
  MARKER_PREFIX,
  MAX_COMMENT_LENGTH,
  planMarker,
  plannedImageFromPreview,
  renderPlanComment,
  type PlanCommentInput,
  type PlannedImage
} from '../src/github/plan-comment.js'
import { loadHydraConfig } from '../src/hydra/index.js'
import { dict, int, str } from '../src/hydra/value.js'

const HEAD = '0123456789abcdef0123456789abcdef01234567'
const BUILDER = 'fedcba9876543210fedcba9876543210fedcba98'

function input(overrides: Partial<PlanCommentInput> = {}): PlanCommentInput {
  const base = loadHydraConfig('optimizer:\n  lr: 0.001\nepochs: 10\nseed: 1\nold: true\n', 'deploy/train-config.yaml')
  const head = loadHydraConfig(
    "optimizer:\n  lr: 0.0003\nepochs: 10.0\nseed: '1'\nnew: [1, 2]\n",
    'deploy/train-config.yaml'
  )
  return {
    jobConfigFile: 'deploy/sagemaker-job-config.yaml',
    serverUrl: 'https://github.com',
    repository: 'acme/dogs',
    head: { sha: HEAD, shortSha: HEAD.slice(0, 7), branch: 'feature/lr' },
    baseRef: 'models',
    runUrl: 'https://github.com/acme/dogs/actions/runs/42/attempts/1',
    job: {
      name: HEAD.slice(0, 7),
      instanceType: 'ml.g5.xlarge',
      instanceCount: 2,
      spot: true,
      maxRuntimeSeconds: 43200,
      maxWaitSeconds: 129600,
      image: {
        kind: 'reused-by-content',
        uri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/team/model:0123456',
        builtBy: BUILDER
      }
    },
    hyperparameters: { file: 'deploy/train-config.yaml', diff: diffHyperparameters(base, head), baseHasFile: true },
    warnings: [],
    ...overrides
  }
}

describe('planMarker', () => {
  it('is one hidden line per job config file', () => {
    expect(planMarker('deploy/sagemaker-job-config.yaml')).toBe(
      '<!-- train-on-push:plan deploy/sagemaker-job-config.yaml -->'
    )
    expect(planMarker('./deploy/sagemaker-job-config.yaml')).toBe(planMarker('deploy/sagemaker-job-config.yaml'))
    expect(planMarker('deploy/gpu.yaml')).not.toBe(planMarker('deploy/cpu.yaml'))
  })

  it('cannot be closed early or opened twice by the file name', () => {
    for (const file of ['a-->b.yaml', 'a--b.yaml', 'we ird/<x>.yaml', "it's (1)!.yaml", 'ü.yaml']) {
      const marker = planMarker(file)
      expect(marker.startsWith(MARKER_PREFIX) && marker.endsWith(' -->')).toBe(true)
      const encoded = marker.slice(MARKER_PREFIX.length, -' -->'.length)
      expect(encoded).not.toContain('--')
      expect(encoded).toMatch(/^[A-Za-z0-9._/%-]+$/)
      expect(decodeURIComponent(encoded)).toBe(file)
    }
    expect(planMarker('a--b.yaml')).not.toBe(planMarker('a-b.yaml'))
    expect(planMarker('ü.yaml')).toBe('<!-- train-on-push:plan %C3%BC.yaml -->')
  })
})

describe('renderPlanComment', () => {
  it('says what merging would train: commit, image, instances, limits and the hyperparameter diff', () => {
    const body = renderPlanComment(input())
    expect(body.split('\n')[0]).toBe(planMarker('deploy/sagemaker-job-config.yaml'))
    expect(body).toContain('### 🧭 Training plan for <code>0123456</code>')
    expect(body).toContain(`<a href="https://github.com/acme/dogs/commit/${HEAD}"><code>0123456</code></a>`)
    expect(body).toContain('on <code>feature/lr</code> → <code>models</code>')
    expect(body).toContain(
      `reused, built from exactly the same content by commit <a href="https://github.com/acme/dogs/commit/${BUILDER}"><code>fedcba9</code></a>; nothing to build`
    )
    expect(body).toContain('<code>ml.g5.xlarge</code> × 2, managed spot (waits for capacity up to 1d 12h in all)')
    expect(body).toContain('<tr><th align="left">Max runtime</th><td>12h</td></tr>')
    expect(body).toContain('#### Hyperparameters: <code>deploy/train-config.yaml</code> against <code>models</code>')
    expect(body).toContain('3 changed, 1 added, 1 removed.')
    expect(body).toContain(
      '<tr><td>changed</td><td><code>optimizer.lr</code></td><td><code>0.001</code></td><td><code>0.0003</code></td></tr>'
    )
    expect(body).toContain(
      '<tr><td>changed</td><td><code>epochs</code></td><td><code>10</code></td><td><code>10.0</code><br><sub>int → float</sub></td></tr>'
    )
    expect(body).toContain(
      '<tr><td>changed</td><td><code>seed</code></td><td><code>1</code></td><td><code>&#39;1&#39;</code><br><sub>int → str</sub></td></tr>'
    )
    expect(body).toContain(
      '<tr><td>removed</td><td><code>old</code></td><td><code>true</code></td><td><em>removed</em></td></tr>'
    )
    expect(body).toContain(
      '<tr><td>added</td><td><code>new</code></td><td><em>not set</em></td><td><code>&#91;1,2&#93;</code></td></tr>'
    )
    expect(body).toContain('by <a href="https://github.com/acme/dogs/actions/runs/42/attempts/1">this workflow run</a>')
    expect(body).not.toContain('problems')
    expect(body).not.toContain('Warnings')
  })

  it('describes each way to the image', () => {
    const uri = 'r/x:0123456'
    const cases: [PlannedImage, string][] = [
      [{ kind: 'reused-tag', uri }, 'already in the registry for this commit; nothing to build'],
      [
        { kind: 'build', uri, contentKey: 'abcdef0123456789' },
        'to be built (no image with content key <code>abcdef012345</code> yet)'
      ],
      [
        plannedImageFromPreview({
          uri,
          repository: 'x',
          tags: ['0123456'],
          context: 'src',
          dockerfile: 'src/Dockerfile',
          platform: 'linux/amd64',
          cache: 'registry',
          buildArgs: 0,
          contentKey: 'abcdef0123456789',
          reuseByContent: true,
          createRepository: true,
          reuseExistingTag: true
        }),
        'an image with content key <code>abcdef012345</code> is reused; else an image already tagged for this commit is reused; else it is built (the registry was not asked for this plan)'
      ],
      [
        { kind: 'unchecked', uri, contentKey: 'k', reuseByContent: false, reuseExistingTag: false },
        'always built (reuse-by-content and skip-existing-image are off)'
      ]
    ]
    for (const [image, text] of cases) {
      const body = renderPlanComment(input({ job: { ...input().job!, image } }))
      expect(body).toContain(`<code>${uri}</code>: ${text}`)
    }
  })

  it('says so when nothing changes, when the base has no config, and when it cannot be read', () => {
    const same = diffHyperparameters(dict<never>([[str('a'), int(1)]]), dict<never>([[str('a'), int(1)]]))
    expect(renderPlanComment(input({ hyperparameters: { file: 't.yaml', diff: same, baseHasFile: true } }))).toContain(
      'No hyperparameter changes.'
    )
    const all = diffHyperparameters(dict<never>([]), dict<never>([[str('a'), int(1)]]))
    expect(renderPlanComment(input({ hyperparameters: { file: 't.yaml', diff: all, baseHasFile: false } }))).toContain(
      '<code>models</code> has no <code>t.yaml</code>: every key is new. 1 added.'
    )
    expect(
      renderPlanComment(
        input({ hyperparameters: { file: 't.yaml', unavailable: 'the base commit 0123 is not in the checkout' } })
      )
    ).toContain('Not compared with <code>models</code>: the base commit 0123 is not in the checkout')
  })

  it('shows every warning and the base branch’s last metrics', () => {
    const body = renderPlanComment(
      input({
        warnings: ['instance type ml.p9.huge is not in the model', 'second'],
        baseRun: {
          jobName: 'fedcba9',
          sha: BUILDER,
          consoleUrl: 'https://us-east-1.console.aws.amazon.com/sagemaker/home?region=us-east-1#/jobs/fedcba9',
          status: 'Completed',
          metrics: [
            { name: 'val:accuracy', value: 0.912345678 },
            { name: 'loss', value: NaN }
          ]
        }
      })
    )
    expect(body).toContain(
      '#### ⚠️ Warnings\n\n<ul>\n<li>instance type ml.p9.huge is not in the model</li>\n<li>second</li>\n</ul>'
    )
    expect(body).toContain('#### Last run on <code>models</code>')
    expect(body).toContain(
      'Training job <a href="https://us-east-1.console.aws.amazon.com/sagemaker/home?region=us-east-1#/jobs/fedcba9"><code>fedcba9</code></a> (commit'
    )
    expect(body).toContain('<tr><td><code>val:accuracy</code></td><td>0.912346</td></tr>')
    expect(body).toContain('<tr><td><code>loss</code></td><td>NaN</td></tr>')
  })

  it('shows the problems of a broken configuration instead of a plan', () => {
    const body = renderPlanComment(
      input({
        job: undefined,
        hyperparameters: undefined,
        problems: [
          {
            where: 'deploy/sagemaker-job-config.yaml:3:18 job.instance_type',
            message: "'ml.g5.xlarg' is not an instance type; did you mean 'ml.g5.xlarge'?",
            file: 'deploy/sagemaker-job-config.yaml',
            line: 3,
            column: 18
          },
          { where: 'input job-name', message: "'{}' renders to an empty name" }
        ]
      })
    )
    expect(body.split('\n')[0]).toBe(planMarker('deploy/sagemaker-job-config.yaml'))
    expect(body).toContain('### ❌ Training plan for <code>0123456</code>: the configuration has problems')
    expect(body).toContain('as it is would not train')
    expect(body).toContain(
      `<li><a href="https://github.com/acme/dogs/blob/${HEAD}/deploy/sagemaker-job-config.yaml#L3"><code>deploy/sagemaker-job-config.yaml:3:18 job.instance&#95;type</code></a>: &#39;ml.g5.xlarg&#39; is not an instance type; did you mean &#39;ml.g5.xlarge&#39;?</li>`
    )
    expect(body).toContain('<li><code>input job-name</code>: &#39;{}&#39; renders to an empty name</li>')
    expect(body).not.toContain('Max runtime')
    expect(body).not.toContain('Image')
  })

  it('shows an error that is not a config problem', () => {
    const body = renderPlanComment(input({ job: undefined, error: 'commit 0123456 is not in the checkout' }))
    expect(body).toContain('the configuration has problems')
    expect(body).toContain('<li>commit 0123456 is not in the checkout</li>')
  })

  it('escapes everything users wrote: branch, keys, values, file names, warnings, metric names', () => {
    const evil = '<script>alert(1)</script>'
    const base = dict<never>([[str(evil), int(1)]])
    const head = dict<never>([
      [str(evil), int(2)],
      [str('note'), str('a\n\n# injected heading\n\n<img src=x onerror=alert(1)>')],
      [str('md'), str('**bold** [link](https://evil.example) `tick` | pipe ~~strike~~ @octocat :tada:')]
    ])
    const body = renderPlanComment(
      input({
        head: { sha: HEAD, shortSha: HEAD.slice(0, 7), branch: evil },
        baseRef: 'models/<b>',
        jobConfigFile: 'deploy/<x>.yaml',
        hyperparameters: { file: 'deploy/<t>.yaml', diff: diffHyperparameters(base, head), baseHasFile: true },
        warnings: [`key ${evil} and @octocat said **hi**\n\n# heading`],
        baseRun: { jobName: evil, metrics: [{ name: evil, value: 1 }] }
      })
    )
    expect(body).not.toMatch(/<script|<img|<b>|\*\*|\[link\]|~~|`tick`/)
    expect(body).toContain('<code>&#60;script&#62;alert(1)&#60;/script&#62;</code>')
    expect(body).toContain('<code>models/&#60;b&#62;</code>')
    // No user text can start a line of its own (where Markdown would read a heading) or leave a blank line.
    expect(body).not.toMatch(/^# /m)
    expect(body).toContain('a<br><br># injected heading<br><br>&#60;img src=x onerror=alert(1)&#62;')
    // In prose a login is no mention; inside <code> GitHub makes none anyway.
    expect(body).toContain('@&#8203;octocat said &#42;&#42;hi&#42;&#42;')
    expect(body.replace(/<code>.*?<\/code>/g, '')).not.toMatch(/@octocat/)
    expect(body).toContain('&#124; pipe')
  })

  it('keeps a huge diff within GitHub’s limit, leaving out rows with a note', () => {
    const base = dict<never>(Array.from({ length: 5000 }, (_, i) => [str(`key_${i}`), str('x'.repeat(400))] as const))
    const head = dict<never>(Array.from({ length: 5000 }, (_, i) => [str(`key_${i}`), str('y'.repeat(400))] as const))
    const diff = diffHyperparameters(base, head)
    const body = renderPlanComment(
      input({ hyperparameters: { file: 't.yaml', diff, baseHasFile: true }, warnings: ['w'] })
    )
    expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH)
    expect(body.length).toBeGreaterThan(MAX_COMMENT_LENGTH - 2000)
    const shown = body.match(/<tr><td>changed<\/td>/g)!.length
    expect(shown).toBeGreaterThan(50)
    expect(body).toContain(
      `… and ${5000 - shown} more changes, left out to keep this comment within GitHub's 65,536-character limit.`
    )
    expect(body).toContain('<details><summary>5000 changed</summary>')
    expect(body).toContain('</table>\n\n</details>')
    // The warning and the footer are still there: only diff rows were left out.
    expect(body).toContain('<li>w</li>')
    expect(body.trimEnd().endsWith('· train-on-push</sub>')).toBe(true)
    // A long value is shortened in its cell.
    expect(body).toContain(`<code>${'x'.repeat(299)}…</code>`)
  })

  it('leaves out warnings, then problems, and as a last resort cuts, under a smaller limit', () => {
    const warnings = Array.from({ length: 100 }, (_, i) => `warning ${i} ${'w'.repeat(100)}`)
    const body = renderPlanComment(input({ warnings }), { maxLength: 6000 })
    expect(body.length).toBeLessThanOrEqual(6000)
    expect(body).not.toContain('<tr><td>changed</td>')
    expect(body).toMatch(/… and \d+ more warnings/)

    const problems = Array.from({ length: 100 }, (_, i) => ({ where: `input x${i}`, message: 'p'.repeat(200) }))
    const broken = renderPlanComment(input({ job: undefined, problems }), { maxLength: 5000 })
    expect(broken.length).toBeLessThanOrEqual(5000)
    expect(broken).toMatch(/… and \d+ more problems/)

    const cut = renderPlanComment(input({ job: undefined, problems }), { maxLength: 300 })
    expect(cut.length).toBeLessThanOrEqual(300)
    expect(cut.startsWith(planMarker('deploy/sagemaker-job-config.yaml'))).toBe(true)
    expect(cut).toContain('(cut to fit the comment length limit)')
  })
})
