import { z } from 'zod'
import { badRequest } from './errors'

type FieldKind = 'string' | 'boolean' | 'number' | 'array'

/** Peels optional/nullable wrappers: what the query field really is, and whether null is allowed. */
function describeField(schema: z.ZodType): { kind: FieldKind; nullable: boolean } {
  let current: z.ZodType = schema
  let nullable = false
  for (;;) {
    if (current instanceof z.ZodOptional) current = current.unwrap() as z.ZodType
    else if (current instanceof z.ZodNullable) {
      nullable = true
      current = current.unwrap() as z.ZodType
    } else break
  }
  if (current instanceof z.ZodBoolean) return { kind: 'boolean', nullable }
  if (current instanceof z.ZodNumber) return { kind: 'number', nullable }
  if (current instanceof z.ZodArray) return { kind: 'array', nullable }
  return { kind: 'string', nullable }
}

/**
 * Turns the decoded query string into the typed object the endpoint's (strict) schema expects,
 * following the SDK's encoding (docs/avara-viewer-api.md §4): `key=` is null for nullable fields, booleans are
 * `true`/`false`, numbers may be written `20.0`, arrays are comma-separated. Values that do not
 * convert stay strings, so the schema reports them with the field name.
 */
export function decodeQuery(search: URLSearchParams, schema: z.ZodType | undefined): Record<string, unknown> {
  const shape = schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : {}
  const result: Record<string, unknown> = {}
  for (const key of new Set(search.keys())) {
    const values = search.getAll(key)
    if (values.length > 1) throw badRequest(`${key}: given ${values.length} times; send it once (arrays are comma-separated)`)
    const raw = values[0] ?? ''
    const field = shape[key]
    if (!field) {
      result[key] = raw
      continue
    }
    const { kind, nullable } = describeField(field)
    const isNullToken = raw === '' || raw === 'null'
    if (kind === 'boolean') {
      if (raw === 'true') result[key] = true
      else if (raw === 'false') result[key] = false
      else if (nullable && isNullToken) result[key] = null
      else result[key] = raw
    } else if (kind === 'number') {
      const n = raw.trim() === '' ? Number.NaN : Number(raw)
      result[key] = Number.isFinite(n) ? n : raw
    } else if (kind === 'array') {
      // An empty value is how an empty array would look: no filter.
      if (raw !== '') result[key] = raw.split(',')
    } else if (nullable && isNullToken) {
      result[key] = null
    } else if (key === 'cursor' && raw === '') {
      // An empty cursor means "first page".
    } else {
      result[key] = raw
    }
  }
  return result
}
