/**
 * Several accounts never poll at the same instant (docs/accounts.md, "Polling"): account `index`
 * of `count` starts each lane `index / count` of the lane's interval late, so N accounts' polls
 * sit evenly across every interval. Each account still polls once per interval, so its cost stays
 * ⌈N/100⌉ requests per full poll plus one stat-lane request. An account with its own interval
 * (account-settings.ts) is spread by a share of that interval, so its first poll still comes
 * within one of its own intervals.
 */
export function spreadOffsetMs(index: number, count: number, intervalMs: number): number {
  if (count <= 1 || index <= 0 || !Number.isFinite(intervalMs) || intervalMs <= 0) return 0
  return Math.floor((Math.min(index, count - 1) * intervalMs) / count)
}
