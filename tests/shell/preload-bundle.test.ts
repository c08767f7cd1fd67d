/**
 * The built preload (out/preload/index.cjs) run as Electron's sandbox runs it: a classic script
 * whose `require` knows only `electron`. Checks the bridge it exposes is exactly CompanionBridge,
 * and that the bundle stays small (channel names, no schemas).
 */
import { readFileSync, statSync } from 'node:fs'
import { runInNewContext } from 'node:vm'
import { beforeAll, describe, expect, it } from 'vitest'
import { ensureBuiltBundles } from './build-output'
import { PRELOAD_BUNDLE } from './shell-process'

interface Bridge {
  shell: string
  invoke(name: string, request: unknown): Promise<unknown>
  on(name: string, listener: (payload: unknown) => void): () => void
}

type Listener = (event: unknown, payload: unknown) => void

function loadPreload(reply: (channel: string, request: unknown) => unknown) {
  const exposed = new Map<string, unknown>()
  const invoked: Array<{ channel: string; request: unknown }> = []
  const listeners = new Map<string, Set<Listener>>()
  const electron = {
    contextBridge: { exposeInMainWorld: (name: string, api: unknown) => exposed.set(name, api) },
    ipcRenderer: {
      invoke: async (channel: string, request: unknown) => {
        invoked.push({ channel, request })
        return reply(channel, request)
      },
      on: (channel: string, listener: Listener) => {
        const set = listeners.get(channel) ?? new Set()
        set.add(listener)
        listeners.set(channel, set)
      },
      removeListener: (channel: string, listener: Listener) => listeners.get(channel)?.delete(listener)
    }
  }
  const sandboxRequire = (name: string) => {
    if (name === 'electron') return electron
    throw new Error(`module not found: ${name} (a sandboxed preload can only require electron)`)
  }
  const module = { exports: {} }
  runInNewContext(readFileSync(PRELOAD_BUNDLE, 'utf8'), { require: sandboxRequire, module, exports: module.exports, console }, { filename: PRELOAD_BUNDLE })
  return { exposed, invoked, listeners }
}

beforeAll(() => ensureBuiltBundles(), 240_000)

/** The preload carries channel names, not schemas (src/shared/ipc/names.ts); with zod it was ~198 KB. */
const PRELOAD_BUDGET_BYTES = 20 * 1024

describe('the built preload', () => {
  it(`stays under ${PRELOAD_BUDGET_BYTES / 1024} KB: names only, no zod`, () => {
    const text = readFileSync(PRELOAD_BUNDLE, 'utf8')
    expect(statSync(PRELOAD_BUNDLE).size).toBeLessThan(PRELOAD_BUDGET_BYTES)
    expect(text).not.toMatch(/\bZodError\b|\$ZodType/)
  })

  it('exposes only window.companion with shell, invoke and on', () => {
    const { exposed } = loadPreload(() => ({ ok: true, value: null }))
    expect([...exposed.keys()]).toEqual(['companion'])
    const bridge = exposed.get('companion') as Bridge
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on', 'shell'])
    expect(bridge.shell).toBe('electron')
    expect(Object.isFrozen(bridge)).toBe(true)
  })

  it('invokes contract calls on their channel and unwraps the result envelope', async () => {
    const { exposed, invoked } = loadPreload((channel) =>
      channel === 'rrc:call:queue.refresh' ? { ok: true, value: { ok: true } } : { ok: false, error: { code: 'forbidden', message: 'no' } }
    )
    const bridge = exposed.get('companion') as Bridge
    await expect(bridge.invoke('queue.refresh', {})).resolves.toEqual({ ok: true })
    expect(invoked).toEqual([{ channel: 'rrc:call:queue.refresh', request: {} }])
    await expect(bridge.invoke('study.open', { studyId: 'x' })).rejects.toMatchObject({ name: 'BridgeError', code: 'forbidden' })
  })

  it('refuses names outside the contract without touching IPC', async () => {
    const { exposed, invoked } = loadPreload(() => ({ ok: true, value: null }))
    const bridge = exposed.get('companion') as Bridge
    await expect(bridge.invoke('__ELECTRON_LOG__', {})).rejects.toThrow(/Unknown call/)
    await expect(bridge.invoke('constructor', {})).rejects.toThrow(/Unknown call/)
    expect(() => bridge.on('rrc:call:study.open', () => undefined)).toThrow(/Unknown event/)
    expect(invoked).toHaveLength(0)
  })

  it('delivers event payloads without the IPC event, and unsubscribes', () => {
    const { exposed, listeners } = loadPreload(() => ({ ok: true, value: null }))
    const bridge = exposed.get('companion') as Bridge
    const received: unknown[][] = []
    const off = bridge.on('queue.updated', (...args) => received.push(args))
    const channel = listeners.get('rrc:event:queue.updated')
    expect(channel?.size).toBe(1)
    for (const listener of channel ?? []) listener({ sender: { secret: true } }, { mine: [] })
    expect(received).toEqual([[{ mine: [] }]])
    off()
    expect(channel?.size).toBe(0)
  })
})
