import { test, expect, signInDirectly, openQueue, gridRows } from './fixtures'

test('keyboard only: move, search, key list, open, settings and back, with visible focus', async ({ page, world, context }) => {
  await signInDirectly(world)
  await openQueue(page, world)

  // Tab reaches the queue grid; focus is visibly marked.
  const grid = page.getByRole('grid')
  for (let i = 0; i < 30 && !(await grid.evaluate((el) => el.ownerDocument.activeElement === el)); i++) await page.keyboard.press('Tab')
  await expect(grid).toBeFocused()
  expect(await grid.evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).outlineStyle)).not.toBe('none')

  await page.keyboard.press('j')
  await page.keyboard.press('j')
  await page.keyboard.press('k')
  await page.keyboard.press('ArrowDown')
  const selected = page.locator('.grid-body [role="row"][aria-selected="true"]')
  await expect(selected).toHaveAttribute('aria-rowindex', '3')
  await expect(grid).toHaveAttribute('aria-activedescendant', 'queue-row-1')

  // "/" searches; Escape clears and returns to the list.
  const description = (await selected.locator('.desc').textContent())!.trim()
  await page.keyboard.press('/')
  await expect(page.getByRole('searchbox')).toBeFocused()
  await page.keyboard.type(description)
  await expect(gridRows(page).first()).toContainText(description)
  await page.keyboard.press('Escape')
  await expect(page.getByRole('searchbox')).toHaveValue('')
  await expect(grid).toBeFocused()

  // "?" lists the keys; Escape closes the list.
  await page.keyboard.press('?')
  const keys = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(keys).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(keys).toBeHidden()

  // Enter opens the selected study in a new tab (the sandbox viewer).
  await page.keyboard.press('Home')
  await grid.focus()
  const viewerPromise = context.waitForEvent('page')
  await page.keyboard.press('Enter')
  const viewer = await viewerPromise
  await viewer.waitForLoadState()
  await expect(viewer).toHaveTitle(/Avara Viewer \(sandbox\)/)
  await viewer.close()

  // "," opens settings; the theme is changed with the keyboard; Escape closes.
  await page.bringToFront()
  await grid.focus()
  await page.keyboard.press(',')
  const settings = page.getByRole('dialog', { name: 'Settings' })
  await expect(settings).toBeVisible()
  await settings.getByRole('radio', { name: 'Dark (reading room)' }).focus()
  await page.keyboard.press('ArrowDown')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
  await page.keyboard.press('Escape')
  await expect(settings).toBeHidden()

  // "i" shows details; Escape closes them.
  await grid.focus()
  await page.keyboard.press('i')
  await expect(page.getByRole('dialog', { name: 'Study details' })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog', { name: 'Study details' })).toBeHidden()
})
