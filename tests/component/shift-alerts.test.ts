// @vitest-environment happy-dom
/**
 * Issue 10, alerts: the banner names the newest stat arrival (and an escalation), browser
 * notifications are grouped (a reminder replaces its study's notification, a burst stays one
 * summary), and the web page asks once about notifications. The browser's Notification is an OS
 * edge, replaced by a recording stand-in that counts live notifications.
 */
import { studyKey } from '@shared/ipc/accounts'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import App from '@renderer/App.vue'
import StatBanner from '@renderer/components/queue/StatBanner.vue'
import { applyAppState, startApp } from '@renderer/stores/app'
import { useClockStore } from '@renderer/stores/clock'
import { useNoticesStore } from '@renderer/stores/notices'
import { setBridge } from '@renderer/bridge'
import type { AlertNotice, StudyAlertState } from '@shared/ipc/contract'
import { FakeBridge, appState, flush, makeStudy, snapshotOf } from './fake-bridge'

class RecordingNotification {
  static permission: NotificationPermission = 'granted'
  static shown: RecordingNotification[] = []
  static requested = 0
  static async requestPermission(): Promise<NotificationPermission> {
    RecordingNotification.requested += 1
    return RecordingNotification.permission
  }
  static live() {
    return RecordingNotification.shown.filter((n) => !n.closed)
  }
  onclick: (() => void) | null = null
  onclose: (() => void) | null = null
  closed = false
  constructor(
    readonly title: string,
    readonly options: NotificationOptions
  ) {
    RecordingNotification.shown.push(this)
  }
  close() {
    this.closed = true
    this.onclose?.()
  }
}

const original = globalThis.Notification
let stop: () => void = () => {}
let wrapper: VueWrapper | null = null
beforeEach(() => {
  RecordingNotification.shown = []
  RecordingNotification.requested = 0
  RecordingNotification.permission = 'granted'
  ;(globalThis as { Notification: unknown }).Notification = RecordingNotification
  setActivePinia(createPinia())
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  stop()
  useClockStore().stop()
  ;(globalThis as { Notification: unknown }).Notification = original
})

const alerting = (at: string): StudyAlertState => ({ status: 'alerting', firstAlertedAt: at, alertCount: 1, snoozedUntil: null })
const notice = (id: string, studyIds: string[], extra: Partial<AlertNotice> = {}): AlertNotice => ({
  id,
  level: 'stat',
  title: studyIds.length === 1 ? 'New stat study' : `${studyIds.length} new stat studies`,
  body: 'x (stat)',
  studyIds,
  studies: studyIds.map((studyId) => ({ accountId: 'primary', studyId })),
  reAlert: false,
  at: '2026-01-01T12:00:00Z',
  ...extra
})

describe('the stat banner names the newest arrival', () => {
  const old1 = makeStudy({ severity: 'stat', studyDescription: 'CT Head (old)', createdAt: '2026-01-01T08:00:00Z' })
  const old2 = makeStudy({ severity: 'stat', studyDescription: 'CT Spine (old)', createdAt: '2026-01-01T08:30:00Z' })
  const fresh = makeStudy({ severity: 'stat', studyDescription: 'CTA Chest PE', createdAt: '2026-01-01T07:00:00Z' })
  const queue = snapshotOf([old1, old2, fresh], {
    alerts: {
      [studyKey(old1)]: alerting('2026-01-01T09:00:00Z'),
      [studyKey(old2)]: alerting('2026-01-01T09:05:00Z'),
      // Created earliest (it waited elsewhere) but alerted last: this one is new to the radiologist.
      [studyKey(fresh)]: alerting('2026-01-01T11:40:00Z')
    }
  })

  it('one stat arrival among others is named, with the count of the others', async () => {
    setBridge(new FakeBridge())
    applyAppState(appState({ queue }))
    wrapper = mount(StatBanner)
    expect(wrapper.get('[data-testid="stat-banner-study"]').text()).toBe('CTA Chest PE')
    expect(wrapper.text()).toContain('New stat:')
    expect(wrapper.get('[data-testid="stat-banner-others"]').text()).toBe('2 other stat studies alerting.')
    expect(wrapper.findAll('button').map((b) => b.text())).toEqual(expect.arrayContaining(['Acknowledge all', 'Next stat']))
  })

  it('says when the study escalated to stat', async () => {
    const bridge = new FakeBridge().handle('app.getState', () => appState({ queue }))
    stop = await startApp(bridge)
    bridge.emit('alert.shown', notice('e1', [fresh.studyId], { escalated: true, title: 'Study escalated to stat' }))
    wrapper = mount(StatBanner)
    expect(wrapper.text()).toContain('Escalated to stat: CTA Chest PE')
  })
})

describe('browser notifications are grouped', () => {
  const a = makeStudy({ severity: 'stat' })
  const b = makeStudy({ severity: 'stat' })
  const c = makeStudy({ severity: 'stat' })

  async function web() {
    const bridge = new FakeBridge('web').handle('app.getState', () => appState({ queue: snapshotOf([a, b, c]) }))
    stop = await startApp(bridge)
    return bridge
  }

  it('a reminder replaces the earlier notification of the same study (one tag per study)', async () => {
    const bridge = await web()
    bridge.emit('alert.shown', notice('n1', [a.studyId]))
    bridge.emit('alert.shown', notice('n2', [b.studyId]))
    bridge.emit('alert.shown', notice('r1', [a.studyId], { reAlert: true, title: 'Stat study still waiting' }))
    bridge.emit('alert.shown', notice('r2', [a.studyId], { reAlert: true, title: 'Stat study still waiting' }))
    expect(RecordingNotification.shown).toHaveLength(4)
    expect(RecordingNotification.live().map((n) => n.options.tag)).toEqual([`rrc-study-${studyKey(b)}`, `rrc-study-${studyKey(a)}`])
    expect(RecordingNotification.live()[1]!.title).toBe('Stat study still waiting')
    expect(useNoticesStore().liveCount).toBe(2)
  })

  it('a burst stays one summary: it replaces the single ones it covers and the earlier summary', async () => {
    const bridge = await web()
    bridge.emit('alert.shown', notice('n1', [a.studyId]))
    bridge.emit('alert.shown', notice('s1', [b.studyId, c.studyId]))
    bridge.emit('alert.shown', notice('s2', [a.studyId, b.studyId, c.studyId], { reAlert: true, title: '3 stat studies still waiting' }))
    const live = RecordingNotification.live()
    expect(live).toHaveLength(1)
    expect(live[0]!.title).toBe('3 stat studies still waiting')
    expect(useNoticesStore().liveCount).toBe(1)
  })

  it('acknowledging a study closes its notification', async () => {
    const bridge = await web()
    const { useQueueStore } = await import('@renderer/stores/queue')
    bridge.handleAlertCommands(() => useQueueStore().snapshot)
    bridge.emit('alert.shown', notice('n1', [a.studyId]))
    await useQueueStore().acknowledge(a)
    expect(RecordingNotification.live()).toHaveLength(0)
    expect(useQueueStore().snapshot.alerts[studyKey(a)]?.status).toBe('acknowledged')
  })
})

describe('the web page asks once about notifications', () => {
  async function page(view: { notificationsAsked?: boolean } = {}) {
    RecordingNotification.permission = 'default'
    const bridge = new FakeBridge('web')
      .handle('app.getState', () => appState({ queue: snapshotOf([makeStudy()]), view }))
      .handle('view.update', (patch) => ({ ...view, ...patch }))
    stop = await startApp(bridge)
    wrapper = mount(App, { attachTo: document.body })
    await flush()
    return bridge
  }

  it('says what happens without them; "Not now" is remembered through the core', async () => {
    const bridge = await page()
    const prompt = wrapper!.get('[data-testid="notification-prompt"]')
    expect(prompt.text()).toContain('Without them, alerts show only in this window.')
    await prompt.findAll('button').find((b) => b.text() === 'Not now')!.trigger('click')
    await flush()
    expect(bridge.callsOf('view.update')).toContainEqual({ notificationsAsked: true })
    expect(wrapper!.find('[data-testid="notification-prompt"]').exists()).toBe(false)
    expect(RecordingNotification.requested).toBe(0)
  })

  it('"Allow" asks the browser (from the click), and a page that was asked before does not ask again', async () => {
    await page()
    await wrapper!.get('[data-testid="notification-prompt"] .btn.primary').trigger('click')
    await flush()
    expect(RecordingNotification.requested).toBe(1)
    wrapper!.unmount()
    stop()
    setActivePinia(createPinia())
    await page({ notificationsAsked: true })
    expect(wrapper!.find('[data-testid="notification-prompt"]').exists()).toBe(false)
  })
})
