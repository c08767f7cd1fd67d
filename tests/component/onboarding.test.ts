// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import OnboardingScreen from '@renderer/components/onboarding/OnboardingScreen.vue'
import SettingsPanel from '@renderer/components/settings/SettingsPanel.vue'
import { applyAppState, applyEngineEvents } from '@renderer/stores/app'
import { setBridge } from '@renderer/bridge'
import { useSessionStore } from '@renderer/stores/session'
import type { AuthState } from '@shared/ipc/contract'
import { FakeBridge, ME, appState, flush } from './fake-bridge'

const signedOut = (keyStorage?: Partial<AuthState['keyStorage']>): AuthState => ({
  baseUrl: 'https://api.avarasoftware.com',
  hasKey: false,
  identity: null,
  keyStorage: { kind: 'keychain', label: 'GNOME Keyring (Secret Service)', problem: null, fallbackNeedsConsent: false, ...keyStorage }
})

let bridge: FakeBridge
beforeEach(() => {
  setActivePinia(createPinia())
  bridge = new FakeBridge()
  setBridge(bridge)
  // As startApp wires it: the sign-in reaches the session store only as auth.changed.
  applyEngineEvents(bridge)
})

/** auth.setIdentity as the engine answers it: the new sign-in as auth.changed, the answer only "done". */
function followsOnPick(identity: AuthState['identity']) {
  bridge.handle('auth.setIdentity', () => {
    bridge.emit('auth.changed', { ...signedOut(), hasKey: true, identity })
    return { ok: true } as const
  })
}

function mountSignedOut(auth: AuthState = signedOut()) {
  applyAppState(appState({ auth }))
  return mount(OnboardingScreen, { attachTo: document.body })
}

describe('onboarding: server and key', () => {
  it('masks the key, can show it, and says where it will be kept', async () => {
    const wrapper = mountSignedOut()
    const key = wrapper.get<HTMLInputElement>('#api-key')
    expect(key.attributes('type')).toBe('password')
    await wrapper.get('button[aria-pressed]').trigger('click')
    expect(key.attributes('type')).toBe('text')
    expect(wrapper.get('[data-testid="key-storage"]').text()).toContain('GNOME Keyring (Secret Service)')
  })

  it('offers the local sandbox address in one click', async () => {
    const wrapper = mountSignedOut()
    await wrapper.get('[data-testid="use-sandbox"]').trigger('click')
    expect(wrapper.get<HTMLInputElement>('#base-url').element.value).toBe('http://127.0.0.1:4010')
  })

  it('shows the core\'s message for a rejected key and for an unreachable server', async () => {
    const wrapper = mountSignedOut()
    bridge.handle('auth.saveKey', () => ({ ok: false, problem: 'key-rejected', message: 'The server answered 401 for this key.' }))
    await wrapper.get('#api-key').setValue('wrong')
    await wrapper.get('form').trigger('submit')
    await flush()
    const feedback = wrapper.get('[data-testid="key-feedback"]')
    expect(feedback.attributes('role')).toBe('alert')
    expect(feedback.text()).toContain('The server rejected this key.')
    expect(feedback.text()).toContain('The server answered 401 for this key.')

    bridge.handle('auth.saveKey', () => ({ ok: false, problem: 'unreachable', message: 'No answer from api.example.' }))
    await wrapper.get('form').trigger('submit')
    await flush()
    expect(wrapper.get('[data-testid="key-feedback"]').text()).toContain('Cannot reach the server.')
    expect(bridge.callsOf('auth.saveKey')).toEqual([
      { baseUrl: 'https://api.avarasoftware.com', apiKey: 'wrong' },
      { baseUrl: 'https://api.avarasoftware.com', apiKey: 'wrong' }
    ])
  })

  it.each([
    ['before the answer (Electron)', false],
    ['after the answer (web shell)', true]
  ])('explains a missing keychain and asks consent before the plaintext-equivalent fallback (auth.changed %s)', async (_order, eventsAfterAnswers) => {
    bridge.eventsAfterAnswers = eventsAfterAnswers
    const wrapper = mountSignedOut(
      signedOut({
        kind: 'none',
        label: 'nowhere yet',
        problem: { reason: 'No Secret Service is running.', fix: 'Install gnome-keyring and log in again.' },
        fallbackNeedsConsent: true
      })
    )
    const problem = wrapper.get('[data-testid="storage-problem"]')
    expect(problem.text()).toContain('No Secret Service is running.')
    expect(problem.text()).toContain('Install gnome-keyring')
    // As the engine answers: the sign-in as auth.changed, the answer only the key check's outcome.
    bridge.handle('auth.saveKey', () => {
      bridge.emit('auth.changed', { ...signedOut(), hasKey: true })
      return { ok: true, needsIdentity: true }
    })
    await wrapper.get('#api-key').setValue('good-key')
    await problem.get('input[type="checkbox"]').setValue(true)
    await wrapper.get('form').trigger('submit')
    await flush()
    await flush()
    expect(bridge.callsOf('auth.saveKey')).toEqual([
      { baseUrl: 'https://api.avarasoftware.com', apiKey: 'good-key', allowFallbackStorage: true }
    ])
    // The key was kept: the identity step follows, and the key field is gone with its value.
    expect(useSessionStore().step).toBe('identity')
    expect(wrapper.find('#api-key').exists()).toBe(false)
  })
})

describe('onboarding: identity', () => {
  it.each([
    ['before the answer (Electron)', false],
    ['after the answer (web shell)', true]
  ])('finds users by email and follows the one picked (auth.changed %s)', async (_order, eventsAfterAnswers) => {
    bridge.eventsAfterAnswers = eventsAfterAnswers
    const wrapper = mountSignedOut({ ...signedOut(), hasKey: true })
    bridge.handle('auth.findUsers', () => [{ ...ME, clinicRole: 'Radiologist' }])
    followsOnPick(ME)
    await wrapper.get('#identity-query').setValue('rad@example.org')
    await wrapper.get('form').trigger('submit')
    await flush()
    await wrapper.get(`[data-user-email="${ME.email}"]`).trigger('click')
    await flush()
    await flush()
    expect(bridge.callsOf('auth.findUsers')).toEqual([{ query: 'rad@example.org' }])
    expect(bridge.callsOf('auth.setIdentity')).toEqual([{ userId: ME.userId }])
    expect(useSessionStore().onboarding).toBe(false)
  })

  it('lists every user to pick from without typing', async () => {
    const wrapper = mountSignedOut({ ...signedOut(), hasKey: true })
    const other = { userId: `usr_${'2'.repeat(32)}`, email: 'other@example.org', displayName: 'Dr Other', clinicRole: 'Radiologist' }
    bridge.handle('auth.findUsers', () => [{ ...ME, clinicRole: 'Radiologist' }, other])
    followsOnPick({ userId: other.userId, email: other.email, displayName: other.displayName })
    await wrapper.findAll('button').find((b) => b.text() === 'List all users')!.trigger('click')
    await flush()
    expect(bridge.callsOf('auth.findUsers')).toEqual([{ query: '' }])
    expect(wrapper.findAll('[data-user-email]').map((b) => b.attributes('data-user-email'))).toEqual([ME.email, other.email])
    await wrapper.get(`[data-user-email="${other.email}"]`).trigger('click')
    await flush()
    expect(bridge.callsOf('auth.setIdentity')).toEqual([{ userId: other.userId }])
    expect(useSessionStore().auth.identity?.userId).toBe(other.userId)
    expect(useSessionStore().onboarding).toBe(false)
  })

  it('says when nobody matches', async () => {
    const wrapper = mountSignedOut({ ...signedOut(), hasKey: true })
    bridge.handle('auth.findUsers', () => [])
    await wrapper.get('#identity-query').setValue('nobody@example.org')
    await wrapper.get('form').trigger('submit')
    await flush()
    expect(wrapper.get('[role="alert"]').text()).toBe('No user found for "nobody@example.org".')
  })
})

describe('sign-out', () => {
  it.each([
    ['before the answer (Electron)', false],
    ['after the answer (web shell)', true]
  ])('asks first, then the sign-in screen returns once auth.changed says the key is gone (%s)', async (_order, eventsAfterAnswers) => {
    bridge.eventsAfterAnswers = eventsAfterAnswers
    bridge.handle('auth.signOut', () => {
      // As the engine answers: the signed-out state as auth.changed (the identity is kept), the answer only "done".
      bridge.emit('auth.changed', { ...signedOut(), identity: ME })
      return { ok: true } as const
    })
    applyAppState(appState())
    const wrapper = mount(SettingsPanel, { attachTo: document.body })
    expect(useSessionStore().onboarding).toBe(false)
    await wrapper.findAll('button').find((b) => b.text() === 'Sign out…')!.trigger('click')
    expect(bridge.callsOf('auth.signOut')).toEqual([])
    const signingOut = useSessionStore().signOut()
    expect(useSessionStore().busy).toBe(true)
    await signingOut
    // The store went on only once the event showed the key gone, in either order.
    expect(useSessionStore().auth.hasKey).toBe(false)
    expect(useSessionStore().busy).toBe(false)
    expect(useSessionStore().step).toBe('connect')
    expect(bridge.callsOf('auth.signOut')).toEqual([{}])
    wrapper.unmount()
  })
})
