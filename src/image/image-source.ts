/**
 * What the image of a run is built from, known before anything is built: the content key of
 * the build (content-key.ts), and which of the files differing from the commit end up in the
 * image. An uncommitted config changes the job, not the image; an uncommitted file Docker
 * never sends (ignored by .dockerignore) changes nothing.
 */
import { isAbsolute, relative } from 'node:path'
import type { Settings } from '../config/settings.js'
import type { UncommittedFile } from '../config/source-tree.js'
import { buildArgList } from './build-args.js'
import { contentKey } from './content-key.js'
import type { ImageSource } from './publish.js'
import { inWorkspace } from './workspace.js'

/** The build's content key, its size, and the uncommitted files that are part of the image. */
export interface DescribedSource extends ImageSource {
  /** Regular files Docker sends, and their bytes. */
  files: number
  bytes: number
}

/** Hashes the build's inputs and finds the uncommitted files among them. */
export async function describeImageSource(
  settings: Settings,
  uncommitted: readonly UncommittedFile[] = []
): Promise<DescribedSource> {
  const context = inWorkspace(settings.workspace, settings.context)
  const dockerfile = inWorkspace(settings.workspace, settings.dockerfile)
  const key = await contentKey({
    context,
    dockerfile,
    buildArgs: buildArgList(settings.buildArgs),
    platform: settings.platform,
    target: settings.target
  })
  const sent = new Set(key.entries.map((e) => e.path))
  const inImage: string[] = []
  for (const f of uncommitted) {
    const absolute = inWorkspace(settings.workspace, f.path)
    const underContext = relative(context, absolute)
    const isDockerfile = absolute === dockerfile
    const inContext = !underContext.startsWith('..') && !isAbsolute(underContext)
    // A deleted file is not there to be listed: it counts when Docker would have sent it.
    const counts =
      isDockerfile ||
      (inContext && (sent.has(underContext) || (f.change === 'deleted' && !key.matcher.excludes(underContext))))
    if (counts) inImage.push(`${f.path} (${f.change})`)
  }
  return {
    contentKey: key.key,
    uncommitted: inImage.length > 0 ? inImage : undefined,
    files: key.files,
    bytes: key.bytes
  }
}
