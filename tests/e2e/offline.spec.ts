import { test, expect, signInDirectly, openQueue, gridRows, setFault } from './fixtures'

test('server errors and a dropped network show an offline banner over the last-known queue, then recover', async ({ page, world }) => {
  await signInDirectly(world)
  await openQueue(page, world)
  const rowsBefore = await gridRows(page).count()
  expect(rowsBefore).toBeGreaterThan(0)

  await setFault(world, { status: 503 })
  await page.keyboard.press('r')
  const banner = page.getByTestId('offline-banner')
  await expect(banner).toBeVisible({ timeout: 15_000 })
  await expect(banner).toContainText('Server error')
  await expect(banner).toContainText('Showing the queue as of')
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-connection', 'down')
  // The last-known queue stays on screen.
  await expect(gridRows(page)).toHaveCount(rowsBefore)

  await setFault(world, null)
  await setFault(world, { dropConnection: true })
  await banner.getByRole('button', { name: 'Try again now' }).click()
  await expect(banner).toContainText('Offline', { timeout: 15_000 })
  await expect(gridRows(page)).toHaveCount(rowsBefore)

  await setFault(world, null)
  await banner.getByRole('button', { name: 'Try again now' }).click()
  await expect(banner).toBeHidden({ timeout: 20_000 })
  await expect(page.getByTestId('connection-status')).toContainText('Online')
})

test('the page says so when it loses the companion service itself', async ({ page, world }) => {
  await signInDirectly(world)
  await openQueue(page, world)
  const rowsBefore = await gridRows(page).count()
  await world.shell.close()
  const banner = page.getByTestId('offline-banner')
  await expect(banner).toContainText('lost contact with the companion service', { timeout: 15_000 })
  await expect(gridRows(page)).toHaveCount(rowsBefore)
})

test('a rejected key stops the queue with a way to enter a new one; rate limiting is named', async ({ page, world }) => {
  await signInDirectly(world)
  await openQueue(page, world)
  const banner = page.getByTestId('offline-banner')

  await setFault(world, { status: 429, retryAfterSeconds: 30 })
  await page.keyboard.press('r')
  await expect(banner).toContainText('Rate limited', { timeout: 15_000 })
  await setFault(world, null)

  await setFault(world, { status: 401 })
  await banner.getByRole('button', { name: 'Try again now' }).click()
  await expect(banner).toContainText('Key rejected', { timeout: 15_000 })
  await expect(gridRows(page).first()).toBeVisible()
  await setFault(world, null)

  await banner.getByRole('button', { name: 'Enter a new key' }).click()
  await expect(page.getByRole('heading', { name: 'Connect to Avara' })).toBeVisible()
  await page.getByLabel('API key', { exact: true }).fill(world.sandbox.apiKey)
  await page.getByRole('button', { name: 'Check and save key' }).click()
  await expect(page.getByRole('grid')).toBeVisible()
  await expect(page.getByTestId('connection-status')).toContainText('Online', { timeout: 15_000 })
  await expect(banner).toBeHidden()
})
