// Writes the inputs and outputs tables of README.md from action.yml (between the
// `<!-- inputs -->`/`<!-- outputs -->` markers). `--check` exits 1 when README is stale.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { root } from './runner-env.mjs'

const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ')

export function tables() {
  const action = parse(readFileSync(join(root, 'action.yml'), 'utf8'))
  const inputs = Object.entries(action.inputs).map(
    ([name, spec]) =>
      `| \`${name}\` | ${spec.default === '' || spec.default === undefined ? '' : `\`${cell(spec.default)}\``} | ${cell(spec.description)} |`
  )
  const outputs = Object.entries(action.outputs).map(([name, spec]) => `| \`${name}\` | ${cell(spec.description)} |`)
  return {
    inputs: ['| Input | Default | Description |', '|---|---|---|', ...inputs].join('\n'),
    outputs: ['| Output | Description |', '|---|---|', ...outputs].join('\n')
  }
}

export function render(readme) {
  const t = tables()
  let out = readme
  for (const name of ['inputs', 'outputs']) {
    const re = new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(\\n<!-- ${name}:end -->)`)
    if (!re.test(out)) throw new Error(`README.md has no <!-- ${name}:start --> ... <!-- ${name}:end --> block`)
    out = out.replace(re, `$1${t[name]}$2`)
  }
  return out
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const file = join(root, 'README.md')
  const current = readFileSync(file, 'utf8')
  const next = render(current)
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error('README.md tables differ from action.yml: run node scripts/docs.mjs')
      process.exit(1)
    }
  } else writeFileSync(file, next)
}
