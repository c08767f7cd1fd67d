/**
 * The static file server survives files that change under it: removed or replaced between the
 * check and the read (as `npm run build` does while the web shell runs). Each case then asks again
 * to prove the server (and this process) still answers.
 */
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createStaticFiles } from '@main/web/static-files'
import { startWebShell, type WebShell } from '@main/web/server'
import { createMemorySecretStore } from '@main/engine/secrets'
import { fakeCompanionFactory, fakeRendererDir, rawRequest, tempDir } from './helpers'

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
})

/** A bare node:http server around createStaticFiles, with a hook between check and open. */
async function serveWithHook(renderer: string, beforeOpen: (file: string) => void): Promise<{ port: number; close(): Promise<void> }> {
  const files = createStaticFiles(renderer, { beforeOpen })
  const server = http.createServer((request, response) => {
    const result = files.serve(request.url ?? '/', response, request.method === 'HEAD')
    if (result !== 'served') {
      response.writeHead(result === 'not-found' ? 404 : 400)
      response.end(result)
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  }
}

describe('a file that changes between the check and the read', () => {
  let renderer: string
  let hook: (file: string) => void = () => {}
  let server: Awaited<ReturnType<typeof serveWithHook>>

  beforeAll(async () => {
    const made = fakeRendererDir()
    dirs.push(made.root)
    renderer = made.renderer
    server = await serveWithHook(renderer, (file) => hook(file))
  })
  afterAll(() => server.close())
  afterEach(() => {
    hook = () => {}
  })

  const get = (urlPath: string, method = 'GET') => rawRequest(server.port, { method, path: urlPath })

  it('removed: a clean 404, and the server still serves', async () => {
    const victim = path.join(renderer, 'assets/removed-1.js')
    fs.writeFileSync(victim, 'console.log(1)\n')
    let hookRan = false
    hook = (file) => {
      hookRan = true
      fs.rmSync(file)
    }
    const response = await get('/assets/removed-1.js')
    expect(hookRan).toBe(true)
    expect(response.status).toBe(404)
    hook = () => {}
    expect((await get('/assets/index-abc123.js')).body).toBe('console.log("app")\n')
  })

  it('replaced by a directory: a clean 404 (no stream error), and the server still serves', async () => {
    const victim = path.join(renderer, 'assets/replaced-1.js')
    fs.writeFileSync(victim, 'console.log(2)\n')
    hook = (file) => {
      fs.rmSync(file)
      fs.mkdirSync(file)
    }
    expect((await get('/assets/replaced-1.js')).status).toBe(404)
    expect((await get('/assets/replaced-1.js', 'HEAD')).status).toBe(404)
    hook = () => {}
    expect((await get('/assets/index-abc123.css')).status).toBe(200)
  })

  it('replaced by another file after it was opened: the bytes and length of the file opened', async () => {
    const victim = path.join(renderer, 'assets/rebuilt-1.js')
    fs.writeFileSync(victim, 'old contents\n')
    const served = new Promise<Awaited<ReturnType<typeof get>>>((resolve, reject) => {
      hook = () => {
        // Runs just before the (synchronous) open; the swap happens after it, before the read.
        setImmediate(() => {
          fs.rmSync(victim)
          fs.writeFileSync(victim, 'new and much longer contents\n')
        })
      }
      get('/assets/rebuilt-1.js').then(resolve, reject)
    })
    const response = await served
    expect(response.status).toBe(200)
    expect(response.body).toBe('old contents\n')
    expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength('old contents\n'))
  })
})

describe('the web shell while its renderer folder is rebuilt', () => {
  let shell: WebShell
  let renderer: string

  beforeAll(async () => {
    const made = fakeRendererDir()
    const profile = tempDir('rrc-web-static-')
    dirs.push(made.root, profile)
    renderer = made.renderer
    shell = await startWebShell({
      port: 0,
      profileDir: profile,
      rendererDir: renderer,
      secrets: createMemorySecretStore(),
      companionFactory: fakeCompanionFactory().factory,
      log: false
    })
  })
  afterAll(() => shell?.close())

  it('answers 404/503 while the folder is gone, keeps running, and serves the new build', async () => {
    const host = `127.0.0.1:${shell.port}`
    const get = (urlPath: string) => rawRequest(shell.port, { path: `/${shell.token}${urlPath}`, headers: { host } })
    expect((await get('/assets/index-abc123.js')).status).toBe(200)
    fs.rmSync(renderer, { recursive: true })
    expect((await get('/assets/index-abc123.js')).status).toBe(404)
    expect((await get('/')).status).toBe(503)
    fs.mkdirSync(path.join(renderer, 'assets'), { recursive: true })
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>new</title>')
    fs.writeFileSync(path.join(renderer, 'assets/index-def456.js'), 'console.log("new")\n')
    expect((await get('/assets/index-def456.js')).body).toBe('console.log("new")\n')
    expect((await get('/')).body).toContain('<title>new</title>')
  })
})
