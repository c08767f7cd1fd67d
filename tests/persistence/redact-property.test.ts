import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { clearRegisteredSecretsForTests, formatLogBody, redact, registerSecret } from '@main/engine/logging'

afterEach(() => clearRegisteredSecretsForTests())

const hex32 = fc.stringMatching(/^[0-9a-f]{32}$/)
const words = fc.array(fc.stringMatching(/^[A-Za-z0-9 .,:/=-]{0,20}$/), { maxLength: 4 }).map((parts) => parts.join(' '))

describe('redaction properties', () => {
  it('an Avara key (sk_live_ + 32 hex) never survives, whatever surrounds it', () => {
    fc.assert(
      fc.property(words, hex32, words, (before, hex, after) => {
        const key = `sk_live_${hex}`
        expect(redact(`${before} ${key} ${after}`)).not.toContain(hex)
        expect(formatLogBody(`${before}${key}`, { detail: `${key}${after}` })).not.toContain(hex)
      })
    )
  })

  it('a token query value never survives in a URL', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{12,40}$/), fc.constantFrom('http', 'https'), (token, scheme) => {
        const url = `${scheme}://viewer.example.org/viewer/studies/stu_${'a'.repeat(32)}?token=${token}`
        expect(redact(`open ${url} now`)).not.toContain(token)
      })
    )
  })

  it('a registered secret of any printable shape never survives', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[!-~]{8,40}$/), words, (secret, context) => {
        clearRegisteredSecretsForTests()
        registerSecret(secret)
        expect(redact(`${context}${secret}${context}`)).not.toContain(secret)
      })
    )
  })
})
