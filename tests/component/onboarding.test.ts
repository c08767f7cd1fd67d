// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import OnboardingScreen from '@renderer/components/onboarding/OnboardingScreen.vue'
import { applyAppState } from '@renderer/stores/app'
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
})

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

  it('explains a missing keychain and asks consent before the plaintext-equivalent fallback', async () => {
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
    bridge.handle('auth.saveKey', () => ({ ok: true, auth: { ...signedOut(), hasKey: true } }))
    await wrapper.get('#api-key').setValue('good-key')
    await problem.get('input[type="checkbox"]').setValue(true)
    await wrapper.get('form').trigger('submit')
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
  it('finds users by email and follows the one picked', async () => {
    const wrapper = mountSignedOut({ ...signedOut(), hasKey: true })
    bridge
      .handle('auth.findUsers', () => [{ ...ME, clinicRole: 'Radiologist' }])
      .handle('auth.setIdentity', () => ({ ...signedOut(), hasKey: true, identity: ME }))
    await wrapper.get('#identity-query').setValue('rad@example.org')
    await wrapper.get('form').trigger('submit')
    await flush()
    await wrapper.get(`[data-user-email="${ME.email}"]`).trigger('click')
    await flush()
    expect(bridge.callsOf('auth.findUsers')).toEqual([{ query: 'rad@example.org' }])
    expect(bridge.callsOf('auth.setIdentity')).toEqual([{ userId: ME.userId }])
    expect(useSessionStore().onboarding).toBe(false)
  })

  it('lists every user to pick from without typing', async () => {
    const wrapper = mountSignedOut({ ...signedOut(), hasKey: true })
    const other = { userId: `usr_${'2'.repeat(32)}`, email: 'other@example.org', displayName: 'Dr Other', clinicRole: 'Radiologist' }
    bridge
      .handle('auth.findUsers', () => [{ ...ME, clinicRole: 'Radiologist' }, other])
      .handle('auth.setIdentity', () => ({ ...signedOut(), hasKey: true, identity: { userId: other.userId, email: other.email, displayName: other.displayName } }))
    await wrapper.findAll('button').find((b) => b.text() === 'List all users')!.trigger('click')
    await flush()
    expect(bridge.callsOf('auth.findUsers')).toEqual([{ query: '' }])
    expect(wrapper.findAll('[data-user-email]').map((b) => b.attributes('data-user-email'))).toEqual([ME.email, other.email])
    await wrapper.get(`[data-user-email="${other.email}"]`).trigger('click')
    await flush()
    expect(bridge.callsOf('auth.setIdentity')).toEqual([{ userId: other.userId }])
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
