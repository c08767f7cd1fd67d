import type { z } from 'zod'
import { badRequest, describeZodError } from '../http/errors'

/** Validates request input against a contract schema; a failure is a 400 naming the field. */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown, where: 'body' | 'query'): z.output<S> {
  const result = schema.safeParse(data)
  if (!result.success) {
    throw badRequest(describeZodError(result.error, where === 'query' ? 'query parameter' : 'field', data), 'validation_error')
  }
  return result.data
}
