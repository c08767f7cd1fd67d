/** The activity log's file adapter: JSON lines in the profile, newest first, bounded, never the key. */
import { mkdtempSync, readFileSync, rmSync, appendFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ActivityEntry } from '@shared/ipc/clinic-contract'
import { createFileActivityLog } from '@main/node/activity-log'
import { registerSecret, clearRegisteredSecretsForTests } from '@main/engine/logging'

const dirs: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'rrc-activity-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  clearRegisteredSecretsForTests()
})

const entry = (n: number, answer = 'ok'): ActivityEntry => ({
  at: new Date(Date.UTC(2026, 10, 27, 12, 0, n)).toISOString(),
  accountId: 'primary',
  followed: { userId: 'usr_' + 'a'.repeat(32), email: 'jordan@example.org' },
  action: 'studies.update',
  object: { kind: 'study', id: 'stu_' + n.toString(16).padStart(32, '0'), label: `study ${n}` },
  outcome: 'ok',
  status: 200,
  answer
})

describe('file activity log', () => {
  it('appends JSON lines and reads them newest first', async () => {
    const log = createFileActivityLog({ dir: tempDir() })
    for (let n = 1; n <= 3; n++) await log.append(entry(n))
    const lines = readFileSync(log.file, 'utf8').trim().split('\n')
    expect(lines).toHaveLength(3)
    expect(JSON.parse(lines[0]!)).toMatchObject({ action: 'studies.update', object: { label: 'study 1' } })
    expect((await log.read(2)).map((e) => e.object.label)).toEqual(['study 3', 'study 2'])
  })

  it('rotates at the size bound, keeping one older file, so it never grows without end', async () => {
    const dir = tempDir()
    const log = createFileActivityLog({ dir, maxBytes: 2048 })
    for (let n = 1; n <= 60; n++) await log.append(entry(n))
    expect(readFileSync(log.file).length).toBeLessThanOrEqual(2048)
    expect(existsSync(path.join(dir, 'activity.1.jsonl'))).toBe(true)
    const newest = await log.read(1000)
    expect(newest[0]!.object.label).toBe('study 60')
    expect(newest.length).toBeLessThan(60)
  })

  it('never writes a registered key or a viewer link token', async () => {
    const key = 'sk_test_sandbox_0123456789abcdef0123456789abcdef'
    registerSecret(key)
    const log = createFileActivityLog({ dir: tempDir() })
    await log.append(entry(1, `refused with ${key} at http://127.0.0.1:4010/viewer/studies/x?token=abc.def`))
    const text = readFileSync(log.file, 'utf8')
    expect(text).not.toContain(key)
    expect(text).not.toContain('token=abc')
  })

  it('skips a line cut short by a crash and keeps reading the rest', async () => {
    const log = createFileActivityLog({ dir: tempDir() })
    await log.append(entry(1))
    appendFileSync(log.file, '{"at":"2026-11-27T12:00:0')
    appendFileSync(log.file, '\n')
    await log.append(entry(2))
    expect((await log.read(10)).map((e) => e.object.label)).toEqual(['study 2', 'study 1'])
  })
})
