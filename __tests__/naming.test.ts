import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { JOB_NAME_PATTERN, renderJobName, templateFields, withAttemptSuffix } from '../src/job/name.js'

const sha = '5a3f32b0c1d2e3f405162738495a6b7c8d9e0f11'
const short = sha.slice(0, 7)
const values = { short_sha: short, sha, branch: 'models/dog_v2', repo: 'dog-classifier', run_attempt: '3' }

describe('renderJobName', () => {
  it.each([
    ['{short_sha}', short],
    ['dogs-{short_sha}', `dogs-${short}`],
    ['{repo}-{short_sha}-{run_attempt}', `dog-classifier-${short}-3`],
    ['{branch}-{short_sha}', `models-dog-v2-${short}`],
    ['{sha}', sha]
  ])('renders %s', (template, expected) => {
    expect(renderJobName(template, values, short)).toBe(expected)
  })

  it('shortens a long template without cutting the hash', () => {
    const long = { ...values, branch: 'models/' + 'very-long-experiment-name-'.repeat(4) }
    const name = renderJobName('{repo}-{branch}-{short_sha}', long, short)
    expect(name.length).toBeLessThanOrEqual(63)
    expect(name.endsWith(short)).toBe(true)
    expect(name).toMatch(JOB_NAME_PATTERN)
  })

  it('keeps the short hash inside a long {sha} field', () => {
    const name = renderJobName('{repo}-{branch}-{sha}', { ...values, branch: 'x'.repeat(60) }, short)
    expect(name).toContain(short)
    expect(name.length).toBeLessThanOrEqual(63)
  })

  it('always yields a legal name that contains the hash (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.string({ maxLength: 80 }), (branch, repo) => {
        const name = renderJobName('{repo}-{branch}-{short_sha}', { ...values, branch, repo }, short)
        expect(name).toMatch(JOB_NAME_PATTERN)
        expect(name).toContain(short)
      }),
      { numRuns: 300 }
    )
  })
})

describe('templateFields', () => {
  it('reports unknown fields and illegal literal characters', () => {
    expect(templateFields('dog_{short}.{sha}')).toEqual({ unknown: ['{short}'], literalsInvalid: ['_', '.'] })
    expect(templateFields('{repo}-{short_sha}')).toEqual({ unknown: [], literalsInvalid: [] })
  })
})

describe('withAttemptSuffix', () => {
  it.each([
    [short, 2, `${short}-2`],
    [`dogs-${short}`, 12, `dogs-${short}-12`]
  ])('%s attempt %d -> %s', (name, attempt, expected) => {
    expect(withAttemptSuffix(name, attempt, short)).toBe(expected)
  })

  it('trims around the hash when the name is already 63 characters', () => {
    const name = `${'a'.repeat(30)}-${short}-${'b'.repeat(63 - 39)}`
    expect(name.length).toBe(63)
    const next = withAttemptSuffix(name, 3, short)
    expect(next.length).toBeLessThanOrEqual(63)
    expect(next).toContain(short)
    expect(next.endsWith('-3')).toBe(true)
    expect(next).toMatch(JOB_NAME_PATTERN)
  })
})
