import type { Page } from '@playwright/test'
import { test, expect, signInDirectly, openQueue, createStudy, gridRows, type World } from './fixtures'
import type { Study } from '@shared/ipc/contract'

const RANK: Record<string, number> = { stat: 0, high: 1, normal: 2 }

async function renderedOrder(page: Page) {
  return gridRows(page).evaluateAll((rows) =>
    rows.map((row) => ({
      severity: row.querySelector('[data-severity]')?.getAttribute('data-severity') ?? '',
      createdAt: row.querySelector('[data-created-at]')?.getAttribute('data-created-at') ?? '',
      studyId: row.querySelector('[data-study-id]')?.getAttribute('data-study-id') ?? ''
    }))
  )
}

/** Demotes the identity's stat studies to high so a new stat study has to land on row 1. */
async function demoteStat(world: World, userId: string) {
  const page = await world.avara<{ studies: Study[] }>(
    'GET',
    `/v1/viewer/studies?assignedTo=${userId}&severity=stat&isCancelled=false&limit=100`
  )
  for (const study of page.studies) {
    await world.avara('PATCH', `/v1/viewer/studies/${study.studyId}`, { severity: 'high' })
  }
}

test('the queue is ordered stat > high > normal, longest waiting first, with counts in the header', async ({ page, world }) => {
  await signInDirectly(world)
  await openQueue(page, world)
  await expect(gridRows(page).first()).toBeVisible()
  const rows = await renderedOrder(page)
  expect(rows.length).toBeGreaterThan(3)
  for (let i = 1; i < rows.length; i++) {
    const [a, b] = [rows[i - 1]!, rows[i]!]
    expect(RANK[a.severity]!, `row ${i} severity`).toBeLessThanOrEqual(RANK[b.severity]!)
    if (a.severity === b.severity) expect(Date.parse(a.createdAt), `row ${i} waiting`).toBeLessThanOrEqual(Date.parse(b.createdAt))
  }
  const words: Record<string, string> = { stat: 'Stat', high: 'High', normal: 'Normal' }
  for (const severity of ['stat', 'high', 'normal']) {
    const count = rows.filter((r) => r.severity === severity).length
    await expect(page.locator(`[data-count-severity="${severity}"]`)).toHaveText(`${words[severity]} ${count}`)
  }
})

test('a stat study created mid-test appears on top with exactly one alert, and opens in the sandbox viewer', async ({ page, world, context }) => {
  const user = await signInDirectly(world)
  await demoteStat(world, user.userId)
  await openQueue(page, world)
  // Let the first poll after start-up (which alerts for never-alerted stat studies) settle.
  await expect(page.getByTestId('connection-status')).toContainText('Online')

  const study = await createStudy(world, { severity: 'stat', studyDescription: 'E2E stat CT head trauma', assignedTo: user.userId })
  await expect(gridRows(page).first().locator('[data-study-id]')).toHaveAttribute('data-study-id', study.studyId, { timeout: 8_000 })
  await expect(page.getByTestId('stat-banner')).toContainText('E2E stat CT head trauma')

  const alertsFor = page.locator(`[data-testid="stat-alert-region"] [data-study-ids~="${study.studyId}"]`)
  await expect(alertsFor).toHaveCount(1)
  // Several more stat-lane and queue polls: still exactly one alert.
  await page.waitForTimeout(6_000)
  await expect(alertsFor).toHaveCount(1)

  const viewerPromise = context.waitForEvent('page')
  await gridRows(page).first().getByRole('button', { name: /^Open / }).click()
  const viewer = await viewerPromise
  await viewer.waitForLoadState()
  await expect(viewer).toHaveTitle(/Avara Viewer \(sandbox\)/)
  await expect(viewer.locator('body')).toContainText(study.studyInstanceUid)
  expect(viewer.url()).toContain(`/viewer/studies/${study.studyId}`)
  // Opened: the study stops alerting, so the banner goes.
  await expect(page.getByTestId('stat-banner')).not.toContainText('E2E stat CT head trauma')
})

test('claiming an unassigned stat study moves it into my queue', async ({ page, world }) => {
  await signInDirectly(world)
  const pooled = await createStudy(world, { severity: 'stat', studyDescription: 'E2E unassigned stat' })
  await openQueue(page, world)
  await page.locator('[data-view="pool"]').click()
  const row = gridRows(page).filter({ hasText: 'E2E unassigned stat' })
  await expect(row).toHaveCount(1)
  await row.click()
  await page.getByRole('group', { name: 'Actions for the selected study' }).getByRole('button', { name: 'Claim' }).click()
  await page.locator('[data-view="mine"]').click()
  await expect(gridRows(page).locator(`[data-study-id="${pooled.studyId}"]`)).toHaveCount(1, { timeout: 8_000 })
})

test('mark complete moves a study to "closed since start"', async ({ page, world }) => {
  await signInDirectly(world)
  await openQueue(page, world)
  const first = gridRows(page).first()
  const studyId = await first.locator('[data-study-id]').getAttribute('data-study-id')
  await first.click()
  await page.getByRole('button', { name: 'Mark complete' }).click()
  await page.locator('[data-view="closed"]').click()
  await expect(gridRows(page).locator(`[data-study-id="${studyId}"]`)).toHaveCount(1, { timeout: 8_000 })
  await expect(gridRows(page).first()).toContainText('completed')
})
