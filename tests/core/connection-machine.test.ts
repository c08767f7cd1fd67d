import { describe, expect, it } from 'vitest'
import { INITIAL_CONNECTION, statusOf, transition, type ConnectionEvent, type ConnectionMachine } from '@main/engine/connection-machine'
import type { Failure } from '@main/engine/failures'

const offline: Failure = { kind: 'offline', reason: 'Cannot reach the server.', retryAfterMs: null, fatal: false }
const serverError: Failure = { kind: 'server-error', reason: 'The server reported an error (503).', retryAfterMs: null, fatal: false }
const rateLimited: Failure = { kind: 'rate-limited', reason: 'slow down', retryAfterMs: 42_000, fatal: false }
const refused: Failure = { kind: 'request-error', reason: 'The server refused the request (400).', retryAfterMs: null, fatal: false }
const rejected: Failure = { kind: 'key-rejected', reason: 'The server rejected this API key.', retryAfterMs: null, fatal: true }

const run = (...events: ConnectionEvent[]): ConnectionMachine => events.reduce(transition, INITIAL_CONNECTION)
const status = (...events: ConnectionEvent[]) => statusOf(run(...events)).status

describe('connection state machine', () => {
  it('walks sign-in: signed out, needs identity, connecting, online', () => {
    expect(status()).toBe('signed-out')
    expect(status({ type: 'key-loaded', hasIdentity: false })).toBe('needs-identity')
    expect(status({ type: 'key-loaded', hasIdentity: false }, { type: 'identity-set' })).toBe('connecting')
    expect(status({ type: 'key-loaded', hasIdentity: true }, { type: 'poll-succeeded', lane: 'queue' })).toBe('online')
  })

  it('an identity without a key changes nothing', () => {
    expect(status({ type: 'identity-set' })).toBe('signed-out')
  })

  it.each([
    [offline, 'offline'],
    [serverError, 'server-error'],
    [rateLimited, 'rate-limited'],
    [refused, 'server-error']
  ] as const)('a lane failing with %o shows %s until that lane succeeds again', (failure, shown) => {
    const live: ConnectionEvent[] = [{ type: 'key-loaded', hasIdentity: true }, { type: 'poll-succeeded', lane: 'stat' }]
    const failed = run(...live, { type: 'poll-failed', lane: 'queue', failure })
    expect(statusOf(failed)).toEqual({ status: shown, reason: failure.reason })
    // The other lane succeeding does not hide the failing one.
    expect(statusOf(transition(failed, { type: 'poll-succeeded', lane: 'stat' })).status).toBe(shown)
    expect(statusOf(transition(failed, { type: 'poll-succeeded', lane: 'queue' })).status).toBe('online')
  })

  it('a rate limit on either lane wins over another failure (it binds the whole account)', () => {
    expect(
      status({ type: 'key-loaded', hasIdentity: true }, { type: 'poll-failed', lane: 'stat', failure: offline }, { type: 'poll-failed', lane: 'queue', failure: rateLimited })
    ).toBe('rate-limited')
  })

  it('a 401 leads to key-rejected (with words about the re-probe); an accepted probe or a new key starts over', () => {
    const polling: ConnectionEvent = { type: 'key-loaded', hasIdentity: true }
    const viaPoll = run(polling, { type: 'poll-failed', lane: 'stat', failure: rejected })
    expect(statusOf(viaPoll).status).toBe('key-rejected')
    expect(statusOf(viaPoll).reason).toMatch(/tried again/)
    expect(statusOf(run(polling, { type: 'key-rejected' })).status).toBe('key-rejected')
    // Polls that still land while rejected change nothing.
    expect(statusOf(transition(viaPoll, { type: 'poll-succeeded', lane: 'queue' })).status).toBe('key-rejected')
    expect(statusOf(transition(viaPoll, { type: 'key-accepted' })).status).toBe('connecting')
    expect(statusOf(transition(viaPoll, { type: 'key-loaded', hasIdentity: true })).status).toBe('connecting')
    // Suspending while rejected still says the key is rejected (the user has to act).
    expect(statusOf(transition(viaPoll, { type: 'suspended' })).status).toBe('key-rejected')
  })

  it('paused while suspended, then back to what the lanes say', () => {
    const failed = run({ type: 'key-loaded', hasIdentity: true }, { type: 'poll-failed', lane: 'queue', failure: offline }, { type: 'suspended' })
    expect(statusOf(failed).status).toBe('paused')
    expect(statusOf(transition(failed, { type: 'resumed' })).status).toBe('offline')
  })

  it('sign-out from any state is signed-out', () => {
    for (const events of [[], [{ type: 'key-loaded', hasIdentity: true }], [{ type: 'key-loaded', hasIdentity: true }, { type: 'key-rejected' }]] as ConnectionEvent[][]) {
      expect(status(...events, { type: 'key-removed' })).toBe('signed-out')
    }
  })
})
