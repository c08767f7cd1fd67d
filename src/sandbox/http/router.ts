import { ENDPOINT_LIST, idPattern, idRequirement, type EndpointSpec } from '@shared/avara/contract'
import { ApiError, badRequest } from './errors'

export interface RouteMatch {
  endpoint: EndpointSpec
  params: Record<string, string>
}

interface CompiledRoute {
  endpoint: EndpointSpec
  segments: string[]
  paramCount: number
}

const ROUTES: CompiledRoute[] = ENDPOINT_LIST.map((endpoint) => {
  const segments = endpoint.path.split('/').slice(1)
  return { endpoint, segments, paramCount: segments.filter((s) => s.startsWith('{')).length }
})

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    throw badRequest('Malformed percent-encoding in the path', 'malformed_path')
  }
}

/**
 * Finds the endpoint for a raw (still percent-encoded) path. Fixed segments beat `{param}`
 * segments (`/studies/cancel` is never a study ID); a known path with another method is a 405.
 */
export function matchRoute(method: string, rawPath: string): RouteMatch {
  const rawSegments = rawPath.split('/').slice(1)
  const candidates = ROUTES.filter(
    (route) =>
      route.segments.length === rawSegments.length &&
      route.segments.every((s, i) => (s.startsWith('{') ? rawSegments[i] !== '' : s === rawSegments[i]))
  )
  if (candidates.length === 0) throw new ApiError(404, 'route_not_found', `No route for ${rawPath}`)
  const fewestParams = Math.min(...candidates.map((c) => c.paramCount))
  const best = candidates.filter((c) => c.paramCount === fewestParams)
  const route = best.find((c) => c.endpoint.method === method)
  if (!route) {
    const allowed = [...new Set(best.map((c) => c.endpoint.method))].join(', ')
    throw new ApiError(405, 'method_not_allowed', `${method} is not allowed on ${rawPath}; use ${allowed}`, { allow: allowed })
  }
  const params: Record<string, string> = {}
  route.segments.forEach((segment, i) => {
    if (segment.startsWith('{')) params[segment.slice(1, -1)] = decodeSegment(rawSegments[i] ?? '')
  })
  const spec = route.endpoint.pathParam
  if (spec?.kind) {
    const value = params[spec.name] ?? ''
    if (!idPattern(spec.kind).test(value)) {
      throw badRequest(`${spec.name}: ${idRequirement(spec.kind)}`, 'validation_error')
    }
  }
  return { endpoint: route.endpoint, params }
}
