/**
 * The preload: runs sandboxed, bundled into one CommonJS file (out/preload/index.cjs). It gives the
 * renderer `window.companion` (CompanionBridge) and nothing else: no ipcRenderer, no Node, no key.
 * Only contract names pass; the IpcRendererEvent (which carries `sender`) never reaches the page.
 * It carries names only (@shared/ipc/names): payloads are validated in main, so no zod ships here.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { callChannel, eventChannel, isCallNameText, isEventNameText, unwrapBridgeResult, type BridgeResult } from '@shared/ipc/names'
import type { CallName, CallRequest, CallResponse, CompanionBridge, EventName, EventPayloads } from '@shared/ipc/contract'

const bridge: CompanionBridge = {
  shell: 'electron',
  async invoke<K extends CallName>(name: K, request: CallRequest<K>): Promise<CallResponse<K>> {
    if (!isCallNameText(name)) throw new Error(`Unknown call: ${String(name)}`)
    const result = (await ipcRenderer.invoke(callChannel(name), request)) as BridgeResult<CallResponse<K>>
    return unwrapBridgeResult(result)
  },
  on<E extends EventName>(name: E, listener: (payload: EventPayloads[E]) => void): () => void {
    if (!isEventNameText(name)) throw new Error(`Unknown event: ${String(name)}`)
    if (typeof listener !== 'function') throw new TypeError('listener must be a function')
    const channel = eventChannel(name)
    const forward = (_event: IpcRendererEvent, payload: EventPayloads[E]) => listener(payload)
    ipcRenderer.on(channel, forward)
    return () => {
      ipcRenderer.removeListener(channel, forward)
    }
  }
}

contextBridge.exposeInMainWorld('companion', Object.freeze(bridge))
