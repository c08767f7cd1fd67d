/**
 * Draws the tray and app icons into resources/ as PNG, with nothing but node:zlib. Run it again
 * after changing a shape or colour: `npx tsx scripts/make-tray-icons.ts` (the PNGs are committed).
 *
 * Three tray states, told apart by shape as well as colour (colour alone fails colour-blind users
 * and monochrome panels): normal = a teal ring with a dot, stat-waiting = a solid red disc with a
 * white "!", offline = a grey ring crossed by a slash.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { deflateSync } from 'node:zlib'

type Rgba = readonly [number, number, number, number]
/** Coverage of a shape at a point in a unit square (0..1 coordinates): true = inside. */
type Shape = (x: number, y: number) => boolean
interface Layer {
  shape: Shape
  colour: Rgba
}

const TEAL: Rgba = [45, 180, 170, 255]
const RED: Rgba = [225, 45, 45, 255]
const WHITE: Rgba = [255, 255, 255, 255]
const GREY: Rgba = [150, 150, 150, 255]
const NAVY: Rgba = [22, 27, 34, 255]

const distance = (x: number, y: number) => Math.hypot(x - 0.5, y - 0.5)
const disc = (radius: number): Shape => (x, y) => distance(x, y) <= radius
const ring = (outer: number, inner: number): Shape => (x, y) => {
  const d = distance(x, y)
  return d <= outer && d >= inner
}
const rect = (x0: number, y0: number, x1: number, y1: number): Shape => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1
/** A band of half-width w around the line from top-right to bottom-left, inside the outer circle. */
const slash = (w: number): Shape => (x, y) => Math.abs(x + y - 1) / Math.SQRT2 <= w && distance(x, y) <= 0.47

const ICONS: Record<string, Layer[]> = {
  'tray-normal': [
    { shape: ring(0.46, 0.33), colour: TEAL },
    { shape: disc(0.16), colour: TEAL }
  ],
  'tray-stat': [
    { shape: disc(0.47), colour: RED },
    { shape: rect(0.43, 0.2, 0.57, 0.6), colour: WHITE },
    { shape: rect(0.43, 0.68, 0.57, 0.8), colour: WHITE }
  ],
  'tray-offline': [
    { shape: ring(0.46, 0.33), colour: GREY },
    { shape: slash(0.07), colour: GREY }
  ],
  icon: [
    { shape: disc(0.48), colour: NAVY },
    { shape: ring(0.36, 0.27), colour: TEAL },
    { shape: disc(0.12), colour: TEAL }
  ]
}

/** Renders layers at size×size with 4×4 supersampling for smooth edges. */
function render(layers: Layer[], size: number): Buffer {
  const samples = 4
  const pixels = Buffer.alloc(size * size * 4)
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0, 0]
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size
          const y = (py + (sy + 0.5) / samples) / size
          // The last layer that covers the sample wins (painter's order).
          const hit = [...layers].reverse().find((layer) => layer.shape(x, y))
          if (!hit) continue
          const [r, g, b, a] = hit.colour
          acc[0]! += r * a
          acc[1]! += g * a
          acc[2]! += b * a
          acc[3]! += a
        }
      }
      const offset = (py * size + px) * 4
      const alpha = acc[3]!
      pixels[offset] = alpha ? Math.round(acc[0]! / alpha) : 0
      pixels[offset + 1] = alpha ? Math.round(acc[1]! / alpha) : 0
      pixels[offset + 2] = alpha ? Math.round(acc[2]! / alpha) : 0
      pixels[offset + 3] = Math.round(alpha / (samples * samples))
    }
  }
  return pixels
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(data: Buffer): number {
  let crc = 0xffffffff
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** Encodes RGBA pixels as a PNG (colour type 6, 8 bits, filter 0 on every row). */
export function encodePng(pixels: Buffer, size: number): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header[8] = 8
  header[9] = 6
  const rows = Buffer.alloc(size * (size * 4 + 1))
  for (let y = 0; y < size; y++) pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0))
  ])
}

const outDir = join(import.meta.dirname, '..', 'resources')
mkdirSync(outDir, { recursive: true })
for (const [name, layers] of Object.entries(ICONS)) {
  // Tray: 16 px (and @2x) for Windows/Linux panels, 32 px (and @2x) for larger panels and macOS.
  const sizes: Array<[number, string]> =
    name === 'icon'
      ? [[512, 'icon.png'], [256, 'icon-256.png']]
      : [[16, `${name}.png`], [32, `${name}@2x.png`], [32, `${name}-32.png`], [64, `${name}-32@2x.png`]]
  for (const [size, file] of sizes) writeFileSync(join(outDir, file), encodePng(render(layers, size), size))
}
console.log(`Icons written to ${outDir}`)
