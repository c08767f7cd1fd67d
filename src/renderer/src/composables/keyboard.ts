/** Wires the keyboard map (lib/keys.ts) to the stores for the whole window. */
import { onBeforeUnmount, onMounted } from 'vue'
import type { MenuCommand } from '@shared/ipc/contract'
import { commandFor, keyContextOf, type Command } from '../lib/keys'
import { useClinicStore } from '../stores/clinic'
import { useConnectionStore } from '../stores/connection'
import { useQueueStore } from '../stores/queue'
import { useSessionStore } from '../stores/session'
import { useUiStore } from '../stores/ui'
import { acknowledgeAll, canComplete, canSnooze, selectNextStat, toggleComplete, togglePause } from './queue-commands'

/** Runs one command; returns false when it did not apply (so the key keeps its default). */
export function runCommand(command: Command): boolean {
  const ui = useUiStore()
  const queue = useQueueStore()
  const session = useSessionStore()
  if (command === 'close') {
    if (ui.keysOpen) ui.keysOpen = false
    else if (ui.changesOpen) ui.changesOpen = false
    else if (queue.detailsOpen) queue.closeDetails()
    else if (ui.settingsOpen) ui.settingsOpen = false
    else if (queue.text) {
      queue.text = ''
      ui.focusGrid()
    } else return false
    return true
  }
  if (command === 'keys') {
    ui.keysOpen = !ui.keysOpen
    return true
  }
  if (command === 'openSettings') {
    // Ctrl/⌘+, and the menu open settings (never close them), from either workspace.
    if (session.onboarding) return false
    ui.keysOpen = false
    ui.settingsOpen = true
    return true
  }
  // The rest act on the queue; not while signing in, and not behind the modal key list.
  if (session.onboarding || ui.keysOpen) return false
  // In the clinic workspace the queue is not on screen: its keys do nothing there (Settings still opens).
  if (useClinicStore().workspace === 'clinic' && command !== 'settings') return false
  const selected = queue.selectedItem
  switch (command) {
    case 'next':
      queue.move(1)
      ui.focusGrid()
      return true
    case 'previous':
      queue.move(-1)
      ui.focusGrid()
      return true
    case 'first':
    case 'last':
      queue.moveTo(command)
      ui.focusGrid()
      return true
    case 'open':
      if (!selected) return false
      void queue.open(selected.study)
      return true
    case 'search':
      ui.focusSearch()
      return true
    case 'refresh':
      void useConnectionStore().refresh()
      return true
    case 'settings':
      ui.settingsOpen = !ui.settingsOpen
      return true
    case 'details':
      if (!selected) return false
      void queue.showDetails(selected.study)
      return true
    case 'claim':
      if (!selected || selected.study.assignedTo || selected.closed) return false
      void queue.claim(selected.study)
      return true
    case 'acknowledge':
      if (!selected?.alert) return false
      void queue.acknowledge(selected.study)
      return true
    case 'copy':
      if (!selected) return false
      void queue.copyUid(selected.study)
      return true
    case 'acknowledgeAll':
      if (queue.alertingStat.length === 0) return false
      void acknowledgeAll()
      return true
    case 'snooze30':
    case 'snooze60':
      if (!canSnooze(selected)) return false
      void queue.snooze(selected.study, command === 'snooze30' ? 30 : 60)
      return true
    case 'complete':
      if (!canComplete(selected)) return false
      toggleComplete(selected)
      return true
    case 'nextStat':
      if (!selectNextStat()) return false
      ui.focusGrid()
      return true
    case 'pause30':
    case 'pause60':
      togglePause(command === 'pause30' ? 30 : 60)
      return true
    case 'changes':
      ui.changesOpen = !ui.changesOpen
      return true
  }
}

/** The Electron application menu's commands (src/main/electron/menu.ts); they open, never toggle. */
export function runMenuCommand(command: MenuCommand): boolean {
  if (command === 'keys') {
    useUiStore().keysOpen = true
    return true
  }
  return runCommand(command === 'settings' ? 'openSettings' : 'search')
}

export function handleKeydown(event: KeyboardEvent): void {
  if (event.defaultPrevented || event.isComposing) return
  const command = commandFor(event, keyContextOf(event.target))
  if (command && runCommand(command)) event.preventDefault()
}

export function useKeyboardShortcuts(): void {
  onMounted(() => window.addEventListener('keydown', handleKeydown))
  onBeforeUnmount(() => window.removeEventListener('keydown', handleKeydown))
}
