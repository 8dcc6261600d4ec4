// Preloaded by the bench (`node --import`): prints the process's peak resident memory at exit.
process.on('exit', () => {
  process.stderr.write(`PEAK_RSS_KB=${process.resourceUsage().maxRSS}\n`)
})
