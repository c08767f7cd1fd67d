/**
 * The tray's context menu and tooltip as data: built from the core's TraySummary with the words of
 * strings/, so what the tray offers and says is unit-tested without a desktop. tray.ts turns it
 * into an Electron Menu.
 */
import type { MenuItemConstructorOptions } from 'electron'
import type { TraySummary } from '@main/engine/companion-api'
import type { StudyRef } from '@shared/ipc/contract'
import { en, format, type ShellMessages } from './strings'

export interface TrayActions {
  openStudy(study: StudyRef): void
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
  const newest = summary.newestStat
  if (newest) {
    const label = newestStatText(summary, words.messages ?? en, menuText(newest.description, words.messages))
    items.push({ id: 'newest-stat', label, click: () => actions.openStudy({ accountId: newest.accountId, studyId: newest.studyId }) })
  }
  if (summary.topStat.length > 0) {
    items.push({ label: format(t.statWaiting, { count: summary.counts.stat }), enabled: false })
    for (const study of summary.topStat) {
      items.push({ id: `study:${study.studyId}`, label: statStudyLabel(study.studyDescription, study.createdAt, now, words.messages), click: () => actions.openStudy({ accountId: study.accountId, studyId: study.studyId }) })
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

/**
 * e.g. "Reading Room Companion: 2 stat, 1 high, 4 normal. Newest stat: CT Head, escalated to stat
 * from high (+1 more)".
 */
export function trayTooltip(summary: TraySummary, messages: ShellMessages = en): string {
  const t = messages.tray
  const counts = format(summary.state === 'offline' ? t.tooltipOffline : t.tooltip, { ...summary.counts })
  return summary.newestStat ? `${counts}. ${newestStatText(summary, messages, summary.newestStat.description)}` : counts
}

/** "Newest stat: CT Head" or "Newest stat: CT Head, escalated to stat from high", and "(+2 more)" when others alert. */
function newestStatText(summary: TraySummary, messages: ShellMessages, study: string): string {
  const t = messages.tray
  const newest = summary.newestStat
  if (!newest) return ''
  const from = newest.escalatedFrom === 'high' ? t.severityHigh : newest.escalatedFrom === 'normal' ? t.severityNormal : null
  const text = from === null ? format(t.newestStat, { study }) : format(t.newestEscalated, { study, from })
  return newest.others > 0 ? format(t.newestOthers, { newest: text, count: newest.others }) : text
}

/** A study description for a menu label: one line, cut to fit, "&" escaped. No patient names: the tray is visible to anyone near. */
function menuText(description: string, messages: ShellMessages = en): string {
  const clean = description.replace(/\s+/g, ' ').trim() || messages.tray.statStudy
  // Windows reads "&" as a mnemonic marker in menu labels.
  return (clean.length > MAX_LABEL ? `${clean.slice(0, MAX_LABEL - 1)}…` : clean).replace(/&/g, '&&')
}

/** e.g. "CT Head without contrast · 12 min". */
export function statStudyLabel(description: string, createdAt: string | null, now: number, messages: ShellMessages = en): string {
  const text = menuText(description, messages)
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
