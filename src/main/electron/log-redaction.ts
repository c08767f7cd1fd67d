/**
 * electron-log also writes what it catches itself (uncaught errors, rejections), bypassing our
 * formatter. This hook body redacts every logged argument, so those lines are as clean as ours.
 */
import { redact } from '@main/engine/logging'

function describe(value: unknown): string {
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`
  if (typeof value === 'string') return value
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

/** Each logged argument as redacted text. */
export function redactLogData(data: readonly unknown[]): string[] {
  return data.map((value) => redact(describe(value)))
}
