/** An invitation's expiry as the table says it: time left, "expired", or "no expiry". */
export function expiryText(expiry: string | null, nowMs: number): string {
  if (expiry === null) return 'no expiry'
  const at = Date.parse(expiry)
  if (Number.isNaN(at)) return 'unknown'
  const left = at - nowMs
  if (left <= 0) return 'expired'
  const hours = Math.floor(left / 3_600_000)
  if (hours >= 48) return `${Math.floor(hours / 24)} days left`
  if (hours >= 1) return `${hours} h left`
  return `${Math.max(1, Math.floor(left / 60_000))} min left`
}

/** Pending = still editable and revocable: status sent and not past its expiry. */
export function isPending(invitation: { status: string; expiry: string | null }, nowMs: number): boolean {
  return invitation.status === 'sent' && (invitation.expiry === null || Date.parse(invitation.expiry) > nowMs)
}
