/**
 * The Content-Security-Policy of the app's own pages, the one copy: the Electron shell sends it on
 * app:// (and on the dev server), the web shell on every answer. Nothing inline, nothing remote;
 * the renderer reaches the engine only through the bridge. The page itself carries no meta copy:
 * both shells always send the header.
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
