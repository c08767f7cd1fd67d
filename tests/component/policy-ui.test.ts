// @vitest-environment happy-dom
/**
 * What the administrator's policy does to the screens: a locked server shown read-only without
 * the sandbox shortcut, locked settings shown with "Set by your administrator" and not sent to the
 * core, and a policy file that was not applied named in a notice that stays.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import App from '@renderer/App.vue'
import OnboardingScreen from '@renderer/components/onboarding/OnboardingScreen.vue'
import SettingsPanel from '@renderer/components/settings/SettingsPanel.vue'
import { setBridge } from '@renderer/bridge'
import { applyAppState, applyEngineEvents } from '@renderer/stores/app'
import { useSettingsStore } from '@renderer/stores/settings'
import type { AuthState } from '@shared/ipc/contract'
import { NO_MANAGED_POLICY, type ManagedState } from '@shared/ipc/managed-policy'
import { FakeBridge, appState, flush } from './fake-bridge'

const POLICY_FILE = '/etc/reading-room-companion/policy.json'
const CLINIC_SERVER = 'https://avara.clinic.example'

const signedOut = (baseUrl: string): AuthState => ({
  baseUrl,
  hasKey: false,
  identity: null,
  keyStorage: { kind: 'keychain', label: 'GNOME Keyring (Secret Service)', problem: null, fallbackNeedsConsent: false }
})

const managed = (overrides: Partial<ManagedState>): ManagedState => ({ ...NO_MANAGED_POLICY, file: POLICY_FILE, ...overrides })

let bridge: FakeBridge
beforeEach(() => {
  setActivePinia(createPinia())
  bridge = new FakeBridge()
  setBridge(bridge)
  document.body.innerHTML = ''
})

describe('sign-in under a policy', () => {
  it('shows a locked server read-only with the reason, and neither the sandbox nor the Avara shortcut', () => {
    applyAppState(appState({ auth: signedOut(CLINIC_SERVER), managed: managed({ serverUrl: CLINIC_SERVER, serverUrlLocked: true, allowSandbox: false }) }))
    const wrapper = mount(OnboardingScreen, { attachTo: document.body })
    const server = wrapper.get<HTMLInputElement>('#base-url')
    expect(server.element.value).toBe(CLINIC_SERVER)
    expect(server.element.readOnly).toBe(true)
    expect(server.attributes('aria-describedby')).toBe('base-url-lock')
    expect(wrapper.get('#base-url-lock').text()).toBe('Set by your administrator')
    expect(wrapper.get('#base-url-lock').attributes('title')).toContain(POLICY_FILE)
    expect(wrapper.find('[data-testid="use-sandbox"]').exists()).toBe(false)
    expect(wrapper.text()).not.toContain('Use Avara')
  })

  it('sends the locked server with the key', async () => {
    applyAppState(appState({ auth: signedOut(CLINIC_SERVER), managed: managed({ serverUrl: CLINIC_SERVER, serverUrlLocked: true, allowSandbox: false }) }))
    bridge.handle('auth.saveKey', () => ({ ok: false, problem: 'key-rejected', message: 'No.' }))
    const wrapper = mount(OnboardingScreen, { attachTo: document.body })
    await wrapper.get('#api-key').setValue('sk_test_x')
    await wrapper.get('form').trigger('submit')
    await flush()
    expect(bridge.callsOf('auth.saveKey')).toEqual([{ baseUrl: CLINIC_SERVER, apiKey: 'sk_test_x' }])
  })

  it('hides only the sandbox when the policy forbids it, and offers the preset server while it is not locked', async () => {
    applyAppState(appState({ auth: signedOut(CLINIC_SERVER), managed: managed({ serverUrl: CLINIC_SERVER, allowSandbox: false }) }))
    const wrapper = mount(OnboardingScreen, { attachTo: document.body })
    const server = wrapper.get<HTMLInputElement>('#base-url')
    expect(server.element.readOnly).toBe(false)
    expect(wrapper.find('[data-testid="lock-note"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="use-sandbox"]').exists()).toBe(false)
    await wrapper.get('button.link').trigger('click') // "Use Avara"
    expect(server.element.value).toBe('https://api.avarasoftware.com')
    await wrapper.get('[data-testid="use-managed-server"]').trigger('click')
    expect(server.element.value).toBe(CLINIC_SERVER)
  })

  it('offers the sandbox when no policy says otherwise (a shell that sends no managed state)', () => {
    const state = appState({ auth: signedOut('https://api.avarasoftware.com') })
    delete state.managed
    applyAppState(state)
    const wrapper = mount(OnboardingScreen, { attachTo: document.body })
    expect(wrapper.find('[data-testid="use-sandbox"]').exists()).toBe(true)
    expect(wrapper.get<HTMLInputElement>('#base-url').element.readOnly).toBe(false)
  })
})

describe('Settings under a policy', () => {
  const lockedPolicy = managed({ lockedSettings: ['statIntervalSec', 'alerts.sound'], presetSettings: ['statIntervalSec', 'alerts.sound', 'queueIntervalSec'] })

  function mountSettings() {
    bridge.handleSettingsUpdate(() => useSettingsStore().settings)
    applyEngineEvents(bridge)
    applyAppState(appState({ managed: lockedPolicy }))
    return mount(SettingsPanel, { attachTo: document.body })
  }

  it('shows a lock and why on each locked setting, and nowhere else', () => {
    const wrapper = mountSettings()
    expect(wrapper.get('[data-testid="managed-summary"]').text()).toContain(POLICY_FILE)
    const statInterval = wrapper.get<HTMLInputElement>('#stat-interval')
    expect(statInterval.element.readOnly).toBe(true)
    expect(statInterval.attributes('aria-describedby')).toContain('stat-interval-lock')
    expect(wrapper.get('#stat-interval-lock').text()).toBe('Set by your administrator')
    const sound = wrapper.findAll('label').find((label) => label.text().includes('Play a sound'))
    expect(sound?.get<HTMLInputElement>('input').element.disabled).toBe(true)
    expect(sound?.text()).toContain('Set by your administrator')
    // Preset but not locked: the user may change it.
    expect(wrapper.get<HTMLInputElement>('#queue-interval').element.readOnly).toBe(false)
    expect(wrapper.find('#queue-interval-lock').exists()).toBe(false)
    expect(wrapper.findAll('[data-testid="lock-note"]')).toHaveLength(2)
  })

  it('never sends a locked setting to the core, and still sends the others', async () => {
    const wrapper = mountSettings()
    const statInterval = wrapper.get<HTMLInputElement>('#stat-interval')
    await statInterval.setValue('9')
    await statInterval.trigger('change')
    const queueInterval = wrapper.get<HTMLInputElement>('#queue-interval')
    await queueInterval.setValue('45')
    await queueInterval.trigger('change')
    await flush()
    expect(bridge.callsOf('settings.update')).toEqual([{ queueIntervalSec: 45 }])
  })
})

describe('a policy file that was not applied', () => {
  it('is named with its file and fields in a notice that stays on every screen', async () => {
    const problem = { file: POLICY_FILE, issues: [{ field: 'settings.statIntervalSec', message: 'Too small: expected number to be >=2' }, { field: null, message: 'second issue' }] }
    bridge.handle('app.getState', () => appState({ managed: { ...NO_MANAGED_POLICY, problem } }))
    applyAppState(appState({ managed: { ...NO_MANAGED_POLICY, problem } }))
    const wrapper = mount(App, { attachTo: document.body })
    await flush()
    const notice = wrapper.get('[data-testid="policy-problem"]')
    expect(notice.text()).toContain(POLICY_FILE)
    expect(notice.text()).toContain('settings.statIntervalSec: Too small: expected number to be >=2')
    expect(notice.text()).toContain('second issue')
    expect(notice.attributes('role')).toBe('status')
    expect(notice.find('button').exists()).toBe(false)
    // Still there on the sign-in screen.
    applyAppState(appState({ auth: signedOut('https://api.avarasoftware.com'), managed: { ...NO_MANAGED_POLICY, problem } }))
    await flush()
    expect(wrapper.find('#base-url').exists()).toBe(true)
    expect(wrapper.find('[data-testid="policy-problem"]').exists()).toBe(true)
  })

  it('is absent when the policy applied or there is none', async () => {
    applyAppState(appState({ managed: managed({ presetSettings: ['queueIntervalSec'] }) }))
    const wrapper = mount(App, { attachTo: document.body })
    await flush()
    expect(wrapper.find('[data-testid="policy-problem"]').exists()).toBe(false)
  })
})
