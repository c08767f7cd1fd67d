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
import { classifyFailure } from '@main/engine/failures'

const now = Date.UTC(2026, 0, 1)
const h = (entries: Record<string, string> = {}) => new Headers(entries)

describe('classifyFailure', () => {
  it.each([
    ['401', new AuthenticationError(401, { message: 'no' }, undefined, h()), 'key-rejected', true],
    ['429', new RateLimitError(429, { message: 'slow' }, undefined, h({ 'retry-after-ms': '2500' })), 'rate-limited', false],
    ['timeout', new APIConnectionTimeoutError(), 'offline', false],
    ['no response', new APIConnectionError({ message: 'Connection error.' }), 'offline', false],
    ['5xx', new InternalServerError(502, undefined, 'bad gateway', h()), 'server-error', false],
    ['malformed', new AvaraResponseValidationError('studies.list', 200, [{ path: '', expected: 'JSON', received: 'text' }]), 'server-error', false],
    ['403', new PermissionDeniedError(403, { message: 'no' }, undefined, h()), 'request-error', false],
    ['400', new BadRequestError(400, { message: 'bad' }, undefined, h()), 'request-error', false],
    ['a bug', new TypeError('x is undefined'), 'server-error', false]
  ])('%s', (_label, error, kind, fatal) => {
    const failure = classifyFailure(error, now)
    expect(failure.kind).toBe(kind)
    expect(failure.fatal).toBe(fatal)
    expect(failure.reason.length).toBeGreaterThan(0)
  })

  it('carries the server wait of a 429', () => {
    expect(classifyFailure(new RateLimitError(429, undefined, undefined, h({ 'retry-after': '3' })), now).retryAfterMs).toBe(3000)
    expect(classifyFailure(new RateLimitError(429, undefined, undefined, h()), now).retryAfterMs).toBeNull()
  })
})
