/** The connection as the user should see it: the core's view, plus whether this page can hear the core. */
import { t } from '../strings'
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
export const isDownStatus = (status: ConnectionStatus): boolean => DOWN.has(status)

export const STATUS_WORDS: Record<ConnectionStatus, string> = {
  'signed-out': t('connection.status.signedOut'),
  'needs-identity': t('connection.status.needsIdentity'),
  connecting: t('connection.status.connecting'),
  online: t('connection.status.online'),
  offline: t('connection.status.offline'),
  'server-error': t('connection.status.serverError'),
  'key-rejected': t('connection.status.keyRejected'),
  'rate-limited': t('connection.status.rateLimited'),
  paused: t('connection.status.paused')
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
  const statusWord = computed(() => (linkUp.value ? STATUS_WORDS[state.value.status] : t('connection.status.offline')))

  /** Older than two queue intervals: the core says so, and the page checks it too between events. */
  const stale = computed(() => {
    if (state.value.stale) return true
    const last = lastSuccessMs.value
    if (last === null) return false
    return clock.now - last > 2 * settingsStore.settings.queueIntervalSec * 1000
  })

  const updatedAgo = computed(() => {
    const last = lastSuccessMs.value
    return last === null ? t('connection.notUpdatedYet') : t('connection.updatedAgo', { ago: formatAgo(last, clock.now) })
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
      return t('connection.linkLost')
    }
    switch (state.value.status) {
      case 'offline':
        return state.value.reason ?? t('connection.reason.offline')
      case 'server-error':
        return state.value.reason ?? t('connection.reason.serverError')
      case 'key-rejected':
        return state.value.reason ?? t('connection.reason.keyRejected')
      case 'rate-limited':
        return state.value.reason ?? t('connection.reason.rateLimited')
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
      // The polls' outcome arrives as `connection.changed` (apply); the answer is only "done".
      await useBridge().invoke('queue.refresh', {})
    } catch (err) {
      refreshError.value = t('connection.refreshFailed', { error: errorMessage(err) })
    } finally {
      refreshing.value = false
    }
  }

  return { state, linkUp, refreshing, refreshError, isDown, statusWord, stale, updatedAgo, lastGoodAgo, lastGoodClock, downReason, apply, refresh }
})
