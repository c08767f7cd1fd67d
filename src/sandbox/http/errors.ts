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

/** One readable sentence naming each field: `studyInstanceUid: must be a DICOM UID ...`. */
export function describeZodError(error: z.ZodError, unknownKeyNoun = 'field'): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path.map(String).join('.')
      if (issue.code === 'unrecognized_keys') {
        const keys = issue.keys.map((k) => JSON.stringify(k)).join(', ')
        return `${path ? path + ': ' : ''}unknown ${unknownKeyNoun}${issue.keys.length > 1 ? 's' : ''} ${keys}`
      }
      // zod says "Invalid input: expected string, received undefined" for a missing field.
      if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) return `${path || 'body'}: is required`
      return `${path || 'body'}: ${issue.message}`
    })
    .join('; ')
}
