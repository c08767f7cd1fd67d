import { test, expect } from './fixtures'

test('onboarding: a wrong key is rejected with a clear message, the right one leads to a live queue', async ({ page, world }) => {
  await page.goto(world.shell.url)
  await expect(page.getByRole('heading', { name: 'Connect to Avara' })).toBeVisible()
  // The page lives at the printed capability address: the token is its first path segment, never a query.
  expect(page.url()).toBe(world.shell.url)
  expect(new URL(page.url()).search).toBe('')

  const server = page.getByLabel('Server')
  await server.fill(world.sandbox.baseURL)
  const key = page.getByLabel('API key', { exact: true })
  await expect(key).toHaveAttribute('type', 'password')
  await key.fill('sk_test_wrong_key_0000000000000000')
  await page.getByRole('button', { name: 'Check and save key' }).click()
  const feedback = page.getByTestId('key-feedback')
  await expect(feedback).toHaveAttribute('data-problem', 'key-rejected')
  await expect(feedback).toContainText('The server rejected this key.')

  await key.fill(world.sandbox.apiKey)
  await page.getByRole('button', { name: 'Show key' }).click()
  await expect(key).toHaveAttribute('type', 'text')
  await page.getByRole('button', { name: 'Check and save key' }).click()

  await expect(page.getByRole('heading', { name: 'Whose queue?' })).toBeVisible()
  const email = world.sandbox.demoRadiologistEmail!
  await page.getByLabel('Email or name').fill(email)
  await page.getByRole('button', { name: 'Find', exact: true }).click()
  await page.locator(`[data-user-email="${email}"]`).click()

  await expect(page.getByRole('grid')).toBeVisible()
  await expect(page.getByTestId('connection-status')).toContainText('Online')
  await expect(page.locator('.grid-body [role="row"]').first()).toBeVisible()
})

test('an unreachable server is named as such', async ({ page, world }) => {
  await page.goto(world.shell.url)
  await page.getByLabel('Server').fill('http://127.0.0.1:9')
  await page.getByLabel('API key', { exact: true }).fill(world.sandbox.apiKey)
  await page.getByRole('button', { name: 'Check and save key' }).click()
  await expect(page.getByTestId('key-feedback')).toHaveAttribute('data-problem', 'unreachable')
})
