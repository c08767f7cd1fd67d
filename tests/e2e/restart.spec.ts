import { test, expect, signInDirectly, openQueue, gridRows, setFault } from './fixtures'

test('after a restart the cached queue is painted before the first poll returns', async ({ page, world }) => {
  await signInDirectly(world)
  await openQueue(page, world)
  const firstBefore = await gridRows(page).first().locator('[data-study-id]').getAttribute('data-study-id')
  const countBefore = await gridRows(page).count()

  // The API now answers slowly: whatever shows at once must come from the cache.
  await setFault(world, { latencyMs: 8_000 })
  const shell = await world.restartShell()
  await page.goto(shell.url)
  await expect(page.getByTestId('cache-banner')).toBeVisible({ timeout: 4_000 })
  await expect(gridRows(page)).toHaveCount(countBefore)
  await expect(gridRows(page).first().locator('[data-study-id]')).toHaveAttribute('data-study-id', firstBefore!)
  await fetch(`${world.sandbox.baseURL}/_sandbox/faults`, { method: 'DELETE', headers: { authorization: `Bearer ${world.sandbox.apiKey}` } })
})

test('sign out removes the key and returns to onboarding; change identity is one step', async ({ page, world }) => {
  await signInDirectly(world)
  await openQueue(page, world)
  await page.getByRole('button', { name: 'Settings' }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  await settings.getByRole('button', { name: 'Change identity' }).click()
  await expect(page.getByRole('heading', { name: 'Whose queue?' })).toBeVisible()
  await page.getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByRole('grid')).toBeVisible()

  await page.getByRole('button', { name: 'Settings' }).click()
  await settings.getByRole('button', { name: 'Sign out…' }).click()
  await settings.getByRole('button', { name: 'Sign out', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Connect to Avara' })).toBeVisible()
  const state = await world.call('app.getState', {})
  expect(state.auth.hasKey).toBe(false)
})
