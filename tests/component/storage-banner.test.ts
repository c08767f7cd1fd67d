// @vitest-environment happy-dom
/**
 * The user is told: changes that cannot be saved show as a banner that stays until a save works
 * again, and a recovery at start shows what came back and what was lost until it is dismissed.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import QueueScreen from '@renderer/components/queue/QueueScreen.vue'
import { setBridge } from '@renderer/bridge'
import { applyAppState } from '@renderer/stores/app'
import { useConnectionStore } from '@renderer/stores/connection'
import { FakeBridge, appState, flush } from './fake-bridge'

const PROBLEM = 'Changes cannot be saved: the disk is read-only, /home/rad/.config/Reading Room Companion (web)'
const RECOVERY = {
  message: 'The settings file was damaged (it held no settings (not a JSON object)) and was set aside as companion-state.json.corrupt-1. Restored from the last good copy: alert history, settings. Lost: cached queue.',
  recovered: ['alert history', 'settings'],
  lost: ['cached queue']
}

beforeEach(() => {
  setActivePinia(createPinia())
  setBridge(new FakeBridge())
  document.body.innerHTML = ''
})

describe('storage banners', () => {
  it('shows a save problem while it lasts and hides it when the connection says it was saved', async () => {
    const base = appState()
    applyAppState(appState({ connection: { ...base.connection, saveProblem: PROBLEM } }))
    const wrapper = mount(QueueScreen, { attachTo: document.body })
    const banner = wrapper.get('[data-testid="save-problem-banner"]')
    expect(banner.attributes('role')).toBe('alert')
    expect(banner.text()).toContain(PROBLEM)
    useConnectionStore().apply({ ...base.connection, saveProblem: null })
    await flush()
    expect(wrapper.find('[data-testid="save-problem-banner"]').exists()).toBe(false)
  })

  it('shows what was recovered and lost until dismissed, and a re-sync does not bring it back', async () => {
    applyAppState(appState({ storage: { saveProblem: null, recovery: RECOVERY } }))
    const wrapper = mount(QueueScreen, { attachTo: document.body })
    expect(wrapper.get('[data-testid="recovery-banner"]').text()).toContain('Lost: cached queue.')
    await wrapper.get('[data-testid="recovery-banner"] button').trigger('click')
    expect(wrapper.find('[data-testid="recovery-banner"]').exists()).toBe(false)
    applyAppState(appState({ storage: { saveProblem: null, recovery: RECOVERY } }))
    await flush()
    expect(wrapper.find('[data-testid="recovery-banner"]').exists()).toBe(false)
  })
})
