/** Each kind of queue event becomes the change notice the page shows (issue 10, item 2). */
import { describe, expect, it } from 'vitest'
import { diffSnapshots } from '@main/engine/queue'
import { studyKey } from '@shared/ipc/accounts'
import { RecentlyOpened, studyChanges, OPENED_RECENTLY_MS } from '@main/engine/study-changes'
import { ME, study } from './helpers'

const T0 = Date.UTC(2026, 0, 1, 8, 0, 0)
const other = { userId: `usr_${'b'.repeat(32)}`, email: 'omar@example.org', firstName: 'Omar', lastName: 'Haddad' }

describe('study change notices', () => {
  const base = study({ n: 1, severity: 'high', studyDescription: 'MR brain' })
  const ctx = (over: Partial<Parameters<typeof studyChanges>[1]> = {}) => ({ accountId: 'primary', now: T0, previousFetchAt: T0 - 30_000, opened: new RecentlyOpened(), ...over })
  const leave = (current: typeof base | null) => diffSnapshots([base], [], { resolved: new Map([[base.studyId, current]]), userId: ME })

  it('cancelled, completed elsewhere, reassigned away (to whom), left for an unknown reason', () => {
    expect(studyChanges(leave({ ...base, isCancelled: true }), ctx())).toMatchObject([{ kind: 'cancelled', studyId: base.studyId, description: 'MR brain' }])
    expect(studyChanges(leave({ ...base, studyViewerStatus: 'complete' }), ctx())).toMatchObject([{ kind: 'completed' }])
    expect(studyChanges(leave({ ...base, assignedTo: other }), ctx())).toMatchObject([{ kind: 'reassignedAway', assignee: 'Omar Haddad' }])
    expect(studyChanges(leave({ ...base, assignedTo: null }), ctx())).toMatchObject([{ kind: 'reassignedAway', assignee: null }])
    expect(studyChanges(diffSnapshots([base], []), ctx())).toMatchObject([{ kind: 'departed' }])
  })

  it('uncancelled, severity changed (from, to) both ways', () => {
    expect(studyChanges(diffSnapshots([], [base], { knownCancelled: new Set([base.studyId]) }), ctx())).toMatchObject([{ kind: 'uncancelled' }])
    expect(studyChanges(diffSnapshots([base], [{ ...base, severity: 'stat' }]), ctx())).toMatchObject([{ kind: 'severityChanged', from: 'high', to: 'stat' }])
    expect(studyChanges(diffSnapshots([base], [{ ...base, severity: 'normal' }]), ctx())).toMatchObject([{ kind: 'severityChanged', from: 'high', to: 'normal' }])
  })

  it('reassigned to me: an arrival that existed before the last fetch; a brand-new study or the first poll is no change', () => {
    const old = study({ n: 2, createdAt: new Date(T0 - 3_600_000).toISOString() })
    const fresh = study({ n: 3, createdAt: new Date(T0 - 5_000).toISOString() })
    expect(studyChanges(diffSnapshots([], [old, fresh]), ctx())).toMatchObject([{ kind: 'reassignedToMe', studyId: old.studyId }])
    expect(studyChanges(diffSnapshots([], [old]), ctx({ previousFetchAt: null }))).toEqual([])
  })

  it('marks a study opened from this app in the last hour, and skips what this app itself completed', () => {
    const opened = new RecentlyOpened()
    opened.note(studyKey({ accountId: 'primary', studyId: base.studyId }), T0 - 10_000)
    const events = leave({ ...base, isCancelled: true })
    expect(studyChanges(events, ctx({ opened }))[0]!.openedRecently).toBe(true)
    expect(studyChanges(events, ctx({ opened, now: T0 + OPENED_RECENTLY_MS }))[0]!.openedRecently).toBe(false)
    expect(studyChanges(leave({ ...base, studyViewerStatus: 'complete' }), ctx({ ownAction: (id) => id === base.studyId }))).toEqual([])
  })
})
