/**
 * Start-up: wire the bridge's events into the stores, then paint the state the core already
 * has (including the cached queue from the last run) before any poll returns.
 */
import { studyKey, type AppState, type CompanionBridge, type StudyRef } from '@shared/ipc/contract'
import { isLinkAware, setBridge } from '../bridge'
import { runMenuCommand } from '../composables/keyboard'
import { useClockStore } from './clock'
import { useConnectionStore } from './connection'
import { useStorageStore } from './storage'
import { useManagedStore } from './managed'
import { useNoticesStore } from './notices'
import { useQueueStore } from './queue'
import { useSessionStore } from './session'
import { useSettingsStore } from './settings'
import { useUiStore } from './ui'
import { useChangesStore } from './changes'
import { useAccountsStore } from './accounts'

export function applyAppState(state: AppState): void {
  const session = useSessionStore()
  // The remembered view applies once: a re-sync after a dropped link must not undo the user's moves.
  const firstLoad = !session.loaded
  session.shell = state.shell
  session.version = state.version
  session.apply(state.auth)
  useSettingsStore().apply(state.settings)
  useManagedStore().apply(state.managed)
  useConnectionStore().apply(state.connection)
  useStorageStore().apply(state.storage)
  useAccountsStore().apply(state.accounts)
  useQueueStore().apply(state.queue)
  if (firstLoad && state.view) {
    useQueueStore().applyViewPrefs(state.view)
    useUiStore().applyViewPrefs(state.view)
  }
  useNoticesStore().pausedUntil = state.alertsPausedUntil
  session.loaded = true
}

/**
 * The engine's state events into the stores: the only way a command's change reaches them (its
 * answer is "done" or a small result, never the state: src/shared/ipc/README.md, "One way").
 * Returns a function that unsubscribes them.
 */
export function applyEngineEvents(bridge: CompanionBridge): () => void {
  const connection = useConnectionStore()
  const queue = useQueueStore()
  const notices = useNoticesStore()
  const offs = [
    // The snapshot came with the state; from then on only changes, in order (docs/core.md).
    bridge.on('queue.delta', (delta) => queue.applyDelta(delta)),
    bridge.on('queue.updated', (snapshot) => queue.apply(snapshot)),
    bridge.on('connection.changed', (state) => connection.apply(state)),
    bridge.on('auth.changed', (auth) => useSessionStore().apply(auth)),
    bridge.on('settings.changed', (next) => useSettingsStore().apply(next)),
    bridge.on('accounts.changed', (next) => useAccountsStore().apply(next)),
    bridge.on('alerts.pauseChanged', ({ pausedUntil }) => (notices.pausedUntil = pausedUntil)),
    bridge.on('queue.changes', ({ changes }) => useChangesStore().receive(changes))
  ]
  return () => offs.forEach((off) => off())
}

/** Returns a function that unsubscribes everything (tests, hot reload). */
export async function startApp(bridge: CompanionBridge): Promise<() => void> {
  setBridge(bridge)
  const session = useSessionStore()
  const settings = useSettingsStore()
  const connection = useConnectionStore()
  const queue = useQueueStore()
  const notices = useNoticesStore()
  const ui = useUiStore()
  useClockStore().start()

  const selectAlerted = (ref: StudyRef) => {
    const key = studyKey(ref)
    ui.settingsOpen = false
    queue.setView(queue.pool.some((s) => studyKey(s) === key) ? 'pool' : 'mine')
    // An account filter that hides the study would hide what the alert is about.
    if (queue.accountFilter !== null && queue.accountFilter !== ref.accountId) queue.setAccountFilter(null)
    queue.select(key)
    ui.focusGrid()
  }

  const resync = async () => {
    try {
      applyAppState(await bridge.invoke('app.getState', {}))
    } catch {
      // The link is down again; the next reconnect tries once more.
    }
  }

  const offs = [
    applyEngineEvents(bridge),
    bridge.on('alert.clicked', (ref) => selectAlerted(ref)),
    bridge.on('menu.command', ({ command }) => runMenuCommand(command)),
    bridge.on('alert.shown', (notice) =>
      notices.receiveAlert(notice, {
        raiseOutside: bridge.shell === 'web',
        // The notice's account decides (its own alert settings); an older engine sends none.
        sound: notice.sound ?? settings.settings.alerts.sound,
        onClick: (n) => {
          const first = n.studies[0]
          if (!first) return
          selectAlerted(first)
          if (n.studies.length === 1) void queue.open(first)
        }
      })
    )
  ]
  // The network is back: poll (or re-probe a rejected key) now instead of waiting out a backoff.
  const onOnline = () => {
    if (session.auth.hasKey) void connection.refresh()
  }
  globalThis.addEventListener?.('online', onOnline)
  offs.push(() => globalThis.removeEventListener?.('online', onOnline))
  if (isLinkAware(bridge)) {
    offs.push(
      bridge.onLinkChange((up) => {
        const wasDown = !connection.linkUp
        connection.linkUp = up
        // Events may have been missed while the stream was down: fetch the whole state again.
        if (up && wasDown) void resync()
      })
    )
  }

  await resync()
  if (!session.loaded) connection.linkUp = false
  return () => offs.forEach((off) => off())
}
