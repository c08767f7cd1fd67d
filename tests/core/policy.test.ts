import { describe, expect, it } from 'vitest'
import type { AlertLedger } from '@main/engine/ports'
import { LEDGER_RETENTION_MS, alertStates, markStudy, snoozeStudy, type PolicyInput } from '@main/engine/policy'
import { study } from './helpers'
import { MIN, T0, poll, settings } from './policy-helpers'


describe('stat alerts', () => {
  it('raises one notice for a stat arrival and never again for that study', () => {
    const s = study({ n: 1, severity: 'stat', studyDescription: 'CT Head  w/o contrast' })
    const first = poll([], [s])
    expect(first.notices).toHaveLength(1)
    expect(first.notices[0]).toMatchObject({ level: 'stat', title: 'New stat study', studyIds: [s.studyId], reAlert: false })
    expect(first.notices[0]!.body).toBe('CT Head w/o contrast (stat)')
    expect(JSON.stringify(first.notices)).not.toContain('DO NOT SHOW')
    expect(first.ledgerChanged).toBe(true)
    const again = poll([s], [s], { ledger: first.ledger, now: T0 + 1000 })
    expect(again.notices).toEqual([])
    expect(again.ledgerChanged).toBe(false)
  })

  it('summarises several stat arrivals in one poll into one notice', () => {
    const list = [1, 2, 3, 4].map((n) => study({ n, severity: 'stat' }))
    const { notices, ledger } = poll([], list)
    expect(notices).toHaveLength(1)
    expect(notices[0]!.title).toBe('4 new stat studies')
    expect(notices[0]!.body).toMatch(/and 1 more \(stat\)$/)
    expect(notices[0]!.studyIds).toHaveLength(4)
    expect(Object.keys(ledger)).toHaveLength(4)
  })

  it('alerts an escalation to stat once, also after a high alert', () => {
    const high = study({ n: 1, severity: 'high' })
    const withHigh = poll([], [high], { settings: settings({ high: true }) })
    expect(withHigh.notices[0]).toMatchObject({ level: 'high', title: 'New high study' })
    const stat = { ...high, severity: 'stat' as const }
    const escalated = poll([high], [stat], { ledger: withHigh.ledger, settings: settings({ high: true }) })
    expect(escalated.notices).toHaveLength(1)
    expect(escalated.notices[0]).toMatchObject({ level: 'stat', title: 'Study escalated to stat' })
    expect(poll([stat], [stat], { ledger: escalated.ledger }).notices).toEqual([])
  })

  it('on the first poll alerts only stat studies never alerted (no high, no re-alert burst)', () => {
    const known = study({ n: 1, severity: 'stat' })
    const unseen = study({ n: 2, severity: 'stat' })
    const high = study({ n: 3, severity: 'high' })
    const ledger: AlertLedger = {
      [known.studyId]: { severityAtAlert: 'stat', firstAlertedAt: T0 - 60 * MIN, lastAlertedAt: T0 - 60 * MIN, alertCount: 1, acknowledged: false, opened: false, snoozedUntil: null }
    }
    const out = poll([], [known, unseen, high], { ledger, firstPoll: true, sessionStartedAt: T0, settings: settings({ high: true }) })
    expect(out.notices).toHaveLength(1)
    expect(out.notices[0]!.studyIds).toEqual([unseen.studyId])
    // Re-alert timers restart with the session: nothing at +4 min, a re-alert at +5 min.
    const at4 = poll([known, unseen, high], [known, unseen, high], { ledger: out.ledger, now: T0 + 4 * MIN, sessionStartedAt: T0 })
    expect(at4.notices).toEqual([])
    const at5 = poll([known, unseen, high], [known, unseen, high], { ledger: out.ledger, now: T0 + 5 * MIN, sessionStartedAt: T0 })
    expect(at5.notices).toHaveLength(1)
    expect(at5.notices[0]).toMatchObject({ reAlert: true, title: '2 stat studies still waiting' })
  })
})

describe('re-alerts', () => {
  const s = study({ n: 1, severity: 'stat' })
  const run = (ledger: AlertLedger, now: number, over: Partial<PolicyInput> = {}) => poll([s], [s], { ledger, now, ...over })

  it('re-alerts every reAlertMinutes, at most reAlertMax times', () => {
    let { ledger } = poll([], [s])
    const reAlertTimes: number[] = []
    for (let minute = 1; minute <= 40; minute++) {
      const out = run(ledger, T0 + minute * MIN)
      ledger = out.ledger
      if (out.notices.length > 0) {
        expect(out.notices[0]!.reAlert).toBe(true)
        reAlertTimes.push(minute)
      }
    }
    expect(reAlertTimes).toEqual([5, 10, 15])
    expect(ledger[s.studyId]!.alertCount).toBe(4)
  })

  it('stops when opened, acknowledged or snoozed (until the snooze ends)', () => {
    const { ledger } = poll([], [s])
    expect(run(markStudy(ledger, s, 'opened', T0), T0 + 6 * MIN).notices).toEqual([])
    expect(run(markStudy(ledger, s, 'acknowledged', T0), T0 + 6 * MIN).notices).toEqual([])
    const snoozed = snoozeStudy(ledger, s, T0 + 30 * MIN, T0)
    expect(run(snoozed, T0 + 20 * MIN).notices).toEqual([])
    expect(run(snoozed, T0 + 31 * MIN).notices).toHaveLength(1)
    expect(alertStates(snoozed, [s.studyId], T0 + MIN)[s.studyId]!.status).toBe('snoozed')
  })

  it('respects custom settings', () => {
    let { ledger } = poll([], [s])
    const custom = settings({ reAlertMinutes: 2, reAlertMax: 1 })
    const times: number[] = []
    for (let minute = 1; minute <= 10; minute++) {
      const out = run(ledger, T0 + minute * MIN, { settings: custom })
      ledger = out.ledger
      if (out.notices.length) times.push(minute)
    }
    expect(times).toEqual([2])
  })
})

describe('holds: do-not-disturb and pause', () => {
  const stat = study({ n: 1, severity: 'stat' })
  const high = study({ n: 2, severity: 'high' })

  it('holds high alerts but not stat ones by default, and releases held high once as a summary', () => {
    const high2 = study({ n: 3, severity: 'high' })
    const dnd = settings({ high: true, doNotDisturb: true })
    const during = poll([], [stat, high, high2], { settings: dnd })
    expect(during.notices.map((n) => n.level)).toEqual(['stat'])
    expect(during.pendingHigh.sort()).toEqual([high.studyId, high2.studyId].sort())
    const after = poll([stat, high, high2], [stat, high, high2], { settings: settings({ high: true }), ledger: during.ledger, pendingHigh: during.pendingHigh, now: T0 + MIN })
    expect(after.notices).toHaveLength(1)
    expect(after.notices[0]).toMatchObject({ level: 'high', title: '2 new high studies' })
    expect(after.pendingHigh).toEqual([])
  })

  it('drops held high alerts that are no longer relevant', () => {
    const during = poll([], [high], { settings: settings({ high: true }), pausedUntil: T0 + 30 * MIN })
    expect(during.notices).toEqual([])
    const completed = poll([high], [], { settings: settings({ high: true }), ledger: during.ledger, pendingHigh: during.pendingHigh, now: T0 + 31 * MIN, pausedUntil: T0 + 30 * MIN })
    expect(completed.notices).toEqual([])
  })

  it('holds stat alerts only with holdStat, then raises them once when the pause ends', () => {
    const stat2 = study({ n: 4, severity: 'stat' })
    const held = settings({ holdStat: true })
    const pausedUntil = T0 + 30 * MIN
    const during = poll([], [stat, stat2], { settings: held, pausedUntil })
    expect(during.notices).toEqual([])
    const stillDuring = poll([stat, stat2], [stat, stat2], { settings: held, pausedUntil, ledger: during.ledger, now: T0 + 10 * MIN })
    expect(stillDuring.notices).toEqual([])
    const after = poll([stat, stat2], [stat, stat2], { settings: held, pausedUntil, ledger: stillDuring.ledger, now: T0 + 31 * MIN })
    expect(after.notices).toHaveLength(1)
    expect(after.notices[0]).toMatchObject({ title: '2 new stat studies', reAlert: false })
    const later = poll([stat, stat2], [stat, stat2], { settings: held, pausedUntil, ledger: after.ledger, now: T0 + 32 * MIN })
    expect(later.notices).toEqual([])
  })

  it('never alerts a held stat study the user opened during the hold', () => {
    const held = settings({ holdStat: true, doNotDisturb: true })
    const during = poll([], [stat], { settings: held })
    const opened = markStudy(during.ledger, stat, 'opened', T0 + MIN)
    expect(poll([stat], [stat], { ledger: opened, now: T0 + 2 * MIN }).notices).toEqual([])
  })
})

describe('high alerts and the ledger', () => {
  it('does not alert high studies unless enabled, and only for arrivals', () => {
    const high = study({ n: 1, severity: 'high' })
    expect(poll([], [high]).notices).toEqual([])
    expect(poll([high], [high], { settings: settings({ high: true }) }).notices).toEqual([])
  })

  it('prunes entries of studies gone for more than seven days, only on a full view', () => {
    const gone = study({ n: 1, severity: 'stat' })
    const here = study({ n: 2, severity: 'stat' })
    const old = T0 - LEDGER_RETENTION_MS - MIN
    const entry = { severityAtAlert: 'stat' as const, firstAlertedAt: old, lastAlertedAt: old, alertCount: 1, acknowledged: true, opened: false, snoozedUntil: null }
    const ledger: AlertLedger = { [gone.studyId]: entry, [here.studyId]: entry }
    const full = poll([here], [here], { ledger })
    expect(Object.keys(full.ledger)).toEqual([here.studyId])
    expect(full.ledgerChanged).toBe(true)
    const partial = poll([here], [here], { ledger, fullView: false })
    expect(Object.keys(partial.ledger).sort()).toEqual([gone.studyId, here.studyId].sort())
    expect(partial.ledgerChanged).toBe(false)
  })
})
