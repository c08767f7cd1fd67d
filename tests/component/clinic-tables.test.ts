// @vitest-environment happy-dom
/** Team, invitations and studies tables: every page loaded, filters sent to the server, local sort, details, confirmations. */
import { afterEach, describe, expect, it } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import type { Study } from '@shared/avara/contract'
import TeamTab from '@renderer/components/clinic/TeamTab.vue'
import InvitationsTab from '@renderer/components/clinic/InvitationsTab.vue'
import StudiesTab from '@renderer/components/clinic/StudiesTab.vue'
import { useClinicStore } from '@renderer/stores/clinic'
import { useClockStore } from '@renderer/stores/clock'
import { ADMIN_ACCESS, ClinicBridge, flush, makeInvitation, makeUser, mountWith, ok } from './clinic-helpers'
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

const rowsOf = (w: VueWrapper, grid: string) => w.get(`[data-testid="${grid}"]`).findAll('.grid-body [role="row"]')
const settle = async () => {
  for (let i = 0; i < 5; i++) await flush()
}

describe('team table', () => {
  it('loads every slice by cursor, sends the API filters, sorts locally, shows every field', async () => {
    const all = Array.from({ length: 1500 }, (_, i) => makeUser({ lastName: `Zed${String(i).padStart(4, '0')}` }))
    const anna = makeUser({ firstName: 'Anna', lastName: 'Aalto', middleName: 'M', phoneNumber: '5550001111', suffix1: 'MD', level: 'admin' })
    all.push(anna)
    const bridge = new ClinicBridge()
      .clinic('clinic.activity.list', () => [])
      .clinic('clinic.users.retrieve', () => ok(anna))
      .clinic('clinic.users.list', (req: { cursor?: string; filters: Record<string, unknown> }) => {
        if (req.filters.lastName) return ok({ items: [anna], cursor: null })
        return req.cursor ? ok({ items: all.slice(1000), cursor: null }) : ok({ items: all.slice(0, 1000), cursor: 'c1' })
      })
    wrapper = await mountWith(TeamTab, bridge)
    await settle()
    expect(wrapper.get('[data-testid="team-count"]').text()).toBe('1501 users')
    expect(bridge.clinicCalls('clinic.users.list').map((r) => r.cursor)).toEqual([undefined, 'c1'])
    // Local sort by name: Aalto comes first although it arrived last.
    expect(rowsOf(wrapper, 'team-grid')[0]!.text()).toContain('Anna Aalto')
    // Only a window of rows is in the DOM.
    expect(rowsOf(wrapper, 'team-grid').length).toBeLessThan(60)

    await wrapper.get('[data-testid="team-filter-last"]').setValue('  Aal ')
    await wrapper.get('form[aria-label^="Filter users"]').trigger('submit')
    await settle()
    expect(bridge.clinicCalls('clinic.users.list').at(-1)).toMatchObject({ filters: { lastName: 'Aal' } })

    await rowsOf(wrapper, 'team-grid')[0]!.trigger('click')
    await flush()
    // The details are read from the server again (users.retrieve), not only from the loaded row.
    expect(bridge.clinicCalls('clinic.users.retrieve')).toEqual([{ userId: anna.userId }])
    const details = wrapper.get('[data-testid="user-details"]').text()
    for (const value of ['Anna', 'M', 'Aalto', '5550001111', 'MD', 'admin', 'Radiologist', 'never logged in', anna.userId, anna.email]) expect(details).toContain(value)
  })

  it('revoke access asks first, naming the person; one confirmation sends one request; the note says what this workstation did', async () => {
    const user = makeUser({ firstName: 'Sofia', lastName: 'Alvarez' })
    let activity: unknown[] = []
    const bridge = new ClinicBridge()
      .clinic('clinic.activity.list', () => activity)
      .clinic('clinic.users.list', () => ok({ items: [user], cursor: null }))
      .clinic('clinic.users.retrieve', () => ok(user))
      .clinic('clinic.users.revokeAccess', () => {
        activity = [{ at: '2026-11-27T12:00:00.000Z', accountId: 'primary', followed: null, action: 'users.revokeAccess', object: { kind: 'user', id: user.userId, label: 'x' }, outcome: 'ok', status: 200, answer: 'Access revoked' }]
        return ok({ message: 'Access revoked' })
      })
    wrapper = await mountWith(TeamTab, bridge)
    await settle()
    await rowsOf(wrapper, 'team-grid')[0]!.trigger('click')
    await flush()
    await wrapper.get('[data-testid="revoke-access"]').trigger('click')
    await flush()
    const dialog = wrapper.get('[data-testid="confirm-dialog"]')
    expect(dialog.text()).toContain('Sofia Alvarez')
    expect(dialog.text()).toContain(user.email)
    expect(bridge.clinicCalls('clinic.users.revokeAccess')).toHaveLength(0)
    const confirm = wrapper.get('[data-testid="confirm-button"]')
    await confirm.trigger('click')
    await confirm.trigger('click')
    await settle()
    expect(bridge.clinicCalls('clinic.users.revokeAccess')).toEqual([{ userId: user.userId }])
    expect(wrapper.get('[data-testid="access-note"]').text()).toContain('revoked from this workstation on')
    expect(wrapper.text()).toContain('The server answered: Access revoked')
  })

  it('a 403 is shown as such', async () => {
    const bridge = new ClinicBridge()
      .clinic('clinic.activity.list', () => [])
      .clinic('clinic.users.list', () => ({ ok: false, problem: { kind: 'forbidden', status: 403, field: null, message: 'The server does not allow this key to list the user list (403).' } }))
    wrapper = await mountWith(TeamTab, bridge)
    await settle()
    expect(wrapper.get('[data-testid="clinic-problem"]').text()).toContain('Not allowed (403)')
  })
})

describe('invitations table', () => {
  it('an impossible date range is explained and not sent; several statuses go in one request', async () => {
    const pending = makeInvitation({ expiry: new Date(Date.now() + 3 * 86_400_000).toISOString() })
    const old = makeInvitation({ status: 'sent', expiry: '2020-01-01T00:00:00.000Z' })
    const bridge = new ClinicBridge()
      .clinic('clinic.users.list', () => ok({ items: [], cursor: null }))
      .clinic('clinic.invitations.list', () => ok({ items: [pending, old], cursor: null }))
      .clinic('clinic.invitations.retrieve', (req: { invitationId: string }) => ok([pending, old].find((i) => i.invitationId === req.invitationId)!))
    wrapper = await mountWith(InvitationsTab, bridge)
    await settle()
    const before = bridge.clinicCalls('clinic.invitations.list').length
    await wrapper.get('[data-testid="inv-filter-start"]').setValue('2026-05-02')
    await wrapper.get('[data-testid="inv-filter-end"]').setValue('2026-05-01')
    await wrapper.get('form[aria-label^="Filter invitations"]').trigger('submit')
    await flush()
    expect(wrapper.get('[data-testid="inv-filter-error"]').text()).toContain('start date is after the end date')
    expect(bridge.clinicCalls('clinic.invitations.list')).toHaveLength(before)

    await wrapper.get('[data-testid="inv-filter-end"]').setValue('2026-05-03')
    for (const box of wrapper.findAll('fieldset input[type="checkbox"]').slice(0, 2)) await box.setValue(true)
    await wrapper.get('[data-testid="inv-filter-expired"]').setValue('not-expired')
    await wrapper.get('form[aria-label^="Filter invitations"]').trigger('submit')
    await settle()
    expect(bridge.clinicCalls('clinic.invitations.list').at(-1)).toEqual({ filters: { expired: 'not-expired', status: ['sent', 'accepted'], startDate: '2026-05-02', endDate: '2026-05-03' } })

    const rows = rowsOf(wrapper, 'invitations-grid')
    expect(rows[0]!.text()).toMatch(/\d+ (days|h) left/)
    expect(rows[1]!.text()).toContain('expired')
    await rows[1]!.trigger('click')
    await flush()
    expect(wrapper.get('[data-testid="invitation-details"]').text()).toContain('has expired')
    expect(wrapper.get('[data-testid="revoke-invitation"]').attributes('disabled')).toBeDefined()
  })

  it('revokes by user after a confirmation naming the person, then shows the server status', async () => {
    const pending = makeInvitation({ firstName: 'Priya', lastName: 'Raman' })
    let status = 'sent'
    const bridge = new ClinicBridge()
      .clinic('clinic.users.list', () => ok({ items: [], cursor: null }))
      .clinic('clinic.invitations.list', () => ok({ items: [pending], cursor: null }))
      .clinic('clinic.invitations.revoke', () => ((status = 'revoked'), ok({ message: 'Invitation revoked' })))
      .clinic('clinic.invitations.retrieve', () => ok({ ...pending, status }))
    wrapper = await mountWith(InvitationsTab, bridge)
    await settle()
    await rowsOf(wrapper, 'invitations-grid')[0]!.trigger('click')
    await flush()
    await wrapper.get('[data-testid="revoke-by-user"]').trigger('click')
    await flush()
    expect(wrapper.get('[data-testid="confirm-dialog"]').text()).toContain('Priya Raman')
    await wrapper.get('[data-testid="confirm-button"]').trigger('click')
    await settle()
    expect(bridge.clinicCalls('clinic.invitations.revoke')).toEqual([{ userId: pending.userId }])
    expect(rowsOf(wrapper, 'invitations-grid')[0]!.text()).toContain('revoked')
  })
})

describe('studies table and study page', () => {
  const setup = async (extra: (b: ClinicBridge) => ClinicBridge = (b) => b) => {
    const maya = makeUser({ firstName: 'Maya', lastName: 'Chen' })
    const study = makeStudy({ studyDescription: 'CT Head', metadata: { modality: 'CT' } }) as Study
    const bridge = extra(new ClinicBridge()
      .clinic('clinic.users.list', () => ok({ items: [maya], cursor: null }))
      .clinic('clinic.studies.list', () => ok({ items: [study], cursor: null }))
      .clinic('clinic.studies.retrieve', () => ok(study)))
    wrapper = await mountWith(StudiesTab, bridge)
    useClinicStore().access = ADMIN_ACCESS
    await settle()
    return { bridge, maya, study, w: wrapper }
  }

  it('sends unassigned and no-customer as null filters, trims the description', async () => {
    const { bridge, w } = await setup()
    await w.get('[data-testid="studies-filter-assignee"]').setValue('__none')
    await w.get('[data-testid="studies-filter-customer"]').setValue('__none')
    await w.get('[data-testid="studies-filter-cancelled"]').setValue('no')
    await w.get('[data-testid="studies-filter-severity"]').setValue('stat')
    await w.get('[data-testid="studies-filter-description"]').setValue('  head\n')
    await w.get('form[aria-label^="Filter studies"]').trigger('submit')
    await settle()
    expect(bridge.clinicCalls('clinic.studies.list').at(-1)).toEqual({ filters: { assignedTo: null, expressCustomerId: null, severity: 'stat', isCancelled: false, studyDescription: 'head' } })
  })

  it('looks a UID up on the server; a malformed UID is explained and not sent', async () => {
    const { bridge, w, study } = await setup((b) => b.clinic('clinic.studies.retrieveByUid', () => ok(study)))
    await w.get('[data-testid="uid-lookup"]').setValue('1.2.03')
    await w.get('form[aria-label^="Find a study"]').trigger('submit')
    await flush()
    expect(bridge.clinicCalls('clinic.studies.retrieveByUid')).toEqual([])
    expect(w.text()).toContain('Nothing was sent')
    await w.get('[data-testid="uid-lookup"]').setValue(` ${study.studyInstanceUid} `)
    await w.get('form[aria-label^="Find a study"]').trigger('submit')
    await settle()
    expect(bridge.clinicCalls('clinic.studies.retrieveByUid')).toEqual([{ studyInstanceUid: study.studyInstanceUid }])
    expect(w.get('[data-testid="study-page"]').text()).toContain(study.studyInstanceUid)
  })

  it('the study page shows every field and metadata; changes go to the server and its answer is shown; cancel asks first', async () => {
    const { bridge, w, study, maya } = await setup((b) =>
      b.clinic('clinic.studies.update', (req: { patch: Record<string, unknown> }) => ok({ ...study, ...('assignedTo' in req.patch ? { assignedTo: req.patch.assignedTo ? { userId: maya.userId, email: maya.email, firstName: 'Maya', lastName: 'Chen' } : null } : {}) }))
        .clinic('clinic.studies.cancel', () => ok({ ...study, isCancelled: true, cancelledAt: '2026-11-27T12:00:00.000Z' }))
    )
    await rowsOf(w, 'studies-grid')[0]!.trigger('click')
    await settle()
    const page = w.get('[data-testid="study-page"]')
    for (const value of [study.studyId, study.studyInstanceUid, 'CT Head', 'modality', 'incomplete']) expect(page.text()).toContain(value)
    await w.get('#study-assignee').setValue(maya.userId)
    await w.get('[data-testid="study-save-assignee"]').trigger('click')
    await settle()
    expect(bridge.clinicCalls('clinic.studies.update')).toEqual([{ studyId: study.studyId, patch: { assignedTo: maya.userId } }])
    expect(w.get('[data-testid="study-done"]').text()).toContain('assigned to Maya Chen')

    // Metadata limits while typing: a 101-character key disables saving and says why.
    await w.get('#study-meta-key-0').setValue('k'.repeat(101))
    expect(w.get('[data-testid="metadata-problems"]').text()).toContain('at most 100')
    expect(w.get('[data-testid="study-save-metadata"]').attributes('disabled')).toBeDefined()

    await w.get('[data-testid="study-cancel"]').trigger('click')
    await flush()
    expect(w.get('[data-testid="confirm-dialog"]').text()).toContain('CT Head')
    expect(bridge.clinicCalls('clinic.studies.cancel')).toEqual([])
    await w.get('[data-testid="confirm-button"]').trigger('click')
    await settle()
    expect(bridge.clinicCalls('clinic.studies.cancel')).toEqual([{ studyId: study.studyId }])
    expect(w.find('[data-testid="study-uncancel"]').exists()).toBe(true)
  })

  it('create: a bad UID and over-long metadata are refused before sending; a good order is sent whole', async () => {
    const { bridge, w, maya } = await setup((b) => b.clinic('clinic.studies.create', (req: { study: Record<string, unknown> }) => ok(makeStudy({ ...(req.study as object), studyDescription: String(req.study.studyDescription) }))))
    await w.get('[data-testid="create-study-open"]').trigger('click')
    await flush()
    await w.get('#create-description').setValue('  MR Knee — 膝 <script>x</script> ')
    await w.get('#create-uid').setValue('1.2.840.00')
    await w.get('[data-testid="create-study-submit"]').trigger('click')
    await flush()
    expect(bridge.clinicCalls('clinic.studies.create')).toEqual([])
    expect(w.get('#create-uid-note').text()).toContain('DICOM UID')
    await w.get('#create-uid').setValue('1.2.840.10008.5.1.4.1.1.2')
    await w.get('#create-severity').setValue('stat')
    await w.get('#create-assignee').setValue(maya.userId)
    await w.findAll('button').find((b) => b.text() === 'Add a pair')!.trigger('click')
    await w.get('#create-meta-key-0').setValue('accessionNumber')
    await w.get('#create-meta-value-0').setValue('A'.repeat(1001))
    await w.get('[data-testid="create-study-submit"]').trigger('click')
    await flush()
    expect(bridge.clinicCalls('clinic.studies.create')).toEqual([])
    await w.get('#create-meta-value-0').setValue('A123')
    await w.get('[data-testid="create-study-submit"]').trigger('click')
    await settle()
    expect(bridge.clinicCalls('clinic.studies.create')).toEqual([{ study: { severity: 'stat', studyDescription: 'MR Knee — 膝 <script>x</script>', studyInstanceUid: '1.2.840.10008.5.1.4.1.1.2', assignedTo: maya.userId, metadata: { accessionNumber: 'A123' } } }])
  })
})
