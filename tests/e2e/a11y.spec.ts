/**
 * axe-core scan of every screen in every theme: no serious or critical violation. Colour contrast
 * is part of the scan, so each theme is checked as rendered, not just as declared.
 */
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { THEMES, type Theme } from '@shared/ipc/contract'
import { test, expect, signInDirectly, openQueue, createStudy, gridRows, type World } from './fixtures'

async function scan(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze()
  if (process.env.RRC_AXE_VERBOSE) console.log(screen, results.violations.map((v) => `${v.id}:${v.impact}:${v.nodes.length}`), results.passes.length, "passes")
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  const summary = blocking.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`)
  expect(summary, `${screen}: serious or critical axe violations`).toEqual([])
}

async function useTheme(page: Page, world: World, theme: Theme) {
  await world.call('settings.update', { appearance: { theme } })
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
}

for (const theme of THEMES) {
  test(`every screen passes axe in the ${theme} theme`, async ({ page, world }) => {
    // Several full axe scans per theme: 30-50 s on a quiet 2-core machine, more under load.
    test.setTimeout(180_000)
    await world.call('settings.update', { appearance: { theme } })
    await page.goto(world.shell.url)
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme)

    // Onboarding: server and key, with a problem message showing.
    await page.getByLabel('Server').fill(world.sandbox.baseURL)
    await page.getByLabel('API key', { exact: true }).fill('sk_wrong')
    await page.getByRole('button', { name: 'Check and save key' }).click()
    await expect(page.getByTestId('key-feedback')).toBeVisible()
    await scan(page, 'onboarding: key')

    // Onboarding: identity, with candidates listed.
    await page.getByLabel('API key', { exact: true }).fill(world.sandbox.apiKey)
    await page.getByRole('button', { name: 'Check and save key' }).click()
    await page.getByRole('button', { name: 'List all users' }).click()
    await expect(page.locator('[data-user-email]').first()).toBeVisible()
    await scan(page, 'onboarding: identity')

    // The queue with a stat banner, then each panel.
    const user = await signInDirectly(world)
    await createStudy(world, { severity: 'stat', studyDescription: 'Axe stat study', assignedTo: user.userId, metadata: { modality: 'CT' } })
    await openQueue(page, world)
    await useTheme(page, world, theme)
    await expect(page.getByTestId('stat-banner')).toBeVisible({ timeout: 8_000 })
    await gridRows(page).first().click()
    await scan(page, 'queue')

    await page.keyboard.press('i')
    await expect(page.getByTestId('details-uid')).toBeVisible()
    await scan(page, 'details')
    await page.keyboard.press('Escape')

    await page.getByRole('button', { name: 'Settings' }).click()
    await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible()
    await scan(page, 'settings')
    await page.keyboard.press('Escape')

    await page.keyboard.press('?')
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
    await scan(page, 'key list')
  })
}
