/**
 * Facts that used to be spelled in several places now have one owner; these pin that the other
 * places take the owner's value instead of a copy (a copy that drifts would fail here).
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '@main/node/static/content-security-policy'
import { CONTENT_SECURITY_POLICY as ELECTRON_CSP } from '@main/electron/csp'
import { CONTENT_SECURITY_POLICY as WEB_CSP } from '@main/web/headers'
import { idPattern } from '@shared/avara/contract'
import { CALLS } from '@shared/ipc/contract'
import { toOpenableUrl } from '@main/electron/external-url'
import { parseBaseUrl } from '@main/web/profile'
import { BaseUrlSchema } from '@main/engine/persistence/schema'
import { checkBaseUrl, checkViewerUrl } from '@main/engine/open-url'

const repo = resolve(import.meta.dirname, '../..')

describe('one owner per fact', () => {
  it('Content-Security-Policy: both shells send the one policy; the page carries no meta copy', () => {
    expect(ELECTRON_CSP).toBe(CONTENT_SECURITY_POLICY)
    expect(WEB_CSP).toBe(CONTENT_SECURITY_POLICY)
    expect(readFileSync(resolve(repo, 'src/renderer/index.html'), 'utf8')).not.toMatch(/http-equiv="Content-Security-Policy"/i)
  })

  it('URL checks: the Electron opener, the web CLI and the state file agree with engine/open-url', () => {
    const urls = ['https://api.example.com', 'http://127.0.0.1:4010', 'http://api.example.com', 'ftp://x', 'https://u:p@x.com', 'not a url']
    for (const url of urls) {
      expect(toOpenableUrl(url) !== null, url).toBe(checkViewerUrl(url).ok)
      expect(parseBaseUrl(url) !== null, url).toBe(checkBaseUrl(url).ok)
      expect(BaseUrlSchema.safeParse(url).success, url).toBe(checkBaseUrl(url).ok)
    }
  })

  it('ID patterns: the bridge refuses what the Avara contract refuses', () => {
    const good = `stu_${'a'.repeat(32)}`
    for (const id of [good, `stu_${'A'.repeat(32)}`, `usr_${'a'.repeat(32)}`, 'stu_1', `${good}0`]) {
      expect(CALLS['study.get'].request.safeParse({ studyId: id }).success, id).toBe(idPattern('study').test(id))
    }
  })
})

describe('person display names: one rule (src/shared/avara/person.ts)', () => {
  it('first and last name, else the email; the engine says the same (the renderer: tests/component/person-name.test.ts)', async () => {
    const { personDisplayName } = await import('@shared/avara/person')
    const { displayName } = await import('@main/engine/identity')
    const people = [
      { firstName: 'Maya', lastName: 'Chen', email: 'maya@example.org' },
      { firstName: ' Maya ', lastName: '', email: 'maya@example.org' },
      { firstName: '', lastName: '', email: 'nobody@example.org' }
    ]
    expect(people.map(personDisplayName)).toEqual(['Maya Chen', 'Maya', 'nobody@example.org'])
    for (const person of people) {
      expect(displayName(person)).toBe(personDisplayName(person))
    }
  })
})

describe('ID requirement text', () => {
  it('names the kind of ID and its shape, for the bridge and the sandbox alike', async () => {
    const { idRequirement } = await import('@shared/avara/contract')
    expect(idRequirement('study')).toBe('must be a study ID (stu_ followed by 32 lowercase hex characters)')
    const refused = CALLS['study.get'].request.safeParse({ studyId: 'not-a-study' })
    expect(refused.success).toBe(false)
    expect(refused.error?.issues[0]?.message).toBe(idRequirement('study'))
  })
})
