// ncc embeds nothing machine-specific, but make sure dist/ has ESM markers and LF endings
// so `npm run bundle` is byte-for-byte reproducible across machines.
import { readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

const dist = new URL('../dist/', import.meta.url).pathname
writeFileSync(join(dist, 'package.json'), '{"type":"module"}\n')
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const file = join(dir, name)
    if (statSync(file).isDirectory()) walk(file)
    else if (/\.(js|mjs|cjs|txt|map|json)$/.test(name)) {
      const text = readFileSync(file, 'utf8')
      const fixed = text.replace(/\r\n/g, '\n')
      if (fixed !== text) writeFileSync(file, fixed)
    }
  }
}
walk(dist)
