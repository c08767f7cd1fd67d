import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { clearRegisteredSecretsForTests, formatLogBody, redact, registerSecret, sanitizeFields } from '@main/engine/logging'
import { createFileLogger } from '@main/node'
import { tempDir } from './helpers'

let dirs: string[] = []
const newDir = () => {
  const dir = tempDir('rrc-log-')
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
  dirs = []
  clearRegisteredSecretsForTests()
})

const KEY = `sk_live_${'9f'.repeat(16)}`
const fixedNow = () => new Date('2026-11-26T18:00:00.000Z')

describe('redact', () => {
  it.each([
    [`key ${KEY} rejected`, KEY],
    ['Authorization: Bearer abc.def-ghi', 'abc.def-ghi'],
    ['sent bearer tok_123456789', 'tok_123456789'],
    ['open https://viewer.example.org/viewer/studies/stu_1?token=s3cr3t-value&x=1', 's3cr3t-value'],
    ['relative /viewer/studies/stu_1?token=s3cr3t-value', 's3cr3t-value'],
    ['form api_key=abcdef123456&b=2', 'abcdef123456'],
    ['jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl end', 'eyJhbGciOiJIUzI1NiJ9'],
    ['webhook whsec_AAAAbbbbCCCCdddd', 'AAAAbbbbCCCCdddd'],
    // JSON members (a rejected object electron-log stringifies, a response body quoted in an error).
    ['unhandled {"studyId":"stu_1","token":"v13wer-t0ken-value"}', 'v13wer-t0ken-value'],
    ['{"apiKey": "custom-key-without-prefix", "ok": true}', 'custom-key-without-prefix'],
    ['{"accessToken":"quoted\\"part-of-the-token"}', 'part-of-the-token'],
    // Credential names with a prefix, and header-style pairs.
    ['cookie: rrc_token=Zm9vYmFyYmF6cXV4cXV1eA', 'Zm9vYmFyYmF6cXV4cXV1eA'],
    ['x-companion-token: Zm9vYmFyYmF6cXV4cXV1eA', 'Zm9vYmFyYmF6cXV4cXV1eA'],
    ['retry with refresh_token=r3fr3sh-value', 'r3fr3sh-value']
  ])('removes the credential from %j', (text, secret) => {
    const out = redact(text)
    expect(out).not.toContain(secret)
    expect(out).toContain('[redacted]')
  })

  it('keeps the origin and path of a URL, and study IDs, but drops the query', () => {
    expect(redact('GET https://api.example.org/viewer/studies/stu_abc?cursor=zzz')).toBe('GET https://api.example.org/viewer/studies/stu_abc?[redacted]')
  })

  it('leaves ordinary text alone', () => {
    const text = 'poll ok studies=12 status=200 path=/viewer/studies'
    expect(redact(text)).toBe(text)
    const json = '{"studyId":"stu_1","tokens":3,"tokenCount":"2","monkey":"banana","severity":"stat"}'
    expect(redact(json)).toBe(json)
  })

  it('removes secrets registered at runtime, whatever their shape', () => {
    registerSecret('plain-looking-secret-value')
    expect(redact('oops plain-looking-secret-value here')).toBe('oops [redacted] here')
  })
})

describe('sanitizeFields', () => {
  it('drops patient free-text fields, masks credential fields, redacts the rest', () => {
    const { fields, dropped } = sanitizeFields({
      studyId: 'stu_1',
      studyDescription: 'CT HEAD for John Doe',
      patientName: 'John Doe',
      metadata: 'MRN 12345',
      apiKey: KEY,
      url: 'https://x.example.org/a?token=abc123456',
      count: 3,
      ok: true,
      missing: undefined
    })
    expect(fields).toEqual({ studyId: 'stu_1', apiKey: '[redacted]', url: 'https://x.example.org/a?[redacted]', count: 3, ok: true })
    expect(dropped.sort()).toEqual(['metadata', 'patientName', 'studyDescription'])
  })

  it('formats key=value with the dropped field names only', () => {
    const line = formatLogBody('poll done', { studies: 2, studyDescription: 'Jane Roe' })
    expect(line).toBe('poll done studies=2 droppedFields=studyDescription')
  })
})

describe('file logger', () => {
  it('writes levelled, timestamped lines and filters below the level', () => {
    const dir = newDir()
    const logger = createFileLogger({ dir, level: 'info', now: fixedNow })
    logger.debug('too chatty')
    logger.info('started', { port: 5180 })
    logger.warn('slow', { ms: 1500 })
    logger.error('failed', { status: 500 })
    const lines = fs.readFileSync(logger.file, 'utf8').trim().split('\n')
    expect(lines).toEqual([
      '2026-11-26T18:00:00.000Z INFO  started port=5180',
      '2026-11-26T18:00:00.000Z WARN  slow ms=1500',
      '2026-11-26T18:00:00.000Z ERROR failed status=500'
    ])
    logger.setLevel('debug')
    logger.debug('now visible')
    expect(fs.readFileSync(logger.file, 'utf8')).toContain('DEBUG now visible')
  })

  it('never writes a key, a token URL, a registered secret or patient text', () => {
    const dir = newDir()
    const logger = createFileLogger({ dir, level: 'debug', now: fixedNow })
    const secret = 'runtime-secret-7777777'
    registerSecret(secret)
    logger.error(`auth failed for ${KEY}`, { header: `Bearer ${KEY}` })
    logger.info('opening https://viewer.example.org/v/stu_1?token=tok-abcdef-123', { url: 'https://viewer.example.org/v/stu_1?token=tok-abcdef-123' })
    logger.warn(`token is ${secret}`, { value: secret, studyDescription: 'Doe^John CT' })
    logger.info('multi\nline\r\nmessage')
    const text = fs.readFileSync(logger.file, 'utf8')
    for (const forbidden of [KEY, 'tok-abcdef-123', secret, 'Doe^John']) expect(text).not.toContain(forbidden)
    expect(text).toContain('stu_1')
    expect(text.trim().split('\n')).toHaveLength(4)
  })

  it('rotates companion.log → companion.1.log … and keeps maxFiles files', () => {
    const dir = newDir()
    const logger = createFileLogger({ dir, level: 'info', maxBytes: 1024, maxFiles: 3, now: fixedNow })
    for (let index = 0; index < 100; index++) logger.info('entry', { index, pad: 'x'.repeat(40) })
    const files = fs.readdirSync(dir).sort()
    expect(files).toEqual(['companion.1.log', 'companion.2.log', 'companion.log'])
    for (const file of files) expect(fs.statSync(path.join(dir, file)).size).toBeLessThanOrEqual(1024)
    // The newest entry is in the current file, older ones in the rotated files, in order.
    const indexOf = (file: string) => [...fs.readFileSync(path.join(dir, file), 'utf8').matchAll(/index=(\d+)/g)].map((m) => Number(m[1]))
    const current = indexOf('companion.log')
    const previous = indexOf('companion.1.log')
    const oldest = indexOf('companion.2.log')
    expect(current.at(-1)).toBe(99)
    expect(previous.at(-1)! + 1).toBe(current[0])
    expect(oldest.at(-1)! + 1).toBe(previous[0])
  })

  it('continues an existing file after a restart and counts its size', () => {
    const dir = newDir()
    const first = createFileLogger({ dir, maxBytes: 1024, maxFiles: 2, now: fixedNow })
    // Field values are capped at 200 characters, so four lines (~250 bytes each) fill most of the 1 KiB.
    for (let index = 0; index < 4; index++) first.info('first run', { pad: 'y'.repeat(200) })
    expect(fs.existsSync(path.join(dir, 'companion.1.log'))).toBe(false)
    const second = createFileLogger({ dir, maxBytes: 1024, maxFiles: 2, now: fixedNow })
    second.info('second run', { pad: 'z'.repeat(200) })
    expect(fs.readFileSync(path.join(dir, 'companion.1.log'), 'utf8')).toContain('first run')
    expect(fs.readFileSync(second.file, 'utf8')).toContain('second run')
  })

  it('never throws when the folder disappears', () => {
    const dir = newDir()
    const logger = createFileLogger({ dir })
    fs.rmSync(dir, { recursive: true, force: true })
    expect(() => logger.error('still fine')).not.toThrow()
  })
})
