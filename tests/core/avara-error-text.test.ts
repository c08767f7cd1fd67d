/**
 * One mapper from a failed Avara call to words (src/main/engine/avara-error-text.ts); sign-in,
 * polling and bridge calls agree on the words and differ only in what they do next.
 */
import { describe, expect, it } from 'vitest'
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  AuthenticationError,
  AvaraResponseValidationError,
  BadRequestError,
  InternalServerError,
  PermissionDeniedError,
  RateLimitError
} from '@shared/avara/errors'
import { readAvaraError } from '@main/engine/avara-error-text'
import { describeUpstream } from '@main/engine/call-errors'
import { classifyFailure } from '@main/engine/failures'
import { describeKeyFailure } from '@main/engine/key-check'

const h = (entries: Record<string, string> = {}) => new Headers(entries)
const ORIGIN = 'https://api.example.org'

const ERRORS = {
  '401': new AuthenticationError(401, { message: 'no' }, undefined, h()),
  '403': new PermissionDeniedError(403, { message: 'not for you' }, undefined, h()),
  '429': new RateLimitError(429, { message: 'slow' }, undefined, h({ 'retry-after': '3' })),
  timeout: new APIConnectionTimeoutError(),
  'no answer': new APIConnectionError({ message: 'Connection error.' }),
  '502': new InternalServerError(502, undefined, 'bad gateway', h()),
  '400': new BadRequestError(400, { message: 'limit: must be at most 100' }, undefined, h()),
  malformed: new AvaraResponseValidationError('studies.list', 200, [{ path: '', expected: 'JSON', received: 'text' }]),
  'a bug': new TypeError('x is undefined')
}

describe('readAvaraError', () => {
  it.each([
    ['401', 'key-rejected', 'The server rejected this API key.'],
    ['403', 'forbidden', 'This API key may not use the viewer API (403).'],
    ['429', 'rate-limited', 'The server asked us to slow down (rate limited).'],
    ['timeout', 'timeout', 'The server did not answer in time.'],
    ['no answer', 'unreachable', 'Cannot reach the server.'],
    ['502', 'server-error', 'The server reported an error (502).'],
    ['400', 'refused', 'The server refused the request (400).'],
    ['malformed', 'unreadable', 'The server sent an answer the app cannot read.'],
    ['a bug', 'unexpected', 'Something unexpected went wrong while talking to the server.']
  ] as const)('%s → %s', (label, kind, text) => {
    const reading = readAvaraError(ERRORS[label])
    expect(reading.kind).toBe(kind)
    expect(reading.text).toBe(text)
  })

  it('names the server where the user is choosing one', () => {
    expect(readAvaraError(ERRORS['no answer'], ORIGIN).text).toBe(`Cannot reach the server at ${ORIGIN}.`)
    expect(readAvaraError(ERRORS['502'], ORIGIN).text).toBe(`The server at ${ORIGIN} reported an error (502).`)
  })
})

describe('its three readers use the same words', () => {
  for (const [label, error] of Object.entries(ERRORS)) {
    it(label, () => {
      const plain = readAvaraError(error)
      expect(classifyFailure(error, 0).reason).toBe(plain.text)
      expect(describeKeyFailure(error, new URL(ORIGIN)).message).toBe(readAvaraError(error, ORIGIN).text)
      expect(describeUpstream(error).startsWith(plain.text)).toBe(true)
    })
  }

  it('bridge calls add what the server said, redacted; polling keeps the 429 wait', () => {
    expect(describeUpstream(ERRORS['400'])).toBe('The server refused the request (400). The server said: limit: must be at most 100')
    expect(classifyFailure(ERRORS['429'], 0).retryAfterMs).toBe(3000)
  })
})
