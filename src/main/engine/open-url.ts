/**
 * The check every URL passes before it leaves the core for a browser: viewer links at click time,
 * and the API base URL at sign-in. http(s) only; plain http only to a loopback host (the local
 * sandbox); no credentials. Error texts never repeat the URL: viewer links carry tokens.
 */

export type UrlCheck = { ok: true; url: URL } | { ok: false; error: string }

/**
 * 127.0.0.0/8, ::1 and `localhost` itself. Names under `.localhost` are not loopback here: Node's
 * resolver (getaddrinfo) sends them to DNS, so plain http to them could carry the key off the machine.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '')
  if (host === 'localhost') return true
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true
  const octets = host.split('.')
  return octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255)
}

function checkHttpUrl(raw: string, what: string): UrlCheck {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    return { ok: false, error: `The ${what} is not a valid URL.` }
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, error: `The ${what} must use https (it uses ${url.protocol.replace(':', '')}).` }
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return { ok: false, error: `The ${what} must use https unless it points to this computer.` }
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, error: `The ${what} must not contain a user name or password.` }
  }
  return { ok: true, url }
}

/** A viewer link from `rerouteURL`, checked at click time before it is handed to the opener. */
export function checkViewerUrl(raw: string): UrlCheck {
  return checkHttpUrl(raw, 'viewer link')
}

/** The Avara API base URL from sign-in; returned without query or fragment. */
export function checkBaseUrl(raw: string): UrlCheck {
  const checked = checkHttpUrl(raw, 'server address')
  if (!checked.ok) return checked
  const url = new URL(checked.url.href)
  url.search = ''
  url.hash = ''
  return { ok: true, url }
}

/** The canonical text of a base URL (no trailing slash), as persisted and shown. */
export function baseUrlText(url: URL): string {
  return url.href.replace(/\/+$/, '')
}
