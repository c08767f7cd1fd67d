/**
 * The door check for every IPC call: a call is served only when it comes from the main frame of
 * the app window, showing the app's own page. Subframes, other windows and navigated-away pages
 * are refused before the core sees the request.
 *
 * Typed structurally (no `electron` import) so it is unit-tested in plain Node.
 */
import { isAppPageUrl, type AppPage } from './app-page'

export interface FrameLike {
  readonly url: string
  readonly parent: unknown
  readonly isDestroyed?: () => boolean
}
export interface SenderLike {
  readonly id: number
  readonly mainFrame: FrameLike
}
export interface InvokeEventLike {
  readonly sender: SenderLike
  readonly senderFrame: FrameLike | null | undefined
}

export function isTrustedSender(event: InvokeEventLike, appContents: SenderLike | null, page: AppPage): boolean {
  if (!appContents) return false
  const frame = event.senderFrame
  if (!frame) return false // the frame navigated or was destroyed before the call arrived
  if (frame.isDestroyed?.()) return false
  if (event.sender.id !== appContents.id) return false
  if (frame !== appContents.mainFrame || frame.parent !== null) return false
  return isAppPageUrl(page, frame.url)
}
