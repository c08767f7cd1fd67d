/**
 * The Content-Security-Policy of the app's own pages: the same policy the web shell sends. Nothing
 * inline, nothing remote; the renderer reaches the core only through the bridge.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'"
].join('; ')

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
