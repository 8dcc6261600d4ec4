/**
 * What the image of a run is built from, known before anything is built: the content key of
 * the build (content-key.ts), and which of the files differing from the commit end up in the
 * image. An uncommitted config changes the job, not the image; an uncommitted file Docker
 * never sends (ignored by .dockerignore) changes nothing.
 */
import { isAbsolute, relative, resolve } from 'node:path'
import type { Settings } from '../config/settings.js'
import type { UncommittedFile } from '../config/source-tree.js'
import { buildArgList } from './build-args.js'
import { contentKey } from './content-key.js'
import { findIgnoreFile, IgnoreMatcher } from './dockerignore.js'
import type { ImageSource } from './publish.js'

/** The build's content key, its size, and the uncommitted files that are part of the image. */
export interface DescribedSource extends ImageSource {
  /** Regular files Docker sends, and their bytes. */
  files: number
  bytes: number
}

const inside = (root: string, path: string): string => (isAbsolute(path) ? path : resolve(root, path))

/** Hashes the build's inputs and finds the uncommitted files among them. */
export async function describeImageSource(
  settings: Settings,
  uncommitted: readonly UncommittedFile[] = []
): Promise<DescribedSource> {
  const context = inside(settings.workspace, settings.context)
  const dockerfile = inside(settings.workspace, settings.dockerfile)
  const key = await contentKey({
    context,
    dockerfile,
    buildArgs: buildArgList(settings.buildArgs),
    platform: settings.platform,
    target: settings.target
  })
  const sent = new Set(key.entries.map((e) => e.path))
  let matcher: IgnoreMatcher | undefined
  const excluded = async (path: string): Promise<boolean> => {
    if (!matcher) {
      const file = await findIgnoreFile(context, dockerfile)
      matcher = new IgnoreMatcher(file?.patterns ?? [], file?.path)
    }
    return matcher.excludes(path)
  }
  const inImage: string[] = []
  for (const f of uncommitted) {
    const absolute = inside(settings.workspace, f.path)
    const underContext = relative(context, absolute)
    const isDockerfile = absolute === dockerfile
    const inContext = !underContext.startsWith('..') && !isAbsolute(underContext)
    // A deleted file is not there to be listed: it counts when Docker would have sent it.
    const counts =
      isDockerfile ||
      (inContext && (sent.has(underContext) || (f.change === 'deleted' && !(await excluded(underContext)))))
    if (counts) inImage.push(`${f.path} (${f.change})`)
  }
  return {
    contentKey: key.key,
    uncommitted: inImage.length > 0 ? inImage : undefined,
    files: key.files,
    bytes: key.bytes
  }
}
