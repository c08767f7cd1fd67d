/**
 * The web shell's per-run token, sent in the x-companion-token header with every call. The shell
 * trades `/?token=…` for an HttpOnly cookie, redirects to `/`, and writes the token into
 * `<meta name="rrc-token">` of the page it serves: that is the authoritative source. A token in the
 * address (no redirect happened) is used next, kept for this tab and stripped from the address bar
 * so it is not bookmarked or shared.
 */
const STORAGE_KEY = 'rrc_token'

export function captureWebToken(win: Window = window): string | null {
  const meta = win.document.querySelector<HTMLMetaElement>('meta[name="rrc-token"]')?.content
  if (meta) return meta
  const url = new URL(win.location.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    try {
      win.sessionStorage.setItem(STORAGE_KEY, fromUrl)
    } catch {
      // storage disabled: the cookie still authenticates
    }
    url.searchParams.delete('token')
    win.history.replaceState(null, '', url.pathname + url.search + url.hash)
    return fromUrl
  }
  try {
    const stored = win.sessionStorage.getItem(STORAGE_KEY)
    if (stored) return stored
  } catch {
    // ignore
  }
  return null
}
