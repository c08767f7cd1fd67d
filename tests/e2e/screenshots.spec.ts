/**
 * Screenshots of the main screens for docs/screenshots. playwright.config.ts includes this spec
 * only with RRC_SCREENSHOTS=1, so routine runs (CI) never rewrite the committed images.
 */
import type { Page } from '@playwright/test'
import type { Theme } from '@shared/ipc/contract'
import { test, expect, signInDirectly, openQueue, createStudy, type World } from './fixtures'

const OUT = 'docs/screenshots'

async function setTheme(page: Page, world: World, theme: Theme) {
  await world.call('settings.update', { appearance: { theme } })
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
}

test('screenshots of the main screens', async ({ page, world }) => {
  await page.goto(world.shell.url)
  await page.getByLabel('Server').fill(world.sandbox.baseURL)
  await expect(page.getByRole('heading', { name: 'Connect to Avara' })).toBeVisible()
  await page.screenshot({ path: `${OUT}/onboarding.png` })

  const user = await signInDirectly(world)
  await createStudy(world, {
    severity: 'stat',
    studyDescription: 'CT Head without contrast — trauma',
    assignedTo: user.userId,
    metadata: { modality: 'CT', bodyPart: 'HEAD', referringWard: 'Emergency' }
  })
  await openQueue(page, world)
  await expect(page.locator('.grid-body').getByText('CT Head without contrast — trauma')).toBeVisible({ timeout: 8_000 })
  await expect(page.getByTestId('stat-banner')).toBeVisible()
  await page.keyboard.press('j')
  await page.keyboard.press('j')
  await page.screenshot({ path: `${OUT}/queue-dark.png` })

  await setTheme(page, world, 'light')
  await page.screenshot({ path: `${OUT}/queue-light.png` })
  await setTheme(page, world, 'high-contrast')
  await page.screenshot({ path: `${OUT}/queue-high-contrast.png` })
  await setTheme(page, world, 'dark')

  await page.keyboard.press('k')
  await page.keyboard.press('i')
  await expect(page.getByTestId('study-details')).toBeVisible()
  await page.screenshot({ path: `${OUT}/details.png` })
  await page.keyboard.press('Escape')

  await page.getByRole('button', { name: 'Settings' }).click()
  await expect(page.getByTestId('settings')).toBeVisible()
  await page.screenshot({ path: `${OUT}/settings.png` })
  await page.keyboard.press('Escape')

  // Offline: the sandbox answers 503; the last-known queue stays under the banner.
  await fetch(`${world.sandbox.baseURL}/_sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${world.sandbox.apiKey}` },
    body: JSON.stringify({ status: 503 })
  })
  await page.keyboard.press('r')
  await expect(page.getByTestId('offline-banner')).toBeVisible({ timeout: 15_000 })
  await page.screenshot({ path: `${OUT}/queue-offline.png` })
})
