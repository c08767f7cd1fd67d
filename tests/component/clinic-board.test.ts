// @vitest-environment happy-dom
/** The coordinator board and the workspace shell: lanes per radiologist, two-action moves, who sees which tab. */
import { afterEach, describe, expect, it } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import type { Study } from '@shared/avara/contract'
import BoardTab from '@renderer/components/clinic/BoardTab.vue'
import ClinicWorkspace from '@renderer/components/clinic/ClinicWorkspace.vue'
import { useClockStore } from '@renderer/stores/clock'
import { ADMIN_ACCESS, ClinicBridge, flush, makeUser, mountWith, ok } from './clinic-helpers'
import { makeStudy } from './fake-bridge'

let wrapper: VueWrapper | null = null
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  try {
    useClockStore().stop()
  } catch {
    // no active pinia
  }
})
const settle = async () => {
  for (let i = 0; i < 5; i++) await flush()
}

describe('coordinator board', () => {
  const maya = makeUser({ firstName: 'Maya', lastName: 'Chen' })
  const dan = makeUser({ firstName: 'Daniel', lastName: 'Okafor' })
  const ref = (u: typeof maya) => ({ userId: u.userId, email: u.email, firstName: u.firstName, lastName: u.lastName })
  const statOld = makeStudy({ severity: 'stat', studyDescription: 'CT Head', assignedTo: ref(maya), createdAt: new Date(Date.now() - 45 * 60_000).toISOString() }) as Study
  const pool = makeStudy({ severity: 'high', studyDescription: 'MR Spine', assignedTo: null }) as Study

  async function board() {
    const bridge = new ClinicBridge()
      .clinic('clinic.users.list', () => ok({ items: [maya, dan], cursor: null }))
      .clinic('clinic.studies.list', () => ok({ items: [statOld, pool], cursor: null }))
      .clinic('clinic.studies.update', (req: { studyId: string; patch: { assignedTo: string | null } }) => {
        const target = [maya, dan].find((u) => u.userId === req.patch.assignedTo)
        const base = [statOld, pool].find((s) => s.studyId === req.studyId)!
        return ok({ ...base, assignedTo: target ? ref(target) : null })
      })
    wrapper = await mountWith(BoardTab, bridge)
    await settle()
    return { bridge, w: wrapper }
  }

  it('shows each radiologist and the unassigned pool, with counts and the oldest wait against the target', async () => {
    const { bridge, w } = await board()
    expect(bridge.clinicCalls('clinic.studies.list')[0]).toEqual({ filters: { studyViewerStatus: 'incomplete', isCancelled: false } })
    const mayaLane = w.get(`[data-testid="lane-${maya.userId}"]`)
    expect(mayaLane.text()).toContain('1 stat')
    expect(mayaLane.text()).toMatch(/oldest stat: 4\d min of 30 min/)
    expect(mayaLane.find('.wait-red').exists()).toBe(true)
    expect(w.get('[data-testid="lane-pool"]').text()).toContain('MR Spine')
    expect(w.get(`[data-testid="lane-${dan.userId}"]`).text()).toContain('0 stat')
  })

  it('assigns a pool study in two actions, then moves it and returns it to the pool; the server answer is shown', async () => {
    const { bridge, w } = await board()
    await w.get(`[data-testid="pick-${pool.studyId}"]`).trigger('click')
    await flush()
    expect(w.get('[data-testid="board-status"]').text()).toContain('Picked: MR Spine')
    await w.get(`[data-testid="move-to-${dan.userId}"]`).trigger('click')
    await settle()
    expect(bridge.clinicCalls('clinic.studies.update')).toEqual([{ studyId: pool.studyId, patch: { assignedTo: dan.userId } }])
    expect(w.get(`[data-testid="lane-${dan.userId}"]`).text()).toContain('MR Spine')
    expect(w.get('[data-testid="board-status"]').text()).toContain('now with Daniel Okafor')

    await w.get(`[data-testid="pick-${pool.studyId}"]`).trigger('click')
    await flush()
    // No "Move here" on the lane the study is already in.
    expect(w.find(`[data-testid="move-to-${dan.userId}"]`).exists()).toBe(false)
    await w.get('[data-testid="move-to-pool"]').trigger('click')
    await settle()
    expect(bridge.clinicCalls('clinic.studies.update').at(-1)).toEqual({ studyId: pool.studyId, patch: { assignedTo: null } })
    expect(w.get('[data-testid="lane-pool"]').text()).toContain('MR Spine')
  })

  it('a refused move is shown and the study stays where the server has it', async () => {
    const { bridge, w } = await board()
    bridge.clinic('clinic.studies.update', () => ({ ok: false, problem: { kind: 'forbidden', status: 403, field: null, message: 'The server does not allow this key to update the study (403).' } }))
    await w.get(`[data-testid="pick-${statOld.studyId}"]`).trigger('click')
    await w.get(`[data-testid="move-to-${dan.userId}"]`).trigger('click')
    await settle()
    expect(w.get('[data-testid="clinic-problem"]').text()).toContain('Not allowed (403)')
    expect(w.get(`[data-testid="lane-${maya.userId}"]`).text()).toContain('CT Head')
  })
})

describe('workspace', () => {
  it('owners and admins see Team and Invitations; a member who cannot manage studies sees Studies and Activity only; the note is there', async () => {
    const bridge = new ClinicBridge()
      .clinic('clinic.access', () => ok({ ...ADMIN_ACCESS, level: 'member', canManageStudies: false, showsTeam: false, showsStudyManagement: false }))
      .clinic('clinic.users.list', () => ok({ items: [], cursor: null }))
      .clinic('clinic.studies.list', () => ok({ items: [], cursor: null }))
    wrapper = await mountWith(ClinicWorkspace, bridge)
    await settle()
    const tabs = () => wrapper!.findAll('[role="tab"]').map((t) => t.text())
    expect(tabs()).toEqual(['Studies', 'Activity'])
    expect(wrapper.get('[data-testid="clinic-boundary-note"]').text()).toContain('not a security boundary')
    expect(wrapper.get('[data-testid="clinic-account"]').text()).toContain('Avara at 127.0.0.1:4010')
  })

  it('an admin gets every tab; arrow keys move between tabs', async () => {
    const bridge = new ClinicBridge()
      .clinic('clinic.access', () => ok(ADMIN_ACCESS))
      .clinic('clinic.activity.list', () => [])
      .clinic('clinic.users.list', () => ok({ items: [], cursor: null }))
      .clinic('clinic.invitations.list', () => ok({ items: [], cursor: null }))
    wrapper = await mountWith(ClinicWorkspace, bridge)
    await settle()
    expect(wrapper.findAll('[role="tab"]').map((t) => t.text())).toEqual(['Team', 'Invitations', 'Studies', 'Board', 'Activity'])
    await wrapper.get('[role="tablist"]').trigger('keydown', { key: 'ArrowRight' })
    await settle()
    expect(wrapper.get('[role="tab"][aria-selected="true"]').text()).toBe('Invitations')
  })

  it('a 401 on the access check is shown as such', async () => {
    const bridge = new ClinicBridge().clinic('clinic.access', () => ({ ok: false, problem: { kind: 'unauthorized', status: 401, field: null, message: 'The server rejected the API key (401).' } }))
      .clinic('clinic.studies.list', () => ok({ items: [], cursor: null }))
      .clinic('clinic.users.list', () => ok({ items: [], cursor: null }))
    wrapper = await mountWith(ClinicWorkspace, bridge)
    await settle()
    expect(wrapper.get('[data-testid="clinic-problem"]').text()).toContain('Key rejected (401)')
  })
})
