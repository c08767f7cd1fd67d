import { t } from '../strings'
/** Time helpers for waiting times and "updated N s ago"; pure, `now` always passed in. */

export function parseTime(iso: string | null | undefined): number | null {
  if (!iso) return null
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? null : ms
}

/** Whole minutes between two instants, never negative (clocks drift). */
export function minutesBetween(fromMs: number, nowMs: number): number {
  return Math.max(0, Math.floor((nowMs - fromMs) / 60_000))
}

/** "<1 min", "12 min", "4 h 05 min", "2 d 3 h": short, glanceable. */
export function formatWaiting(minutes: number): string {
  if (minutes < 1) return t('time.underAMinute')
  if (minutes < 60) return t('time.minutes', { minutes })
  const hours = Math.floor(minutes / 60)
  if (hours < 24) return t('time.hoursMinutes', { hours, minutes: String(minutes % 60).padStart(2, '0') })
  const days = Math.floor(hours / 24)
  return t('time.daysHours', { days, hours: hours % 24 })
}

/** "just now", "5 s ago", "3 min ago", "2 h ago". */
export function formatAgo(fromMs: number, nowMs: number): string {
  const seconds = Math.max(0, Math.floor((nowMs - fromMs) / 1000))
  if (seconds < 2) return t('time.justNow')
  if (seconds < 60) return t('time.secondsAgo', { seconds })
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return t('time.minutesAgo', { minutes })
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return t('time.hoursAgo', { hours })
  return t('time.daysAgo', { days: Math.floor(hours / 24) })
}

/**
 * Local clock time in the user's locale and hour cycle ("2:02 PM" in en-US, "14:02" in en-GB or
 * de), with the date when it is not today. `locale` undefined: the page's (the system's) locale.
 */
export function formatClock(ms: number, nowMs: number, locale?: string): string {
  const date = new Date(ms)
  const time = formatter(locale, 'time').format(date)
  if (new Date(nowMs).toDateString() === date.toDateString()) return time
  return t('time.dateAndTime', { date: formatter(locale, 'date').format(date), time })
}

// Building a formatter costs far more than using one, and the clock's times are formatted every second.
const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(locale: string | undefined, part: 'time' | 'date'): Intl.DateTimeFormat {
  const key = `${part} ${locale ?? ''}`
  let found = formatters.get(key)
  if (!found) {
    found = new Intl.DateTimeFormat(locale, part === 'time' ? { hour: 'numeric', minute: '2-digit' } : { dateStyle: 'short' })
    formatters.set(key, found)
  }
  return found
}
