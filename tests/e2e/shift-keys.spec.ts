/**
 * Issue 10, keys for everything, in Chromium against the sandbox: complete moves the selection on,
 * next stat, snooze, acknowledge all, pause; letters on a Cyrillic layout and with Caps Lock.
 */
import type { Page } from '@playwright/test'
import { test, expect, signInDirectly, openQueue, createStudy, gridRows } from './fixtures'

const selectedRow = (page: Page) => page.locator('.grid-body [role="row"][aria-selected="true"]')
const selectedStudyId = (page: Page) => selectedRow(page).locator('[data-study-id]').getAttribute('data-study-id')

/** A key as a Cyrillic (ЙЦУКЕН) layout sends it: a non-Latin `key` with the physical `code`. */
async function pressOnLayout(page: Page, key: string, code: string, shiftKey = false) {
  await page.locator('body').evaluate(
    (body, { key, code, shiftKey }) => {
      const doc = body.ownerDocument
      const event = new doc.defaultView!.KeyboardEvent('keydown', { key, code, shiftKey, bubbles: true, cancelable: true })
      ;(doc.activeElement ?? body).dispatchEvent(event)
    },
    { key, code, shiftKey }
  )
}

test('x marks the selected study complete and the selection moves on to the next study', async ({ page, world }) => {
  await signInDirectly(world)
  await openQueue(page, world)
  await page.keyboard.press('j')
  await page.keyboard.press('j')
  const completed = await selectedStudyId(page)
  const following = await gridRows(page).nth(2).locator('[data-study-id]').getAttribute('data-study-id')
  await page.keyboard.press('x')
  await expect.poll(() => selectedStudyId(page)).toBe(following)
  await expect(gridRows(page).locator(`[data-study-id="${completed}"]`)).toHaveCount(0, { timeout: 8_000 })
  await expect.poll(() => selectedStudyId(page)).toBe(following)
  await page.locator('[data-view="closed"]').click()
  await expect(gridRows(page).locator(`[data-study-id="${completed}"]`)).toHaveCount(1)
})

test('n, s, Shift+A and p: next stat, snooze, acknowledge all, pause and resume', async ({ page, world }) => {
  const user = await signInDirectly(world)
  await openQueue(page, world)
  const study = await createStudy(world, { severity: 'stat', studyDescription: 'E2E keys stat', assignedTo: user.userId })
  await expect(gridRows(page).locator(`[data-study-id="${study.studyId}"]`)).toHaveCount(1, { timeout: 8_000 })

  await page.keyboard.press('n')
  await expect(selectedRow(page).locator('[data-severity]')).toHaveAttribute('data-severity', 'stat')
  // Walk the stat studies with n until the new one is selected, then snooze it.
  for (let i = 0; i < 20 && (await selectedStudyId(page)) !== study.studyId; i++) await page.keyboard.press('n')
  expect(await selectedStudyId(page)).toBe(study.studyId)
  await page.keyboard.press('s')
  await expect(selectedRow(page)).toContainText('snoozed')

  // Shift+A: every stat alert acknowledged, the banner goes.
  await expect(page.getByTestId('stat-banner')).toBeVisible()
  await page.keyboard.press('Shift+A')
  await expect(page.getByTestId('stat-banner')).toBeHidden({ timeout: 10_000 })

  await page.keyboard.press('p')
  await expect(page.locator('.topbar')).toContainText('Alerts paused until')
  await page.keyboard.press('p')
  await expect(page.locator('.topbar')).not.toContainText('Alerts paused until')
})

test('letter keys work on a Cyrillic layout and with Caps Lock, and the key help lists them', async ({ page, world }) => {
  await signInDirectly(world)
  await openQueue(page, world)
  await pressOnLayout(page, 'о', 'KeyJ')
  await expect(selectedRow(page)).toHaveAttribute('aria-rowindex', '2')
  await pressOnLayout(page, 'о', 'KeyJ')
  await expect(selectedRow(page)).toHaveAttribute('aria-rowindex', '3')
  // Caps Lock: an upper-case letter without Shift.
  await pressOnLayout(page, 'K', 'KeyK')
  await expect(selectedRow(page)).toHaveAttribute('aria-rowindex', '2')

  await page.keyboard.press('?')
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  for (const does of ['Snooze the selected alert 30 min', 'Acknowledge all stat alerts', 'Next stat study', 'Pause alerts 30 min', 'Mark the selected study complete']) {
    await expect(help).toContainText(does)
  }
  await page.keyboard.press('Escape')
  await expect(page.getByRole('button', { name: 'Mark complete' })).toHaveAttribute('title', 'Mark complete (x)')
})
