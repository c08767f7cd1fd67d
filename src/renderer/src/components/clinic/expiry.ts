import { t } from '../../strings'
/** An invitation's expiry as the table says it: time left, "expired", or "no expiry". */
export function expiryText(expiry: string | null, nowMs: number): string {
  if (expiry === null) return t('expiry.none')
  const at = Date.parse(expiry)
  if (Number.isNaN(at)) return t('expiry.unknown')
  const left = at - nowMs
  if (left <= 0) return t('expiry.expired')
  const hours = Math.floor(left / 3_600_000)
  if (hours >= 48) return t('expiry.daysLeft', { days: Math.floor(hours / 24) })
  if (hours >= 1) return t('expiry.hoursLeft', { hours })
  return t('expiry.minutesLeft', { minutes: Math.max(1, Math.floor(left / 60_000)) })
}

/** Pending = still editable and revocable: status sent and not past its expiry. */
export function isPending(invitation: { status: string; expiry: string | null }, nowMs: number): boolean {
  return invitation.status === 'sent' && (invitation.expiry === null || Date.parse(invitation.expiry) > nowMs)
}
