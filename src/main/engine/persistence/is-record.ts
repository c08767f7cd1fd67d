/** A JSON object (not an array, not null): the shape of the state document and its parts. */
export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
