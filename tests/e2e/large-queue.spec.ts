/**
 * 10,000 studies in the real browser, end to end: the sandbox really holds them, the core polls them
 * (100 pages of 100), the page renders them. Prints timings; asserts only on what is rendered, never
 * on wall-clock time.
 */
import { test, expect, signInDirectly, gridRows, freshUid, type World } from './fixtures'

const TOTAL = 10_000

/** Creates `count` studies assigned to `userId`, a few requests at a time. */
async function fillQueue(world: World, userId: string, count: number): Promise<void> {
  const severities = ['stat', 'high', 'normal', 'normal', 'normal'] as const
  let next = 0
  const worker = async () => {
    while (next < count) {
      const i = next++
      await world.avara('POST', '/v1/viewer/studies', {
        severity: severities[i % severities.length],
        studyDescription: `Synthetic study ${i}`,
        studyInstanceUid: freshUid(),
        assignedTo: userId
      })
    }
  }
  await Promise.all(Array.from({ length: 8 }, worker))
}

test('10,000 studies: only a window of rows is rendered and End reaches the last one', async ({ page, world }) => {
  test.setTimeout(240_000)
  const user = await signInDirectly(world)
  let started = Date.now()
  await fillQueue(world, user.userId, TOTAL)
  console.log(`created ${TOTAL} studies in the sandbox: ${Date.now() - started} ms`)

  started = Date.now()
  await world.call('queue.refresh', {})
  await expect.poll(async () => (await world.call('app.getState', {})).queue.mine.length, { timeout: 60_000 }).toBeGreaterThanOrEqual(TOTAL)
  console.log(`core poll of all pages: ${Date.now() - started} ms`)
  const total = (await world.call('app.getState', {})).queue.mine.length

  started = Date.now()
  await page.goto(world.shell.url)
  await expect(page.getByRole('grid')).toHaveAttribute('aria-rowcount', String(total + 1))
  console.log(`page load until ${total} rows are in the grid: ${Date.now() - started} ms`)

  const rendered = await gridRows(page).count()
  expect(rendered).toBeGreaterThan(5)
  expect(rendered).toBeLessThan(60)

  await page.getByRole('grid').focus()
  const endStarted = Date.now()
  await page.keyboard.press('End')
  const last = page.locator(`#queue-row-${total - 1}`)
  await expect(last).toBeInViewport()
  console.log(`End to the last of ${total} rows: ${Date.now() - endStarted} ms`)
  await expect(last).toHaveAttribute('aria-rowindex', String(total + 1))
  expect(await gridRows(page).count()).toBeLessThan(60)

  await page.keyboard.press('Home')
  await expect(page.locator('#queue-row-0')).toBeInViewport()
})
