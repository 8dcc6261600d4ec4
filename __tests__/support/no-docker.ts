/**
 * A `docker` that fails loudly, for runs that must never need Docker (the image is already
 * in ECR, or nothing is built): put `bin` first on PATH.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface NoDocker {
  /** The folder holding the `docker` stand-in. */
  bin: string
  /** PATH with `bin` first. */
  path: string
  cleanup(): void
}

export function dockerThatMustNotRun(): NoDocker {
  const bin = mkdtempSync(join(tmpdir(), 'top-bin-'))
  writeFileSync(join(bin, 'docker'), '#!/bin/sh\necho "docker must not run" >&2\nexit 1\n')
  chmodSync(join(bin, 'docker'), 0o755)
  return { bin, path: `${bin}:${process.env.PATH}`, cleanup: () => rmSync(bin, { recursive: true, force: true }) }
}
