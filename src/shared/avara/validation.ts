/**
 * Checks 2xx bodies against the contract's open response schemas: required fields present and of
 * the right JSON type. Extra fields and unknown enum values pass, and the caller gets the body
 * exactly as it arrived (not a re-built copy).
 */
import type { z } from 'zod'
import { AvaraResponseValidationError, type ResponseIssue } from './errors'

export function checkResponse<T>(operation: string, status: number, schema: z.ZodType, body: unknown): T {
  const result = schema.safeParse(body)
  if (result.success) return body as T
  const issues = result.error.issues.map((issue, index) => {
    const described = describeIssue(issue, body)
    // Say "string or null" where null is allowed; a re-check per issue, so only for the first few.
    return index < NULLABILITY_CHECKS && acceptsNullAt(schema, body, issue.path) ? { ...described, expected: `${described.expected} or null` } : described
  })
  throw new AvaraResponseValidationError(operation, status, issues as [ResponseIssue, ...ResponseIssue[]])
}

const NULLABILITY_CHECKS = 5

/** Whether the schema would accept `null` at `path` (the rest of the body unchanged). */
function acceptsNullAt(schema: z.ZodType, body: unknown, path: readonly PropertyKey[]): boolean {
  if (path.length === 0 || typeof body !== 'object' || body === null) return false
  const copy: unknown = structuredClone(body)
  let parent: unknown = copy
  for (const key of path.slice(0, -1)) {
    if (typeof parent !== 'object' || parent === null) return false
    parent = (parent as Record<PropertyKey, unknown>)[key]
  }
  if (typeof parent !== 'object' || parent === null) return false
  ;(parent as Record<PropertyKey, unknown>)[path[path.length - 1] as PropertyKey] = null
  const retry = schema.safeParse(copy)
  const samePath = formatPath(path)
  return retry.success || !retry.error.issues.some((issue) => formatPath(issue.path) === samePath)
}

/** The error for a 2xx body that is not JSON at all. */
export function notJsonError(operation: string, status: number, contentType: string | null, reason: string): AvaraResponseValidationError {
  const received = contentType && !isJsonMediaType(contentType) ? `a "${contentType}" body` : `unparseable JSON (${reason})`
  return new AvaraResponseValidationError(operation, status, [{ path: '', expected: 'a JSON object', received }])
}

export function isJsonMediaType(contentType: string): boolean {
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? ''
  return mediaType.includes('application/json') || mediaType.endsWith('+json')
}

/** `['studies', 3, 'severity']` → `studies[3].severity`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = ''
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`
    else text += text === '' ? String(key) : `.${String(key)}`
  }
  return text
}

function describeIssue(issue: z.core.$ZodIssue, body: unknown): ResponseIssue {
  const path = formatPath(issue.path)
  const actual = valueAt(body, issue.path)
  if (issue.code === 'invalid_type') {
    return { path, expected: issue.expected, received: actual.present ? jsonTypeOf(actual.value) : 'missing' }
  }
  return { path, expected: issue.message, received: actual.present ? jsonTypeOf(actual.value) : 'missing' }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): { present: boolean; value?: unknown } {
  let current: unknown = root
  for (const key of path) {
    if (typeof current !== 'object' || current === null || !(key in current)) return { present: false }
    current = (current as Record<PropertyKey, unknown>)[key]
  }
  return { present: current !== undefined, value: current }
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}
