/** The app pages' Content-Security-Policy (one copy, shared with the web shell) on Electron responses. */
import { CONTENT_SECURITY_POLICY } from '@main/node/static/content-security-policy'

export { CONTENT_SECURITY_POLICY }

export type ResponseHeaders = Record<string, string[] | string>

/** Returns the headers with our CSP in place of any the response carried (case-insensitively). */
export function withContentSecurityPolicy(headers: ResponseHeaders | undefined): Record<string, string[]> {
  const next: Record<string, string[]> = {}
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue
    next[name] = Array.isArray(value) ? value : [value]
  }
  next['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY]
  next['X-Content-Type-Options'] = ['nosniff']
  return next
}
