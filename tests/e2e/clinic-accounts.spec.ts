/**
 * The clinic workspace with two accounts (issue 11), in Chromium through the web shell: the user
 * is a clinic admin in both (Daniel Okafor at Riverside Radiology, the first sandbox's demo
 * clinic; Tomasz Nowak at St Mary's Hospital, a second sandbox on its own port with the second
 * demo clinic, seed demo-2). The account picker chooses the account; every clinic screen names it;
 * the team and studies lists are that account's sandbox's data (its request log says which
 * sandbox was asked); switching the account switches the data.
 */
import type { Page } from '@playwright/test'
import { FIRST_ACCOUNT_ID, type AccountsState } from '@shared/ipc/contract'
import { startSandbox, type RunningSandbox } from '@sandbox/server'
import { test, expect, avaraOn, createStudyOn, type World } from './fixtures'
import { signInAsAdmin } from './clinic-helpers'

const FIRST_NAME = 'Riverside Radiology'
const SECOND_NAME = "St Mary's Hospital"
const SECOND_ADMIN_EMAIL = 'tomasz.nowak@stmarys.example.org'
const TABS = ['Team', 'Invitations', 'Studies', 'Board', 'Activity'] as const

interface Clinic {
  name: string
  sandbox: RunningSandbox
  /** Every user's email, as the clinic's API lists them. */
  emails: string[]
  /** A study only this clinic has (created for the test). */
  ownStudy: string
}

async function emailsOf(sandbox: RunningSandbox): Promise<string[]> {
  const page = await avaraOn<{ users: Array<{ email: string }>; hasMore: boolean }>(sandbox, 'GET', '/v1/viewer/users?limit=100')
  expect(page.hasMore).toBe(false)
  return page.users.map((u) => u.email)
}

/** The sandbox's logged requests for one path (the log is per sandbox: which clinic was asked). */
async function requestsTo(sandbox: RunningSandbox, path: string): Promise<number> {
  const log = await avaraOn<{ requests: Array<{ path: string }> }>(sandbox, 'GET', '/_sandbox/requests?limit=1000')
  return log.requests.filter((r) => r.path === path).length
}

async function clearLog(sandbox: RunningSandbox): Promise<void> {
  await avaraOn(sandbox, 'DELETE', '/_sandbox/requests')
}

/** Two accounts followed by an admin of each clinic: the first named, the second added through the bridge. */
async function twoAdminAccounts(world: World, second: RunningSandbox): Promise<string> {
  await signInAsAdmin(world)
  await world.call('accounts.update', { accountId: FIRST_ACCOUNT_ID, displayName: FIRST_NAME })
  const added = await world.call('accounts.add', { baseUrl: second.baseURL, apiKey: second.apiKey, displayName: SECOND_NAME, email: SECOND_ADMIN_EMAIL })
  expect(added.ok, JSON.stringify(added)).toBe(true)
  // The id is read back with a query, not taken from the add's answer.
  const listed: AccountsState = await world.call('accounts.list', {})
  expect(listed.accounts.map((a) => a.displayName)).toEqual([FIRST_NAME, SECOND_NAME])
  return listed.accounts[1]!.accountId
}

/** The header, the main region and every tab's panel name the account; the followed admin is that clinic's. */
async function expectNamedEverywhere(page: Page, clinic: Clinic, admin: string): Promise<void> {
  await expect(page.getByTestId('clinic-account')).toHaveText(`Account: ${clinic.name}`)
  await expect(page.getByRole('main', { name: `Clinic administration: ${clinic.name}` })).toBeVisible()
  await expect(page.getByText(`Following ${admin} (admin)`)).toBeVisible()
  for (const tab of TABS) {
    await page.getByRole('tab', { name: tab }).click()
    await expect(page.getByRole('tabpanel')).toContainText(`${tab} of ${clinic.name}`)
    await expect(page.getByTestId('clinic-account')).toHaveText(`Account: ${clinic.name}`)
  }
}

/** The Team tab lists exactly this clinic's users, asked of this clinic's sandbox only. */
async function expectTeamOf(page: Page, clinic: Clinic, other: Clinic): Promise<void> {
  await page.getByRole('tab', { name: 'Team' }).click()
  await expect(page.getByTestId('team-count')).toHaveText(`${clinic.emails.length} users`)
  const grid = page.getByTestId('team-grid')
  for (const email of clinic.emails) await expect(grid.getByRole('gridcell', { name: email, exact: true })).toBeVisible()
  for (const email of other.emails) await expect(grid.getByRole('gridcell', { name: email, exact: true })).toHaveCount(0)
}

/** The Studies tab, filtered to the test's studies, shows this clinic's own study and not the other's. */
async function expectStudiesOf(page: Page, clinic: Clinic, other: Clinic): Promise<void> {
  await page.getByRole('tab', { name: 'Studies' }).click()
  await page.getByTestId('studies-filter-description').fill('only at')
  await page.getByRole('button', { name: 'Apply filters' }).click()
  await expect(page.getByTestId('studies-count')).toHaveText('1 studies')
  const grid = page.getByTestId('studies-grid')
  await expect(grid).toContainText(clinic.ownStudy)
  await expect(grid).not.toContainText(other.ownStudy)
}

test('the clinic workspace acts on the chosen account: named on every screen, its own sandbox\'s team and studies; switching switches the data', async ({ page, world }) => {
  test.setTimeout(120_000)
  const secondSandbox = await startSandbox({ port: 0, dbFile: null, seed: 'demo-2', quiet: true })
  try {
    const secondId = await twoAdminAccounts(world, secondSandbox)
    const [firstEmails, secondEmails] = await Promise.all([emailsOf(world.sandbox), emailsOf(secondSandbox)])
    const first: Clinic = { name: FIRST_NAME, sandbox: world.sandbox, emails: firstEmails, ownStudy: 'CT Head only at Riverside' }
    const second: Clinic = { name: SECOND_NAME, sandbox: secondSandbox, emails: secondEmails, ownStudy: "MRI Brain only at St Mary's" }
    // Two different clinics: no user in common, so a list shown under the wrong name cannot pass.
    expect(first.emails.filter((email) => second.emails.includes(email))).toEqual([])
    await createStudyOn(first.sandbox, { severity: 'normal', studyDescription: first.ownStudy })
    await createStudyOn(second.sandbox, { severity: 'normal', studyDescription: second.ownStudy })

    await page.goto(world.shell.url)
    await page.getByTestId('workspace-clinic').click()
    const picker = page.getByTestId('clinic-account-picker')
    await expect(picker).toBeVisible()
    await expect(picker).toHaveAccessibleName('Account the clinic workspace acts on')
    await expect(picker.locator('option')).toHaveText([FIRST_NAME, SECOND_NAME])
    await expect(picker).toHaveValue(FIRST_ACCOUNT_ID)

    // The first account: its name on every screen, its own team and studies.
    await expectNamedEverywhere(page, first, 'Daniel Okafor')
    await expectTeamOf(page, first, second)
    await expectStudiesOf(page, first, second)

    // Switch to the second account: the same screens now name it and show its sandbox's data,
    // asked of its sandbox only.
    await Promise.all([clearLog(first.sandbox), clearLog(second.sandbox)])
    await picker.selectOption(secondId)
    await expect(picker).toHaveValue(secondId)
    await expectNamedEverywhere(page, second, 'Tomasz Nowak')
    await expectTeamOf(page, second, first)
    await expectStudiesOf(page, second, first)
    expect(await requestsTo(second.sandbox, '/v1/viewer/users')).toBeGreaterThan(0)
    expect(await requestsTo(first.sandbox, '/v1/viewer/users')).toBe(0)
    await expect(page.getByTestId('studies-grid')).not.toContainText(first.ownStudy)

    // And back: the first account's data again, asked of the first sandbox.
    await Promise.all([clearLog(first.sandbox), clearLog(second.sandbox)])
    await picker.selectOption(FIRST_ACCOUNT_ID)
    await expect(page.getByTestId('clinic-account')).toHaveText(`Account: ${FIRST_NAME}`)
    await expectTeamOf(page, first, second)
    await expectStudiesOf(page, first, second)
    expect(await requestsTo(first.sandbox, '/v1/viewer/users')).toBeGreaterThan(0)
    expect(await requestsTo(second.sandbox, '/v1/viewer/users')).toBe(0)
  } finally {
    await secondSandbox.close()
  }
})
