/** Reads the entries of a tar stream (an image layer, `docker export`): just enough for tests to look inside images. */
import { gunzipSync } from 'node:zlib'

export interface TarEntry {
  path: string
  /** The tar type flag: `0` file, `1` hard link, `2` symlink, `5` directory, … */
  type: string
  mode: number
  size: number
  /** A link's target ('' for anything else). */
  linkTarget: string
  content: Buffer
}

/** The entries of a tar archive, gzip-compressed or not (ustar, with PAX and GNU long names). */
export function readTar(input: Buffer): TarEntry[] {
  const archive = input[0] === 0x1f && input[1] === 0x8b ? gunzipSync(input) : input
  const entries: TarEntry[] = []
  let pax: Record<string, string> = {}
  let longName: string | undefined
  let longLink: string | undefined
  let offset = 0
  while (offset + 512 <= archive.length) {
    const header = archive.subarray(offset, offset + 512)
    if (header.every((b) => b === 0)) break
    const field = (start: number, length: number): string => {
      const raw = header.subarray(start, start + length)
      const end = raw.indexOf(0)
      return raw.subarray(0, end < 0 ? length : end).toString('utf8')
    }
    const size = parseInt(field(124, 12).trim() || '0', 8)
    const type = header[156] === 0 ? '0' : String.fromCharCode(header[156])
    const body = archive.subarray(offset + 512, offset + 512 + size)
    offset += 512 + Math.ceil(size / 512) * 512
    if (type === 'x') {
      // PAX records: "<length> <key>=<value>\n", the length counting the whole record in bytes.
      let rest = Buffer.from(body)
      while (rest.length > 0) {
        const length = parseInt(rest.toString('latin1'), 10)
        if (!length) break
        const record = rest.subarray(0, length).toString('utf8')
        const [key, ...value] = record.slice(record.indexOf(' ') + 1, -1).split('=')
        pax[key] = value.join('=')
        rest = rest.subarray(length)
      }
      continue
    }
    if (type === 'g') continue
    if (type === 'L' || type === 'K') {
      const text = body.toString('utf8').replace(/\0+$/, '')
      if (type === 'L') longName = text
      else longLink = text
      continue
    }
    const ustar = header.subarray(257, 263).toString('latin1') === 'ustar\0'
    const prefix = ustar ? field(345, 155) : ''
    entries.push({
      path: (pax.path ?? longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100)))
        .replace(/^\.\//, '')
        .replace(/\/$/, ''),
      type,
      mode: parseInt(field(100, 8).trim() || '0', 8),
      size,
      linkTarget: pax.linkpath ?? longLink ?? field(157, 100),
      content: Buffer.from(body)
    })
    pax = {}
    longName = longLink = undefined
  }
  return entries
}
