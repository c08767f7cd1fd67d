/**
 * The Electron side of the bridge: one `ipcMain.handle` per call of the contract and one channel
 * per event. Every call is checked at the door (sender-guard.ts) before the core validates its
 * arguments; errors travel back as BridgeResult data.
 */
import type { IpcMain, WebContents } from 'electron'
import type { Companion } from '@main/engine/companion-api'
import type { Logger } from '@main/engine/ports'
import { errorName } from '@main/engine/call-errors'
import { CALL_NAMES, EVENT_NAMES, callChannel, eventChannel, type BridgeResult, type EventName } from '@shared/ipc/contract'
import type { AppPage } from './app-page'
import { isTrustedSender } from './sender-guard'

export const FORBIDDEN: BridgeResult<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This page may not use the companion.' }
}

const INTERNAL_ERROR: BridgeResult<never> = {
  ok: false,
  error: { code: 'internal', message: 'The companion hit an unexpected error. It is logged; please try again.' }
}

export interface IpcDeps {
  ipcMain: IpcMain
  companion: Companion
  page: AppPage
  /** The app window's web contents, or null while there is none. */
  appContents: () => WebContents | null
  logger: Logger
}

export function registerIpcHandlers(deps: IpcDeps): () => void {
  for (const name of CALL_NAMES) {
    deps.ipcMain.handle(callChannel(name), async (event, request: unknown) => {
      if (!isTrustedSender(event, deps.appContents(), deps.page)) {
        deps.logger.warn('IPC call refused: untrusted sender', { call: name })
        return FORBIDDEN
      }
      try {
        return await deps.companion.handle(name, request)
      } catch (error) {
        // The core returns errors as data; anything thrown is a bug, reported without its text.
        deps.logger.error('IPC call failed unexpectedly', { call: name, error: errorName(error) })
        return INTERNAL_ERROR
      }
    })
  }
  return () => {
    for (const name of CALL_NAMES) deps.ipcMain.removeHandler(callChannel(name))
  }
}

/** Sends every core event to the app window; returns a function that stops forwarding. */
export function forwardCoreEvents(companion: Companion, appContents: () => WebContents | null): () => void {
  const unsubscribes = EVENT_NAMES.map((name: EventName) =>
    companion.on(name, (payload) => {
      const contents = appContents()
      if (contents && !contents.isDestroyed()) contents.send(eventChannel(name), payload)
    })
  )
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe()
  }
}
