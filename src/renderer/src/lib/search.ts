/**
 * The queue's search box: free text matches the description, the full Study Instance UID, the
 * study ID and the values of the metadata columns on show; `key:value` (or `key:"two words"`) for
 * a metadata column on show keeps only studies whose value for that key contains the value.
 */
import type { Study } from '@shared/ipc/contract'
import { matchesText } from './study'

export interface ParsedSearch {
  free: string
  filters: Array<{ key: string; value: string }>
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export function parseSearch(text: string, metadataKeys: readonly string[]): ParsedSearch {
  let rest = text
  const filters: ParsedSearch['filters'] = []
  // Longest keys first, so "body part" wins over "part".
  for (const key of [...metadataKeys].sort((a, b) => b.length - a.length)) {
    const pattern = new RegExp(`(^|\\s)${escapeRegExp(key)}:(?:"([^"]*)"?|(\\S*))`, 'gi')
    rest = rest.replace(pattern, (_match, lead: string, quoted: string | undefined, bare: string | undefined) => {
      const value = (quoted ?? bare ?? '').trim()
      if (value) filters.push({ key, value })
      return lead
    })
  }
  return { free: rest.trim(), filters }
}

export function matchesSearch(study: Study, text: string, metadataKeys: readonly string[]): boolean {
  if (!text.trim()) return true
  const { free, filters } = parseSearch(text, metadataKeys)
  const metadata = study.metadata ?? {}
  for (const { key, value } of filters) {
    if (!(metadata[key] ?? '').toLowerCase().includes(value.toLowerCase())) return false
  }
  if (!free) return true
  if (matchesText(study, free)) return true
  const needle = free.toLowerCase()
  return metadataKeys.some((key) => (metadata[key] ?? '').toLowerCase().includes(needle))
}
