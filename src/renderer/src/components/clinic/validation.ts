/**
 * Form checks that mirror the API's own (the contract's request schemas), so nothing is sent that
 * the server would refuse for a reason the app can check first; and the small clean-ups of typed
 * or pasted text (surrounding whitespace, phone separators).
 */
import { t } from '../../strings'
import { METADATA_LIMITS } from '@shared/avara/contract'

/** Field → first message, from a zod result (top-level field names, as the forms use them). */
/** The parts of a zod safeParse result the forms read (the renderer does not import zod itself). */
interface CheckResult {
  success: boolean
  error?: { issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string; code: string; input?: unknown }> }
}

export function fieldErrors(result: CheckResult): Record<string, string> {
  if (result.success || !result.error) return {}
  const out: Record<string, string> = {}
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form')
    if (!(field in out)) out[field] = issue.code === 'invalid_type' && issue.input === undefined ? t('validation.required') : issue.message
  }
  return out
}

/** Trims, and turns runs of whitespace (pasted tabs, newlines, no-break spaces) into one space. */
export function cleanText(value: string): string {
  return value.replace(/\s+/g, ' ').trim()
}

/** Phone numbers are 10-15 digits on the wire: spaces, dashes, dots and brackets are dropped. */
export function cleanPhone(value: string): string {
  return value.replace(/[\s().-]/g, '')
}

export interface MetadataRow {
  key: string
  value: string
}

/** Checks metadata rows against the API's limits; returns the map or the problems, row by row. */
export function checkMetadata(rows: readonly MetadataRow[]): { map: Record<string, string>; problems: string[] } {
  const problems: string[] = []
  const map: Record<string, string> = {}
  const used = rows.filter((r) => r.key.trim() !== '' || r.value !== '')
  if (used.length > METADATA_LIMITS.maxPairs) problems.push(t('validation.tooManyPairs', { max: METADATA_LIMITS.maxPairs, count: used.length }))
  used.forEach((row, i) => {
    const key = row.key.trim()
    if (!key) problems.push(t('validation.emptyKey', { pair: i + 1 }))
    else if (key.length > METADATA_LIMITS.maxKeyLength) problems.push(t('validation.keyTooLong', { pair: i + 1, length: key.length, max: METADATA_LIMITS.maxKeyLength }))
    if (row.value.length > METADATA_LIMITS.maxValueLength) problems.push(t('validation.valueTooLong', { pair: i + 1, length: row.value.length, max: METADATA_LIMITS.maxValueLength }))
    if (key && key in map) problems.push(t('validation.duplicateKey', { pair: i + 1, key: key.slice(0, 40) }))
    if (key) map[key] = row.value
  })
  return { map, problems }
}

export const metadataRows = (metadata: Record<string, string> | undefined): MetadataRow[] =>
  Object.entries(metadata ?? {}).map(([key, value]) => ({ key, value }))
