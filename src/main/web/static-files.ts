/**
 * Serves the built renderer (out/renderer) read-only, below the token prefix: index.html for `/`,
 * hashed assets with long caching, nothing outside the folder (no traversal, no symlinks out, no
 * dotfiles, no listings). The page is built with relative addresses, so it needs no token of its own.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { ServerResponse } from 'node:http'
import { messagePage, sendHtml } from './headers'
import { mimeType, rendererPathSegments, resolveInside } from '@main/node/static/renderer-paths'

export type StaticResult = 'served' | 'not-found' | 'bad-path'

export interface StaticFilesOptions {
  /**
   * Test seam: runs after a file passed the checks and before it is opened, so a test can remove
   * or replace it exactly there (as `npm run build` may while the shell runs).
   */
  beforeOpen?: (file: string) => void
}

export interface StaticFiles {
  readonly root: string
  hasIndex(): boolean
  /** Serve the raw (still percent-encoded) URL path `pathname`, taken below the token prefix (`/assets/x.js`). */
  serve(pathname: string, response: ServerResponse, head: boolean): StaticResult
}

const NOT_BUILT = messagePage('The app has not been built yet', [
  'The web shell serves the built renderer, and none was found.',
  'Run `npm run build` in the project folder, then start the web shell again (`npm run web`).'
])

/** A file that vanished or changed kind since it was checked is simply not found. */
const GONE_CODES = new Set(['ENOENT', 'ENOTDIR', 'EISDIR', 'ELOOP'])

const UNREADABLE = messagePage('The file could not be read', ['Try again; if this keeps happening, restart the web shell.'])

export function createStaticFiles(rootDir: string, options: StaticFilesOptions = {}): StaticFiles {
  const root = path.resolve(rootDir)

  /** The real file for a URL path, or null when it is outside the root or not a plain file. */
  function resolveFile(rawPathname: string): string | null | 'bad' {
    const segments = rendererPathSegments(rawPathname)
    if (segments === null) return 'bad'
    const candidate = segments.length === 0 ? root : resolveInside(root, segments)
    if (candidate === null) return 'bad'
    try {
      const real = fs.realpathSync(candidate)
      const realRoot = fs.realpathSync(root)
      if (!real.startsWith(realRoot + path.sep)) return 'bad'
      return fs.statSync(real).isFile() ? real : null
    } catch {
      return null
    }
  }

  function indexHtml(): string | null {
    try {
      return fs.readFileSync(path.join(root, 'index.html'), 'utf8')
    } catch {
      return null
    }
  }

  return {
    root,
    hasIndex: () => fs.existsSync(path.join(root, 'index.html')),
    serve(pathname, response, head) {
      if (pathname === '/' || pathname === '/index.html') {
        const html = indexHtml()
        if (html === null) {
          sendHtml(response, 503, NOT_BUILT)
          return 'served'
        }
        response.setHeader('Content-Type', 'text/html; charset=utf-8')
        response.setHeader('Cache-Control', 'no-store')
        response.setHeader('Content-Length', Buffer.byteLength(html))
        response.writeHead(200)
        response.end(head ? undefined : html)
        return 'served'
      }
      const file = resolveFile(pathname)
      if (file === 'bad') return 'bad-path'
      if (file === null) return 'not-found'
      options.beforeOpen?.(file)
      // Open once and serve that descriptor: its size and bytes stay those of the file opened,
      // even if the name is removed or replaced meanwhile (a rebuild while the shell runs).
      const opened = openRegularFile(file)
      if (opened === 'gone') return 'not-found'
      if (opened === 'failed') {
        sendHtml(response, 500, UNREADABLE)
        return 'served'
      }
      // Vite puts content-hashed files under /assets/: they never change under one name.
      const immutable = pathname.startsWith('/assets/')
      response.writeHead(200, {
        'Content-Type': mimeType(file),
        'Content-Length': opened.size,
        'Cache-Control': immutable ? 'private, max-age=31536000, immutable' : 'no-cache'
      })
      if (head) {
        fs.closeSync(opened.fd)
        response.end()
        return 'served'
      }
      const stream = fs.createReadStream(file, { fd: opened.fd, autoClose: true })
      // The status line is gone already: a read error can only cut the answer short.
      stream.on('error', () => response.destroy())
      response.on('close', () => stream.destroy())
      stream.pipe(response)
      return 'served'
    }
  }
}

/** A descriptor of a regular file and its size; 'gone' when it vanished or is no file any more. */
function openRegularFile(file: string): { fd: number; size: number } | 'gone' | 'failed' {
  let fd: number
  try {
    fd = fs.openSync(file, 'r')
  } catch (error) {
    return GONE_CODES.has((error as NodeJS.ErrnoException).code ?? '') ? 'gone' : 'failed'
  }
  try {
    const stat = fs.fstatSync(fd)
    if (stat.isFile()) return { fd, size: stat.size }
    fs.closeSync(fd)
    return 'gone'
  } catch {
    fs.closeSync(fd)
    return 'failed'
  }
}
