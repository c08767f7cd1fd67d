/**
 * Screenshots of the clinic workspace for docs/screenshots (clinic-*.png). playwright.config.ts
 * includes the screenshots specs only with RRC_SCREENSHOTS=1, so routine runs never rewrite them.
 */
import { test, expect } from './fixtures'
import { openClinic, signInAsAdmin } from './clinic-helpers'

const OUT = 'docs/screenshots'

test('screenshots of the clinic workspace', async ({ page, world }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await signInAsAdmin(world)
  await openClinic(page, world)
  await expect(page.getByTestId('team-count')).toHaveText(/^\d+ users$/)
  await page.getByTestId('team-grid').locator('.grid-body [role="row"]', { hasText: 'Sofia Alvarez' }).click()
  await expect(page.getByTestId('user-details')).toContainText('sofia.alvarez@example.org')
  await page.screenshot({ path: `${OUT}/clinic-team.png` })

  await page.getByRole('tab', { name: 'Invitations' }).click()
  await page.getByTestId('invitations-grid').locator('.grid-body [role="row"]').first().click()
  await expect(page.getByTestId('invitation-details')).toBeVisible()
  await page.screenshot({ path: `${OUT}/clinic-invitations.png` })

  await page.getByRole('tab', { name: 'Studies' }).click()
  await expect(page.getByTestId('studies-count')).toHaveText(/^\d+ studies$/)
  await page.getByTestId('studies-grid').locator('.grid-body [role="row"]').first().click()
  await expect(page.getByTestId('study-page')).toBeVisible()
  await page.screenshot({ path: `${OUT}/clinic-study.png` })

  await page.getByRole('tab', { name: 'Board' }).click()
  await page.getByTestId('lane-pool').locator('button[data-testid^="pick-"]').first().click()
  await page.screenshot({ path: `${OUT}/clinic-board.png` })
})
