import { describe, expect, it } from 'vitest'
import { redactLogData } from '@main/electron/log-redaction'
import { registerSecret } from '@main/engine/logging'

describe('electron-log redaction hook', () => {
  it('redacts keys, tokenised URLs and registered secrets in caught errors and plain arguments', () => {
    const secret = 'sk_live_0123456789abcdef0123456789abcdef'
    registerSecret('correct-horse-battery-staple')
    const error = new Error(`request failed with Bearer ${secret} for http://127.0.0.1:4010/viewer/studies/x?token=abc.def`)
    const lines = redactLogData([error, { key: 'correct-horse-battery-staple' }, 'plain text'])
    const all = lines.join('\n')
    expect(all).not.toContain(secret)
    expect(all).not.toContain('token=abc.def')
    expect(all).not.toContain('correct-horse-battery-staple')
    expect(lines[0]).toContain('request failed')
    expect(lines[2]).toBe('plain text')
  })

  it('redacts credential members of objects it stringifies (an unhandled rejection with a plain object)', () => {
    const [line] = redactLogData([{ studyId: 'stu_1', token: 'viewer-token-0123456789', headers: { 'x-companion-token': 'run-token-abcdefghij' } }])
    expect(line).not.toContain('viewer-token-0123456789')
    expect(line).not.toContain('run-token-abcdefghij')
    expect(line).toContain('stu_1')
  })
})
