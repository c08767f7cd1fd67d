import Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseCliArgs } from '@sandbox/cli-args'
import { DEFAULT_DB_FILE, DEFAULT_HOST, DEFAULT_PORT } from '@sandbox/server'

describe('parseCliArgs', () => {
  it('parses every flag in both spellings', () => {
    expect(parseCliArgs([])).toEqual({ kind: 'run', options: {} })
    expect(parseCliArgs(['--host', '0.0.0.0', '--port=0', '--api-key', 'k1', '--db', 'x.db', '--seed=empty', '--simulate'])).toEqual({
      kind: 'run', options: { host: '0.0.0.0', port: 0, apiKey: 'k1', dbFile: 'x.db', seed: 'empty', simulate: 1 }
    })
    expect(parseCliArgs(['--memory', '--simulate=2.5'])).toEqual({ kind: 'run', options: { dbFile: null, simulate: 2.5 } })
    expect(parseCliArgs(['--help']).kind).toBe('help')
  })

  it('chooses the second demo clinic with --seed demo-2', () => {
    expect(parseCliArgs(['--seed', 'demo-2', '--memory'])).toEqual({ kind: 'run', options: { seed: 'demo-2', dbFile: null } })
    expect(parseCliArgs(['--seed=demo-3'])).toEqual({ kind: 'error', message: '--seed must be demo, demo-2 or empty, not "demo-3"' })
  })

  it.each([
    [['--port', 'abc']], [['--port', '70000']], [['--port']], [['--seed', 'full']], [['--db', 'a', '--memory']], [['--simulate=0']],
    [['--simulate=fast']], [['--bogus']], [['extra']], [['--api-key', 'has space']], [['--memory=yes']], [['--port', '1', '--port', '2']],
    [['--host', '--port', '1']]
  ])('rejects %j', (argv) => {
    const parsed = parseCliArgs(argv)
    expect(parsed.kind).toBe('error')
    if (parsed.kind === 'error') expect(parsed.message.length).toBeGreaterThan(5)
  })
})

function runCli(args: string[], untilStdout?: RegExp, signal: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/sandbox/cli.ts', ...args], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString()
      if (untilStdout && untilStdout.test(stdout)) child.kill(signal)
    })
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

describe('sandbox CLI process', () => {
  it('exits 2 with a clear message on bad arguments', async () => {
    const result = await runCli(['--seed', 'everything'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--seed must be demo, demo-2 or empty')
    expect(result.stderr).toContain('Usage:')
  })

  it('prints base URL, key and owner, and closes cleanly on SIGTERM', async () => {
    const result = await runCli(['--memory', '--port', '0', '--seed', 'empty', '--api-key', 'cli-test-key'], /OpenAPI:/)
    expect(result.code, JSON.stringify(result)).toBe(0)
    expect(result.stdout).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/)
    expect(result.stdout).toContain('AVARA_API_KEY=cli-test-key')
    expect(result.stdout).toContain('clinic: Sandbox clinic')
    expect(result.stdout).toContain('owner: Jordan Ellis <jordan.ellis@example.org>')
    expect(result.stdout).toContain('SIGTERM: closing the sandbox')
    expect(result.code).toBe(0)
  })

  it('on SIGINT closes a --db file cleanly: the data is there and the WAL is checkpointed away', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'avara-cli-'))
    try {
      const dbFile = join(dir, 'sandbox.db')
      const result = await runCli(['--db', dbFile, '--port', '0', '--seed', 'demo'], /OpenAPI:/, 'SIGINT')
      expect(result.code, JSON.stringify(result)).toBe(0)
      expect(result.stdout).toContain('SIGINT: closing the sandbox')
      expect(result.stdout).toContain(`database: ${dbFile}`)
      expect(existsSync(`${dbFile}-wal`)).toBe(false)
      const db = new Database(dbFile, { readonly: true })
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
        expect((db.prepare('SELECT COUNT(*) AS n FROM studies').get() as { n: number }).n).toBeGreaterThan(50)
      } finally {
        db.close()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('defaults to 127.0.0.1:4010 and a SQLite file in a git-ignored folder', () => {
    expect([DEFAULT_HOST, DEFAULT_PORT]).toEqual(['127.0.0.1', 4010])
    const folder = DEFAULT_DB_FILE.split('/')[0]!
    expect(DEFAULT_DB_FILE).toMatch(/\.db$/)
    expect(readFileSync('.gitignore', 'utf8').split('\n')).toContain(`${folder}/`)
  })
})
