/**
 * The URL check's security edges: what counts as "this computer" for plain http (where the API
 * key and viewer tokens travel unencrypted), and odd spellings of schemes and hosts.
 */
import { describe, expect, it } from 'vitest'
import { checkBaseUrl, checkViewerUrl, isLoopbackHost } from '@main/engine/open-url'

describe('plain http only to this computer', () => {
  it('counts 127.0.0.0/8, ::1 and localhost, in any spelling the URL parser normalises', () => {
    for (const raw of ['http://127.0.0.1:4010/', 'http://127.255.0.9/', 'http://127.1/', 'http://2130706433/', 'http://[::1]:9/', 'http://[0:0:0:0:0:0:0:1]/', 'http://LOCALHOST:80/', 'HTTP://127.0.0.1/']) {
      expect(checkBaseUrl(raw).ok, raw).toBe(true)
      expect(checkViewerUrl(raw).ok, raw).toBe(true)
    }
  })

  it('refuses names under .localhost: Node resolves them through DNS, which may answer with any address', () => {
    expect(isLoopbackHost('avara.localhost')).toBe(false)
    for (const raw of ['http://avara.localhost/', 'http://evil.localhost:4010/viewer/studies/x?token=t']) {
      expect(checkBaseUrl(raw).ok, raw).toBe(false)
      expect(checkViewerUrl(raw).ok, raw).toBe(false)
    }
    // https to such a name is still a normal https address.
    expect(checkBaseUrl('https://avara.localhost/').ok).toBe(true)
  })

  it('refuses look-alike and non-loopback hosts over http', () => {
    for (const raw of [
      'http://127.0.0.1.evil.com/',
      'http://localhost.evil.com/',
      'http://localhost./',
      'http://127.0.0.1@evil.com/',
      'http://0.0.0.0/',
      'http://[::]/',
      'http://[::ffff:127.0.0.1]/',
      'http://128.0.0.1/',
      'http://10.0.0.1/'
    ]) {
      expect(checkBaseUrl(raw).ok, raw).toBe(false)
      expect(checkViewerUrl(raw).ok, raw).toBe(false)
    }
  })

  it('refuses other schemes whatever their case or surrounding whitespace, and credentials', () => {
    for (const raw of [' JavaScript:alert(1)', 'FILE:///etc/passwd', 'data:text/html,x', '\tvbscript:x', 'https://user@example.com/', 'https://u:p@example.com/']) {
      expect(checkViewerUrl(raw).ok, raw).toBe(false)
    }
    const padded = checkViewerUrl('  HTTPS://Viewer.Example.com/s/1?token=abc\n')
    expect(padded.ok && padded.url.href).toBe('https://viewer.example.com/s/1?token=abc')
  })
})
