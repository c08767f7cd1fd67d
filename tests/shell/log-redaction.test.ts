import { describe, expect, it } from 'vitest'
import { redactLogData } from '../../src/main/electron/log-redaction'
import { registerSecret } from '../../src/main/core/logging'

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
})
