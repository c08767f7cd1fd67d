/**
 * Refusals end to end: the server's 409 beside the field it names with the form kept, a 403
 * injected by the sandbox shown as such, and input the API would refuse never sent.
 */
import { test, expect } from './fixtures'
import { clearSandboxRequests, openClinic, operationOf, sandboxRequests, signInAsAdmin } from './clinic-helpers'

test('a duplicate email is shown beside Email with the form kept; a 403 is shown as such; bad input is not sent', async ({ page, world }) => {
  test.setTimeout(120_000)
  await signInAsAdmin(world)
  await openClinic(page, world)
  await expect(page.getByTestId('team-count')).toHaveText(/^\d+ users$/)

  await page.getByTestId('invite-open').click()
  const form = page.getByRole('form', { name: 'Invite a user' })
  await form.getByLabel('Email').fill('maya.chen@example.org')
  await form.getByLabel('First name (required)').fill('Maya — 陈')
  await form.getByLabel('Last name (required)').fill('<b>Chen</b>')
  await form.getByLabel('Clinic role (required)').selectOption('Radiologist')
  await form.getByRole('button', { name: 'Send invitation' }).click()
  await expect(form.locator('#user-form-invite-email-note')).toContainText('already exists')
  await expect(form.getByTestId('clinic-problem')).toContainText('Conflict (409)')
  await expect(form.getByLabel('First name (required)')).toHaveValue('Maya — 陈')
  await expect(form.getByLabel('Last name (required)')).toHaveValue('<b>Chen</b>')

  // A phone number the API would refuse: explained, and no request leaves.
  await clearSandboxRequests(world)
  await form.getByLabel('Email').fill('new.person@example.org')
  await form.getByLabel('Phone number').fill('12345')
  await form.getByRole('button', { name: 'Send invitation' }).click()
  await expect(form.locator('#user-form-invite-phoneNumber-note')).toContainText('10 to 15 digits')
  expect((await sandboxRequests(world)).filter((r) => operationOf(r) === 'users.invite')).toEqual([])

  // The key is not allowed (403 on every request until cleared, injected by the sandbox; the
  // queue's polling would use up a one-off fault): the studies list says so.
  const faults = `${world.sandbox.baseURL}/_sandbox/faults`
  const auth = { authorization: `Bearer ${world.sandbox.apiKey}`, 'content-type': 'application/json' }
  const set = await fetch(faults, { method: 'POST', headers: auth, body: JSON.stringify({ status: 403 }) })
  expect(set.status, await set.text()).toBe(200)
  await page.getByRole('tab', { name: 'Studies' }).click()
  await page.getByRole('button', { name: 'Apply filters' }).click()
  await expect(page.getByTestId('clinic-problem').first()).toContainText(/Not allowed \(403\)/)
  await fetch(faults, { method: 'DELETE', headers: auth })
})
