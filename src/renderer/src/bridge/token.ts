/**
 * The web shell's per-run token. The shell normally trades `/?token=…` for an HttpOnly cookie and
 * redirects to `/`, so the page usually never sees it; when it does (no redirect, or a reload of a
 * tokenised address), keep it for this tab in sessionStorage and strip it from the address bar so
 * it is not bookmarked or shared.
 */
const STORAGE_KEY = 'rrc_token'

export function captureWebToken(win: Window = window): string | null {
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
  const meta = win.document.querySelector<HTMLMetaElement>('meta[name="rrc-token"]')
  return meta?.content || null
}
