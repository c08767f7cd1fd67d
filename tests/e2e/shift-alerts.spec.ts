/**
 * Issue 10, alerts in Chromium against the sandbox: a new stat arrival among others is named in the
 * banner (not the oldest), an escalation is said so, the web page asks once about notifications,
 * and the browser notifications it raises are grouped (one per study, a burst as one summary, a
 * burst across two clinics too).
 */
import type { Page } from '@playwright/test'
import { FIRST_ACCOUNT_ID, studyKey, type Study } from '@shared/ipc/contract'
import { test, expect, signInDirectly, openQueue, createStudy, createStudyOn, FAST_POLLING, setFault } from './fixtures'

test('the banner names the newest stat arrival among others, and says when a study escalated', async ({ page, world }) => {
  const user = await signInDirectly(world)
  await openQueue(page, world)
  const banner = page.getByTestId('stat-banner')
  // The demo seed already has stat studies alerting; a new one must take the banner.
  await expect(banner).toBeVisible({ timeout: 8_000 })
  await createStudy(world, { severity: 'stat', studyDescription: 'E2E newest stat arrival', assignedTo: user.userId })
  await expect(page.getByTestId('stat-banner-study')).toHaveText('E2E newest stat arrival', { timeout: 8_000 })
  await expect(banner).toContainText('New stat:')
  await expect(page.getByTestId('stat-banner-others')).toContainText(/\d+ other stat stud(y|ies) alerting/)

  const high = await createStudy(world, { severity: 'high', studyDescription: 'E2E escalated to stat', assignedTo: user.userId })
  await expect(page.locator(`.grid-body [data-study-id="${high.studyId}"]`)).toHaveCount(1, { timeout: 12_000 })
  await world.avara('PATCH', `/v1/viewer/studies/${high.studyId}`, { severity: 'stat' })
  await expect(page.getByTestId('stat-banner-study')).toHaveText('E2E escalated to stat', { timeout: 8_000 })
  await expect(banner).toContainText('Escalated to stat:')
})

test('the web page asks once whether to allow notifications, and says what happens without them', async ({ page, world }) => {
  await signInDirectly(world)
  await openQueue(page, world)
  const prompt = page.getByTestId('notification-prompt')
  await expect(prompt).toContainText('Without them, alerts show only in this window.')
  await prompt.getByRole('button', { name: 'Not now' }).click()
  await expect(prompt).toBeHidden()
  // Remembered through the engine: a reload (or the next run) does not ask again.
  await page.reload()
  await expect(page.getByRole('grid')).toBeVisible()
  await expect(page.getByTestId('connection-status')).toContainText('Online')
  await expect(prompt).toBeHidden()
  expect((await world.call('app.getState', {})).view?.notificationsAsked).toBe(true)
})

interface RecordedNotification {
  title: string
  body: string
  tag: string
  closed: boolean
}

/**
 * Records the notifications the page creates and closes; the real Chromium Notification still does
 * the work (the recorder only observes, before any page script runs). Plain JavaScript: it runs in
 * the page, and the tests are typed without the DOM.
 */
const NOTIFICATION_RECORDER = `(() => {
  const log = []
  Object.defineProperty(window, '__rrcNotifications', { value: log })
  const Real = window.Notification
  window.Notification = class extends Real {
    constructor(title, options = {}) {
      super(title, options)
      this.rrcEntry = { title, body: options.body ?? '', tag: options.tag ?? '', closed: false }
      log.push(this.rrcEntry)
    }
    close() {
      this.rrcEntry.closed = true
      super.close()
    }
  }
})()`

async function recordNotifications(page: Page): Promise<() => Promise<RecordedNotification[]>> {
  await page.addInitScript({ content: NOTIFICATION_RECORDER })
  return () => page.evaluate<RecordedNotification[]>('window.__rrcNotifications.map((n) => ({ ...n }))')
}

/** Live: created and not closed by the page. */
const livePerTag = (notifications: RecordedNotification[]) => {
  const counts = new Map<string, number>()
  for (const n of notifications) if (!n.closed) counts.set(n.tag, (counts.get(n.tag) ?? 0) + 1)
  return counts
}

test('browser notifications: a reminder reuses its study\'s tag and replaces it, a burst is one summary', async ({ page, world }) => {
  // The reminder comes after one minute, the shortest setting.
  test.setTimeout(150_000)
  // The sandbox owner has no study and the pool is not watched: only this test's studies alert.
  const saved = await world.call('auth.saveKey', { baseUrl: world.sandbox.baseURL, apiKey: world.sandbox.apiKey })
  expect(saved.ok).toBe(true)
  const owner = world.sandbox.owner.userId
  await world.call('auth.setIdentity', { userId: owner })
  await world.call('settings.update', { ...FAST_POLLING, includeUnassignedStat: false, alerts: { reAlertMinutes: 1, reAlertMax: 3 } })
  await page.context().grantPermissions(['notifications'])
  const recorded = await recordNotifications(page)
  await page.goto(world.shell.url)
  await expect(page.getByTestId('connection-status')).toContainText('Online')
  expect(await page.evaluate<string>('Notification.permission')).toBe('granted')

  const first = await createStudy(world, { severity: 'stat', studyDescription: 'E2E grouped CT head', assignedTo: owner })
  // One tag per study across accounts (studyKey: account and study); the one account here is the first.
  const tag = `rrc-study-${studyKey({ accountId: FIRST_ACCOUNT_ID, studyId: first.studyId })}`
  await expect.poll(async () => (await recorded()).filter((n) => n.tag === tag).map((n) => n.title), { timeout: 10_000 }).toEqual(['New stat study'])
  // The reminder: the same tag, the earlier notification closed by the page, one live for the study.
  await expect
    .poll(async () => (await recorded()).filter((n) => n.tag === tag).map((n) => [n.title, n.closed]), { timeout: 90_000, intervals: [1_000] })
    .toEqual([['New stat study', true], ['Stat study still waiting', false]])
  expect(livePerTag(await recorded()).get(tag)).toBe(1)

  // A burst: three stat studies that the next poll sees together (lists fail while they are created).
  await setFault(world, { status: 503, match: { method: 'GET', path: '/v1/viewer/studies' } })
  const burst: Study[] = []
  for (const n of [1, 2, 3]) burst.push(await createStudy(world, { severity: 'stat', studyDescription: `E2E grouped burst ${n}`, assignedTo: owner }))
  const before = (await recorded()).length
  await setFault(world, null)
  await expect.poll(async () => (await recorded()).slice(before).map((n) => n.title), { timeout: 30_000 }).toContain('3 new stat studies')
  // Two more stat polls: no single notification for the burst follows.
  await page.waitForTimeout(5_000)
  const after = await recorded()
  const aboutBurst = after.slice(before).filter((n) => n.body.includes('E2E grouped burst'))
  expect(aboutBurst.map((n) => [n.title, n.tag])).toEqual([['3 new stat studies', 'rrc-stat-summary']])
  expect(after.filter((n) => burst.some((s) => n.tag === `rrc-study-${studyKey({ accountId: FIRST_ACCOUNT_ID, studyId: s.studyId })}`))).toEqual([])
  const live = livePerTag(after)
  expect([...live.values()].every((count) => count === 1)).toBe(true)
  expect(live.get(tag)).toBe(1)
  expect(live.get('rrc-stat-summary')).toBe(1)
})

test('browser notifications: stat studies arriving in two clinics at once end as one live summary naming both', async ({ page, world }) => {
  test.setTimeout(90_000)
  // Each clinic's owner has no study and the pool is not watched: only this test's studies alert.
  const second = await world.secondSandbox()
  await world.call('auth.saveKey', { baseUrl: world.sandbox.baseURL, apiKey: world.sandbox.apiKey })
  await world.call('auth.setIdentity', { userId: world.sandbox.owner.userId })
  await world.call('settings.update', { ...FAST_POLLING, includeUnassignedStat: false })
  // Only queries are read back: the answers of add and update are not relied on.
  await world.call('accounts.add', { baseUrl: second.baseURL, apiKey: second.apiKey, displayName: 'Northside Imaging', userId: second.owner.userId })
  await world.call('accounts.update', { accountId: FIRST_ACCOUNT_ID, displayName: 'Riverside' })
  await expect
    .poll(async () => (await world.call('accounts.list', {})).accounts.map((a) => [a.displayName, a.connection.status]), { timeout: 15_000 })
    .toEqual([['Riverside', 'online'], ['Northside Imaging', 'online']])
  const secondId = (await world.call('accounts.list', {})).accounts[1]!.accountId
  await page.context().grantPermissions(['notifications'])
  const recorded = await recordNotifications(page)
  await page.goto(world.shell.url)
  await expect(page.getByTestId('connection-status')).toContainText('Online')

  const [a, b] = await Promise.all([
    createStudy(world, { severity: 'stat', studyDescription: 'E2E clinics burst CT head', assignedTo: world.sandbox.owner.userId }),
    createStudyOn(second, { severity: 'stat', studyDescription: 'E2E clinics burst CT chest', assignedTo: second.owner.userId })
  ])
  const about = (all: RecordedNotification[]) => all.filter((n) => n.body.includes('E2E clinics burst'))
  // The first clinic's poll to see its study raises its notification at once; the other's poll, at most
  // one stat interval later, raises the burst's summary in its place.
  await expect.poll(async () => about(await recorded()).map((n) => n.tag), { timeout: 15_000 }).toContain('rrc-stat-summary')
  // Two more stat polls of each account: nothing more about the burst follows.
  await page.waitForTimeout(2 * FAST_POLLING.statIntervalSec * 1000 + 1_000)
  const burst = about(await recorded())
  const studyTags = [studyKey({ accountId: FIRST_ACCOUNT_ID, studyId: a.studyId }), studyKey({ accountId: secondId, studyId: b.studyId })].map((key) => `rrc-study-${key}`)
  expect(burst).toHaveLength(2)
  expect(studyTags).toContain(burst[0]!.tag)
  expect(burst[0]!.closed).toBe(true)
  expect(burst[1]).toMatchObject({ tag: 'rrc-stat-summary', closed: false })
  expect(burst[1]!.title).toMatch(/^2 new stat studies in (Riverside and Northside Imaging|Northside Imaging and Riverside)$/)
  expect(burst[1]!.body).toContain('Riverside: E2E clinics burst CT head')
  expect(burst[1]!.body).toContain('Northside Imaging: E2E clinics burst CT chest')
  // One live notification for the burst.
  expect(burst.filter((n) => !n.closed)).toHaveLength(1)
})
