/**
 * The sandbox's OpenAPI 3.1 document (`GET /openapi.json`), generated from the shared contract's
 * ENDPOINTS table and zod schemas. The refinements z.toJSONSchema cannot see are stated in the
 * contract itself (`.meta()` beside each refinement, from the same constants); what only the HTTP
 * layer knows (nulls in query strings, list envelopes, retry headers) is added here.
 */
import { z } from 'zod'
import {
  DICOM_UID_MAX_LENGTH,
  DICOM_UID_PATTERN,
  ENDPOINT_LIST,
  ErrorBodySchema,
  idPattern,
  ID_PREFIXES,
  LIST_LIMITS,
  type EndpointSpec,
  type IdKind,
  type OperationName
} from '@shared/avara/contract'
import { ERROR_EXAMPLE, PARAMETER_EXAMPLES, REQUEST_EXAMPLES, RESPONSE_EXAMPLES } from './openapi-examples'
import { FIELD_DESCRIPTIONS, NULL_QUERY_DESCRIPTIONS, OPERATION_DESCRIPTIONS, TAGS } from './openapi-text'

type JsonSchema = Record<string, unknown>

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema
  return rest
}

const isObject = (value: unknown): value is JsonSchema => typeof value === 'object' && value !== null && !Array.isArray(value)

/** Adds the contract's field descriptions to every property (nested ones too) that has none. */
function describeProperties(schema: JsonSchema): JsonSchema {
  if (isObject(schema.properties)) {
    for (const [name, property] of Object.entries(schema.properties)) {
      if (!isObject(property)) continue
      describeProperties(property)
      const text = FIELD_DESCRIPTIONS[name]
      if (text && property.description === undefined) property.description = text
    }
  }
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = schema[key]
    if (Array.isArray(list)) for (const member of list) if (isObject(member)) describeProperties(member)
  }
  if (isObject(schema.items)) describeProperties(schema.items)
  return schema
}

const TIMESTAMP_FIELDS = new Set(['createdAt', 'updatedAt', 'cancelledAt', 'lastLoginAt', 'expiry'])
const ID_FIELDS: Record<string, IdKind> = { studyId: 'study', userId: 'user', invitationId: 'invitation', expressCustomerId: 'expressCustomer' }

/**
 * What the sandbox always sends, stated on the (deliberately open) response schemas: ID shapes and
 * timestamp formats, so a mock made from the document answers believable values.
 */
function tightenResponse(schema: JsonSchema): JsonSchema {
  if (isObject(schema.properties)) {
    for (const [name, property] of Object.entries(schema.properties)) {
      if (!isObject(property)) continue
      tightenResponse(property)
      const kind = ID_FIELDS[name]
      if (kind && property.type === 'string') property.pattern = idPattern(kind).source
      if (TIMESTAMP_FIELDS.has(name)) {
        for (const member of [property, ...(Array.isArray(property.anyOf) ? property.anyOf : [])]) {
          if (isObject(member) && (member.type === 'string' || (Array.isArray(member.type) && member.type.includes('string')))) member.format = 'date-time'
        }
      }
    }
  }
  if (Array.isArray(schema.anyOf)) for (const member of schema.anyOf) if (isObject(member)) tightenResponse(member)
  if (isObject(schema.items)) tightenResponse(schema.items)
  return schema
}

/**
 * A list envelope as the sandbox sends it (docs/avara-viewer-api.md §5): items and `hasMore` always present; a
 * page that says `hasMore: true` has at least one item and a non-empty cursor; the last page has
 * no cursor. A mock that follows this ends its lists.
 */
function tightenListPage(schema: JsonSchema, itemsKey: string): JsonSchema {
  const properties = schema.properties as Record<string, JsonSchema>
  properties[itemsKey] = { ...properties[itemsKey], maxItems: LIST_LIMITS.max }
  schema.required = [itemsKey, 'hasMore']
  schema.if = { properties: { hasMore: { const: true } }, required: ['hasMore'] }
  schema.then = { properties: { [itemsKey]: { minItems: 1 }, cursor: { type: 'string', minLength: 1 } }, required: ['cursor'] }
  schema.else = { properties: { cursor: { type: 'null' } } }
  return schema
}

function listItemsKey(endpoint: EndpointSpec): string | undefined {
  if (endpoint.method !== 'GET' || !endpoint.query) return undefined
  return Object.keys((endpoint.response as z.ZodObject).shape).find((key) => key !== 'cursor' && key !== 'hasMore')
}

/** How a null filter travels in a query string: the key with an empty value, or the literal `null`. */
const NULL_IN_QUERY: JsonSchema = { type: 'string', enum: ['', 'null'] }

function queryParameters(endpoint: EndpointSpec): JsonSchema[] {
  if (!(endpoint.query instanceof z.ZodObject)) return []
  const shape = endpoint.query.shape as Record<string, z.ZodType>
  return Object.entries(shape).map(([name, field]) => {
    let schema = jsonSchema(field, 'input')
    const parameter: JsonSchema = { name, in: 'query', required: false }
    // Arrays travel comma-separated in one key (docs/avara-viewer-api.md §4).
    if (schema.type === 'array') Object.assign(parameter, { style: 'form', explode: false })
    const nullText = NULL_QUERY_DESCRIPTIONS[name]
    if (nullText) {
      const members = Array.isArray(schema.anyOf) ? (schema.anyOf as JsonSchema[]) : [schema]
      const nonNull = members
        .map((member) => (Array.isArray(member.type) ? { ...member, type: member.type.find((t) => t !== 'null') } : member))
        .filter((member) => member.type !== 'null')
      schema = { anyOf: [...nonNull, NULL_IN_QUERY] }
      parameter.description = nullText
    } else if (FIELD_DESCRIPTIONS[name]) {
      parameter.description = FIELD_DESCRIPTIONS[name]
    }
    parameter.schema = schema
    if (PARAMETER_EXAMPLES[name] !== undefined) parameter.example = PARAMETER_EXAMPLES[name]
    return parameter
  })
}

function pathParameters(endpoint: EndpointSpec): JsonSchema[] {
  const param = endpoint.pathParam
  if (!param) return []
  const schema: JsonSchema = param.kind
    ? { type: 'string', pattern: idPattern(param.kind).source }
    : { type: 'string', pattern: DICOM_UID_PATTERN, maxLength: DICOM_UID_MAX_LENGTH }
  const description = param.kind ? `${ID_PREFIXES[param.kind]} and 32 lowercase hex characters.` : FIELD_DESCRIPTIONS.studyInstanceUid
  return [{ name: param.name, in: 'path', required: true, description, schema, example: PARAMETER_EXAMPLES[param.name] }]
}

const RETRY_HEADERS = {
  'retry-after': { $ref: '#/components/headers/RetryAfter' },
  'retry-after-ms': { $ref: '#/components/headers/RetryAfterMs' },
  'x-should-retry': { $ref: '#/components/headers/ShouldRetry' }
}

const errorResponse = (description: string, headers?: JsonSchema): JsonSchema => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
})

/** The error answers of every operation (each with the shared Error body). */
const ERROR_RESPONSES: Record<string, JsonSchema> = {
  '400': errorResponse('Invalid request: malformed JSON, a body that is not an object, unknown fields or query parameters, or a value the contract refuses (the message names the field).'),
  '401': errorResponse('Missing or wrong API key.', { 'www-authenticate': { schema: { type: 'string' }, description: '`Bearer`' } }),
  '403': errorResponse('Not allowed, e.g. changing or revoking the clinic owner.'),
  '404': errorResponse('Unknown resource (a well-formed ID naming nothing) or unknown route.'),
  '405': errorResponse('The path exists but not with this method.', { allow: { schema: { type: 'string' }, description: 'The methods the path accepts.' } }),
  '409': errorResponse('Business conflict (duplicate UID or email, already cancelled, invitation not pending). Not worth retrying.', {
    'x-should-retry': { $ref: '#/components/headers/ShouldRetry' }
  }),
  '413': errorResponse('Request body larger than 1 MiB.'),
  '429': errorResponse('Too many requests: wait as the headers say, then retry. (The sandbox sends it only as an injected fault.)', RETRY_HEADERS),
  '5XX': errorResponse('Server error: retried with backoff unless `x-should-retry: false`. (The sandbox sends it only as an injected fault.)', RETRY_HEADERS)
}

function operation(endpoint: EndpointSpec): JsonSchema {
  const key = endpoint.operation as OperationName
  let response = tightenResponse(describeProperties(jsonSchema(endpoint.response, 'output')))
  const itemsKey = listItemsKey(endpoint)
  if (itemsKey) response = tightenListPage(response, itemsKey)
  const responses: JsonSchema = {
    [String(endpoint.successStatus)]: {
      description: endpoint.successStatus === 201 ? 'Created' : 'Success',
      content: { 'application/json': { schema: response, example: RESPONSE_EXAMPLES[key] } }
    }
  }
  for (const [status, error] of Object.entries(ERROR_RESPONSES)) responses[status] = structuredClone(error)
  const op: JsonSchema = {
    operationId: key,
    summary: endpoint.summary,
    description: OPERATION_DESCRIPTIONS[key],
    tags: [key.split('.').slice(0, -1).join('.')],
    parameters: [...pathParameters(endpoint), ...queryParameters(endpoint)],
    responses
  }
  if (endpoint.body) {
    const body = describeProperties(jsonSchema(endpoint.body, 'input'))
    // No body, `{}` and `null` all mean "no fields": a body is required exactly when some field is.
    const required = (Array.isArray(body.required) && body.required.length > 0) || Array.isArray(body.anyOf)
    const example = REQUEST_EXAMPLES[key]
    op.requestBody = {
      required,
      content: { 'application/json': { schema: body, ...(example !== undefined ? { example } : {}) } }
    }
  }
  return op
}

/** The Viewer API contract as an OpenAPI 3.1 document, generated from the ENDPOINTS table. */
export function buildOpenApiDocument(serverUrl: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {}
  for (const endpoint of ENDPOINT_LIST) {
    paths[endpoint.path] ??= {}
    paths[endpoint.path]![endpoint.method.toLowerCase()] = operation(endpoint)
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Avara Viewer API (sandbox)',
      version: '0.2.0',
      summary: 'Studies, users and invitations of the Avara Viewer, as served by the Reading Room Companion sandbox.',
      description:
        'The Avara Viewer API surface of the official SDK (`avara-software` 0.2.0), served by the sandbox of Reading Room Companion. ' +
        'Every error is JSON `{ message, code }`. Clients retry connection errors, 408, 409, 429 and 5xx unless `x-should-retry: false`, ' +
        'waiting `retry-after-ms`, else `retry-after`, else exponential backoff.',
      license: { name: 'UNLICENSED (proprietary; part of Reading Room Companion)' }
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: serverUrl, description: 'This sandbox' }],
    security: [{ bearer: [] }],
    tags: TAGS.map((tag) => ({ ...tag })),
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <API key>' } },
      schemas: { Error: { ...jsonSchema(ErrorBodySchema, 'output'), example: ERROR_EXAMPLE } },
      headers: {
        RetryAfter: { description: 'Seconds to wait before retrying (or an HTTP date).', schema: { type: 'string' }, example: '1' },
        RetryAfterMs: { description: 'Milliseconds to wait before retrying; read before `retry-after`.', schema: { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?$' }, example: '250' },
        ShouldRetry: { description: '`true` or `false`: overrides whether the client retries.', schema: { type: 'string', enum: ['true', 'false'] }, example: 'false' }
      }
    }
  }
}
