// @vitest-environment happy-dom
import { studyKey } from '@shared/ipc/accounts'
import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import SettingsPanel from '@renderer/components/settings/SettingsPanel.vue'
import StatBanner from '@renderer/components/queue/StatBanner.vue'
import { setBridge } from '@renderer/bridge'
import App from '@renderer/App.vue'
import { applyAppState, applyEngineEvents, startApp } from '@renderer/stores/app'
import { useClockStore } from '@renderer/stores/clock'
import { useSettingsStore } from '@renderer/stores/settings'
import { useQueueStore } from '@renderer/stores/queue'
import { useNoticesStore } from '@renderer/stores/notices'
import { DEFAULT_SETTINGS } from '@shared/ipc/contract'
import { FakeBridge, appState, flush, makeStudy, snapshotOf } from './fake-bridge'

let bridge: FakeBridge
beforeEach(() => {
  setActivePinia(createPinia())
  // As the engine answers: the new settings come as settings.changed, the answer is only "done".
  bridge = new FakeBridge().handleSettingsUpdate(() => useSettingsStore().settings)
  setBridge(bridge)
})

describe('settings', () => {
  it.each([
    ['before the answer (Electron)', false],
    ['after the answer (web shell)', true]
  ])('saves one change at a time as a patch and shows the result from settings.changed, arriving %s', async (_order, eventsAfterAnswers) => {
    bridge.eventsAfterAnswers = eventsAfterAnswers
    applyEngineEvents(bridge)
    applyAppState(appState())
    const wrapper = mount(SettingsPanel, { attachTo: document.body })
    await wrapper.get('input[type="radio"][value="high-contrast"]').setValue(true)
    await flush()
    const queueInterval = wrapper.get<HTMLInputElement>('#queue-interval')
    // setValue fires input and change, as a user's edit does (once: a second change before
    // settings.changed arrives would save it again).
    await queueInterval.setValue('45')
    await flush()
    expect(bridge.callsOf('settings.update')).toEqual([{ appearance: { theme: 'high-contrast' } }, { queueIntervalSec: 45 }])
    expect(useSettingsStore().settings.appearance.theme).toBe('high-contrast')
    expect(useSettingsStore().settings.queueIntervalSec).toBe(45)
  })

  it('refuses an out-of-range interval with the allowed range, without calling the core', async () => {
    applyAppState(appState())
    const wrapper = mount(SettingsPanel, { attachTo: document.body })
    const statInterval = wrapper.get<HTMLInputElement>('#stat-interval')
    await statInterval.setValue('1')
    await statInterval.trigger('change')
    expect(bridge.callsOf('settings.update')).toEqual([])
    expect(statInterval.attributes('aria-invalid')).toBe('true')
    expect(wrapper.get('#stat-interval-hint').text()).toBe('Enter a whole number from 2 to 60.')
  })

  it('offers start at login only in the desktop app, and browser notifications only in the web shell', () => {
    applyAppState(appState({ shell: 'electron' }))
    const desktop = mount(SettingsPanel)
    expect(desktop.text()).toContain('Start when I log in')
    expect(desktop.text()).not.toContain('desktop notifications')
    desktop.unmount()
    applyAppState(appState({ shell: 'web' }))
    const web = mount(SettingsPanel)
    expect(web.text()).not.toContain('Start when I log in')
    expect(web.text()).toContain('Starting at login is a setting of the desktop app')
  })

  it('sends each alert, target, text size and start-up preference as its own patch', async () => {
    applyEngineEvents(bridge)
    applyAppState(appState({ shell: 'electron' }))
    const wrapper = mount(SettingsPanel, { attachTo: document.body })
    const checkbox = (label: string) => {
      const found = wrapper.findAll('label').find((l) => l.text().includes(label))
      if (!found) throw new Error(`no checkbox "${label}"`)
      return found.get('input[type="checkbox"]')
    }
    const commit = async (id: string, value: string) => {
      const input = wrapper.get<HTMLInputElement>(`#${id}`)
      await input.setValue(value)
      await input.trigger('change')
      await flush()
    }
    await checkbox('Alert for high-severity studies too').setValue(true)
    await checkbox('Play a sound').setValue(false)
    await checkbox('Do not disturb').setValue(true)
    await checkbox('Fast stat lane').setValue(false)
    await commit('stat-interval', '10')
    await commit('realert', '10')
    await commit('target-stat', '15')
    await commit('target-high', '120')
    await commit('target-normal', '600')
    await wrapper.get('#text-size').setValue('1.3')
    await flush()
    await checkbox('Start when I log in').setValue(true)
    await flush()
    expect(bridge.callsOf('settings.update')).toEqual([
      { alerts: { high: true } },
      { alerts: { sound: false } },
      { alerts: { doNotDisturb: true } },
      { statLaneEnabled: false },
      { statIntervalSec: 10 },
      { alerts: { reAlertMinutes: 10 } },
      { targets: { statMinutes: 15 } },
      { targets: { highMinutes: 120 } },
      { targets: { normalMinutes: 600 } },
      { appearance: { textScale: 1.3 } },
      { startAtLogin: true }
    ])
    expect(useSettingsStore().settings).toMatchObject({
      alerts: { high: true, sound: false, doNotDisturb: true, reAlertMinutes: 10 },
      targets: { statMinutes: 15, highMinutes: 120, normalMinutes: 600 },
      appearance: { textScale: 1.3 },
      startAtLogin: true
    })
  })

  it('applies the theme and text size to the whole page, and follows a change from the core', async () => {
    const settings = structuredClone(DEFAULT_SETTINGS)
    settings.appearance = { theme: 'light', textScale: 1.5 }
    bridge.handle('app.getState', () => appState({ settings }))
    const stop = await startApp(bridge)
    const wrapper = mount(App, { attachTo: document.body })
    await flush()
    const root = document.documentElement
    expect(root.dataset.theme).toBe('light')
    expect(root.style.fontSize).toBe('24px')
    bridge.emit('settings.changed', { ...settings, appearance: { theme: 'high-contrast', textScale: 0.9 } })
    await flush()
    expect(root.dataset.theme).toBe('high-contrast')
    expect(Number.parseFloat(root.style.fontSize)).toBeCloseTo(14.4)
    wrapper.unmount()
    stop()
    useClockStore().stop()
  })

  it('pauses alerts for 30 minutes through the core', async () => {
    // As the engine does it: the pause comes as alerts.pauseChanged (wired as startApp wires it), the answer only says done.
    bridge.on('alerts.pauseChanged', ({ pausedUntil }) => (useNoticesStore().pausedUntil = pausedUntil))
    bridge.handle('alerts.pause', () => {
      bridge.emit('alerts.pauseChanged', { pausedUntil: '2999-01-01T00:30:00.000Z' })
      return { ok: true }
    })
    applyAppState(appState())
    const wrapper = mount(SettingsPanel)
    const pause = wrapper.findAll('button').find((b) => b.text() === 'Pause alerts 30 min')!
    await pause.trigger('click')
    await flush()
    expect(bridge.callsOf('alerts.pause')).toEqual([{ minutes: 30 }])
    expect(wrapper.text()).toContain('Resume alerts now')
  })
})

describe('the stat banner', () => {
  // Issue 10 changed the rule: the banner names the newest alerting stat study (a new arrival must
  // not hide behind an older one); with equal alert times, the study created last.
  it('shows the newest alerting stat study with its actions, and nothing when none alerts', async () => {
    const older = makeStudy({ severity: 'stat', studyDescription: 'CT Head', createdAt: '2026-01-01T09:00:00Z' })
    const newer = makeStudy({ severity: 'stat', studyDescription: 'CTA Chest', createdAt: '2026-01-01T11:00:00Z' })
    const alert = { status: 'alerting' as const, firstAlertedAt: '2026-01-01T11:00:00Z', alertCount: 1, snoozedUntil: null }
    applyAppState(appState({ queue: snapshotOf([newer, older], { alerts: { [studyKey(older)]: alert, [studyKey(newer)]: alert } }) }))
    const wrapper = mount(StatBanner)
    expect(wrapper.get('[data-testid="stat-banner-study"]').text()).toBe('CTA Chest')
    expect(wrapper.text()).toContain('1 other stat study alerting')
    // As startApp wires it: the engine's deltas reach the queue store.
    bridge.on('queue.delta', (delta) => useQueueStore().applyDelta(delta))
    bridge.handleAlertCommands(() => useQueueStore().snapshot)
    await wrapper.findAll('button').find((b) => b.text() === 'Acknowledge')!.trigger('click')
    await flush()
    expect(bridge.callsOf('alerts.acknowledge')).toEqual([{ accountId: 'primary', studyId: newer.studyId }])
    // The acknowledged state came as the engine's delta: the banner goes on to the other study.
    expect(wrapper.get('[data-testid="stat-banner-study"]').text()).toBe('CT Head')
    await wrapper.findAll('button').find((b) => b.text() === 'Acknowledge')!.trigger('click')
    await flush()
    expect(wrapper.find('[data-testid="stat-banner"]').exists()).toBe(false)
  })
})

