/**
 * Dark-room care that a screenshot would not prove: the page is dark before any script runs (no
 * white flash while the app starts), and the stat banner does not flash.
 */
import { test, expect, signInDirectly, openQueue, createStudy } from './fixtures'

test('the page is dark before the app script runs', async ({ page, world }) => {
  await page.route('**/assets/*.js', (route) => route.abort())
  await page.goto(world.shell.url)
  const look = await page.locator('html').evaluate((el) => {
    const style = el.ownerDocument.defaultView!.getComputedStyle(el)
    return { scheme: style.colorScheme, background: style.backgroundColor }
  })
  expect(look.scheme).toBe('dark')
  const [r, g, b] = look.background.match(/\d+/g)!.map(Number) as [number, number, number]
  expect(Math.max(r, g, b), `background ${look.background}`).toBeLessThan(40)
})

test('the stat banner is steady: no animation or transition', async ({ page, world }) => {
  const user = await signInDirectly(world)
  await createStudy(world, { severity: 'stat', studyDescription: 'Dark room stat', assignedTo: user.userId })
  await openQueue(page, world)
  const banner = page.getByTestId('stat-banner')
  await expect(banner).toBeVisible({ timeout: 8_000 })
  const motion = await banner.evaluate((el) => {
    const style = el.ownerDocument.defaultView!.getComputedStyle(el)
    return { animation: style.animationName, transition: style.transitionDuration }
  })
  expect(motion).toEqual({ animation: 'none', transition: '0s' })
})
