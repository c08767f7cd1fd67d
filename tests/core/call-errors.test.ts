import { describe, expect, it } from 'vitest'
import { APIError } from '@shared/avara/errors'
import { describeUpstream } from '@main/engine/call-errors'

describe('describeUpstream', () => {
  it('passes the server message to the renderer without credentials it may quote', () => {
    const key = 'sk_live_0123456789abcdef0123456789abcdef'
    const error = APIError.generate(409, { message: `Study is already claimed (key ${key})`, code: 'conflict' }, undefined, new Headers())
    const text = describeUpstream(error)
    expect(text).toContain('(409)')
    expect(text).toContain('Study is already claimed')
    expect(text).not.toContain(key)
  })

  it('caps long server messages', () => {
    const error = APIError.generate(400, { message: 'x'.repeat(5000) }, undefined, new Headers())
    expect(describeUpstream(error).length).toBeLessThan(260)
  })
})
