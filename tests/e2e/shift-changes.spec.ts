/**
 * Issue 10 in Chromium against the sandbox: change notices (each kind another client causes through
 * the Avara API), the stronger notice for a study open in the viewer, and claim on open with the
 * race against another radiologist.
 */
import type { Page } from '@playwright/test'
import type { Study } from '@shared/ipc/contract'
import { test, expect, signInDirectly, openQueue, createStudy, gridRows, type World } from './fixtures'

async function otherRadiologist(world: World, me: string): Promise<{ userId: string; name: string }> {
  const page = await world.avara<{ users: Array<{ userId: string; firstName?: string; lastName?: string; email: string }> }>('GET', '/v1/viewer/users?limit=20')
  const user = page.users.find((u) => u.userId !== me)
  if (!user) throw new Error('the demo seed has only one user')
  return { userId: user.userId, name: [user.firstName, user.lastName].filter(Boolean).join(' ') || user.email }
}

const politeRegion = (page: Page) => page.getByTestId('polite-region')
const inQueue = (page: Page, study: Study) => gridRows(page).locator(`[data-study-id="${study.studyId}"]`)

test('each change another client makes is told in the page and listed under Changes', async ({ page, world }) => {
  const me = await signInDirectly(world)
  const other = await otherRadiologist(world, me.userId)
  const mk = (label: string, severity: 'normal' | 'high' = 'normal') => createStudy(world, { severity, studyDescription: `E2E change ${label}`, assignedTo: me.userId })
  const [cancelled, reassigned, completed, downgraded] = [await mk('cancel'), await mk('reassign'), await mk('complete'), await mk('downgrade', 'high')]
  const elsewhere = await createStudy(world, { severity: 'normal', studyDescription: 'E2E change assigned to me', assignedTo: other.userId })
  await openQueue(page, world)
  for (const s of [cancelled, reassigned, completed, downgraded]) await expect(inQueue(page, s)).toHaveCount(1, { timeout: 8_000 })

  await world.avara('POST', '/v1/viewer/studies/cancel', { studyId: cancelled.studyId })
  await world.avara('PATCH', `/v1/viewer/studies/${reassigned.studyId}`, { assignedTo: other.userId })
  await world.avara('PATCH', `/v1/viewer/studies/${completed.studyId}`, { studyViewerStatus: 'complete' })
  await world.avara('PATCH', `/v1/viewer/studies/${downgraded.studyId}`, { severity: 'normal' })
  await world.avara('PATCH', `/v1/viewer/studies/${elsewhere.studyId}`, { assignedTo: me.userId })

  const expected = [
    ['cancelled', cancelled, 'Cancelled: E2E change cancel'],
    ['reassignedAway', reassigned, `Reassigned to ${other.name}: E2E change reassign`],
    ['completed', completed, 'Completed elsewhere: E2E change complete'],
    ['severityChanged', downgraded, 'Severity changed from high to normal: E2E change downgrade'],
    ['reassignedToMe', elsewhere, 'Assigned to you: E2E change assigned to me']
  ] as const
  await page.keyboard.press('g')
  const list = page.getByTestId('changes-list')
  for (const [kind, study, text] of expected) {
    const entry = list.locator(`li[data-change-kind="${kind}"][data-study-id="${study.studyId}"]`)
    await expect(entry, kind).toHaveCount(1, { timeout: 12_000 })
    await expect(entry).toContainText(text)
  }
  // Told in the page too (one line each, or one line for the burst, which names the list).
  await expect(politeRegion(page)).toContainText(/Cancelled: E2E change cancel|changes to your queue/)
  await expect(inQueue(page, cancelled)).toHaveCount(0)

  // Uncancelled: back in the queue, and said so.
  await world.avara('POST', '/v1/viewer/studies/uncancel', { studyId: cancelled.studyId })
  await expect(list.locator(`li[data-change-kind="uncancelled"][data-study-id="${cancelled.studyId}"]`)).toHaveCount(1, { timeout: 12_000 })
})

test('a change to a study I opened from the app is announced more strongly', async ({ page, world, context }) => {
  const me = await signInDirectly(world)
  const study = await createStudy(world, { severity: 'high', studyDescription: 'E2E opened then cancelled', assignedTo: me.userId })
  await openQueue(page, world)
  const row = gridRows(page).filter({ hasText: 'E2E opened then cancelled' })
  await expect(row).toHaveCount(1, { timeout: 8_000 })
  const viewer = context.waitForEvent('page')
  await row.getByRole('button', { name: /^Open / }).click()
  await (await viewer).close()

  await world.avara('POST', '/v1/viewer/studies/cancel', { studyId: study.studyId })
  const warning = page.getByTestId('change-warning')
  await expect(warning).toContainText('Open in your viewer: Cancelled: E2E opened then cancelled', { timeout: 12_000 })
  await expect(page.locator('[role="alert"]').filter({ has: warning })).toHaveCount(1)
})

test('opening an unassigned stat study claims it first and says so', async ({ page, world, context }) => {
  const me = await signInDirectly(world)
  const pooled = await createStudy(world, { severity: 'stat', studyDescription: 'E2E claim on open' })
  await openQueue(page, world)
  await page.locator('[data-view="pool"]').click()
  const row = gridRows(page).filter({ hasText: 'E2E claim on open' })
  await expect(row).toHaveCount(1, { timeout: 8_000 })
  const viewer = context.waitForEvent('page')
  await row.getByRole('button', { name: /^Open / }).click()
  await expect((await viewer).locator('body')).toContainText(pooled.studyInstanceUid)
  await expect(politeRegion(page)).toContainText('Claimed and opened in the viewer')
  const now = await world.avara<Study>('GET', `/v1/viewer/studies/${pooled.studyId}`)
  expect(now.assignedTo?.userId).toBe(me.userId)
  await page.locator('[data-view="mine"]').click()
  await expect(inQueue(page, pooled)).toHaveCount(1, { timeout: 8_000 })
})

test('another radiologist claims it between the poll and the click: the app says who and does not open it', async ({ page, world, context }) => {
  const me = await signInDirectly(world)
  const other = await otherRadiologist(world, me.userId)
  const pooled = await createStudy(world, { severity: 'stat', studyDescription: 'E2E claim race' })
  await openQueue(page, world)
  await page.locator('[data-view="pool"]').click()
  const row = gridRows(page).filter({ hasText: 'E2E claim race' })
  await expect(row).toHaveCount(1, { timeout: 8_000 })
  // Slow polling down so no poll sees the other claim before the click (the race under test).
  await world.call('settings.update', { statIntervalSec: 60, queueIntervalSec: 600 })
  await world.avara('PATCH', `/v1/viewer/studies/${pooled.studyId}`, { assignedTo: other.userId })

  let opened = false
  context.on('page', () => (opened = true))
  await row.getByRole('button', { name: /^Open / }).click()
  await expect(page.locator('.toast.error')).toContainText(`Not opened: ${other.name} claimed this study a moment ago.`)
  await page.waitForTimeout(1_000)
  expect(opened, 'no viewer page').toBe(false)
  const now = await world.avara<Study>('GET', `/v1/viewer/studies/${pooled.studyId}`)
  expect(now.assignedTo?.userId).toBe(other.userId)
})
