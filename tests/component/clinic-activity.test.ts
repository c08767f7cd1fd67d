// @vitest-environment happy-dom
/** The Activity tab: the local log, newest first, readable (who was followed, what, which object, the answer). */
import { afterEach, describe, expect, it } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import type { ActivityEntry } from '@shared/ipc/clinic-contract'
import ActivityTab from '@renderer/components/clinic/ActivityTab.vue'
import { ClinicBridge, flush, mountWith } from './clinic-helpers'

let wrapper: VueWrapper | null = null
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
})

const entry = (overrides: Partial<ActivityEntry>): ActivityEntry => ({
  at: '2026-11-27T12:00:00.000Z',
  accountId: 'primary',
  followed: { userId: `usr_${'1'.repeat(32)}`, email: 'daniel.okafor@example.org' },
  action: 'studies.update',
  object: { kind: 'study', id: `stu_${'2'.repeat(32)}`, label: 'stu_… (CT Head)' },
  outcome: 'ok',
  status: 200,
  answer: 'assigned to Maya Chen.',
  ...overrides
})

describe('activity tab', () => {
  it('lists entries as the core returns them (newest first), refusals with their status', async () => {
    const entries = [
      entry({ action: 'users.revokeAccess', object: { kind: 'user', id: `usr_${'3'.repeat(32)}`, label: 'Sofia Alvarez <sofia.alvarez@example.org>' }, outcome: 'refused', status: 409, answer: 'Conflict (409): already revoked' }),
      entry({})
    ]
    const bridge = new ClinicBridge().clinic('clinic.activity.list', () => entries)
    wrapper = await mountWith(ActivityTab, bridge)
    await flush()
    const rows = wrapper.findAll('[data-testid="activity-table"] tbody tr')
    expect(rows).toHaveLength(2)
    expect(rows[0]!.text()).toContain('users.revokeAccess')
    expect(rows[0]!.text()).toContain('Sofia Alvarez')
    expect(rows[0]!.text()).toContain('refused (409)')
    expect(rows[1]!.text()).toContain('daniel.okafor@example.org')
    expect(rows[1]!.text()).toContain('assigned to Maya Chen.')
    expect(bridge.clinicCalls('clinic.activity.list')).toEqual([{ limit: 1000 }])
  })

  it('says so when nothing was changed from this workstation', async () => {
    wrapper = await mountWith(ActivityTab, new ClinicBridge().clinic('clinic.activity.list', () => []))
    await flush()
    expect(wrapper.text()).toContain('No change made from this workstation yet.')
  })
})
