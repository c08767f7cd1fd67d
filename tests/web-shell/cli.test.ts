/**
 * The real CLI in a child process, with the real core: one ready line on stdout, the keychain
 * problem on stderr (its D-Bus address points nowhere here), then a real call through HTTP.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { fakeRendererDir, tempDir } from './helpers'

const root = path.resolve(import.meta.dirname, '../..')
const READY = /^Reading Room Companion \(web\) ready: (http:\/\/127\.0\.0\.1:(\d+)\/([A-Za-z0-9_-]{43})\/)$/

let child: ChildProcess | null = null
let dirs: string[] = []
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL')
  child = null
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
  dirs = []
})

function startCli(args: string[]): { child: ChildProcess; stdout: () => string; stderr: () => string; exit: Promise<number | null> } {
  // tsx's own binary (what `npx tsx` runs), so SIGTERM reaches the CLI without npm's wrapper in between.
  const proc = spawn(path.join(root, 'node_modules/.bin/tsx'), ['src/main/web/cli.ts', ...args], {
    cwd: root,
    env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/rrc-bus', DISPLAY: '' },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  let err = ''
  proc.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')))
  proc.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')))
  const exit = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)))
  child = proc
  return { child: proc, stdout: () => out, stderr: () => err, exit }
}

describe('npm run web (cli.ts)', () => {
  it('prints exactly one ready line, serves the page and a real core call, and stops on SIGTERM', async () => {
    const { root: rendererRoot, renderer } = fakeRendererDir()
    const profile = tempDir('rrc-web-cli-')
    dirs = [rendererRoot, profile]
    const cli = startCli(['--port', '0', '--profile', profile, '--renderer', renderer, '--base-url', 'http://127.0.0.1:9/'])
    await expect.poll(() => cli.stdout(), { timeout: 45_000, interval: 100 }).toMatch(/\n$/)
    const lines = cli.stdout().split('\n').filter((line) => line !== '')
    expect(lines).toHaveLength(1)
    const match = READY.exec(lines[0]!)
    expect(match).not.toBeNull()
    const [, url, port, token] = match!
    // The keychain is unreachable here: said on stderr, with the memory fallback, and no token there.
    expect(cli.stderr()).toMatch(/Keychain unavailable/)
    expect(cli.stderr()).toMatch(/not be remembered/)
    expect(cli.stderr()).not.toContain(token!)

    // The printed address is the page itself (the token is its first path segment), and no cookie.
    const page = await fetch(url!, { redirect: 'manual' })
    expect(page.status).toBe(200)
    expect(page.headers.get('set-cookie')).toBeNull()
    expect(await page.text()).toContain('id="app"')
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(401)

    const state = await fetch(new URL('api/call/app.getState', url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}'
    })
    expect(state.status).toBe(200)
    const result = (await state.json()) as { ok: boolean; value: { shell: string; auth: { baseUrl: string; hasKey: boolean; keyStorage: { kind: string } } } }
    expect(result.ok).toBe(true)
    expect(result.value.shell).toBe('web')
    expect(result.value.auth.baseUrl).toBe('http://127.0.0.1:9')
    expect(result.value.auth.hasKey).toBe(false)
    expect(result.value.auth.keyStorage.kind).toBe('memory')

    cli.child.kill('SIGTERM')
    expect(await cli.exit).toBe(0)
    // Logs went to the profile, without the token.
    const log = fs.readFileSync(path.join(profile, 'logs', 'companion.log'), 'utf8')
    expect(log).toMatch(/web shell started/)
    expect(log).not.toContain(token!)
  })

  it('rejects bad arguments with usage on stderr and exit code 2', async () => {
    const cli = startCli(['--port', 'eighty'])
    expect(await cli.exit).toBe(2)
    expect(cli.stdout()).toBe('')
    expect(cli.stderr()).toMatch(/--port must be a number/)
    expect(cli.stderr()).toMatch(/Usage: npm run web/)
  })
})
