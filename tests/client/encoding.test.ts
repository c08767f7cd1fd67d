import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { encodePathSegment, encodeQuery, encodeRfc3986, fillPathTemplate, joinURL } from '@shared/avara/encoding'
import { AvaraError } from '@shared/avara'

describe('query encoding (docs/avara-viewer-api.md §4)', () => {
  it('matches the observed SDK example: nulls as empty values, booleans and numbers as text', () => {
    expect(encodeQuery({ assignedTo: null, expressCustomerId: null, isCancelled: false, limit: 5 })).toBe(
      '?assignedTo=&expressCustomerId=&isCancelled=false&limit=5'
    )
  })

  it('leaves out undefined values and empty arrays, and sends nothing when nothing is set', () => {
    expect(encodeQuery({ a: undefined, status: [] })).toBe('')
    expect(encodeQuery(undefined)).toBe('')
    expect(encodeQuery({ a: undefined, b: 'x' })).toBe('?b=x')
  })

  it('joins arrays with an encoded comma; one element is sent bare', () => {
    expect(encodeQuery({ status: ['sent', 'revoked'] })).toBe('?status=sent%2Crevoked')
    expect(encodeQuery({ status: ['accepted'] })).toBe('?status=accepted')
  })

  it('uses RFC 3986: space is %20, & , / + = are encoded, unreserved characters are kept', () => {
    expect(encodeQuery({ studyDescription: "CT Chest/Abd & Pelvis, w+o=(x)!*'~._-" })).toBe(
      '?studyDescription=CT%20Chest%2FAbd%20%26%20Pelvis%2C%20w%2Bo%3D%28x%29%21%2A%27~._-'
    )
    expect(encodeQuery({ cursor: 'eyJvZmZzZXQiOjIwfQ==' })).toBe('?cursor=eyJvZmZzZXQiOjIwfQ%3D%3D')
  })

  it('refuses nested objects instead of sending "[object Object]"', () => {
    expect(() => encodeQuery({ filter: { a: 1 } })).toThrow(AvaraError)
  })

  it('round-trips any string through standard URL decoding, with only unreserved characters left bare', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (value) => {
        const encoded = encodeRfc3986(value)
        expect(encoded).toMatch(/^(?:[A-Za-z0-9\-._~]|%[0-9A-F]{2})*$/)
        expect(new URLSearchParams(`v=${encoded}`).get('v')).toBe(value)
      })
    )
  })

  it('sends U+FFFD for a lone surrogate instead of throwing URIError', () => {
    expect(encodeQuery({ q: 'a\uD800b' })).toBe('?q=a%EF%BF%BDb')
    expect(encodePathSegment('id', '\uDC00')).toBe('%EF%BF%BD')
  })
})

describe('path encoding', () => {
  it('encodes everything outside the RFC 3986 path set and keeps dots', () => {
    expect(encodePathSegment('id', '1.2.840.10008.5.1.4.1.1.2')).toBe('1.2.840.10008.5.1.4.1.1.2')
    expect(encodePathSegment('id', 'a/b?c#d e%')).toBe('a%2Fb%3Fc%23d%20e%25')
    expect(encodePathSegment('id', "$&+,;=:@!'()*~")).toBe("$&+,;=:@!'()*~")
  })

  it('refuses ".", ".." and empty values, which would change the route', () => {
    for (const bad of ['.', '..', '']) expect(() => encodePathSegment('studyId', bad)).toThrow(AvaraError)
    expect(() => encodePathSegment('studyId', undefined)).toThrow(/must be a string/)
  })

  it('fills templates', () => {
    expect(fillPathTemplate('/v1/viewer/studies/{studyId}', { studyId: 'stu_1 2' })).toBe('/v1/viewer/studies/stu_1%202')
  })

  it('keeps a base URL path prefix and drops trailing slashes', () => {
    expect(joinURL('http://h/api/', '/v1/x')).toBe('http://h/api/v1/x')
    expect(joinURL('http://h//', '/v1/x')).toBe('http://h/v1/x')
    expect(joinURL('http://h', '/v1/x')).toBe('http://h/v1/x')
  })
})
