/**
 * Issue 11 units: the spread of several accounts' polls, the one key of a study across accounts,
 * the merged order, the health line, and the same study ID in two accounts as two studies.
 */
import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, parseStudyKey, studyKey, type AlertNotice, type ConnectionState, type QueueStudy } from '@shared/ipc/contract'
import { compareByUrgency } from '@shared/ipc/study-order'
import { spreadOffsetMs } from '@main/engine/poll-spread'
import { mergeOrdered } from '@main/engine/work-queue'
import { AlertDesk } from '@main/engine/alert-desk'
import { combinedConnection, healthOf, summarizeAccount, type AccountView } from '@main/engine/accounts-view'
import { freeColour, newAccountId } from '@main/engine/account-handlers'
import { keychainAccountFor } from '@main/engine/ports'
import { accountPart } from '@main/engine/account-settings'
import { ManualClock, study } from './helpers'

const row = (accountId: string, over: Parameters<typeof study>[0]): QueueStudy => ({ ...study(over), accountId })

describe('the spread of several accounts’ polls', () => {
  it('puts N accounts evenly across one interval, the first at once', () => {
    expect([0, 1, 2, 3, 4].map((i) => spreadOffsetMs(i, 5, 5000))).toEqual([0, 1000, 2000, 3000, 4000])
    expect([0, 1].map((i) => spreadOffsetMs(i, 2, 30_000))).toEqual([0, 15_000])
  })

  it('never delays a single account, and no two of ten accounts start at the same instant', () => {
    expect(spreadOffsetMs(0, 1, 5000)).toBe(0)
    const offsets = Array.from({ length: 10 }, (_, i) => spreadOffsetMs(i, 10, 2000))
    expect(new Set(offsets).size).toBe(10)
    expect(Math.max(...offsets)).toBeLessThan(2000)
  })
})

describe('a study across accounts', () => {
  it('has one key of account and study, read back the same way', () => {
    const key = studyKey({ accountId: 'acc-1', studyId: 'stu_0001' })
    expect(key).toBe('acc-1/stu_0001')
    expect(parseStudyKey(key)).toEqual({ accountId: 'acc-1', studyId: 'stu_0001' })
    expect(parseStudyKey('no-slash')).toBeNull()
  })

  it('merges the accounts’ ordered lists into the one order; the same study ID in two accounts is two rows', () => {
    const a = [row('a', { n: 1, severity: 'high', createdAt: '2026-01-01T08:00:00Z' }), row('a', { n: 2, severity: 'normal', createdAt: '2026-01-01T07:00:00Z' })]
    const b = [row('b', { n: 3, severity: 'stat', createdAt: '2026-01-01T09:00:00Z' }), row('b', { n: 1, severity: 'high', createdAt: '2026-01-01T08:00:00Z' })]
    const merged = mergeOrdered([a, b])
    expect(merged.map((s) => studyKey(s))).toEqual([studyKey(b[0]!), studyKey(a[0]!), studyKey(b[1]!), studyKey(a[1]!)])
    const sorted = [...a, ...b].sort(compareByUrgency)
    expect(merged.map((s) => s.studyId)).toEqual(sorted.map((s) => s.studyId))
  })

  it('alerts the same stat study ID once in each account (one ledger per account)', () => {
    const clock = new ManualClock()
    const raised: AlertNotice[] = []
    const desk = new AlertDesk({ clock, settings: () => DEFAULT_SETTINGS, raise: (_a, n) => raised.push(n), pauseChanged: () => undefined })
    const s = study({ n: 7, severity: 'stat' })
    for (const account of ['primary', 'acc-2', 'primary', 'acc-2']) desk.decide(account, { events: [], present: [s], fullView: true, firstPoll: false })
    // Raised together, the second is the burst's one summary (stat-burst.ts): both studies, one per account.
    expect(raised.map((n) => n.studies)).toEqual([
      [{ accountId: 'primary', studyId: s.studyId }],
      [
        { accountId: 'primary', studyId: s.studyId },
        { accountId: 'acc-2', studyId: s.studyId }
      ]
    ])
    desk.remove('acc-2')
    expect(desk.ledger('acc-2')).toEqual({})
    expect(Object.keys(desk.ledger('primary'))).toEqual([s.studyId])
  })
})

describe('accounts as the page sees them', () => {
  const connection = (status: ConnectionState['status'], stale = false): ConnectionState => ({ status, reason: null, lastSuccessAt: null, nextPollAt: null, stale })
  const view = (id: string, name: string, state: ConnectionState): AccountView => ({
    id,
    baseUrl: 'https://clinic.example.org',
    identity: null,
    hasKey: true,
    label: { displayName: name, colour: 'blue' },
    connectionState: () => state
  })
  const counts = { stat: 0, high: 0, normal: 0 }
  const own = { overrides: {}, settings: accountPart(DEFAULT_SETTINGS) }

  it('says which accounts need attention in one line, and nothing when all are live', () => {
    const live = summarizeAccount(view('a', 'General', connection('online')), counts, own)
    const down = summarizeAccount(view('b', 'St Mary', connection('offline')), counts, own)
    const rejected = summarizeAccount(view('c', 'Night', connection('key-rejected')), counts, own)
    expect(healthOf([live]).text).toBeNull()
    expect(healthOf([live, down, rejected])).toMatchObject({ total: 3, live: 1, text: '1 of 3 accounts live. St Mary: offline; Night: key rejected.' })
    expect(summarizeAccount(view('d', '  ', connection('online')), counts, own).displayName).toBe('Avara at clinic.example.org')
  })

  it('combines the status bar: the first account with a problem, named', () => {
    const combined = combinedConnection([view('a', 'General', connection('online')), view('b', 'St Mary', connection('rate-limited'))])
    expect(combined).toMatchObject({ status: 'rate-limited', reason: 'St Mary: rate limited' })
    expect(combinedConnection([view('a', 'General', connection('online')), view('b', 'St Mary', connection('online', true))])).toMatchObject({ status: 'online', stale: true })
  })

  it('names keys by server and account (the first account keeps its name from before accounts), ids and colours stay unique', () => {
    expect(keychainAccountFor('https://x.example.org', 'primary')).toBe('avara-api-key@https://x.example.org')
    expect(keychainAccountFor('https://x.example.org', 'acc-1')).toBe('avara-api-key@https://x.example.org#acc-1')
    expect(newAccountId(() => 0.5, [])).toMatch(/^acc-[0-9a-z]{6}$/)
    const first = newAccountId(() => 0.5, [])
    expect(newAccountId(() => 0.5, [first])).toBe(`${first}-2`)
    expect(freeColour(['blue', 'teal'])).toBe('green')
  })
})
