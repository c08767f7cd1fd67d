/**
 * What both shells need to serve the built renderer (out/renderer) safely: a content type per file
 * name, and a URL path turned into path segments that cannot leave the served folder.
 */
import path from 'node:path'

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.txt': 'text/plain; charset=utf-8'
}

export function mimeType(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * The segments of a raw (percent-encoded) URL path, or null when the path is malformed or tries
 * to step outside the folder: `..`, dotfiles, NUL bytes or backslashes. `/` gives no segments.
 */
export function rendererPathSegments(rawPathname: string): string[] | null {
  let pathname: string
  try {
    pathname = decodeURIComponent(rawPathname)
  } catch {
    return null
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null
  const segments = pathname.split('/').filter((segment) => segment !== '')
  if (segments.some((segment) => segment === '..' || segment.startsWith('.'))) return null
  return segments
}

/** `segments` resolved under `root`, or null if the result is not inside it. */
export function resolveInside(root: string, segments: readonly string[]): string | null {
  const resolvedRoot = path.resolve(root)
  const candidate = path.resolve(resolvedRoot, ...segments)
  return candidate.startsWith(resolvedRoot + path.sep) ? candidate : null
}
