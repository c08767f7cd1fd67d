/**
 * Issue 10, alerts in Chromium against the sandbox: a new stat arrival among others is named in the
 * banner (not the oldest), an escalation is said so, and the web page asks once about notifications.
 */
import { test, expect, signInDirectly, openQueue, createStudy } from './fixtures'

test('the banner names the newest stat arrival among others, and says when a study escalated', async ({ page, world }) => {
  const user = await signInDirectly(world)
  await openQueue(page, world)
  const banner = page.getByTestId('stat-banner')
  // The demo seed already has stat studies alerting; a new one must take the banner.
  await expect(banner).toBeVisible({ timeout: 8_000 })
  await createStudy(world, { severity: 'stat', studyDescription: 'E2E newest stat arrival', assignedTo: user.userId })
  await expect(page.getByTestId('stat-banner-study')).toHaveText('E2E newest stat arrival', { timeout: 8_000 })
  await expect(banner).toContainText('New stat:')
  await expect(page.getByTestId('stat-banner-others')).toContainText(/\d+ other stat stud(y|ies) alerting/)

  const high = await createStudy(world, { severity: 'high', studyDescription: 'E2E escalated to stat', assignedTo: user.userId })
  await expect(page.locator(`.grid-body [data-study-id="${high.studyId}"]`)).toHaveCount(1, { timeout: 12_000 })
  await world.avara('PATCH', `/v1/viewer/studies/${high.studyId}`, { severity: 'stat' })
  await expect(page.getByTestId('stat-banner-study')).toHaveText('E2E escalated to stat', { timeout: 8_000 })
  await expect(banner).toContainText('Escalated to stat:')
})

test('the web page asks once whether to allow notifications, and says what happens without them', async ({ page, world }) => {
  await signInDirectly(world)
  await openQueue(page, world)
  const prompt = page.getByTestId('notification-prompt')
  await expect(prompt).toContainText('Without them, alerts show only in this window.')
  await prompt.getByRole('button', { name: 'Not now' }).click()
  await expect(prompt).toBeHidden()
  // Remembered through the engine: a reload (or the next run) does not ask again.
  await page.reload()
  await expect(page.getByRole('grid')).toBeVisible()
  await expect(page.getByTestId('connection-status')).toContainText('Online')
  await expect(prompt).toBeHidden()
  expect((await world.call('app.getState', {})).view?.notificationsAsked).toBe(true)
})
