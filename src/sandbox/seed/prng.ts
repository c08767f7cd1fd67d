/** A small seeded PRNG (mulberry32): the same seed number gives the same demo clinic. */
export type Random = () => number

export function mulberry32(seed: number): Random {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)]
  if (item === undefined) throw new Error('pick from an empty list')
  return item
}

/** Picks by weight: `[['stat', 1], ['normal', 3]]`. */
export function weighted<T>(random: Random, choices: ReadonlyArray<readonly [T, number]>): T {
  const total = choices.reduce((sum, [, w]) => sum + w, 0)
  let roll = random() * total
  for (const [value, weight] of choices) {
    roll -= weight
    if (roll < 0) return value
  }
  const last = choices[choices.length - 1]
  if (!last) throw new Error('weighted pick from an empty list')
  return last[0]
}

/** A run of digits with no leading zero (a valid DICOM UID component). */
export function uidComponent(random: Random, digits: number): string {
  let out = String(1 + Math.floor(random() * 9))
  for (let i = 1; i < digits; i++) out += String(Math.floor(random() * 10))
  return out
}
