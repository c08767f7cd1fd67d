/** Issue 10: the tray's data names the newest alerting stat study, how many others alert, and whether it escalated to stat. */
import { describe, expect, it } from 'vitest'
import type { Study } from '@shared/avara/contract'
import type { AlertLedger } from '@main/engine/ports'
import { summarizeForTray } from '@main/engine/tray-summary'
import { countBySeverity } from '@main/engine/ordered-studies'
import { parseLedgerLeniently } from '@main/engine/persistence/schema'
import { study } from './helpers'
import { MIN, T0, poll } from './policy-helpers'

const tray = (mine: Study[], ledger: AlertLedger, status: 'online' | 'offline' = 'online') =>
  summarizeForTray({ mine: mine.map((s) => ({ ...s, accountId: 'primary' })), statPool: [], counts: countBySeverity(mine), ledger: (s) => ledger[s.studyId], status, pausedUntil: null })

describe('the tray summary', () => {
  const older = study({ n: 1, severity: 'stat', studyDescription: 'CT Head older' })
  const newer = study({ n: 2, severity: 'stat', studyDescription: 'CT Chest newer' })
  const high = study({ n: 3, severity: 'high' })

  it('names the newest stat arrival still alerting and counts the others', () => {
    let { ledger } = poll([], [older, high])
    ledger = poll([older, high], [older, newer, high], { ledger, now: T0 + 5 * MIN }).ledger
    const summary = tray([older, newer, high], ledger)
    expect(summary.counts).toEqual({ stat: 2, high: 1, normal: 0 })
    expect(summary.state).toBe('stat-waiting')
    expect(summary.newestStat).toEqual({ studyId: newer.studyId, accountId: 'primary', description: 'CT Chest newer', others: 1, escalatedFrom: null })
  })

  it('passes over studies opened or acknowledged; none alerting names none', () => {
    const { ledger } = poll([], [older, newer])
    const acknowledged = { ...ledger, [newer.studyId]: { ...ledger[newer.studyId]!, acknowledged: true } }
    expect(tray([older, newer], acknowledged).newestStat).toMatchObject({ studyId: older.studyId, others: 0 })
    const opened = { ...acknowledged, [older.studyId]: { ...acknowledged[older.studyId]!, opened: true } }
    expect(tray([older, newer], opened).newestStat).toBeNull()
  })

  it('among studies alerted together, names the one created last (as the page banner does)', () => {
    const { ledger } = poll([], [newer, older])
    expect(tray([newer, older], ledger).newestStat?.studyId).toBe(newer.studyId)
  })

  it('says when the newest study escalated to stat, and from which severity', () => {
    let { ledger } = poll([], [older, high])
    const escalated = { ...high, severity: 'stat' as const }
    ledger = poll([older, high], [older, escalated], { ledger, now: T0 + 2 * MIN }).ledger
    expect(tray([older, escalated], ledger).newestStat).toEqual({ studyId: high.studyId, accountId: 'primary', description: high.studyDescription, others: 1, escalatedFrom: 'high' })

    const normal = study({ n: 4, severity: 'normal' })
    const fromNormal = { ...normal, severity: 'stat' as const }
    ledger = poll([older, escalated, normal], [older, escalated, fromNormal], { ledger, now: T0 + 3 * MIN }).ledger
    expect(tray([older, escalated, fromNormal], ledger).newestStat).toMatchObject({ studyId: normal.studyId, others: 2, escalatedFrom: 'normal' })
    // An arrival as stat is not an escalation.
    expect(ledger[older.studyId]?.escalatedFrom).toBeUndefined()
  })

  it('keeps the escalation in the stored ledger (it survives a restart)', () => {
    const escalated = { ...high, severity: 'stat' as const }
    const { ledger } = poll([high], [escalated])
    const issues: string[] = []
    const stored = parseLedgerLeniently(JSON.parse(JSON.stringify(ledger)), issues)
    expect(issues).toEqual([])
    expect(stored[high.studyId]?.escalatedFrom).toBe('high')
  })

  it('is offline while the server cannot be reached, whatever waits', () => {
    const { ledger } = poll([], [older])
    expect(tray([older], ledger, 'offline').state).toBe('offline')
  })
})
