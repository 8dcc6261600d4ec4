// `npm run bench`: speed and memory goals, measured (never asserted in tests).
//   1. dry-run cold start of dist/index.js vs a bare `node -e 0`, median of N process runs
//   2. peak memory of a dry run, and the bundle's size
//   3. every section in bench/*.ts (Hydra translation, image reruns, AWS calls), compiled with tsc
// Usage: npm run bench [-- --runs 15] [-- --only cold-start,hydra]
import { execFileSync, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { entry, exampleCheckout, root, runnerEnv } from './runner-env.mjs'

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : fallback
}
const runs = Number(arg('runs', '15'))
const only = arg('only', '')?.split(',').filter(Boolean)
const wanted = (name) => only.length === 0 || only.includes(name)
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const ms = (n) => `${n.toFixed(1)} ms`
const report = {}

function timeProcess(argv, env, cwd) {
  const start = process.hrtime.bigint()
  const r = spawnSync(argv[0], argv.slice(1), { env, cwd, stdio: 'ignore' })
  const took = Number(process.hrtime.bigint() - start) / 1e6
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}`)
  return took
}

if (wanted('cold-start')) {
  const checkout = exampleCheckout()
  const { env, cleanup } = runnerEnv(checkout, { 'dry-run': 'true' })
  // Interleaved, so machine noise hits both sides alike.
  const bare = []
  const action = []
  for (let i = 0; i < runs + 2; i++) {
    const b = timeProcess([process.execPath, '-e', '0'], process.env, root)
    const a = timeProcess([process.execPath, entry], env, checkout.dir)
    if (i >= 2) {
      bare.push(b)
      action.push(a)
    }
  }
  // Peak RSS from inside the process at exit (Node has no rusage for children).
  const probe = join(root, 'scripts', 'peak-rss.mjs')
  const rss = spawnSync(process.execPath, ['--import', pathToFileURL(probe).href, entry], {
    env,
    cwd: checkout.dir,
    encoding: 'utf8'
  })
  const peak = Number(/PEAK_RSS_KB=(\d+)/.exec(rss.stderr)?.[1] ?? NaN)
  const bareRss = spawnSync(process.execPath, ['--import', pathToFileURL(probe).href, '-e', '0'], { encoding: 'utf8' })
  const barePeak = Number(/PEAK_RSS_KB=(\d+)/.exec(bareRss.stderr)?.[1] ?? NaN)
  const dist = join(root, 'dist')
  const files = readdirSync(dist).filter((f) => f.endsWith('.js'))
  const total = files.reduce((n, f) => n + statSync(join(dist, f)).size, 0)
  report['cold-start'] = {
    runs,
    bareNodeMedianMs: +median(bare).toFixed(1),
    dryRunMedianMs: +median(action).toFixed(1),
    ratio: +(median(action) / median(bare)).toFixed(2),
    goal: 'ratio <= 2',
    peakRssMb: +(peak / 1024).toFixed(1),
    bareNodePeakRssMb: +(barePeak / 1024).toFixed(1),
    bundle: {
      entryKb: +(statSync(join(dist, 'index.js')).size / 1024).toFixed(0),
      allChunksKb: +(total / 1024).toFixed(0),
      chunks: files.length
    }
  }
  console.log(
    `cold start: bare node ${ms(median(bare))}, dry run ${ms(median(action))} (×${(median(action) / median(bare)).toFixed(2)}; goal ≤ 2×), peak RSS ${(peak / 1024).toFixed(1)} MB (bare node ${(barePeak / 1024).toFixed(1)} MB), bundle ${(total / 1024).toFixed(0)} KB in ${files.length} chunks (entry ${(statSync(join(dist, 'index.js')).size / 1024).toFixed(0)} KB)`
  )
  checkout.cleanup()
  cleanup()
}

const sections = existsSync(join(root, 'bench'))
  ? readdirSync(join(root, 'bench')).filter((f) => f.endsWith('.ts'))
  : []
const selected = sections.filter((f) => wanted(f.replace(/\.ts$/, '')))
if (selected.length > 0) {
  const out = join(root, '.bench')
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.bench.json')],
    { stdio: 'inherit' }
  )
  // tsc compiles only TypeScript; the test harness it compiled imports this plain module too.
  mkdirSync(join(out, 'scripts'), { recursive: true })
  copyFileSync(join(root, 'scripts', 'runner-env.mjs'), join(out, 'scripts', 'runner-env.mjs'))
  for (const file of selected) {
    const name = file.replace(/\.ts$/, '')
    console.log(`\n── ${name}`)
    const mod = await import(pathToFileURL(join(out, 'bench', `${name}.js`)).href)
    report[name] = await mod.run()
  }
}

console.log('\n' + JSON.stringify(report, null, 2))
