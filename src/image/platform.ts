/** Which platform the image is built for, and what a choice will cost. */

/** What SageMaker training instances run; any other platform will not start there. */
const SAGEMAKER_PLATFORM = 'linux/amd64'
/** `os/arch` of a platform string (`linux/amd64/v2` → `linux/amd64`). */
function platformOsArch(platform: string): string {
  return platform.split('/').slice(0, 2).join('/')
}

/** Docker's GOARCH names for the Node.js `process.arch` / engine arch values. */
function normalizeArch(arch: string): string {
  const map: Record<string, string> = {
    x64: 'amd64',
    x86_64: 'amd64',
    aarch64: 'arm64',
    arm64: 'arm64',
    amd64: 'amd64'
  }
  return map[arch] ?? arch
}

/**
 * Notes on platform choices that will hurt: an image SageMaker cannot run, or a build that
 * needs emulation because the runner is another architecture.
 */
export function platformNotes(platform: string, engineArch: string | undefined): string[] {
  const notes: string[] = []
  const wanted = platformOsArch(platform)
  if (wanted !== SAGEMAKER_PLATFORM) {
    notes.push(
      `platform is ${platform}, but SageMaker training instances run ${SAGEMAKER_PLATFORM}; the job will fail to start unless the image is built for ${SAGEMAKER_PLATFORM}`
    )
  }
  const arch = engineArch ? normalizeArch(engineArch) : undefined
  if (arch && wanted.split('/')[1] && wanted.split('/')[1] !== arch) {
    notes.push(
      `this runner's Docker engine is linux/${arch} and builds ${wanted} through emulation: add docker/setup-qemu-action before this step, and expect a slower build (or use an ${wanted.split('/')[1]} runner)`
    )
  }
  return notes
}
