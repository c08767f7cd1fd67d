import { z } from 'zod'
import { ENDPOINT_LIST, ErrorBodySchema, idPattern, type EndpointSpec } from '@shared/avara/contract'

type JsonSchema = Record<string, unknown>

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema
  return rest
}

function queryParameters(endpoint: EndpointSpec): JsonSchema[] {
  if (!(endpoint.query instanceof z.ZodObject)) return []
  const shape = endpoint.query.shape as Record<string, z.ZodType>
  return Object.entries(shape).map(([name, field]) => {
    const schema = jsonSchema(field, 'input')
    const parameter: JsonSchema = { name, in: 'query', required: false, schema }
    // Arrays travel comma-separated in one key (docs/avara-viewer-api.md §4).
    if (schema.type === 'array') Object.assign(parameter, { style: 'form', explode: false })
    if (JSON.stringify(schema).includes('"null"')) {
      parameter.description = `Null is sent as the key with an empty value (\`${name}=\`); the literal \`null\` is accepted too.`
    }
    return parameter
  })
}

function pathParameters(endpoint: EndpointSpec): JsonSchema[] {
  const param = endpoint.pathParam
  if (!param) return []
  const schema: JsonSchema = param.kind
    ? { type: 'string', pattern: idPattern(param.kind).source }
    : { type: 'string', pattern: '^[0-9.]{1,64}$', description: 'DICOM UID' }
  return [{ name: param.name, in: 'path', required: true, schema }]
}

const ERROR_STATUSES: Record<string, string> = {
  '400': 'Invalid request (the message names the field)',
  '401': 'Missing or wrong API key',
  '403': 'Not allowed (e.g. changing the clinic owner)',
  '404': 'Unknown resource or route',
  '405': 'Method not allowed on this path',
  '409': 'Conflict; sent with x-should-retry: false',
  '413': 'Body larger than 1 MiB'
}

function operation(endpoint: EndpointSpec, key: string): JsonSchema {
  const responses: JsonSchema = {
    [String(endpoint.successStatus)]: {
      description: 'Success',
      content: { 'application/json': { schema: jsonSchema(endpoint.response, 'output') } }
    }
  }
  for (const [status, description] of Object.entries(ERROR_STATUSES)) {
    responses[status] = { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }
  }
  const op: JsonSchema = {
    operationId: key,
    summary: endpoint.summary,
    tags: [key.split('.').slice(0, -1).join('.')],
    parameters: [...pathParameters(endpoint), ...queryParameters(endpoint)],
    responses
  }
  if (endpoint.body) {
    op.requestBody = {
      required: false,
      content: { 'application/json': { schema: jsonSchema(endpoint.body, 'input') } }
    }
  }
  return op
}

/** The Viewer API contract as an OpenAPI 3.1 document, generated from the ENDPOINTS table. */
export function buildOpenApiDocument(serverUrl: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {}
  for (const endpoint of ENDPOINT_LIST) {
    const key = endpoint.operation
    paths[endpoint.path] ??= {}
    paths[endpoint.path]![endpoint.method.toLowerCase()] = operation(endpoint, key)
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Avara Viewer API (sandbox)',
      version: '0.2.0',
      description: 'The Avara Viewer API as served by the Reading Room Companion sandbox.'
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <API key>' } },
      schemas: { Error: jsonSchema(ErrorBodySchema, 'output') }
    }
  }
}
