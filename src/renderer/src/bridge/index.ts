/**
 * The renderer's single way to the app. In Electron the preload exposes `window.companion`;
 * in a browser the web shell's HTTP bridge stands in. Tests install a fake with `setBridge`.
 */
import type { CompanionBridge } from '@shared/ipc/contract'
import { HttpBridge } from './http-bridge'

declare global {
  interface Window {
    companion?: CompanionBridge
  }
}

let current: CompanionBridge | null = null

export function setBridge(bridge: CompanionBridge): void {
  current = bridge
}

export function useBridge(): CompanionBridge {
  if (!current) throw new Error('The bridge is not set up yet.')
  return current
}

export function createDefaultBridge(win: Window = window): CompanionBridge {
  if (win.companion) return win.companion
  // Its addresses are relative to the page's own (`/<token>/`): no token to pass.
  return new HttpBridge()
}

export { isLinkAware, type LinkAwareBridge } from './http-bridge'
