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

export function createStaticFiles(rootDir: string): StaticFiles {
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
      const stat = fs.statSync(file)
      // Vite puts content-hashed files under /assets/: they never change under one name.
      const immutable = pathname.startsWith('/assets/')
      response.writeHead(200, {
        'Content-Type': mimeType(file),
        'Content-Length': stat.size,
        'Cache-Control': immutable ? 'private, max-age=31536000, immutable' : 'no-cache'
      })
      if (head) response.end()
      else fs.createReadStream(file).pipe(response)
      return 'served'
    }
  }
}
