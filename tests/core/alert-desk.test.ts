import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, type AlertNotice, type Settings } from '@shared/ipc/contract'
import { AlertDesk } from '@main/engine/alert-desk'
import { ManualClock, study } from './helpers'

const MIN = 60_000

function desk(settings: Settings = DEFAULT_SETTINGS) {
  const clock = new ManualClock()
  const raised: Array<{ account: string; notice: AlertNotice }> = []
  const pauses: Array<string | null> = []
  const d = new AlertDesk({ clock, settings: () => settings, raise: (account, notice) => raised.push({ account, notice }), pauseChanged: (p) => pauses.push(p) })
  return { clock, d, raised, pauses }
}

describe('AlertDesk', () => {
  it('keeps one ledger per account: the same stat study ID alerts once in each account', () => {
    const { d, raised } = desk()
    const s = study({ n: 1, severity: 'stat' })
    for (const account of ['a', 'b', 'a', 'b']) d.decide(account, { events: [], present: [s], fullView: true, firstPoll: false })
    // The second is the burst's summary (stat-burst.ts): it adds b's study to a's, still alerting.
    expect(raised.map((r) => [r.account, r.notice.studies.map((ref) => `${ref.accountId}/${ref.studyId}`)])).toEqual([
      ['a', [`a/${s.studyId}`]],
      ['b', [`a/${s.studyId}`, `b/${s.studyId}`]]
    ])
  })

  it('re-alerts on the monotonic clock: a wall step forward is not early, a step back does not stall', async () => {
    const { clock, d, raised } = desk()
    const s = study({ n: 2, severity: 'stat' })
    const poll = () => d.decide('a', { events: [], present: [s], fullView: true, firstPoll: false })
    poll()
    clock.stepWall(3 * 60 * MIN)
    await clock.advance(4 * MIN)
    poll()
    expect(raised).toHaveLength(1)
    clock.stepWall(-6 * 60 * MIN)
    await clock.advance(MIN)
    poll()
    expect(raised.map((r) => r.notice.reAlert)).toEqual([false, true])
  })

  it('a snooze from an earlier run keeps its remaining time, at most four hours', async () => {
    const { clock, d } = desk()
    const s = study({ n: 3, severity: 'stat' })
    const entry = { severityAtAlert: 'stat' as const, firstAlertedAt: 0, lastAlertedAt: 0, alertCount: 1, acknowledged: false, opened: false }
    d.load('a', { [s.studyId]: { ...entry, snoozedUntil: clock.now() + 10 * MIN } })
    clock.stepWall(-60 * MIN)
    expect(d.alertStates('a', [s.studyId])[s.studyId]?.status).toBe('snoozed')
    await clock.advance(10 * MIN + 1)
    expect(d.alertStates('a', [s.studyId])[s.studyId]?.status).toBe('alerting')
    d.load('a', { [s.studyId]: { ...entry, snoozedUntil: clock.now() + 48 * 60 * MIN } })
    await clock.advance(4 * 60 * MIN + 1)
    expect(d.alertStates('a', [s.studyId])[s.studyId]?.status).toBe('alerting')
  })

  it('a pause ends by itself after its minutes, whatever the wall clock does, and releases held alerts', async () => {
    const { clock, d, pauses } = desk({ ...DEFAULT_SETTINGS, alerts: { ...DEFAULT_SETTINGS.alerts, holdStat: true } })
    let released = 0
    d.setPause(30, () => released++)
    expect(d.isHolding('a')).toBe(true)
    clock.stepWall(-2 * 60 * MIN)
    await clock.advance(30 * MIN)
    expect(d.isHolding('a')).toBe(false)
    expect(released).toBe(1)
    expect(pauses.at(-1)).toBeNull()
  })
})
