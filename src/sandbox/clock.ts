/**
 * Time for the sandbox. Everything that reads "now" goes through a Clock so tests can move time
 * (reroute token expiry, simulator ticks) without waiting.
 */
export type Clock = () => number

export const systemClock: Clock = () => Date.now()

/**
 * Issues ISO 8601 timestamps (milliseconds, `Z`) that strictly increase within this process, so
 * two writes in the same millisecond still get distinct, ordered `updatedAt` values.
 */
export class TimestampIssuer {
  private lastIssuedMs = 0

  constructor(private readonly clock: Clock) {}

  now(): number {
    return this.clock()
  }

  /** A fresh timestamp later than every one issued before and later than `after` (if given). */
  next(after?: string | null): string {
    let ms = Math.max(this.clock(), this.lastIssuedMs + 1)
    if (after) {
      const afterMs = Date.parse(after)
      if (Number.isFinite(afterMs) && ms <= afterMs) ms = afterMs + 1
    }
    this.lastIssuedMs = ms
    return new Date(ms).toISOString()
  }
}
