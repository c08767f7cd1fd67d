/** The client outside Node: no `process` (browser, sandboxed renderer), only globals it probes. */
import { afterEach, describe, expect, it, vi } from 'vitest'
import Avara, { AvaraError } from '@shared/avara'
import { platformHeaders, readEnv } from '@shared/avara/platform'

/** Runs `fn` synchronously with `globalThis.process` hidden (restored before anything async runs). */
function withoutProcess<T>(fn: () => T): T {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'process')!
  Object.defineProperty(globalThis, 'process', { value: undefined, configurable: true, writable: true })
  try {
    return fn()
  } finally {
    Object.defineProperty(globalThis, 'process', descriptor)
  }
}

afterEach(() => {
  vi.unstubAllEnvs()
  vi.unstubAllGlobals()
})

describe('without a process object', () => {
  it('reads no environment, so a missing apiKey throws even when AVARA_API_KEY is set', () => {
    vi.stubEnv('AVARA_API_KEY', 'sk_env')
    expect(readEnv('AVARA_API_KEY')).toBe('sk_env')
    expect(withoutProcess(() => readEnv('AVARA_API_KEY'))).toBeUndefined()
    expect(() => withoutProcess(() => new Avara())).toThrow(AvaraError)
    expect(withoutProcess(() => new Avara({ apiKey: 'k' }).baseURL)).toBe('https://api.avarasoftware.com')
  })

  it('reports a browser runtime from navigator.userAgent', () => {
    vi.stubGlobal('navigator', { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36' })
    const headers = withoutProcess(() => platformHeaders('0.2.0'))
    expect(headers).toMatchObject({ 'X-Stainless-Lang': 'js', 'X-Stainless-Runtime': 'browser:chrome', 'X-Stainless-Runtime-Version': '140.0.0.0' })
  })

  it('reports node with OS and arch when process exists', () => {
    expect(platformHeaders('0.2.0')).toMatchObject({ 'X-Stainless-Runtime': 'node', 'X-Stainless-Runtime-Version': process.version, 'X-Stainless-Arch': process.arch === 'x64' ? 'x64' : expect.any(String) })
  })

  it('explains a missing global fetch instead of failing later', () => {
    vi.stubGlobal('fetch', undefined)
    expect(() => new Avara({ apiKey: 'k' })).toThrow(/fetch/)
  })
})
