import { describe, expect, it } from '@jest/globals'
describe('toolchain', () => {
  it('imports the ESM toolkit', async () => {
    const core = await import('@actions/core')
    expect(typeof core.getInput).toBe('function')
  })
})
