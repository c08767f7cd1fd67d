/**
 * The tray's context menu as data: built from the core's TraySummary, so what the menu offers is
 * unit-tested without a desktop. tray.ts turns it into an Electron Menu.
 */
import type { MenuItemConstructorOptions } from 'electron'
import type { TraySummary } from '@main/engine/companion-api'
import { en, format, type ShellMessages } from './strings'

export interface TrayActions {
  openStudy(studyId: string): void
  showQueue(): void
  refresh(): void
  pauseAlerts(minutes: 30 | 60): void
  resumeAlerts(): void
  quit(): void
}

const MAX_LABEL = 48

export interface TrayWords {
  /** The user's locale for times (the system's regional format, `app.getSystemLocale()`). */
  locale?: string
  /** The catalogue of the user's language (strings/). */
  messages?: ShellMessages
}

export function trayMenuTemplate(summary: TraySummary, actions: TrayActions, now: number, words: TrayWords = {}): MenuItemConstructorOptions[] {
  const t = (words.messages ?? en).tray
  const items: MenuItemConstructorOptions[] = []
  if (summary.topStat.length > 0) {
    items.push({ label: format(t.statWaiting, { count: summary.counts.stat }), enabled: false })
    for (const study of summary.topStat) {
      items.push({ id: `study:${study.studyId}`, label: statStudyLabel(study.studyDescription, study.createdAt, now, words.messages), click: () => actions.openStudy(study.studyId) })
    }
    items.push({ type: 'separator' })
  }
  items.push({ id: 'open-queue', label: t.openQueue, click: () => actions.showQueue() })
  items.push({ id: 'refresh', label: t.refresh, click: () => actions.refresh() })
  items.push({ type: 'separator' })
  if (summary.alertsPausedUntil) {
    items.push({ id: 'resume-alerts', label: format(t.resumeAlerts, { time: clockTime(summary.alertsPausedUntil, words.locale) }), click: () => actions.resumeAlerts() })
  } else {
    items.push({ id: 'pause-30', label: format(t.pauseAlerts, { minutes: 30 }), click: () => actions.pauseAlerts(30) })
    items.push({ id: 'pause-60', label: format(t.pauseAlerts, { minutes: 60 }), click: () => actions.pauseAlerts(60) })
  }
  items.push({ type: 'separator' })
  items.push({ id: 'quit', label: t.quit, click: () => actions.quit() })
  return items
}

/** e.g. "CT Head without contrast · 12 min". No patient names: the tray is visible to anyone near. */
export function statStudyLabel(description: string, createdAt: string | null, now: number, messages: ShellMessages = en): string {
  const clean = description.replace(/\s+/g, ' ').trim() || messages.tray.statStudy
  // Windows reads "&" as a mnemonic marker in menu labels.
  const text = (clean.length > MAX_LABEL ? `${clean.slice(0, MAX_LABEL - 1)}…` : clean).replace(/&/g, '&&')
  const created = createdAt ? Date.parse(createdAt) : Number.NaN
  if (Number.isNaN(created)) return text
  return `${text} · ${formatWait(now - created, messages)}`
}

export function formatWait(ms: number, messages: ShellMessages = en): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000))
  if (minutes < 60) return format(messages.tray.waitMinutes, { minutes })
  return format(messages.tray.waitHours, { hours: Math.floor(minutes / 60), minutes: minutes % 60 })
}

/**
 * A clock time in the user's locale and hour cycle ("2:30 PM" in en-US, "14:30" in en-GB or de),
 * in the machine's time zone. `locale` undefined means the runtime's default locale.
 */
export function clockTime(iso: string, locale?: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  try {
    return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(date)
  } catch {
    // An unusable locale tag from the system: the runtime's default still formats.
    return new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' }).format(date)
  }
}
