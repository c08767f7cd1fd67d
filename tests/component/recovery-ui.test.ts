// @vitest-environment happy-dom
/** Issue 10, recovery: what the page does when the network returns, and what it says about a pasted key. */
import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { startApp } from '@renderer/stores/app'
import { useSessionStore } from '@renderer/stores/session'
import { useNoticesStore } from '@renderer/stores/notices'
import { FakeBridge, ME, appState, flush } from './fake-bridge'

let bridge: FakeBridge
beforeEach(() => {
  setActivePinia(createPinia())
  bridge = new FakeBridge()
})

const signedIn = () => appState({ auth: { ...appState().auth, hasKey: true, identity: ME } })
const signedOut = () => appState({ auth: { ...appState().auth, hasKey: false, identity: null } })

describe('recovery in the page', () => {
  it('asks the engine to poll (or re-probe the key) at once when the browser says the network is back', async () => {
    const state = signedIn()
    bridge.handle('app.getState', () => state).handle('queue.refresh', () => ({ ok: true }))
    const stop = await startApp(bridge)
    expect(bridge.callsOf('queue.refresh')).toHaveLength(0)
    window.dispatchEvent(new Event('online'))
    await flush()
    expect(bridge.callsOf('queue.refresh')).toHaveLength(1)
    stop()
    window.dispatchEvent(new Event('online'))
    await flush()
    expect(bridge.callsOf('queue.refresh')).toHaveLength(1)
  })

  it('does not poll on "online" while signed out', async () => {
    bridge.handle('app.getState', () => signedOut()).handle('queue.refresh', () => ({ ok: true }))
    const stop = await startApp(bridge)
    window.dispatchEvent(new Event('online'))
    await flush()
    expect(bridge.callsOf('queue.refresh')).toHaveLength(0)
    stop()
  })

  it('says so when the engine removed whitespace from a pasted key', async () => {
    const auth = { ...appState().auth, hasKey: true }
    const note = 'Spaces and line breaks were removed from the pasted key.'
    // As the engine answers: the sign-in as auth.changed, the answer the key check's outcome and its note.
    bridge.handle('app.getState', () => signedOut()).handle('auth.saveKey', () => {
      bridge.emit('auth.changed', auth)
      return { ok: true, needsIdentity: false, note }
    })
    const stop = await startApp(bridge)
    const session = useSessionStore()
    const saved = await session.saveKey('http://127.0.0.1:4010', 'sk_line\nbreak', false)
    expect(session.keyFeedback?.message ?? null).toBeNull()
    expect(saved).toBe(true)
    expect(session.auth.hasKey).toBe(true)
    expect(useNoticesStore().messages.map((m) => m.text)).toContain(note)
    stop()
  })
})
