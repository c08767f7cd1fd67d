/**
 * Issue 11: a burst of stat arrivals across accounts is one summary notice, without delaying any
 * alert, and each study is still recorded once in its own account's ledger (stat-burst.ts through
 * the AlertDesk, on the injected clock).
 */
import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, type AlertNotice, type Settings } from '@shared/ipc/contract'
import { AlertDesk } from '@main/engine/alert-desk'
import { accountNamesText } from '@main/engine/policy'
import { BURST_SLACK_MS, burstWindowMs } from '@main/engine/stat-burst'
import { ManualClock, study } from './helpers'

const NAMES: Record<string, string> = { mary: "St Mary's", river: 'Riverside', north: 'North' }
const WINDOW_MS = burstWindowMs(DEFAULT_SETTINGS)

function desk(settings: Settings = DEFAULT_SETTINGS, byAccount: Record<string, Settings> = {}) {
  const clock = new ManualClock()
  const raised: AlertNotice[] = []
  const d = new AlertDesk({
    clock,
    settings: (accountId) => byAccount[accountId] ?? settings,
    raise: (_account, notice) => raised.push(notice),
    pauseChanged: () => undefined,
    accountName: (id) => NAMES[id] ?? null
  })
  const poll = (account: string, present: ReturnType<typeof study>[]) => d.decide(account, { events: [], present, fullView: true, firstPoll: false })
  return { clock, d, raised, poll }
}

const refsOf = (notice: AlertNotice | undefined) => notice?.studies.map((ref) => `${ref.accountId}/${ref.studyId}`)

describe('the burst window', () => {
  it('is one interval of the lane that finds stat studies plus a second, at most a minute and a second', () => {
    expect(burstWindowMs(DEFAULT_SETTINGS)).toBe(DEFAULT_SETTINGS.statIntervalSec * 1000 + BURST_SLACK_MS)
    expect(burstWindowMs({ ...DEFAULT_SETTINGS, statLaneEnabled: false })).toBe(DEFAULT_SETTINGS.queueIntervalSec * 1000 + BURST_SLACK_MS)
    expect(burstWindowMs({ ...DEFAULT_SETTINGS, statLaneEnabled: false, queueIntervalSec: 600 })).toBe(60_000 + BURST_SLACK_MS)
  })

  it('names accounts as a list', () => {
    expect(accountNamesText(["St Mary's"])).toBe("St Mary's")
    expect(accountNamesText(["St Mary's", 'Riverside'])).toBe("St Mary's and Riverside")
    expect(accountNamesText(["St Mary's", 'Riverside', 'North'])).toBe("St Mary's, Riverside and North")
  })
})

describe('a stat burst across accounts', () => {
  it('raises the first notice at once, then one summary naming both accounts that covers both studies', async () => {
    const { clock, raised, poll } = desk()
    const a = study({ n: 1, severity: 'stat', studyDescription: 'CT head' })
    const b = study({ n: 2, severity: 'stat', studyDescription: 'CT chest' })
    poll('mary', [a])
    // No delay: the first account's notice is raised by the poll that saw the study.
    expect(raised.map((n) => n.title)).toEqual(["New stat study · St Mary's"])
    await clock.advance(WINDOW_MS - 500)
    poll('river', [b])
    expect(raised).toHaveLength(2)
    const summary = raised[1]!
    expect(summary).toMatchObject({ level: 'stat', reAlert: false, title: "2 new stat studies in St Mary's and Riverside", body: "St Mary's: CT head; Riverside: CT chest (stat)" })
    expect(summary.accountName).toBeUndefined()
    expect(refsOf(summary)).toEqual([`mary/${a.studyId}`, `river/${b.studyId}`])
    expect(summary.studyIds).toEqual([a.studyId, b.studyId])
    expect(summary.id).not.toBe(raised[0]!.id)
  })

  it('records each study once, in its own account’s ledger; later polls raise nothing more', async () => {
    const { clock, d, raised, poll } = desk()
    const a = study({ n: 3, severity: 'stat' })
    const b = study({ n: 4, severity: 'stat' })
    poll('mary', [a])
    await clock.advance(1000)
    poll('river', [b])
    const ledgerAfterBurst = { mary: structuredClone(d.ledger('mary')), river: structuredClone(d.ledger('river')) }
    expect(Object.keys(ledgerAfterBurst.mary)).toEqual([a.studyId])
    expect(Object.keys(ledgerAfterBurst.river)).toEqual([b.studyId])
    expect(ledgerAfterBurst.mary[a.studyId]).toMatchObject({ alertCount: 1, severityAtAlert: 'stat' })
    expect(ledgerAfterBurst.river[b.studyId]).toMatchObject({ alertCount: 1, severityAtAlert: 'stat' })
    for (let i = 0; i < 3; i++) {
      await clock.advance(1000)
      poll('mary', [a])
      poll('river', [b])
    }
    expect(raised).toHaveLength(2)
    expect(d.ledger('mary')).toEqual(ledgerAfterBurst.mary)
    expect(d.ledger('river')).toEqual(ledgerAfterBurst.river)
  })

  it('three accounts at the same instant (a hold ending): every summary has its own id, the last covers all', () => {
    const { raised, poll } = desk()
    const studies = [19, 20, 21].map((n) => study({ n, severity: 'stat' }))
    ;['mary', 'river', 'north'].forEach((account, i) => poll(account, [studies[i]!]))
    expect(raised.map((n) => n.studies.length)).toEqual([1, 2, 3])
    expect(new Set(raised.map((n) => n.id)).size).toBe(3)
  })

  it('a notice after the window is its own, named for its account', async () => {
    const { clock, raised, poll } = desk()
    poll('mary', [study({ n: 5, severity: 'stat' })])
    await clock.advance(WINDOW_MS + 1)
    const late = study({ n: 6, severity: 'stat' })
    poll('river', [late])
    expect(raised.map((n) => n.title)).toEqual(["New stat study · St Mary's", 'New stat study · Riverside'])
    expect(refsOf(raised[1])).toEqual([`river/${late.studyId}`])
  })

  it('keeps growing while its latest notice is fresh: a third arrival joins the summary', async () => {
    const { clock, raised, poll } = desk()
    const [a, b, c] = [7, 8, 9].map((n) => study({ n, severity: 'stat' }))
    poll('mary', [a!])
    await clock.advance(WINDOW_MS - 1000)
    poll('river', [b!])
    // Past the first notice's window, within the summary's: the summary still covers the first.
    await clock.advance(WINDOW_MS - 1000)
    poll('north', [c!])
    expect(raised).toHaveLength(3)
    expect(raised[2]!.title).toBe("3 new stat studies in St Mary's, Riverside and North")
    expect(refsOf(raised[2])).toEqual([`mary/${a!.studyId}`, `river/${b!.studyId}`, `north/${c!.studyId}`])
  })

  it('one account alone is shown as before: two polls in the window give two notices', async () => {
    const { clock, raised, poll } = desk()
    const a = study({ n: 10, severity: 'stat' })
    const a2 = study({ n: 11, severity: 'stat' })
    poll('mary', [a])
    await clock.advance(1000)
    poll('mary', [a, a2])
    expect(raised.map((n) => n.title)).toEqual(["New stat study · St Mary's", "New stat study · St Mary's"])
    // ...and both join a summary when another account's arrives in the window.
    await clock.advance(1000)
    const b = study({ n: 12, severity: 'stat' })
    poll('river', [b])
    expect(raised[2]!.title).toBe("3 new stat studies in St Mary's and Riverside")
    expect(refsOf(raised[2])).toEqual([`mary/${a.studyId}`, `mary/${a2.studyId}`, `river/${b.studyId}`])
  })

  it('leaves out studies already opened or acknowledged: with none left the notice is its own', async () => {
    const { clock, d, raised, poll } = desk()
    const a = study({ n: 13, severity: 'stat' })
    const a2 = study({ n: 14, severity: 'stat' })
    poll('mary', [a, a2])
    d.mark('mary', a, 'opened')
    await clock.advance(1000)
    const b = study({ n: 15, severity: 'stat' })
    poll('river', [b])
    expect(refsOf(raised[1])).toEqual([`mary/${a2.studyId}`, `river/${b.studyId}`])
    d.mark('mary', a2, 'acknowledged')
    d.mark('river', b, 'acknowledged')
    await clock.advance(1000)
    const c = study({ n: 16, severity: 'stat' })
    poll('north', [c])
    expect(raised[2]!.title).toBe('New stat study · North')
  })

  it('a reminder never joins a burst, and a new stat notice does not fold reminders in', async () => {
    const settings: Settings = { ...DEFAULT_SETTINGS, alerts: { ...DEFAULT_SETTINGS.alerts, reAlertMinutes: 1 } }
    const { clock, raised, poll } = desk(settings)
    const a = study({ n: 17, severity: 'stat' })
    poll('mary', [a])
    await clock.advance(60_000)
    poll('mary', [a])
    expect(raised[1]).toMatchObject({ reAlert: true, title: "Stat study still waiting · St Mary's" })
    await clock.advance(1000)
    const b = study({ n: 18, severity: 'stat' })
    poll('river', [b])
    expect(raised[2]!.title).toBe('New stat study · Riverside')
  })

  it('the window is the new notice’s account’s own interval; the summary sounds as that account chose', async () => {
    const slow: Settings = { ...DEFAULT_SETTINGS, statIntervalSec: 30, alerts: { ...DEFAULT_SETTINGS.alerts, sound: false } }
    const { clock, raised, poll } = desk(DEFAULT_SETTINGS, { river: slow })
    poll('mary', [study({ n: 22, severity: 'stat' })])
    // 20 s later: within Riverside's 30 s interval, so its arrival may be of the same moment.
    await clock.advance(20_000)
    poll('river', [study({ n: 23, severity: 'stat' })])
    expect(raised[1]).toMatchObject({ title: "2 new stat studies in St Mary's and Riverside", sound: false })
    // 20 s after that: beyond St Mary's own 5 s interval, so its arrival is a notice of its own.
    await clock.advance(20_000)
    poll('mary', [study({ n: 24, severity: 'stat' })])
    expect(raised[2]).toMatchObject({ title: "New stat study · St Mary's", sound: true })
  })
})
