/**
 * Issue 11 end to end in Chromium: a radiologist signed in to one clinic adds a second clinic's
 * account through Settings (a second sandbox on its own port, another demo clinic), sees its
 * studies merged into the one queue and labelled with its name, gets a stat alert that names it,
 * then removes it after the confirmation and sees its rows go. axe scans the accounts settings in
 * every theme. An account's own settings (a faster stat check for one clinic) are set in Settings ›
 * Accounts and take effect for that clinic only.
 */
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { THEMES } from '@shared/ipc/contract'
import type { RunningSandbox } from '@sandbox/server'
import { test, expect, signInDirectly, openQueue, createStudyOn, demoUserOn, gridRows, avaraOn, FAST_POLLING, type World } from './fixtures'

const SECOND_NAME = 'Northside Imaging'

/** Adds the second clinic through Settings › Accounts, as a user would (the key pasted with stray spaces). */
async function addSecondAccount(page: Page, second: RunningSandbox): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  await settings.getByRole('button', { name: 'Add an account…' }).click()
  await settings.getByLabel('Name shown on its studies').fill(SECOND_NAME)
  await settings.locator('#add-account-colour').selectOption('orange')
  await settings.locator('#add-account-server').fill(second.baseURL)
  await settings.locator('#add-account-key').fill(`  ${second.apiKey}  `)
  await settings.getByLabel('Your email in that clinic (optional)').fill(second.demoRadiologistEmail ?? '')
  await settings.getByRole('button', { name: 'Check key and add account' }).click()
  await expect(settings.getByTestId('account-row')).toHaveCount(2, { timeout: 15_000 })
  await expect(settings.getByTestId('account-row').nth(1)).toContainText(SECOND_NAME)
}

async function closeSettings(page: Page): Promise<void> {
  await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Close Settings' }).click()
  await expect(page.getByRole('dialog', { name: 'Settings' })).toHaveCount(0)
}

/** Rows of the grid labelled with an account name (the account column shows at 1280 px). */
function rowsOf(page: Page, accountName: string) {
  return gridRows(page).filter({ has: page.locator('[data-column="account"]', { hasText: accountName }) })
}

async function start(page: Page, world: World): Promise<RunningSandbox> {
  const second = await world.secondSandbox()
  await signInDirectly(world)
  await world.call('view.update', { notificationsAsked: true })
  await openQueue(page, world)
  // One account: the queue looks as it always did.
  await expect(page.getByTestId('account-summary')).toHaveCount(0)
  await expect(page.locator('[data-column="account"]')).toHaveCount(0)
  return second
}

test('a second account: added in Settings, merged and labelled, its stat alert named, removed after confirmation', async ({ page, world }) => {
  test.setTimeout(120_000)
  const second = await start(page, world)
  const firstCount = await gridRows(page).count()
  expect(firstCount).toBeGreaterThan(0)

  await addSecondAccount(page, second)
  await world.call('settings.update', FAST_POLLING)
  await closeSettings(page)

  // Merged: the second clinic's studies appear, each labelled with its name; the first clinic's keep theirs.
  await expect(rowsOf(page, SECOND_NAME).first()).toBeVisible({ timeout: 20_000 })
  const summary = page.getByTestId('account-summary')
  await expect(summary).toContainText(SECOND_NAME)
  await expect(summary.getByTestId('account-counts')).toHaveCount(2)
  await expect(page.getByTestId('account-filter')).toBeVisible()

  // A stat study arrives in the second clinic: the banner and the alert name that account.
  const radiologist = await demoUserOn(second)
  const stat = await createStudyOn(second, { severity: 'stat', studyDescription: 'E2E stat in the second clinic', assignedTo: radiologist.userId })
  const banner = page.getByTestId('stat-banner')
  await expect(banner).toHaveAttribute('data-study-id', stat.studyId, { timeout: 15_000 })
  await expect(banner.getByTestId('stat-banner-account')).toContainText(SECOND_NAME)
  const alertRegion = page.getByTestId('stat-alert-region').locator(`[data-study-ids~="${stat.studyId}"]`)
  await expect(alertRegion).toHaveCount(1)
  await expect(alertRegion).toContainText(SECOND_NAME)
  await expect(rowsOf(page, SECOND_NAME).filter({ hasText: 'E2E stat in the second clinic' })).toHaveCount(1)

  // Filter to the second clinic: only its rows.
  await page.getByTestId('account-filter').selectOption({ label: SECOND_NAME })
  await expect(gridRows(page).filter({ hasText: 'E2E stat in the second clinic' })).toHaveCount(1)
  const shown = await gridRows(page).count()
  expect(await rowsOf(page, SECOND_NAME).count()).toBe(shown)
  await page.getByRole('button', { name: 'Clear filters' }).click()

  // Remove it: the confirmation says what is deleted; then its rows go and the queue is one account's again.
  await page.getByRole('button', { name: 'Settings' }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  await settings.getByRole('button', { name: `Remove… ${SECOND_NAME}` }).click()
  const confirm = page.getByRole('alertdialog', { name: `Remove ${SECOND_NAME}?` })
  await expect(confirm).toContainText('API key is deleted')
  await expect(confirm).toContainText('cached queue and alerts are deleted')
  await confirm.getByRole('button', { name: 'Remove account' }).click()
  await expect(settings.getByTestId('account-row')).toHaveCount(1)
  await closeSettings(page)
  await expect(page.locator('[data-column="account"]')).toHaveCount(0)
  await expect(page.locator('.grid-body').getByText('E2E stat in the second clinic')).toHaveCount(0, { timeout: 10_000 })
  await expect(page.getByTestId('account-summary')).toHaveCount(0)
})

/** The account's own stat-lane requests (its stat studies, not the pool) in a sandbox's request log. */
async function statPollsOn(sandbox: RunningSandbox, userId: string): Promise<number> {
  const log = await avaraOn<{ requests: Array<{ path: string; query: Record<string, string> }> }>(sandbox, 'GET', '/_sandbox/requests?limit=1000')
  return log.requests.filter((r) => r.path === '/v1/viewer/studies' && r.query.severity === 'stat' && Object.values(r.query).includes(userId)).length
}

test('a clinic’s own settings: a faster stat check set in Settings › Accounts takes effect for that clinic only, and goes back to the global value', async ({ page, world }) => {
  test.setTimeout(120_000)
  const second = await start(page, world)
  const added = await world.call('accounts.add', { baseUrl: second.baseURL, apiKey: second.apiKey, displayName: SECOND_NAME, email: second.demoRadiologistEmail ?? undefined })
  expect(added.ok).toBe(true)
  // Both clinics check for stat studies once a minute by the global settings.
  await world.call('settings.update', { statIntervalSec: 60, queueIntervalSec: 600 })

  await page.getByRole('button', { name: 'Settings' }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  const row = settings.getByTestId('account-row').filter({ hasText: SECOND_NAME })
  await expect(row.getByTestId('own-settings-summary')).toHaveText('Follows the global settings.')
  const toggle = row.getByRole('button', { name: `Use this clinic's own settings for ${SECOND_NAME}` })
  await toggle.click()
  await expect(toggle).toHaveAttribute('aria-expanded', 'true')
  const own = row.getByRole('group', { name: `Own settings of ${SECOND_NAME}` })
  const statField = own.getByLabel('Check for stat studies every')
  await expect(statField).toHaveValue('60')
  await statField.fill('2')
  await statField.press('Tab')
  // Shown once the engine says so (accounts.changed): marked as the clinic's own, the global value untouched.
  await expect(own.getByText("This clinic's own value")).toHaveCount(1)
  await expect(row.getByTestId('own-settings-summary')).toHaveText('Its own: Check for stat studies every.')
  await expect(settings.locator('#stat-interval')).toHaveValue('60')
  await closeSettings(page)

  // It takes effect: a stat study in that clinic alerts within seconds (the global minute would be far slower)...
  const radiologist = await demoUserOn(second)
  const stat = await createStudyOn(second, { severity: 'stat', studyDescription: 'E2E stat, own interval', assignedTo: radiologist.userId })
  await expect(page.getByTestId('stat-alert-region').locator(`[data-study-ids~="${stat.studyId}"]`)).toHaveCount(1, { timeout: 8_000 })
  // ...and its sandbox is asked every 2 s while the first clinic's follows the global minute.
  const firstUser = await world.demoUser()
  const before = [await statPollsOn(world.sandbox, firstUser.userId), await statPollsOn(second, radiologist.userId)]
  await page.waitForTimeout(8_000)
  const after = [await statPollsOn(world.sandbox, firstUser.userId), await statPollsOn(second, radiologist.userId)]
  expect(after[1]! - before[1]!).toBeGreaterThanOrEqual(3)
  expect(after[0]! - before[0]!).toBeLessThanOrEqual(1)

  // Back to the global value: the mark goes, the field shows the global minute again.
  await page.getByRole('button', { name: 'Settings' }).click()
  await row.getByRole('button', { name: `Use this clinic's own settings for ${SECOND_NAME}` }).click()
  await own.getByRole('button', { name: 'Use the global value for Check for stat studies every' }).click()
  await expect(own.getByText("This clinic's own value")).toHaveCount(0)
  await expect(row.getByTestId('own-settings-summary')).toHaveText('Follows the global settings.')
  await expect(own.getByLabel('Check for stat studies every')).toHaveValue('60')
  const accounts = await world.call('accounts.list', {})
  expect(accounts.accounts.find((a) => a.displayName === SECOND_NAME)).toMatchObject({ overrides: {}, settings: { statIntervalSec: 60 } })
})

test('the accounts settings pass axe in every theme', async ({ page, world }) => {
  test.setTimeout(150_000)
  const second = await start(page, world)
  await addSecondAccount(page, second)
  const settings = page.getByRole('dialog', { name: 'Settings' })
  await settings.getByRole('button', { name: 'Add an account…' }).click()
  await expect(settings.getByTestId('add-account')).toBeVisible()
  // The second account's own settings open, with one value of its own (marked, with its way back).
  await world.call('accounts.setOverrides', { accountId: (await world.call('accounts.list', {})).accounts[1]!.accountId, overrides: { alerts: { sound: false } } })
  await settings.getByRole('button', { name: `Use this clinic's own settings for ${SECOND_NAME}` }).click()
  await expect(settings.getByText("This clinic's own value")).toHaveCount(1)
  for (const theme of THEMES) {
    await world.call('settings.update', { appearance: { theme } })
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
    const results = await new AxeBuilder({ page })
      .include('[data-testid="accounts-settings"]')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
      .analyze()
    const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    expect(
      blocking.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`),
      `accounts settings in the ${theme} theme`
    ).toEqual([])
  }
})

test('at 560 px with the largest text, rows of two accounts keep severity, study, waiting and Open, with the account as swatch and initials', async ({ page, world }) => {
  test.setTimeout(90_000)
  await page.setViewportSize({ width: 560, height: 800 })
  const second = await world.secondSandbox()
  await signInDirectly(world)
  await world.call('view.update', { notificationsAsked: true })
  await world.call('settings.update', { appearance: { textScale: 1.5 } })
  const added = await world.call('accounts.add', {
    baseUrl: second.baseURL,
    apiKey: second.apiKey,
    displayName: SECOND_NAME,
    colour: 'orange',
    email: second.demoRadiologistEmail ?? undefined
  })
  expect(added.ok).toBe(true)
  await openQueue(page, world)
  const inline = page.locator('.grid-body [data-column="study"] [data-testid="account-label"]')
  await expect(inline.first()).toBeVisible({ timeout: 15_000 })
  // No account column: the four essentials keep the room; the label is initials with the full name in its text.
  await expect(page.locator('[data-column="account"]')).toHaveCount(0)
  await expect(page.locator(`.grid-body [data-testid="account-label"][data-account-id="${added.ok ? added.accountId : ''}"]`).first()).toContainText(SECOND_NAME)
  await expect(page.locator('.grid-body .account-initials').first()).toHaveText(/^[A-Z0-9]{1,2}$/)
  const boxes = await page.locator('.grid-body [role="row"]').first().evaluate((row) =>
    ['severity', 'study', 'waiting', 'open'].map((column) => {
      const cell = row.querySelector(`[data-column="${column}"]`)
      const box = (column === 'open' ? cell?.querySelector('button') : cell)?.getBoundingClientRect()
      return box ? { column, left: box.left, right: box.right, width: box.width } : { column, left: -1, right: 9999, width: 0 }
    })
  )
  for (const box of boxes) {
    expect(box.width, box.column).toBeGreaterThan(8)
    expect(box.left, box.column).toBeGreaterThanOrEqual(0)
    expect(box.right, box.column).toBeLessThanOrEqual(560)
  }
  expect(await page.locator('html').evaluate((html) => html.scrollWidth)).toBeLessThanOrEqual(560)
})
