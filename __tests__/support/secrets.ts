/** Lines of a step log that show `secret`, other than the runner's `::add-mask::` command that hides it. */
export function leakingLines(log: string, secret: string): string[] {
  return log.split('\n').filter((l) => l.includes(secret) && !l.startsWith('::add-mask::'))
}
