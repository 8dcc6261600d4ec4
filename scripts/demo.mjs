// `npm run demo`: the committed dist/ in dry-run on examples/dog-classifier, exactly as the
// runner would run it, shown the way the Actions UI would show it. Needs only Node and git:
// no `npm ci`, no AWS, no Docker. `--raw` prints the step's stdout as the runner receives it.
import { readFileSync } from 'node:fs'
import { exampleCheckout, readCommandFile, runDist, runnerEnv } from './runner-env.mjs'

const raw = process.argv.includes('--raw')
const color = process.stdout.isTTY && !process.env.NO_COLOR
const paint = (code, text) => (color ? `\x1b[${code}m${text}\x1b[0m` : text)
const bar = (title) => console.log(`\n${paint(1, `── ${title} ${'─'.repeat(Math.max(0, 70 - title.length))}`)}`)

/** The runner's reading of the step's stdout: commands are obeyed, not shown. */
function asTheUiShowsIt(stdout) {
  const masks = []
  const mask = (line) => masks.reduce((l, m) => (m ? l.split(m).join('***') : l), line)
  const unescape = (text) => text.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%')
  const out = []
  let stoppedUntil
  for (const line of stdout.split('\n')) {
    if (stoppedUntil) {
      if (line === `::${stoppedUntil}::`) stoppedUntil = undefined
      else out.push(mask(line))
      continue
    }
    const command = /^::([a-z-]+)( [^:]*)?::(.*)$/.exec(line)
    if (!command) {
      out.push(mask(line))
      continue
    }
    const [, name, properties = '', message] = command
    if (name === 'stop-commands') stoppedUntil = message
    else if (name === 'add-mask') masks.push(unescape(message))
    else if (name === 'group') out.push(paint(1, `▸ ${mask(unescape(message))}`))
    else if (['error', 'warning', 'notice'].includes(name)) {
      const where = /file=([^,]+)(?:,line=(\d+))?/.exec(properties)
      const label = { error: paint(31, 'Error'), warning: paint(33, 'Warning'), notice: paint(36, 'Notice') }[name]
      out.push(`${label}${where ? ` (${where[1]}${where[2] ? `:${where[2]}` : ''})` : ''}: ${mask(unescape(message))}`)
    }
    // debug lines only show in a re-run with debug logging; endgroup closes the group.
  }
  return out.join('\n')
}

const checkout = exampleCheckout()
const { env, paths, cleanup } = runnerEnv(checkout, { 'dry-run': 'true' })
try {
  bar(raw ? "step's stdout (as the runner receives it)" : 'step log (as the Actions UI shows it)')
  const { code, out } = await runDist(env, checkout.dir)
  console.log(raw ? out : asTheUiShowsIt(out))

  bar('step outputs')
  for (const [name, value] of Object.entries(readCommandFile(paths.output))) console.log(`${name.padEnd(20)} ${value}`)

  bar('step summary (GITHUB_STEP_SUMMARY, tags stripped for the terminal)')
  const entities = { '&#60;': '<', '&#62;': '>', '&#38;': '&', '&#34;': '"', '&#39;': "'", '&#96;': '`', '&#124;': '|' }
  console.log(
    readFileSync(paths.summary, 'utf8')
      .replace(/<tr><th[^>]*>(.*?)<\/th><td>(.*?)<\/td><\/tr>/g, (_, k, v) => `  ${k.padEnd(16)} ${v}`)
      .replace(/<summary>(.*?)<\/summary>/g, '▸ $1')
      .replace(/<li>/g, '  - ')
      .replace(/<[^>]+>/g, '')
      .replace(/&#\d+;/g, (e) => entities[e] ?? e)
      .replace(/\n{3,}/g, '\n\n')
  )
  process.exitCode = code ?? 1
} finally {
  checkout.cleanup()
  cleanup()
}
