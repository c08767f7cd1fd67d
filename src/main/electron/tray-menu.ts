/**
 * The tray's context menu as data: built from the core's TraySummary, so what the menu offers is
 * unit-tested without a desktop. tray.ts turns it into an Electron Menu.
 */
import type { MenuItemConstructorOptions } from 'electron'
import type { TraySummary } from '@main/engine/companion-api'

export interface TrayActions {
  openStudy(studyId: string): void
  showQueue(): void
  refresh(): void
  pauseAlerts(minutes: 30 | 60): void
  resumeAlerts(): void
  quit(): void
}

const MAX_LABEL = 48

export function trayMenuTemplate(summary: TraySummary, actions: TrayActions, now: number): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = []
  if (summary.topStat.length > 0) {
    items.push({ label: `Stat waiting (${summary.counts.stat})`, enabled: false })
    for (const study of summary.topStat) {
      items.push({ id: `study:${study.studyId}`, label: statStudyLabel(study.studyDescription, study.createdAt, now), click: () => actions.openStudy(study.studyId) })
    }
    items.push({ type: 'separator' })
  }
  items.push({ id: 'open-queue', label: 'Open queue', click: () => actions.showQueue() })
  items.push({ id: 'refresh', label: 'Refresh now', click: () => actions.refresh() })
  items.push({ type: 'separator' })
  if (summary.alertsPausedUntil) {
    items.push({ id: 'resume-alerts', label: `Resume alerts (paused until ${clockTime(summary.alertsPausedUntil)})`, click: () => actions.resumeAlerts() })
  } else {
    items.push({ id: 'pause-30', label: 'Pause alerts 30 min', click: () => actions.pauseAlerts(30) })
    items.push({ id: 'pause-60', label: 'Pause alerts 60 min', click: () => actions.pauseAlerts(60) })
  }
  items.push({ type: 'separator' })
  items.push({ id: 'quit', label: 'Quit', click: () => actions.quit() })
  return items
}

/** e.g. "CT Head without contrast · 12 min". No patient names: the tray is visible to anyone near. */
export function statStudyLabel(description: string, createdAt: string | null, now: number): string {
  const clean = description.replace(/\s+/g, ' ').trim() || 'Stat study'
  // Windows reads "&" as a mnemonic marker in menu labels.
  const text = (clean.length > MAX_LABEL ? `${clean.slice(0, MAX_LABEL - 1)}…` : clean).replace(/&/g, '&&')
  const created = createdAt ? Date.parse(createdAt) : Number.NaN
  if (Number.isNaN(created)) return text
  return `${text} · ${formatWait(now - created)}`
}

export function formatWait(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000))
  if (minutes < 60) return `${minutes} min`
  const hours = Math.floor(minutes / 60)
  return `${hours} h ${minutes % 60} min`
}

function clockTime(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`
}
