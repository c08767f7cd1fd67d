/**
 * Restoring the window where it was, unless that place is gone (a monitor unplugged since): then
 * the default size, centred by the OS. Pure, for tests.
 */
import type { WindowBounds } from '@main/engine/ports'

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export const DEFAULT_WINDOW_SIZE = { width: 1100, height: 760 } as const
export const MIN_WINDOW_SIZE = { width: 480, height: 360 } as const

/** Bounds to open with; x/y only when enough of the window lands on a display's work area. */
export function restorableBounds(saved: WindowBounds | null, workAreas: readonly Rect[]): Partial<Rect> & { width: number; height: number } {
  if (!saved || !Number.isFinite(saved.width) || !Number.isFinite(saved.height)) return { ...DEFAULT_WINDOW_SIZE }
  const width = Math.max(MIN_WINDOW_SIZE.width, Math.round(saved.width))
  const height = Math.max(MIN_WINDOW_SIZE.height, Math.round(saved.height))
  if (saved.x === undefined || saved.y === undefined) return { width, height }
  const rect = { x: Math.round(saved.x), y: Math.round(saved.y), width, height }
  const visible = workAreas.some((area) => overlap(rect, area) >= 100 * 100)
  return visible ? rect : { width, height }
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return w > 0 && h > 0 ? w * h : 0
}
