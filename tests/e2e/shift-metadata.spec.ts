/**
 * Issue 10, metadata columns in Chromium against the sandbox: chosen in Settings, shown as a
 * column, searchable and filterable with key:value; search matches the full Study Instance UID.
 */
import { test, expect, signInDirectly, openQueue, createStudy, gridRows } from './fixtures'

test('a chosen metadata key becomes a column, searchable and filterable; the full UID finds its study', async ({ page, world }) => {
  const user = await signInDirectly(world)
  const ct = await createStudy(world, { severity: 'high', studyDescription: 'E2E meta chest', assignedTo: user.userId, metadata: { accessionNumber: 'ACC-7001', modality: 'CT' } })
  await createStudy(world, { severity: 'high', studyDescription: 'E2E meta knee', assignedTo: user.userId, metadata: { accessionNumber: 'ACC-7002', modality: 'MR' } })
  await openQueue(page, world)
  await expect(gridRows(page).filter({ hasText: 'E2E meta' })).toHaveCount(2, { timeout: 8_000 })

  await page.keyboard.press(',')
  const layout = page.getByTestId('queue-layout-settings')
  await layout.getByLabel('Add a key').fill('accessionNumber')
  await layout.getByRole('button', { name: 'Add column' }).click()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('columnheader', { name: 'accessionNumber' })).toBeVisible()
  await expect(gridRows(page).filter({ hasText: 'E2E meta chest' }).locator('[data-column="meta:accessionNumber"]')).toHaveText('ACC-7001')

  const search = page.getByRole('searchbox')
  await search.fill('ACC-7002')
  await expect(gridRows(page)).toHaveCount(1)
  await expect(gridRows(page).first()).toContainText('E2E meta knee')
  await search.fill('accessionNumber:acc-7001')
  await expect(gridRows(page)).toHaveCount(1)
  await expect(gridRows(page).first()).toContainText('E2E meta chest')
  await search.fill(ct.studyInstanceUid)
  await expect(gridRows(page)).toHaveCount(1)
  await expect(gridRows(page).first()).toContainText('E2E meta chest')

  // Remembered through the engine for the next run.
  expect((await world.call('app.getState', {})).view?.metadataColumns).toEqual(['accessionNumber'])
})
