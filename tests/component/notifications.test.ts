// @vitest-environment happy-dom
/**
 * In the web shell the page is the desktop notifier. The browser's Notification is an OS edge
 * that cannot run here, so it is replaced by a recording stand-in.
 */
import { studyKey } from '@shared/ipc/accounts'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { startApp } from '@renderer/stores/app'
import { useClockStore } from '@renderer/stores/clock'
import { useNoticesStore } from '@renderer/stores/notices'
import { useQueueStore } from '@renderer/stores/queue'
import type { AlertNotice } from '@shared/ipc/contract'
import { FakeBridge, appState, flush, makeStudy, snapshotOf } from './fake-bridge'

class RecordingNotification {
  static permission: NotificationPermission = 'granted'
  static shown: RecordingNotification[] = []
  static async requestPermission(): Promise<NotificationPermission> {
    return RecordingNotification.permission
  }
  onclick: (() => void) | null = null
  closed = false
  constructor(
    readonly title: string,
    readonly options: NotificationOptions
  ) {
    RecordingNotification.shown.push(this)
  }
  close() {
    this.closed = true
  }
}

const original = globalThis.Notification
let stop: () => void = () => {}
beforeEach(() => {
  RecordingNotification.shown = []
  RecordingNotification.permission = 'granted'
  ;(globalThis as { Notification: unknown }).Notification = RecordingNotification
  setActivePinia(createPinia())
})
afterEach(() => {
  stop()
  useClockStore().stop()
  ;(globalThis as { Notification: unknown }).Notification = original
})

const statStudy = makeStudy({ severity: 'stat', studyDescription: 'CT Head' })
const notice: AlertNotice = {
  id: 'n1',
  level: 'stat',
  title: 'Stat study waiting',
  body: 'CT Head',
  studyIds: [statStudy.studyId],
  studies: [{ accountId: 'primary', studyId: statStudy.studyId }],
  reAlert: false,
  at: '2026-01-01T12:00:00Z'
}

describe('browser notifications in the web shell', () => {
  it('raises one for an alert; clicking it selects and opens the study', async () => {
    const bridge = new FakeBridge('web')
      .handle('app.getState', () => appState({ queue: snapshotOf([makeStudy(), statStudy]) }))
      .handle('study.open', () => ({ ok: true, openedBy: 'page', url: 'http://127.0.0.1:4010/viewer/studies/x?token=t' }))
    window.open = (() => null) as typeof window.open
    stop = await startApp(bridge)
    bridge.emit('alert.shown', notice)
    expect(RecordingNotification.shown).toHaveLength(1)
    const shown = RecordingNotification.shown[0]!
    expect(shown.title).toBe('Stat study waiting')
    expect(shown.options).toMatchObject({ body: 'CT Head', requireInteraction: true })
    shown.onclick?.()
    await flush()
    expect(useQueueStore().selectedKey).toBe(studyKey(statStudy))
    expect(bridge.callsOf('study.open')).toEqual([{ accountId: 'primary', studyId: statStudy.studyId }])
    expect(shown.closed).toBe(true)
  })

  it('stays in the page when permission is not granted, and never in Electron (native notifications there)', async () => {
    RecordingNotification.permission = 'default'
    const web = new FakeBridge('web').handle('app.getState', () => appState())
    stop = await startApp(web)
    web.emit('alert.shown', notice)
    expect(RecordingNotification.shown).toHaveLength(0)
    expect(useNoticesStore().alertLog).toHaveLength(1)
    stop()

    setActivePinia(createPinia())
    RecordingNotification.permission = 'granted'
    const electron = new FakeBridge('electron').handle('app.getState', () => appState({ shell: 'electron' }))
    stop = await startApp(electron)
    electron.emit('alert.shown', { ...notice, id: 'n2' })
    expect(RecordingNotification.shown).toHaveLength(0)
    expect(useNoticesStore().alertLog.map((n) => n.id)).toEqual(['n2'])
  })
})
