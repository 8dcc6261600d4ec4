/** Paths of the build (context, Dockerfile, changed files) as the settings write them. */
import { isAbsolute, resolve } from 'node:path'

/** `path` as an absolute path: settings and git name files relative to the workspace, or absolutely. */
export function inWorkspace(workspace: string, path: string): string {
  return isAbsolute(path) ? path : resolve(workspace, path)
}
