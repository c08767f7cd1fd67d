import type { z } from 'zod'

/** An error with its HTTP status and JSON body `{ message, code }`; anything else thrown is a bug (500). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {}
  ) {
    super(message)
  }
}

export const badRequest = (message: string, code = 'invalid_request') => new ApiError(400, code, message)
export const notFound = (message: string, code = 'not_found') => new ApiError(404, code, message)
export const forbidden = (message: string, code = 'forbidden') => new ApiError(403, code, message)
/** Business conflicts: 409 with `x-should-retry: false`, or the SDK would repeat the request twice. */
export const conflict = (message: string, code = 'conflict') =>
  new ApiError(409, code, message, { 'x-should-retry': 'false' })

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<PropertyKey, unknown>)[key]
  }
  return current
}

/** One readable sentence naming each field: `studyInstanceUid: must be a DICOM UID ...`. */
export function describeZodError(error: z.ZodError, unknownKeyNoun = 'field', input?: unknown): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path.map(String).join('.')
      if (issue.code === 'unrecognized_keys') {
        const keys = issue.keys.map((k) => JSON.stringify(k)).join(', ')
        return `${path ? path + ': ' : ''}unknown ${unknownKeyNoun}${issue.keys.length > 1 ? 's' : ''} ${keys}`
      }
      if (input !== undefined && issue.path.length > 0 && valueAt(input, issue.path) === undefined) return `${path}: is required`
      return `${path || 'body'}: ${issue.message}`
    })
    .join('; ')
}
