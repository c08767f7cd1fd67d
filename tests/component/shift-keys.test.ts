// @vitest-environment happy-dom
import { studyKey } from '@shared/ipc/accounts'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import App from '@renderer/App.vue'
import { startApp } from '@renderer/stores/app'
import { useQueueStore } from '@renderer/stores/queue'
import { useClockStore } from '@renderer/stores/clock'
import { useNoticesStore } from '@renderer/stores/notices'
import { commandFor, KEY_LIST, type KeyPress } from '@renderer/lib/keys'
import type { StudyAlertState } from '@shared/ipc/contract'
import { FakeBridge, appState, flush, makeStudy, snapshotOf } from './fake-bridge'

const idle = { typing: false, onControl: false }
const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, altKey: false, ...extra })

describe('letter keys on any keyboard', () => {
  it('work with Caps Lock on (upper-case letter, no Shift)', () => {
    expect(commandFor(press('J', { code: 'KeyJ' }), idle)).toBe('next')
    expect(commandFor(press('S', { code: 'KeyS' }), idle)).toBe('snooze30')
    expect(commandFor(press('S', { code: 'KeyS', shiftKey: true }), idle)).toBe('snooze60')
  })

  it('work on Cyrillic and Greek layouts by the physical key', () => {
    expect(commandFor(press('о', { code: 'KeyJ' }), idle)).toBe('next')
    expect(commandFor(press('ы', { code: 'KeyS' }), idle)).toBe('snooze30')
    expect(commandFor(press('Ф', { code: 'KeyA', shiftKey: true }), idle)).toBe('acknowledgeAll')
    expect(commandFor(press('ξ', { code: 'KeyJ' }), idle)).toBe('next')
    expect(commandFor(press('.', { code: 'Slash' }), idle)).toBe('search')
  })

  it('follow the typed Latin letter, not the place, on Latin layouts (Dvorak j sits on KeyC)', () => {
    expect(commandFor(press('j', { code: 'KeyC' }), idle)).toBe('next')
  })

  it('cover every action, each listed in the key help', () => {
    const cases: Array<[KeyPress, string]> = [
      [press('s'), 'snooze30'],
      [press('S', { shiftKey: true }), 'snooze60'],
      [press('x'), 'complete'],
      [press('a'), 'acknowledge'],
      [press('A', { shiftKey: true }), 'acknowledgeAll'],
      [press('p'), 'pause30'],
      [press('P', { shiftKey: true }), 'pause60'],
      [press('n'), 'nextStat'],
      [press('c'), 'claim'],
      [press('g'), 'changes']
    ]
    for (const [p, command] of cases) expect(commandFor(p, idle), p.key).toBe(command)
    const listed = KEY_LIST.flatMap((e) => e.keys)
    for (const k of ['s', 'Shift+S', 'x', 'a', 'Shift+A', 'p', 'Shift+P', 'n', 'c', 'g']) expect(listed).toContain(k)
    expect(commandFor(press('s'), { typing: true, onControl: false })).toBeNull()
  })
})

describe('the new keys drive the queue', () => {
  let wrapper: VueWrapper
  let bridge: FakeBridge
  let stop: () => void
  const alerting = (): StudyAlertState => ({ status: 'alerting', firstAlertedAt: '2026-01-01T11:00:00.000Z', alertCount: 1, snoozedUntil: null })
  const statA = makeStudy({ severity: 'stat', studyDescription: 'stat A', createdAt: '2026-01-01T09:00:00.000Z' })
  const statB = makeStudy({ severity: 'stat', studyDescription: 'stat B', createdAt: '2026-01-01T09:30:00.000Z' })
  const high = makeStudy({ severity: 'high', studyDescription: 'high C' })
  const normal = makeStudy({ severity: 'normal', studyDescription: 'normal D' })
  const snapshot = snapshotOf([statA, statB, high, normal], { alerts: { [studyKey(statA)]: alerting(), [studyKey(statB)]: alerting() } })

  beforeEach(async () => {
    setActivePinia(createPinia())
    bridge = new FakeBridge()
      .handle('app.getState', () => appState({ queue: snapshot }))
      .handleAlertCommands(() => useQueueStore().snapshot)
      .handle('alerts.pause', ({ minutes }) => {
        bridge.emit('alerts.pauseChanged', { pausedUntil: minutes === 0 ? null : new Date(Date.now() + minutes * 60_000).toISOString() })
        return { ok: true }
      })
      .handle('study.setViewerStatus', ({ studyId, status }) => ({ ...[statA, statB, high, normal].find((s) => s.studyId === studyId)!, studyViewerStatus: status }))
    stop = await startApp(bridge)
    wrapper = mount(App, { attachTo: document.body })
    await flush()
  })
  afterEach(() => {
    wrapper.unmount()
    stop()
    useClockStore().stop()
  })

  const key = async (k: string, extra: KeyboardEventInit = {}) => {
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...extra }))
    await flush()
  }

  it('s and Shift+S snooze the selected alert 30 and 60 minutes', async () => {
    await key('j')
    await key('s')
    await key('S', { shiftKey: true, code: 'KeyS' })
    expect(bridge.callsOf('alerts.snoozeStudy')).toEqual([
      { accountId: 'primary', studyId: statA.studyId, minutes: 30 },
      { accountId: 'primary', studyId: statA.studyId, minutes: 60 }
    ])
  })

  it('x marks complete and the selection moves on to the next study', async () => {
    await key('j')
    await key('j')
    expect(useQueueStore().selectedItem?.study.studyDescription).toBe('stat B')
    await key('x')
    expect(bridge.callsOf('study.setViewerStatus')).toEqual([{ accountId: 'primary', studyId: statB.studyId, status: 'complete' }])
    expect(useQueueStore().selectedItem?.study.studyDescription).toBe('high C')
  })

  it('Shift+A acknowledges every stat alert; n goes from stat to stat', async () => {
    await key('A', { shiftKey: true })
    await flush()
    expect(bridge.callsOf('alerts.acknowledge')).toEqual([{ accountId: 'primary', studyId: statA.studyId }, { accountId: 'primary', studyId: statB.studyId }])
    expect(useQueueStore().alertingStat).toEqual([])
    await key('n')
    expect(useQueueStore().selectedItem?.study.studyDescription).toBe('stat A')
    await key('n')
    expect(useQueueStore().selectedItem?.study.studyDescription).toBe('stat B')
    await key('n')
    expect(useQueueStore().selectedItem?.study.studyDescription).toBe('stat A')
  })

  it('p pauses alerts for 30 minutes, p again resumes; Shift+P pauses 60', async () => {
    await key('p')
    expect(useNoticesStore().paused).toBe(true)
    await key('p')
    await key('P', { shiftKey: true })
    expect(bridge.callsOf('alerts.pause')).toEqual([{ minutes: 30 }, { minutes: 0 }, { minutes: 60 }])
  })

  it('a Cyrillic layout moves and snoozes by the physical keys', async () => {
    await key('о', { code: 'KeyJ' })
    await key('ы', { code: 'KeyS' })
    expect(bridge.callsOf('alerts.snoozeStudy')).toEqual([{ accountId: 'primary', studyId: statA.studyId, minutes: 30 }])
  })

  it('every action button names its key in a tooltip', async () => {
    await key('j')
    const bar = wrapper.get('[aria-label="Actions for the selected study"]')
    const titles = bar.findAll('button').map((b) => b.attributes('title'))
    expect(titles).toEqual(
      expect.arrayContaining(['Open in viewer (Enter)', 'Acknowledge alert (a)', 'Snooze 30 min (s)', 'Snooze 60 min (Shift+S)', 'Mark complete (x)', 'Copy UID (y)', 'Details (i)'])
    )
  })
})
