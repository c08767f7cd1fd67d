// @vitest-environment happy-dom
/** Issue 10 settings: claim on open (on by default) and reminders for unassigned pool studies (off by default). */
import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import SettingsPanel from '@renderer/components/settings/SettingsPanel.vue'
import { setBridge } from '@renderer/bridge'
import { applyAppState, applyEngineEvents } from '@renderer/stores/app'
import { useSettingsStore } from '@renderer/stores/settings'
import { DEFAULT_SETTINGS } from '@shared/ipc/contract'
import { FakeBridge, appState, flush } from './fake-bridge'

let bridge: FakeBridge
beforeEach(() => {
  setActivePinia(createPinia())
  // As the engine answers: the new settings come as settings.changed (wired as startApp wires it), the answer is only "done".
  bridge = new FakeBridge().handleSettingsUpdate(() => useSettingsStore().settings)
  setBridge(bridge)
  applyEngineEvents(bridge)
})

const checkbox = (wrapper: ReturnType<typeof mount>, words: string) =>
  wrapper.findAll('label').find((l) => l.text().includes(words))!.get<HTMLInputElement>('input[type="checkbox"]')

describe('shift settings', () => {
  it('defaults: claim on open on, pool reminders off', () => {
    expect(DEFAULT_SETTINGS.claimOnOpen).toBe(true)
    expect(DEFAULT_SETTINGS.alerts.reAlertPool).toBe(false)
  })

  it('each is one checkbox that sends a one-key patch', async () => {
    applyAppState(appState())
    const wrapper = mount(SettingsPanel, { attachTo: document.body })
    const claim = checkbox(wrapper, 'Opening an unassigned stat study claims it first')
    const pool = checkbox(wrapper, 'Remind me of unassigned stat-pool studies too')
    expect(claim.element.checked).toBe(true)
    expect(pool.element.checked).toBe(false)
    await claim.setValue(false)
    await pool.setValue(true)
    await flush()
    expect(bridge.callsOf('settings.update')).toEqual([{ claimOnOpen: false }, { alerts: { reAlertPool: true } }])
    expect(useSettingsStore().settings.claimOnOpen).toBe(false)
    expect(useSettingsStore().settings.alerts.reAlertPool).toBe(true)
    wrapper.unmount()
  })
})
