/** The connection as the user should see it: the core's view, plus whether this page can hear the core. */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { ConnectionState, ConnectionStatus } from '@shared/ipc/contract'
import { useBridge } from '../bridge'
import { errorMessage } from '../lib/errors'
import { formatAgo, formatClock, parseTime } from '../lib/time'
import { useClockStore } from './clock'
import { useSettingsStore } from './settings'

/** Statuses in which the shown queue is the last known one, not a live one. */
const DOWN: ReadonlySet<ConnectionStatus> = new Set(['offline', 'server-error', 'key-rejected', 'rate-limited'])

const STATUS_WORDS: Record<ConnectionStatus, string> = {
  'signed-out': 'Signed out',
  'needs-identity': 'Choose whose queue to follow',
  connecting: 'Connecting…',
  online: 'Online',
  offline: 'Offline',
  'server-error': 'Server error',
  'key-rejected': 'Key rejected',
  'rate-limited': 'Rate limited',
  paused: 'Paused (system asleep or locked)'
}

export const useConnectionStore = defineStore('connection', () => {
  const state = ref<ConnectionState>({ status: 'connecting', lastSuccessAt: null, reason: null, nextPollAt: null, stale: false })
  /** False when the page lost its link to the core (web shell stopped, event stream dropped). */
  const linkUp = ref(true)
  const refreshing = ref(false)
  const refreshError = ref<string | null>(null)

  const clock = useClockStore()
  const settingsStore = useSettingsStore()

  const lastSuccessMs = computed(() => parseTime(state.value.lastSuccessAt))
  const isDown = computed(() => !linkUp.value || DOWN.has(state.value.status))
  const statusWord = computed(() => (linkUp.value ? STATUS_WORDS[state.value.status] : 'Offline'))

  /** Older than two queue intervals: the core says so, and the page checks it too between events. */
  const stale = computed(() => {
    if (state.value.stale) return true
    const last = lastSuccessMs.value
    if (last === null) return false
    return clock.now - last > 2 * settingsStore.settings.queueIntervalSec * 1000
  })

  const updatedAgo = computed(() => {
    const last = lastSuccessMs.value
    return last === null ? 'not updated yet' : `updated ${formatAgo(last, clock.now)}`
  })

  const lastGoodAgo = computed(() => {
    const last = lastSuccessMs.value
    return last === null ? null : formatAgo(last, clock.now)
  })

  const lastGoodClock = computed(() => {
    const last = lastSuccessMs.value
    return last === null ? null : formatClock(last, clock.now)
  })

  /** Why the queue is not live, in words. */
  const downReason = computed(() => {
    if (!linkUp.value) {
      return 'This window lost contact with the companion service. If it was restarted, open the address it printed again.'
    }
    switch (state.value.status) {
      case 'offline':
        return state.value.reason ?? 'Cannot reach the server.'
      case 'server-error':
        return state.value.reason ?? 'The server answered with an error.'
      case 'key-rejected':
        return state.value.reason ?? 'The server rejected the API key. Enter a new key to resume.'
      case 'rate-limited':
        return state.value.reason ?? 'The server asked us to slow down; retrying shortly.'
      default:
        return null
    }
  })

  function apply(next: ConnectionState): void {
    state.value = next
  }

  async function refresh(): Promise<void> {
    if (refreshing.value) return
    refreshing.value = true
    refreshError.value = null
    try {
      state.value = await useBridge().invoke('queue.refresh', {})
    } catch (err) {
      refreshError.value = `Refresh failed: ${errorMessage(err)}`
    } finally {
      refreshing.value = false
    }
  }

  return { state, linkUp, refreshing, refreshError, isDown, statusWord, stale, updatedAgo, lastGoodAgo, lastGoodClock, downReason, apply, refresh }
})
