/**
 * What the action's own AWS session (`role-to-assume`) does with the keys STS hands it: the
 * secret parts are masked in the step log at once, and an answer without a full set of keys
 * fails without keeping any of them in the error. An STS here answers as told; the real SDK
 * reads the answers.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { webIdentityCredentials } from '../src/aws/credentials.js'
import { AwsCallError } from '../src/aws/errors.js'
import { memoryLog } from '../src/log.js'
import { startFakeAws, type FakeAws } from './support/fake-aws.js'

const ROLE = 'arn:aws:iam::123456789012:role/train-on-push'
const SECRET = 'secret-access-key-4711'
const SESSION = 'session-token-0815'
const ENV_KEYS = ['AWS_ENDPOINT_URL', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE']
const savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]))

describe('the keys of an assumed session', () => {
  let aws: FakeAws
  let dir: string
  /** The <Credentials> members STS answers with. */
  let credentials: Record<string, string>

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'top-creds-answer-'))
    aws = await startFakeAws()
    const xmlns = 'https://sts.amazonaws.com/doc/2011-06-15/'
    aws.mountQuery({
      name: 'STS',
      version: '2011-06-15',
      xmlns,
      unsigned: ['AssumeRoleWithWebIdentity'],
      handle: (_params, _call, requestId) =>
        `<AssumeRoleWithWebIdentityResponse xmlns="${xmlns}"><AssumeRoleWithWebIdentityResult><Credentials>` +
        Object.entries(credentials)
          .map(([k, v]) => `<${k}>${v}</${k}>`)
          .join('') +
        `</Credentials></AssumeRoleWithWebIdentityResult><ResponseMetadata><RequestId>${requestId}</RequestId>` +
        '</ResponseMetadata></AssumeRoleWithWebIdentityResponse>'
    })
    process.env.AWS_ENDPOINT_URL = aws.url
    process.env.AWS_CONFIG_FILE = join(dir, 'none')
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'none')
  })
  afterAll(async () => {
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
    rmSync(dir, { recursive: true, force: true })
    await aws?.close()
  })

  /** A provider whose log records what it was asked to mask. */
  const assume = (): { provider: ReturnType<typeof webIdentityCredentials>; masked: string[] } => {
    const masked: string[] = []
    const log = { ...memoryLog(), secret: (value: string) => void masked.push(value) }
    const provider = webIdentityCredentials({ roleArn: ROLE, region: 'us-east-1', idToken: async () => 'a.e30.c', log })
    return { provider, masked }
  }

  it('masks the secret key and the session token as soon as STS hands them over', async () => {
    const expiration = new Date(Date.now() + 3_600_000).toISOString()
    credentials = { AccessKeyId: 'ASIATEST', SecretAccessKey: SECRET, SessionToken: SESSION, Expiration: expiration }
    const { provider, masked } = assume()
    try {
      expect(await provider()).toMatchObject({
        accessKeyId: 'ASIATEST',
        secretAccessKey: SECRET,
        sessionToken: SESSION
      })
      expect(masked).toEqual([SECRET, SESSION])
    } finally {
      provider.dispose()
    }
  })

  it('fails an answer without a full set of keys, keeping none of them in the error', async () => {
    credentials = { AccessKeyId: 'ASIATEST', SecretAccessKey: SECRET }
    const { provider } = assume()
    try {
      const failure = await provider().catch((e: unknown) => e)
      expect(failure).toBeInstanceOf(AwsCallError)
      expect(failure).toMatchObject({
        code: 'NoCredentials',
        message: `STS AssumeRoleWithWebIdentity for ${ROLE} answered without credentials.`,
        cause: expect.objectContaining({ httpStatusCode: 200 })
      })
      expect(JSON.stringify((failure as AwsCallError).cause)).not.toContain(SECRET)
    } finally {
      provider.dispose()
    }
  })
})
