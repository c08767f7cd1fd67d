/** Issue 10 policy rules: unassigned-pool stat studies alert once unless re-alerts are asked for; escalations are marked. */
import { describe, expect, it } from 'vitest'
import type { Settings } from '@shared/ipc/contract'
import type { Study } from '@shared/avara/contract'
import { study } from './helpers'
import { MIN, T0, poll, settings } from './policy-helpers'


/** Minutes (1..40) at which a reminder came for the studies. */
function reminders(present: Study[], s: Settings): number[] {
  let { ledger } = poll([], present, { settings: s })
  const at: number[] = []
  for (let minute = 1; minute <= 40; minute++) {
    const out = poll(present, present, { ledger, now: T0 + minute * MIN, settings: s })
    ledger = out.ledger
    if (out.notices.length > 0) at.push(minute)
  }
  return at
}

describe('the unassigned stat pool', () => {
  const pooled = study({ n: 1, severity: 'stat', assignedTo: null })
  const mine = study({ n: 2, severity: 'stat' })

  it('alerts a pool study once and sends no reminders by default (it is not mine yet)', () => {
    const first = poll([], [pooled])
    expect(first.notices).toHaveLength(1)
    expect(reminders([pooled], settings())).toEqual([])
    // My own stat study still gets its reminders.
    expect(reminders([mine], settings())).toEqual([5, 10, 15])
  })

  it('sends pool reminders when the user turns them on', () => {
    expect(reminders([pooled], settings({ reAlertPool: true }))).toEqual([5, 10, 15])
  })
})

describe('escalations', () => {
  it('marks a single escalation to stat, not a new arrival nor a summary', () => {
    const high = study({ n: 3, severity: 'high' })
    const stat = { ...high, severity: 'stat' as const }
    expect(poll([high], [stat]).notices[0]).toMatchObject({ title: 'Study escalated to stat', escalated: true })
    expect(poll([], [stat]).notices[0]!.escalated).toBeUndefined()
    const other = study({ n: 4, severity: 'stat' })
    expect(poll([high], [stat, other]).notices[0]!.escalated).toBeUndefined()
  })
})
