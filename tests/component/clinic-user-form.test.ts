// @vitest-environment happy-dom
/** The invite / edit form: checked as the API checks, server refusals beside their field, nothing typed lost, one request per click. */
import { afterEach, describe, expect, it } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import type { ClinicOutcome } from '@shared/ipc/clinic-contract'
import UserForm from '@renderer/components/clinic/UserForm.vue'
import { ClinicBridge, flush, makeUser, mountWith, ok } from './clinic-helpers'

let wrapper: VueWrapper | null = null
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
})

async function inviteForm(submit: (body: Record<string, unknown>) => Promise<ClinicOutcome<unknown>>) {
  wrapper = await mountWith(UserForm, new ClinicBridge(), { mode: 'invite', submit })
  return wrapper
}
const input = (w: VueWrapper, id: string) => w.get(`#user-form-invite-${id}`)
async function fillValid(w: VueWrapper) {
  await input(w, 'email').setValue('  noor.haddad@example.org ')
  await input(w, 'firstName').setValue(' Noor\t')
  await input(w, 'lastName').setValue('Haddad')
  await input(w, 'clinicRole').setValue('Radiologist')
}

describe('invite form', () => {
  it('sends every field the API takes, trimmed; phone separators removed', async () => {
    const sent: Array<Record<string, unknown>> = []
    const w = await inviteForm(async (body) => (sent.push(body), ok(makeUser())))
    await fillValid(w)
    await input(w, 'middleName').setValue('  Al  Rashid ')
    await input(w, 'phoneNumber').setValue('(555) 123-4567')
    await input(w, 'suffix1').setValue('MD')
    await input(w, 'suffix2').setValue('PhD')
    await input(w, 'level').setValue('admin')
    const boxes = w.findAll('input[type="checkbox"]')
    await boxes[0]!.setValue(true)
    await boxes[1]!.setValue(true)
    await w.get('form').trigger('submit')
    await flush()
    expect(sent).toEqual([{
      email: 'noor.haddad@example.org', firstName: 'Noor', lastName: 'Haddad', middleName: 'Al Rashid', phoneNumber: '5551234567', suffix1: 'MD', suffix2: 'PhD',
      clinicRole: 'Radiologist', level: 'admin', canManageStudies: true, hasDashboardAccess: true
    }])
    expect(w.text()).toContain('Invitation sent')
  })

  it('offers exactly the 21 roles of the API reference', async () => {
    const w = await inviteForm(async () => ok(makeUser()))
    const options = input(w, 'clinicRole').findAll('option').filter((o) => o.attributes('disabled') === undefined)
    expect(options).toHaveLength(21)
    expect(options.map((o) => o.text())).toContain('PACS Administrator')
  })

  it('refuses, field by field, what the API would refuse; nothing is sent', async () => {
    const sent: unknown[] = []
    const w = await inviteForm(async (body) => (sent.push(body), ok(makeUser())))
    await input(w, 'email').setValue('not an email')
    await input(w, 'firstName').setValue('   ')
    await input(w, 'phoneNumber').setValue('555123')
    await input(w, 'level').setValue('admin')
    await w.get('form').trigger('submit')
    await flush()
    expect(sent).toEqual([])
    expect(w.get('#user-form-invite-email-note').text()).toContain('email')
    expect(w.get('#user-form-invite-firstName-note').text()).toMatch(/empty|required/)
    expect(w.get('#user-form-invite-phoneNumber-note').text()).toContain('10 to 15 digits')
    expect(w.get('#user-form-invite-clinicRole-note').text()).toMatch(/required|Invalid|option/i)
    expect(w.get('#user-form-invite-hasDashboardAccess-note').text()).toContain('admins must have dashboard access')
    expect(input(w, 'email').attributes('aria-invalid')).toBe('true')
  })

  it('shows the server refusal beside the field it names and keeps everything typed', async () => {
    const w = await inviteForm(async () => ({ ok: false, problem: { kind: 'conflict', status: 409, field: 'email', message: 'Conflict (409): A user with email noor.haddad@example.org already exists' } }))
    await fillValid(w)
    await input(w, 'suffix1').setValue('MD — <b>bold</b> 医生')
    await w.get('form').trigger('submit')
    await flush()
    expect(w.get('#user-form-invite-email-note').text()).toContain('already exists')
    expect(w.get('[data-testid="clinic-problem"]').text()).toContain('Conflict (409)')
    expect((input(w, 'email').element as HTMLInputElement).value).toBe('noor.haddad@example.org')
    expect((input(w, 'firstName').element as HTMLInputElement).value).toBe(' Noor\t')
    expect((input(w, 'suffix1').element as HTMLInputElement).value).toBe('MD — <b>bold</b> 医生')
    expect(w.html()).not.toContain('<b>bold</b>')
  })

  it('a double click sends one request', async () => {
    let calls = 0
    let release: () => void = () => {}
    const w = await inviteForm(() => {
      calls += 1
      return new Promise((resolve) => (release = () => resolve(ok(makeUser()))))
    })
    await fillValid(w)
    await w.get('form').trigger('submit')
    await w.get('form').trigger('submit')
    await flush()
    expect(calls).toBe(1)
    expect(w.get('[data-testid="user-form-submit"]').attributes('disabled')).toBeDefined()
    release()
    await flush()
    expect(w.get('[data-testid="user-form-submit"]').attributes('disabled')).toBeUndefined()
  })
})

describe('edit form', () => {
  it('sends only changed fields; an emptied optional field is null; email is not editable', async () => {
    const user = makeUser({ middleName: 'Q', phoneNumber: '5551234567', clinicRole: 'Oncologist' })
    const sent: Array<Record<string, unknown>> = []
    wrapper = await mountWith(UserForm, new ClinicBridge(), { mode: 'user', initial: user, submit: async (p: Record<string, unknown>) => (sent.push(p), ok(user)) })
    const w = wrapper
    expect(w.get('#user-form-user-email').attributes('readonly')).toBeDefined()
    expect(w.get('#user-form-user-email-note').text()).toContain('does not allow changing the email')
    // A role outside the 21 offered stays selectable (nothing is silently changed).
    expect((w.get('#user-form-user-clinicRole').element as HTMLSelectElement).value).toBe('Oncologist')
    await w.get('#user-form-user-middleName').setValue('  ')
    await w.get('#user-form-user-lastName').setValue('Newname')
    await w.get('form').trigger('submit')
    await flush()
    expect(sent).toEqual([{ middleName: null, lastName: 'Newname' }])
  })

  it('an unchanged form sends nothing and says so', async () => {
    const user = makeUser()
    const sent: unknown[] = []
    wrapper = await mountWith(UserForm, new ClinicBridge(), { mode: 'invitation', initial: user, submit: async (p: unknown) => (sent.push(p), ok(user)) })
    await wrapper.get('form').trigger('submit')
    await flush()
    expect(sent).toEqual([])
    expect(wrapper.text()).toContain('Nothing changed')
  })
})
