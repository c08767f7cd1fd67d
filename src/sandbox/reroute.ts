import { z } from 'zod'
import type { SandboxContext } from './context'
import { signPayload, verifyPayload } from './signing'

const TokenPayload = z.object({ s: z.string(), e: z.number() })

/** An absolute, HMAC-signed, expiring link to the sandbox viewer page of one study. */
export function viewerUrlFor(ctx: SandboxContext, studyId: string): string {
  const expiresAt = ctx.clock() + ctx.config.rerouteTtlSeconds * 1000
  const token = signPayload(ctx.tokenSecret, { s: studyId, e: expiresAt })
  return `${ctx.baseURL()}/viewer/studies/${encodeURIComponent(studyId)}?token=${encodeURIComponent(token)}`
}

export type TokenCheck = 'valid' | 'expired' | 'invalid'

export function checkViewerToken(ctx: SandboxContext, studyId: string, token: string | null): TokenCheck {
  if (!token) return 'invalid'
  const parsed = TokenPayload.safeParse(verifyPayload(ctx.tokenSecret, token))
  if (!parsed.success || parsed.data.s !== studyId) return 'invalid'
  return ctx.clock() < parsed.data.e ? 'valid' : 'expired'
}
