/**
 * The sandbox's key can come from a file or the environment (so it stays out of the process
 * list), and its database files are readable by their owner only.
 */
import { spawn } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { API_KEY_ENV } from '@sandbox/api-key-source'
import { parseCliArgs } from '@sandbox/cli-args'
import { databaseFiles } from '@sandbox/db/database'
import { startTestSandbox } from './helpers'

const dir = mkdtempSync(join(tmpdir(), 'avara-sandbox-key-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function keyFile(name: string, contents: string, mode = 0o600): string {
  const file = join(dir, name)
  writeFileSync(file, contents, { mode })
  chmodSync(file, mode)
  return file
}

const modeOf = (file: string) => statSync(file).mode & 0o777

describe('the key from a file or the environment', () => {
  it('--api-key-file reads one line (the trailing newline is not part of the key)', () => {
    const file = keyFile('key.txt', 'sk_test_from_file\n')
    expect(parseCliArgs(['--api-key-file', file], {})).toEqual({ kind: 'run', options: { apiKey: 'sk_test_from_file' } })
    expect(parseCliArgs([`--api-key-file=${file}`], {})).toEqual({ kind: 'run', options: { apiKey: 'sk_test_from_file' } })
  })

  it(`${API_KEY_ENV} is used when no flag names a key; a flag wins over it`, () => {
    expect(parseCliArgs([], { [API_KEY_ENV]: 'sk_test_from_env' })).toEqual({ kind: 'run', options: { apiKey: 'sk_test_from_env' } })
    expect(parseCliArgs(['--api-key', 'flag-key'], { [API_KEY_ENV]: 'sk_test_from_env' })).toEqual({ kind: 'run', options: { apiKey: 'flag-key' } })
    const file = keyFile('key-over-env.txt', 'file-key')
    expect(parseCliArgs(['--api-key-file', file], { [API_KEY_ENV]: 'sk_test_from_env' })).toEqual({ kind: 'run', options: { apiKey: 'file-key' } })
    expect(parseCliArgs([], { [API_KEY_ENV]: '' })).toEqual({ kind: 'run', options: {} })
  })

  it('warns when the key file is readable by others', () => {
    const file = keyFile('open-key.txt', 'k-open', 0o644)
    const parsed = parseCliArgs(['--api-key-file', file], {})
    expect(parsed).toMatchObject({ kind: 'run', options: { apiKey: 'k-open' } })
    expect(parsed.kind === 'run' && parsed.warnings?.[0]).toMatch(/can be read by other users \(mode 644\); chmod 600 it/)
  })

  it.each([
    ['both flags', () => ['--api-key', 'k', '--api-key-file', keyFile('both.txt', 'k')], {}, /cannot be used together/],
    ['a missing file', () => ['--api-key-file', join(dir, 'absent.txt')], {}, /cannot read it \(ENOENT\)/],
    ['an empty file', () => ['--api-key-file', keyFile('empty.txt', '\n')], {}, /must hold one key/],
    ['two words in the file', () => ['--api-key-file', keyFile('two.txt', 'a b')], {}, /must hold one key/],
    ['a key with spaces in the environment', () => [], { [API_KEY_ENV]: 'has space' }, /AVARA_SANDBOX_API_KEY must be/]
  ])('refuses %s', (_name, argv, env, message) => {
    const parsed = parseCliArgs(argv(), env)
    expect(parsed.kind).toBe('error')
    expect(parsed.kind === 'error' && parsed.message).toMatch(message)
  })

  it('the CLI process serves the key from the environment, and the key is not in its arguments', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/sandbox/cli.ts', '--memory', '--port', '0', '--seed', 'empty'], {
      cwd: process.cwd(),
      env: { ...process.env, [API_KEY_ENV]: 'sk_test_env_only_key' },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    const baseURL = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString()
        const match = /AVARA_BASE_URL=(\S+)/.exec(stdout)
        if (match && stdout.includes('OpenAPI:')) resolve(match[1]!)
      })
      child.on('error', reject)
      child.on('close', (code) => reject(new Error(`sandbox exited early (${code})`)))
    })
    try {
      const args = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8')
      expect(args).not.toContain('sk_test_env_only_key')
      const ok = await fetch(`${baseURL}/v1/viewer/users`, { headers: { authorization: 'Bearer sk_test_env_only_key' } })
      expect(ok.status).toBe(200)
    } finally {
      const closed = new Promise((resolve) => child.once('close', resolve))
      child.kill('SIGTERM')
      await closed
    }
  })
})

describe('database files', () => {
  it('are created readable by their owner only (db, -wal, -shm), even under a lax umask', async () => {
    const dbFile = join(dir, 'fresh', 'sandbox.db')
    const previous = process.umask(0o022)
    try {
      const sandbox = await startTestSandbox({ dbFile, seed: 'empty' })
      try {
        // A write makes sure the WAL and shared-memory files exist while it runs.
        expect((await sandbox.api('GET', '/v1/viewer/users')).status).toBe(200)
        for (const file of databaseFiles(dbFile)) {
          expect(existsSync(file), file).toBe(true)
          expect(modeOf(file), file).toBe(0o600)
        }
        expect(modeOf(join(dir, 'fresh'))).toBe(0o700)
      } finally {
        await sandbox.close()
      }
    } finally {
      process.umask(previous)
    }
  })

  it('an existing database left readable by others is tightened on open', async () => {
    const dbFile = join(dir, 'old', 'sandbox.db')
    const first = await startTestSandbox({ dbFile, seed: 'empty' })
    await first.close()
    chmodSync(dbFile, 0o644)
    const second = await startTestSandbox({ dbFile, seed: 'empty' })
    try {
      expect(second.apiKey).toBe(first.apiKey)
      expect(modeOf(dbFile)).toBe(0o600)
      for (const file of databaseFiles(dbFile).filter(existsSync)) expect(modeOf(file), file).toBe(0o600)
    } finally {
      await second.close()
    }
  })
})
