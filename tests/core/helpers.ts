import type { Study } from '@shared/avara/contract'
import type { Clock } from '@main/engine/ports'

/**
 * A manual clock: time moves only when a test calls `advance`, firing due timers in order. The wall
 * reading can also be stepped alone (`stepWall`), as an NTP correction or a user would.
 */
export class ManualClock implements Clock {
  #now: number
  #mono = 1_000_000
  #seq = 0
  readonly #timers = new Map<number, { at: number; seq: number; callback: () => void }>()

  constructor(start = Date.UTC(2026, 0, 1, 8, 0, 0)) {
    this.#now = start
  }
  now(): number {
    return this.#now
  }
  monotonic(): number {
    return this.#mono
  }
  /** Steps the wall clock only (timers and the monotonic reading are unaffected). */
  stepWall(ms: number): void {
    this.#now += ms
  }
  setTimeout(callback: () => void, ms: number): unknown {
    const id = ++this.#seq
    this.#timers.set(id, { at: this.#mono + Math.max(0, ms), seq: id, callback })
    return id
  }
  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number)
  }
  /** A real later turn (as the system clock's), so the engine's steps run apart here too; `flush` lets them run. */
  nextTurn(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve))
  }
  /** Pending timers, as wall times when they fire, earliest first. */
  pending(): number[] {
    return [...this.#timers.values()].map((t) => this.#now + (t.at - this.#mono)).sort((a, b) => a - b)
  }
  /** Moves time forward, firing each timer at its due time (and letting promises settle between). */
  async advance(ms: number): Promise<void> {
    const end = this.#mono + ms
    for (;;) {
      const next = [...this.#timers.entries()].sort((a, b) => a[1].at - b[1].at || a[1].seq - b[1].seq)[0]
      if (!next || next[1].at > end) break
      this.#timers.delete(next[0])
      this.#now += next[1].at - this.#mono
      this.#mono = next[1].at
      next[1].callback()
      await flush()
    }
    this.#now += end - this.#mono
    this.#mono = end
    await flush()
  }
}

export async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((r) => setImmediate(r))
}

let counter = 0
export function hex32(n: number): string {
  return n.toString(16).padStart(32, '0')
}
export const ME = `usr_${hex32(1)}`
export const OTHER = `usr_${hex32(2)}`

export function study(overrides: Partial<Study> & { n?: number } = {}): Study {
  const { n, ...rest } = overrides
  const id = n ?? ++counter + 1000
  return {
    studyId: `stu_${hex32(id)}`,
    studyInstanceUid: `1.2.3.${id}`,
    studyDescription: `CT Head ${id}`,
    severity: 'normal',
    studyViewerStatus: 'incomplete',
    isCancelled: false,
    cancelledAt: null,
    createdAt: new Date(Date.UTC(2026, 0, 1, 7, 0, 0) + id * 1000).toISOString(),
    updatedAt: null,
    assignedTo: { userId: ME, email: 'me@example.org' },
    metadata: { patientName: 'DO NOT SHOW' },
    ...rest
  }
}
