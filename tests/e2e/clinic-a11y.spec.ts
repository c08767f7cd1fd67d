/**
 * axe-core on every clinic tab in every theme (no serious or critical violation; colour contrast
 * as rendered), and the workspace reached and worked by keyboard alone.
 */
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { THEMES } from '@shared/ipc/contract'
import { test, expect } from './fixtures'
import { openClinic, signInAsAdmin } from './clinic-helpers'

async function scan(page: Page, screen: string) {
  const t0 = Date.now()
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze()
  if (process.env.RRC_AXE_VERBOSE) console.log(screen, Date.now() - t0, 'ms')
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  const summary = blocking.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`)
  expect(summary, `${screen}: serious or critical axe violations`).toEqual([])
}

for (const theme of THEMES) {
  test(`every clinic tab passes axe in the ${theme} theme`, async ({ page, world }) => {
    // Eight scans; one takes 15-30 s on a loaded 2-core machine.
    test.setTimeout(480_000)
    await signInAsAdmin(world)
    await world.call('settings.update', { appearance: { theme } })
    await openClinic(page, world)
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme)

    await expect(page.getByTestId('team-count')).toHaveText(/^\d+ users$/)
    await page.getByTestId('team-grid').locator('.grid-body [role="row"]').first().click()
    await expect(page.getByTestId('user-details')).toBeVisible()
    await scan(page, 'team + details')
    await page.getByTestId('invite-open').click()
    await page.getByRole('form', { name: 'Invite a user' }).getByLabel('Email').fill('bad')
    await page.getByRole('button', { name: 'Send invitation' }).click()
    await expect(page.locator('.field-error').first()).toBeVisible()
    await scan(page, 'invite form with errors')

    await page.getByRole('tab', { name: 'Invitations' }).click()
    await page.getByTestId('invitations-grid').locator('.grid-body [role="row"]').first().click()
    await expect(page.getByTestId('invitation-details')).toBeVisible()
    await scan(page, 'invitations + details')

    await page.getByRole('tab', { name: 'Studies' }).click()
    await expect(page.getByTestId('studies-count')).toHaveText(/^\d+ studies$/)
    await page.getByTestId('studies-grid').locator('.grid-body [role="row"]').first().click()
    await expect(page.getByTestId('study-page')).toBeVisible()
    await scan(page, 'studies + study page')
    await page.getByTestId('study-cancel').click()
    await expect(page.getByTestId('confirm-dialog')).toBeVisible()
    await scan(page, 'confirmation')
    await page.getByRole('button', { name: 'Keep as is' }).click()
    await page.getByTestId('create-study-open').click()
    await scan(page, 'create study')

    await page.getByRole('tab', { name: 'Board' }).click()
    await expect(page.getByTestId('lane-pool')).toBeVisible()
    await page.getByTestId('lane-pool').locator('button[data-testid^="pick-"]').first().click()
    await scan(page, 'board with a study picked')

    await page.getByRole('tab', { name: 'Activity' }).click()
    await expect(page.getByTestId('activity-table')).toBeVisible()
    await scan(page, 'activity')
  })
}

test('keyboard only: switch to the clinic, move a pool study to a radiologist on the board, back to the queue', async ({ page, world }) => {
  await signInAsAdmin(world)
  await page.goto(world.shell.url)
  const clinicButton = page.getByTestId('workspace-clinic')
  await expect(clinicButton).toBeVisible()
  // Tab until the workspace switch has focus, then Enter.
  for (let i = 0; i < 40 && !(await clinicButton.evaluate((el) => el.matches(':focus'))); i++) await page.keyboard.press('Tab')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('tab', { name: 'Team' })).toBeVisible()
  await page.getByRole('tab', { name: 'Team' }).focus()
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  await expect(page.getByRole('tab', { name: 'Board' })).toHaveAttribute('aria-selected', 'true')
  const pick = page.getByTestId('lane-pool').locator('button[data-testid^="pick-"]').first()
  await expect(pick).toBeVisible()
  await pick.focus()
  await page.keyboard.press('Enter')
  const move = page.getByRole('button', { name: /Move here: Hannah Kim/ })
  await move.focus()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('board-status')).toContainText('now with Hannah Kim')
  await page.getByTestId('workspace-queue').focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('grid')).toBeVisible()
})
