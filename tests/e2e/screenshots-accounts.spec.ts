/**
 * Screenshots of several accounts for docs/screenshots (issue 11): the merged queue with its
 * account labels and per-account counts, and Settings › Accounts. playwright.config.ts includes
 * this spec only with RRC_SCREENSHOTS=1, so routine runs never rewrite the committed images.
 */
import { test, expect, signInDirectly, openQueue, createStudy, createStudyOn, demoUserOn, gridRows, FAST_POLLING } from './fixtures'

const OUT = 'docs/screenshots'

test('screenshots of two accounts: the merged queue and the accounts settings', async ({ page, world }) => {
  test.setTimeout(120_000)
  const second = await world.secondSandbox()
  const user = await signInDirectly(world)
  await world.call('view.update', { notificationsAsked: true })
  await world.call('accounts.update', { accountId: 'primary', displayName: "St Mary's", colour: 'blue' })
  const added = await world.call('accounts.add', {
    baseUrl: second.baseURL,
    apiKey: second.apiKey,
    displayName: 'Northside Imaging',
    colour: 'orange',
    email: second.demoRadiologistEmail ?? undefined
  })
  if (!added.ok) throw new Error(`accounts.add: ${added.message}`)
  await world.call('settings.update', FAST_POLLING)
  await createStudy(world, { severity: 'stat', studyDescription: 'CT Head without contrast — trauma', assignedTo: user.userId })
  const radiologist = await demoUserOn(second)
  await createStudyOn(second, { severity: 'stat', studyDescription: 'CTA Chest, pulmonary embolism protocol — night call', assignedTo: radiologist.userId })
  await openQueue(page, world)
  await expect(gridRows(page).filter({ hasText: 'pulmonary embolism protocol — night call' })).toHaveCount(1, { timeout: 15_000 })
  await expect(page.getByTestId('account-summary')).toBeVisible()
  await page.screenshot({ path: `${OUT}/accounts-queue.png` })

  await page.getByRole('button', { name: 'Settings' }).click()
  await page.getByTestId('accounts-settings').scrollIntoViewIfNeeded()
  await page.screenshot({ path: `${OUT}/accounts-settings.png` })
})
