/**
 * A key for the content of an image build: the same Dockerfile, the same files sent from
 * the build context, and the same build arguments, platform and target give the same key on
 * any machine and in any checkout, so an image built from identical inputs can be found and
 * reused instead of built again.
 *
 * It is computed here, with node:fs, without asking Docker: the context is walked with
 * Docker's own `.dockerignore` rules (./dockerignore.ts) and file contents are streamed
 * into the hash, so even a context of hundreds of megabytes is never held in memory.
 *
 * What the key leaves out on purpose: modification times, owners, permission bits other
 * than "executable" (they vary with the umask of the checkout), extended attributes, the
 * absolute path of the checkout, and the order in which files were created.
 */
import { createHash, type Hash } from 'node:crypto'
import { constants as fsConstants } from 'node:fs'
import { lstat, open, readdir, readlink, stat, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { errorMessage } from '../errors.js'
import { findIgnoreFile, IgnoreMatcher, walkSentPaths, type ContextChild } from './dockerignore.js'

/** Names the encoding; it changes whenever the encoding does, so old keys never match new ones. */
export const CONTENT_KEY_VERSION = 'train-on-push content key v1'

export interface ContentKeyInput {
  /** Absolute path of the build context directory. */
  context: string
  /** Absolute path of the Dockerfile, inside the context or not. */
  dockerfile: string
  /** `NAME=value` lines as the user gave them, without blanks and comments (already checked: each has an `=`). */
  buildArgs: readonly string[]
  /** e.g. `linux/amd64`, compared as written. */
  platform: string
  /** The stage to build; none (or empty) builds the last one. */
  target?: string
}

/** One path Docker sends from the build context, relative to it with `/` separators. */
export type ContextEntry =
  | { path: string; type: 'directory' }
  | { path: string; type: 'file'; size: number; executable: boolean }
  | { path: string; type: 'symlink'; target: string }
  | { path: string; type: 'fifo' }
  | { path: string; type: 'char-device' | 'block-device'; device: number }

/** What Docker would send for a build: its context entries, sorted by the bytes of their paths. */
interface ContextListing {
  entries: ContextEntry[]
  /** The ignore file that applied (absolute path), if any. */
  ignoreFile?: string
  /**
   * The ignore rules the listing was made with, for asking about paths that are not there
   * to be listed (a file deleted since the commit: would Docker have sent it?).
   */
  matcher: IgnoreMatcher
}

interface ContentKey extends ContextListing {
  /** `sha256:` and 64 hex digits. */
  key: string
  /** Regular files hashed from the context (the Dockerfile only counts when it is one of them). */
  files: number
  /** Their total size in bytes. */
  bytes: number
}

/** Sorts by UTF-8 bytes, an order that is the same on every machine and in every locale. */
function sortByBytes(texts: readonly string[]): string[] {
  return texts
    .map((text) => ({ text, bytes: Buffer.from(text, 'utf8') }))
    .sort((a, b) => Buffer.compare(a.bytes, b.bytes))
    .map(({ text }) => text)
}

/**
 * Lists what Docker would send from `context` for a build of `dockerfile`: every entry
 * the ignore file does not exclude (see ./dockerignore.ts), with what the key needs of it.
 */
export async function listBuildContext(context: string, dockerfile: string): Promise<ContextListing> {
  const ignore = await findIgnoreFile(context, dockerfile)
  const matcher = new IgnoreMatcher(ignore?.patterns ?? [], ignore ? ignore.path : undefined)
  const paths: string[] = []
  await walkSentPaths(
    matcher,
    (dir) => listDirectory(context, dir),
    (path) => {
      paths.push(path)
    }
  )
  const entries = await mapConcurrently(sortByBytes(paths), PARALLEL_READS, (path) => describeEntry(context, path))
  return { entries, ...(ignore ? { ignoreFile: ignore.path } : {}), matcher }
}

/**
 * How many file system calls are kept waiting at once. Each one mostly waits (on the disk,
 * or on Node's thread pool), so overlapping them is what makes a context of thousands of
 * small files quick; the hash still takes everything in order.
 */
const PARALLEL_READS = 16

/** `items.map(fn)`, with at most `limit` calls of `fn` running at a time. */
async function mapConcurrently<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++
      results[i] = await fn(items[i])
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

async function listDirectory(context: string, dir: string): Promise<ContextChild[]> {
  const dirents = await readdir(join(context, dir), { withFileTypes: true, encoding: 'buffer' })
  return dirents.map((d) => ({ name: utf8Name(d.name, dir ? `${dir}/` : ''), directory: d.isDirectory() }))
}

/** A file name as text; names that are not UTF-8 cannot be keyed faithfully, so they are refused. */
function utf8Name(raw: Buffer, where: string): string {
  const name = raw.toString('utf8')
  if (!Buffer.from(name, 'utf8').equals(raw)) {
    throw new Error(
      `the build context has a name that is not valid UTF-8 in '${where || '.'}': ${JSON.stringify(name)}`
    )
  }
  return name
}

async function describeEntry(context: string, path: string): Promise<ContextEntry> {
  const absolute = join(context, path)
  try {
    const info = await lstat(absolute)
    if (info.isDirectory()) return { path, type: 'directory' }
    if (info.isSymbolicLink()) {
      return { path, type: 'symlink', target: utf8Name(await readlink(absolute, 'buffer'), path) }
    }
    if (info.isFIFO()) return { path, type: 'fifo' }
    if (info.isCharacterDevice()) return { path, type: 'char-device', device: info.rdev }
    if (info.isBlockDevice()) return { path, type: 'block-device', device: info.rdev }
    // Anything else is sent as a regular file, a socket included (see unreadableFile).
    // "Executable" is the owner's execute bit, the one git records.
    return { path, type: 'file', size: info.size, executable: (info.mode & 0o100) !== 0 }
  } catch (error) {
    // Docker's walk looks at every entry the same way, and fails the build on this too.
    throw new Error(`cannot read '${path}' in the build context: ${errorMessage(error)}`, { cause: error })
  }
}

/**
 * A file of the context that cannot be opened or read (no permission, or a socket). Docker
 * does not fail on one: its sender ignores the failed open, and the image gets an empty
 * file. A key for content nobody meant to build is worse than none, so this is an error.
 */
function unreadableFile(path: string, error: unknown): Error {
  const why = errorMessage(error)
  const advice =
    why === CHANGED
      ? 'compute the key again once nothing writes to the context'
      : 'Docker would quietly send it as an empty file; fix its permissions or add it to .dockerignore'
  return new Error(`cannot read '${path}' in the build context (${why}): ${advice}`, { cause: error })
}

/**
 * Writes the key's input into the hash. Every value is preceded by its length in bytes
 * (8 bytes, big-endian), and every list by its number of items, so no two different
 * inputs can produce the same bytes.
 */
class KeyWriter {
  private readonly hash: Hash = createHash('sha256')

  number(value: number): void {
    const bytes = Buffer.alloc(8)
    bytes.writeBigUInt64BE(BigInt(value))
    this.hash.update(bytes)
  }

  text(value: string): void {
    const bytes = Buffer.from(value, 'utf8')
    this.number(bytes.length)
    this.hash.update(bytes)
  }

  /** Bytes whose length was already written with {@link number}. */
  raw(bytes: Uint8Array): void {
    this.hash.update(bytes)
  }

  digest(): string {
    return `sha256:${this.hash.digest('hex')}`
  }
}

/**
 * The build arguments as Docker applies them: the last value given for a name wins, and
 * the order they were given in does not matter.
 */
function buildArgMap(lines: readonly string[]): [string, string][] {
  const args = new Map<string, string>()
  for (const line of lines) {
    const eq = line.indexOf('=')
    // The settings refuse a line without '=' before any key is computed (`--build-arg NAME`
    // would take its value from the environment of the build, which a key cannot see).
    if (eq < 0) throw new Error(`internal error: build argument '${line}' has no '='`)
    args.set(line.slice(0, eq), line.slice(eq + 1))
  }
  return sortByBytes([...args.keys()]).map((name) => [name, args.get(name)!])
}

/**
 * Files up to this size are read whole, ahead of their turn; larger ones are streamed in
 * pieces of this size. Memory use stays near PARALLEL_READS times this, whatever the context.
 */
const CHUNK = 1 << 20

const CHANGED = 'it changed while the content key was computed'

/**
 * Opens a file the walk listed and checks it is still the regular file of `size` bytes it
 * saw: a file changing under the hash would give a key for content that never existed.
 */
async function openListed(absolute: string, size: number, follow: boolean): Promise<FileHandle> {
  // Not following a link and not waiting on a named pipe: what is opened is what was listed.
  const flags = fsConstants.O_RDONLY | fsConstants.O_NONBLOCK | (follow ? 0 : fsConstants.O_NOFOLLOW)
  const handle = await open(absolute, flags)
  try {
    const opened = await handle.stat()
    if (!opened.isFile() || opened.size !== size) throw new Error(CHANGED)
    return handle
  } catch (error) {
    await handle.close()
    throw error
  }
}

/** Reads a small file whole (one byte more is asked for, to notice a file that grew). */
async function readSmallFile(absolute: string, size: number): Promise<Buffer> {
  const handle = await openListed(absolute, size, false)
  try {
    const buffer = Buffer.allocUnsafe(size + 1)
    let total = 0
    for (;;) {
      const { bytesRead } = await handle.read(buffer, total, buffer.length - total, null)
      if (bytesRead === 0 || (total += bytesRead) > size) break
    }
    if (total !== size) throw new Error(CHANGED)
    return buffer.subarray(0, size)
  } finally {
    await handle.close()
  }
}

/** Streams a file into the key, its size first, one CHUNK at a time. */
async function streamFile(writer: KeyWriter, absolute: string, size: number, follow: boolean): Promise<void> {
  const handle = await openListed(absolute, size, follow)
  try {
    writer.number(size)
    const buffer = Buffer.allocUnsafe(Math.min(CHUNK, size + 1))
    let total = 0
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null)
      if (bytesRead === 0 || (total += bytesRead) > size) break
      writer.raw(buffer.subarray(0, bytesRead))
    }
    if (total !== size) throw new Error(CHANGED)
  } finally {
    await handle.close()
  }
}

/**
 * Reads the small files of `entries` a few at a time ahead of the hash, so that waiting on
 * one overlaps with waiting on the next; `take(i)` hands over entry i's bytes.
 */
function readAhead(context: string, entries: readonly ContextEntry[]): { take(i: number): Promise<Buffer> } {
  const small = entries.flatMap((e, i) =>
    e.type === 'file' && e.size <= CHUNK ? [{ i, path: e.path, size: e.size }] : []
  )
  const started = new Map<number, Promise<Buffer>>()
  let next = 0
  const fill = (): void => {
    while (next < small.length && started.size < PARALLEL_READS) {
      const { i, path, size } = small[next++]
      const read = readSmallFile(join(context, path), size)
      // Failures surface when the entry's turn comes; until then they must not count as unhandled.
      read.catch(() => undefined)
      started.set(i, read)
    }
  }
  return {
    take(i: number): Promise<Buffer> {
      fill()
      const read = started.get(i)
      if (!read) throw new Error(`internal error: entry ${i} was not read ahead`)
      started.delete(i)
      fill()
      return read
    }
  }
}

/**
 * The content key of a build, with the listing it was computed from.
 *
 * The hashed bytes, in order (text is UTF-8, "n" an 8-byte big-endian number, and every
 * text and file content is preceded by its length as n):
 *
 * 1. the text `train-on-push content key v1`;
 * 2. `dockerfile`, then the Dockerfile's bytes;
 * 3. `platform` and the platform; `target` and the target (empty for none);
 * 4. `build-args`, their number, then name and value of each, sorted by name;
 * 5. `context`, the number of entries, then for each entry in byte order of its path: the
 *    path, the type, and what the type has: for `file` and `executable-file` the content,
 *    for `symlink` the link text, for a device its number; nothing for `directory` and
 *    `fifo`.
 *
 * @throws when a file Docker would send cannot be read (the message names it), or when the
 *   ignore file has a pattern Docker refuses
 */
export async function contentKey(input: ContentKeyInput): Promise<ContentKey> {
  const args = buildArgMap(input.buildArgs)
  const listing = await listBuildContext(input.context, input.dockerfile)
  const writer = new KeyWriter()
  writer.text(CONTENT_KEY_VERSION)

  writer.text('dockerfile')
  try {
    // Docker follows a Dockerfile that is a symbolic link.
    const dockerfile = await stat(input.dockerfile)
    await streamFile(writer, input.dockerfile, dockerfile.size, true)
  } catch (error) {
    throw new Error(`cannot read the Dockerfile ${input.dockerfile}: ${errorMessage(error)}`, { cause: error })
  }

  writer.text('platform')
  writer.text(input.platform)
  writer.text('target')
  writer.text(input.target ?? '')
  writer.text('build-args')
  writer.number(args.length)
  for (const [name, value] of args) {
    writer.text(name)
    writer.text(value)
  }

  writer.text('context')
  writer.number(listing.entries.length)
  let files = 0
  let bytes = 0
  const ahead = readAhead(input.context, listing.entries)
  for (const [i, entry] of listing.entries.entries()) {
    writer.text(entry.path)
    switch (entry.type) {
      case 'file':
        writer.text(entry.executable ? 'executable-file' : 'file')
        try {
          if (entry.size > CHUNK) await streamFile(writer, join(input.context, entry.path), entry.size, false)
          else {
            writer.number(entry.size)
            writer.raw(await ahead.take(i))
          }
        } catch (error) {
          throw unreadableFile(entry.path, error)
        }
        files += 1
        bytes += entry.size
        break
      case 'symlink':
        writer.text('symlink')
        writer.text(entry.target)
        break
      case 'char-device':
      case 'block-device':
        writer.text(entry.type)
        writer.text(String(entry.device))
        break
      default:
        writer.text(entry.type)
    }
  }
  return { key: writer.digest(), files, bytes, ...listing }
}
