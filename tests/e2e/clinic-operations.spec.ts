/**
 * The clinic workspace end to end in Chromium, through the web shell against the sandbox: every
 * operation driven from the UI (team, invitations, studies, board, activity), and the sandbox's
 * request log read during the run to show each of the 18 Avara operations was reached from the UI.
 */
import { ENDPOINTS } from '@shared/avara/contract'
import { test, expect, freshUid } from './fixtures'
import { clearSandboxRequests, openClinic, operationOf, sandboxRequests, signInAsAdmin } from './clinic-helpers'

test('every one of the 18 Avara operations is reached from the clinic UI', async ({ page, context, world }) => {
  test.setTimeout(120_000)
  await signInAsAdmin(world)
  await clearSandboxRequests(world)
  await openClinic(page, world)

  // ---- Team: list, invite, retrieve, update, revoke access, reactivate ----------------------
  await expect(page.getByTestId('team-count')).toHaveText(/^\d+ users$/)
  await page.getByTestId('invite-open').click()
  const invite = page.getByRole('form', { name: 'Invite a user' })
  await invite.getByLabel('Email').fill('noor.haddad@example.org')
  await invite.getByLabel('First name (required)').fill('Noor')
  await invite.getByLabel('Last name (required)').fill('Haddad')
  await invite.getByLabel('Phone number').fill('555 123 4567')
  await invite.getByLabel('Clinic role (required)').selectOption('PACS Administrator')
  await invite.getByRole('button', { name: 'Send invitation' }).dblclick()
  const details = page.getByTestId('user-details')
  await expect(details).toContainText('noor.haddad@example.org')
  await expect(details).toContainText('5551234567')

  await page.getByTestId('team-filter-email').fill('noor.haddad@example.org')
  await page.getByRole('button', { name: 'Apply filters' }).click()
  await expect(page.getByTestId('team-count')).toHaveText('1 users')
  await page.getByTestId('team-grid').locator('.grid-body [role="row"]').first().click()
  await details.getByRole('button', { name: 'Edit' }).click()
  await page.getByRole('form', { name: 'Edit user' }).getByLabel('Last name (required)').fill('Haddad-Rahman')
  await page.getByRole('form', { name: 'Edit user' }).getByLabel('Phone number').fill('')
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByText('Saved; showing what the server returned.')).toBeVisible()

  await page.getByTestId('team-grid').locator('.grid-body [role="row"]').first().click()
  await expect(details).toContainText('Haddad-Rahman')
  await page.getByTestId('revoke-access').click()
  await expect(page.getByTestId('confirm-dialog')).toContainText('Noor Haddad-Rahman')
  await page.getByTestId('confirm-button').click()
  await expect(page.getByTestId('access-note')).toContainText('revoked from this workstation on')
  await page.getByTestId('reactivate').click()
  await page.getByTestId('confirm-button').click()
  await expect(page.getByTestId('access-note')).toContainText('restored from this workstation on')

  // ---- Invitations: list, retrieve, update, revoke ------------------------------------------
  await page.getByRole('tab', { name: 'Invitations' }).click()
  await page.getByTestId('inv-filter-expired').selectOption('not-expired')
  await page.getByRole('button', { name: 'Apply filters' }).click()
  const invRow = page.getByTestId('invitations-grid').locator('.grid-body [role="row"]', { hasText: 'noor.haddad@example.org' })
  await invRow.click()
  const invDetails = page.getByTestId('invitation-details')
  await expect(invDetails).toContainText('days left')
  await invDetails.getByRole('button', { name: 'Edit' }).click()
  await page.getByRole('form', { name: 'Edit invitation' }).getByLabel('Middle name').fill('Amal')
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByText('Saved; showing what the server returned.')).toBeVisible()
  await page.getByRole('form', { name: 'Edit invitation' }).getByRole('button', { name: 'Close form' }).click()
  await page.getByTestId('revoke-invitation').click()
  await page.getByTestId('confirm-button').click()
  await expect(invDetails).toContainText('revoked')
  await expect(invRow).toContainText('revoked')

  // ---- Studies: list, create, retrieve, retrieveByUid, update, cancel, uncancel, rerouteURL ---
  await page.getByRole('tab', { name: 'Studies' }).click()
  await expect(page.getByTestId('studies-count')).toHaveText(/^\d+ studies$/)
  await page.getByTestId('create-study-open').click()
  const uid = freshUid()
  await page.getByLabel('Severity', { exact: true }).selectOption('stat')
  await page.getByLabel('Description (required)').fill('CT Head (downtime order)')
  await page.getByLabel('Study Instance UID (required)').fill(uid)
  await page.getByRole('button', { name: 'Add a pair' }).click()
  await page.getByLabel('Key 1').fill('accessionNumber')
  await page.getByLabel('Value 1').fill('DT-0001')
  await page.getByTestId('create-study-submit').click()
  const studyPage = page.getByTestId('study-page')
  await expect(studyPage).toContainText(uid)
  await expect(studyPage).toContainText('DT-0001')

  await page.locator('#study-assignee').selectOption({ label: 'Maya Chen · Radiologist (maya.chen@example.org)' })
  await page.getByTestId('study-save-assignee').click()
  await expect(page.getByTestId('study-done')).toContainText('assigned to Maya Chen')
  await page.getByTestId('study-cancel').click()
  await page.getByTestId('confirm-button').click()
  await expect(page.getByTestId('study-uncancel')).toBeVisible()
  await page.getByTestId('study-uncancel').click()
  await page.getByTestId('confirm-button').click()
  await expect(page.getByTestId('study-cancel')).toBeVisible()

  const viewer = context.waitForEvent('page')
  await page.getByTestId('study-open-viewer').click()
  const viewerPage = await viewer
  await expect(viewerPage).toHaveTitle(/Avara Viewer/)
  await viewerPage.close()

  await page.getByRole('button', { name: 'Close study' }).click()
  await page.getByTestId('uid-lookup').fill(` ${uid} `)
  await page.getByRole('button', { name: 'Find on the server' }).click()
  await expect(studyPage).toContainText('CT Head (downtime order)')
  await page.getByRole('button', { name: 'Close study' }).click()
  await page.getByTestId('studies-grid').locator('.grid-body [role="row"]').first().click()
  await expect(studyPage).toBeVisible()

  // ---- Board: assign a pool study in two actions ----------------------------------------------
  await page.getByRole('tab', { name: 'Board' }).click()
  const poolStudy = page.getByTestId('lane-pool').locator('button[data-testid^="pick-"]').first()
  const pickedText = (await poolStudy.innerText()).replace(/^\w+\s+/, '')
  await poolStudy.click()
  await page.getByRole('button', { name: /Move here: Sofia Alvarez/ }).click()
  await expect(page.getByTestId('board-status')).toContainText('now with Sofia Alvarez')
  await expect(page.getByRole('region', { name: /Sofia Alvarez/ })).toContainText(pickedText)

  // ---- Activity ------------------------------------------------------------------------------
  await page.getByRole('tab', { name: 'Activity' }).click()
  const activity = page.getByTestId('activity-table')
  for (const action of ['users.invite', 'users.update', 'users.revokeAccess', 'users.reactivate', 'users.invitations.update', 'users.invitations.revoke', 'studies.create', 'studies.update', 'studies.cancel', 'studies.uncancel']) {
    await expect(activity).toContainText(action)
  }
  await expect(activity).not.toContainText(world.sandbox.apiKey)

  // ---- The sandbox's request log: each of the 18 operations, reached from the UI --------------
  const requests = await sandboxRequests(world)
  const reached = new Set(requests.map(operationOf).filter((op): op is string => op !== null))
  const all = Object.values(ENDPOINTS).map((e) => e.operation).sort()
  expect(all).toHaveLength(18)
  expect(all.filter((op) => !reached.has(op)), 'operations never reached from the UI').toEqual([])
  // The double click on "Send invitation" sent one invite.
  expect(requests.filter((r) => operationOf(r) === 'users.invite')).toHaveLength(1)
})
