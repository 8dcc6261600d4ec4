// `npm run demo`: the committed dist/ in dry-run on examples/dog-classifier, exactly as the
// runner would run it. Needs only Node and git: no `npm ci`, no AWS, no Docker.
import { readFileSync, rmSync } from 'node:fs'
import { exampleCheckout, readCommandFile, runDist, runnerEnv } from './runner-env.mjs'

const checkout = exampleCheckout()
const { env, paths } = runnerEnv(checkout, { 'dry-run': 'true' })
const bar = (title) => console.log(`\n\x1b[1m── ${title} ${'─'.repeat(Math.max(0, 70 - title.length))}\x1b[0m`)

bar('step log (what the Actions UI shows)')
const { code } = await runDist(env, checkout.dir, { echo: true })

bar('step outputs')
for (const [name, value] of Object.entries(readCommandFile(paths.output))) console.log(`${name.padEnd(20)} ${value}`)

bar('step summary (GITHUB_STEP_SUMMARY, tags stripped for the terminal)')
const entities = { '&#60;': '<', '&#62;': '>', '&#38;': '&', '&#34;': '"', '&#39;': "'", '&#96;': '`', '&#124;': '|' }
console.log(
  readFileSync(paths.summary, 'utf8')
    .replace(/<tr><th[^>]*>(.*?)<\/th><td>(.*?)<\/td><\/tr>/g, (_, k, v) => `  ${k.padEnd(16)} ${v}`)
    .replace(/<summary>(.*?)<\/summary>/g, '▸ $1')
    .replace(/<[^>]+>/g, '')
    .replace(/&#\d+;/g, (e) => entities[e] ?? e)
    .replace(/\n{3,}/g, '\n\n')
)
rmSync(checkout.dir, { recursive: true, force: true })
process.exit(code ?? 1)
