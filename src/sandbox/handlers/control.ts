import { z } from 'zod'
import { idSchema } from '@shared/avara/contract'
import type { SandboxContext } from '../context'
import { FaultConfigSchema, type FaultInjector, type FaultState } from '../faults'
import { ApiError, badRequest, conflict, describeZodError } from '../http/errors'
import type { RequestLog } from '../request-log'

export const ConfigPatchSchema = z.strictObject({
  rerouteTtlSeconds: z.number().positive().max(7 * 24 * 3600).optional()
})

export const NextStudyIdSchema = z.strictObject({ studyId: idSchema('study') })

const LogLimitSchema = z.coerce.number().int().min(1).max(1000)

export interface ControlDeps {
  ctx: SandboxContext
  faults: FaultInjector
  log: RequestLog
}

export interface ControlResult {
  status: number
  body: unknown
}

function faultView(state: FaultState): unknown {
  return state.active ? { active: true, ...state.config, count: state.remaining } : { active: false }
}

function parse<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data)
  if (!result.success) throw badRequest(describeZodError(result.error), 'validation_error')
  return result.data
}

/** The /_sandbox/ control surface: faults, the request log and runtime config. */
export function handleControl(deps: ControlDeps, method: string, path: string, search: URLSearchParams, body: unknown): ControlResult {
  const route = `${method} ${path}`
  switch (route) {
    case 'GET /_sandbox/faults':
      return { status: 200, body: faultView(deps.faults.state()) }
    case 'POST /_sandbox/faults':
      return { status: 200, body: faultView(deps.faults.set(parse(FaultConfigSchema, body))) }
    case 'DELETE /_sandbox/faults':
      return { status: 200, body: faultView(deps.faults.clear()) }
    case 'GET /_sandbox/requests': {
      const raw = search.get('limit')
      const limit = raw === null ? 1000 : parse(LogLimitSchema, raw)
      return { status: 200, body: { requests: deps.log.recent(limit) } }
    }
    case 'DELETE /_sandbox/requests':
      deps.log.clear()
      return { status: 200, body: { requests: [] } }
    case 'POST /_sandbox/next-study-id': {
      const { studyId } = parse(NextStudyIdSchema, body)
      if (deps.ctx.store.studies.get(studyId)) throw conflict(`A study with studyId ${studyId} already exists`, 'duplicate_study_id')
      deps.ctx.nextStudyId = studyId
      return { status: 200, body: { nextStudyId: studyId } }
    }
    case 'GET /_sandbox/config':
      return { status: 200, body: { ...deps.ctx.config } }
    case 'PATCH /_sandbox/config': {
      const patch = parse(ConfigPatchSchema, body)
      if (patch.rerouteTtlSeconds !== undefined) deps.ctx.config.rerouteTtlSeconds = patch.rerouteTtlSeconds
      return { status: 200, body: { ...deps.ctx.config } }
    }
  }
  const known = ['/_sandbox/faults', '/_sandbox/requests', '/_sandbox/config', '/_sandbox/next-study-id']
  if (known.includes(path)) throw new ApiError(405, 'method_not_allowed', `${method} is not allowed on ${path}`)
  throw new ApiError(404, 'route_not_found', `No route for ${path}`)
}
