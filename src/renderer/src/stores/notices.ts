/**
 * What the app tells the user: stat/high alerts from the core (shown calmly in-page, read out by
 * screen readers, and as browser notifications in the web shell), short action results, errors,
 * and the alerts pause.
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { studyKey, type AlertNotice, type StudyRef } from '@shared/ipc/contract'
import { useBridge } from '../bridge'
import { errorMessage } from '../lib/errors'
import { playAlertTone } from '../lib/tone'
import { parseTime } from '../lib/time'
import { useClockStore } from './clock'

export interface Message {
  id: number
  /** warning: a change to a study open in the viewer; stays until dismissed, like errors. */
  kind: 'info' | 'error' | 'warning'
  text: string
}

const MESSAGE_LIFETIME_MS = 8000
const ALERT_LOG_SIZE = 20

export type BrowserPermission = NotificationPermission | 'unsupported'

export const useNoticesStore = defineStore('notices', () => {
  /** Alerts received this session, newest first. */
  const alertLog = ref<AlertNotice[]>([])
  const messages = ref<Message[]>([])
  const pausedUntil = ref<string | null>(null)
  const pauseError = ref<string | null>(null)
  const permission = ref<BrowserPermission>(
    typeof Notification === 'undefined' ? 'unsupported' : Notification.permission
  )
  let nextId = 1

  const clock = useClockStore()
  const paused = computed(() => {
    const until = parseTime(pausedUntil.value)
    return until !== null && until > clock.now
  })
  const latestStat = computed(() => alertLog.value.find((n) => n.level === 'stat') ?? null)
  const errors = computed(() => messages.value.filter((m) => m.kind === 'error'))
  const warnings = computed(() => messages.value.filter((m) => m.kind === 'warning'))
  const infos = computed(() => messages.value.filter((m) => m.kind === 'info'))

  function push(kind: Message['kind'], text: string): void {
    const id = nextId++
    messages.value = [...messages.value.slice(-4), { id, kind, text }]
    if (kind !== 'warning') setTimeout(() => dismiss(id), MESSAGE_LIFETIME_MS)
  }
  const polite = (text: string) => push('info', text)
  const error = (text: string) => push('error', text)
  const warn = (text: string) => push('warning', text)
  function dismiss(id: number): void {
    messages.value = messages.value.filter((m) => m.id !== id)
  }

  /**
   * An alert from the core's policy (already de-duplicated there: one per study). `raiseOutside`
   * is true in the web shell, where this page is also the desktop notifier.
   */
  function receiveAlert(notice: AlertNotice, options: { raiseOutside: boolean; sound: boolean; onClick: (n: AlertNotice) => void }): void {
    if (alertLog.value.some((n) => n.id === notice.id)) return
    alertLog.value = [notice, ...alertLog.value].slice(0, ALERT_LOG_SIZE)
    if (!options.raiseOutside) return
    if (options.sound) playAlertTone(notice.level)
    if (permission.value === 'granted') raiseBrowserNotification(notice, options.onClick)
  }

  /**
   * Browser notifications are grouped so a shift never piles them up: one per study (a reminder
   * replaces the study's earlier one, same tag), and a summary replaces the earlier summary and
   * the single ones it covers.
   */
  const liveNotifications = new Map<string, { notification: Notification; studies: readonly StudyRef[] }>()
  const liveCount = ref(0)
  /** One tag per study across accounts (the same study ID in two clinics is two notifications). */
  const studyTag = (ref: StudyRef) => `rrc-study-${studyKey(ref)}`
  const studiesOf = (notice: AlertNotice): readonly StudyRef[] => notice.studies
  const tagOf = (notice: AlertNotice) => {
    const studies = studiesOf(notice)
    return studies.length === 1 ? studyTag(studies[0]!) : `rrc-${notice.level}-summary`
  }

  function closeLive(tag: string): void {
    const live = liveNotifications.get(tag)
    if (!live) return
    liveNotifications.delete(tag)
    liveCount.value = liveNotifications.size
    live.notification.close()
  }

  function raiseBrowserNotification(notice: AlertNotice, onClick: (n: AlertNotice) => void): void {
    const tag = tagOf(notice)
    closeLive(tag)
    if (studiesOf(notice).length > 1) for (const ref of studiesOf(notice)) closeLive(studyTag(ref))
    try {
      const shown = new Notification(notice.title, { body: notice.body, tag, requireInteraction: notice.level === 'stat' })
      liveNotifications.set(tag, { notification: shown, studies: studiesOf(notice) })
      liveCount.value = liveNotifications.size
      const forget = () => {
        if (liveNotifications.get(tag)?.notification !== shown) return
        liveNotifications.delete(tag)
        liveCount.value = liveNotifications.size
      }
      shown.onclose = forget
      shown.onclick = () => {
        window.focus()
        onClick(notice)
        forget()
        shown.close()
      }
    } catch {
      // Some browsers only allow notifications from a service worker; the in-page alert still shows.
    }
  }

  /** A study was opened or acknowledged: its notification has done its job. */
  function closeNotificationsFor(ref: StudyRef): void {
    closeLive(studyTag(ref))
  }

  /** Must run from a user gesture (the settings button). */
  async function requestPermission(): Promise<void> {
    if (typeof Notification === 'undefined') return
    permission.value = await Notification.requestPermission()
  }

  async function pause(minutes: 0 | 30 | 60): Promise<void> {
    pauseError.value = null
    try {
      // The pause arrives as alerts.pauseChanged (startApp), as its end does: the answer only says done.
      await useBridge().invoke('alerts.pause', { minutes })
    } catch (err) {
      pauseError.value = errorMessage(err)
    }
  }

  return {
    alertLog,
    messages,
    errors,
    warnings,
    infos,
    pausedUntil,
    pauseError,
    permission,
    paused,
    latestStat,
    polite,
    error,
    warn,
    dismiss,
    receiveAlert,
    liveCount,
    closeNotificationsFor,
    requestPermission,
    pause
  }
})
