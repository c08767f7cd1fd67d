import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CALL_NAMES, type CallName } from '@shared/ipc/contract'
import { makeRig, makeWorld, type Rig, type World } from './harness'

/** For every call, payloads the contract must refuse, and a word the error must name. */
const BAD: Record<CallName, Array<[payload: unknown, names: string]>> = {
  'app.getState': [[{ extra: 1 }, 'extra']],
  'auth.saveKey': [[{ baseUrl: 'https://x' }, 'apiKey'], [{ baseUrl: 42, apiKey: 'k' }, 'baseUrl'], ['nope', 'object'], [{ baseUrl: 'https://x', apiKey: '' }, 'apiKey'], [{ baseUrl: 'https://x', apiKey: 'k', allowFallbackStorage: 'yes' }, 'allowFallbackStorage']],
  'auth.findUsers': [[{}, 'query'], [{ query: 'x'.repeat(300) }, 'query']],
  'auth.setIdentity': [[{ userId: 'bob' }, 'userId'], [{ userId: `usr_${'0'.repeat(32)}`, admin: true }, 'admin']],
  'auth.signOut': [[{ now: true }, 'now']],
  'queue.refresh': [[[], 'object']],
  'study.get': [[{ studyId: '../../etc' }, 'studyId']],
  'study.open': [[{ studyId: 'stu_XYZ' }, 'studyId'], [{}, 'studyId']],
  'study.claim': [[{ studyId: null }, 'studyId']],
  'study.setViewerStatus': [[{ studyId: `stu_${'0'.repeat(32)}`, status: 'done' }, 'status']],
  'alerts.acknowledge': [[{ studyId: 1 }, 'studyId']],
  'alerts.snoozeStudy': [[{ studyId: `stu_${'0'.repeat(32)}`, minutes: 0 }, 'minutes'], [{ studyId: `stu_${'0'.repeat(32)}`, minutes: 1.5 }, 'minutes']],
  'alerts.pause': [[{ minutes: -1 }, 'minutes'], [{ minutes: 241 }, 'minutes']],
  'settings.update': [
    [{ statIntervalSec: 1 }, 'statIntervalSec'], [{ statIntervalSec: 61 }, 'statIntervalSec'], [{ queueIntervalSec: 4 }, 'queueIntervalSec'],
    [{ queueIntervalSec: 601 }, 'queueIntervalSec'], [{ queueIntervalSec: 30.5 }, 'queueIntervalSec'], [{ alerts: { reAlertMax: 99 } }, 'alerts.reAlertMax'], [{ theme: 'pink' }, 'theme']
  ],
  'view.update': [[{ queueView: 'everything' }, 'queueView'], [{ showStat: 'yes' }, 'showStat'], [{ tab: 'x' }, 'tab']]
}

let world: World
let rig: Rig
beforeAll(async () => {
  world = await makeWorld()
  rig = makeRig(world)
  await rig.companion.start()
})
afterAll(async () => {
  await rig.companion.stop()
  await world.close()
})

describe('bridge argument validation', () => {
  it('has bad payloads for every call of the contract', () => {
    expect(Object.keys(BAD).sort()).toEqual([...CALL_NAMES].sort())
  })

  for (const name of CALL_NAMES) {
    it(`refuses bad payloads for ${name}`, async () => {
      for (const [payload, field] of BAD[name]) {
        const result = await rig.companion.handle(name, payload)
        expect(result.ok, JSON.stringify(payload)).toBe(false)
        if (!result.ok) {
          expect(result.error.code).toBe('invalid-request')
          expect(result.error.message.toLowerCase()).toContain(field.toLowerCase())
        }
      }
    })
  }

  it('refuses unknown calls', async () => {
    const result = await rig.companion.handle('study.delete' as CallName, {})
    expect(result).toEqual({ ok: false, error: { code: 'unknown-call', message: 'Unknown call "study.delete".' } })
  })

  it('does not echo the API key in a validation error', async () => {
    const result = await rig.companion.handle('auth.saveKey', { baseUrl: 'https://x', apiKey: 'sk_live_secret', extra: 'x' })
    expect(JSON.stringify(result)).not.toContain('sk_live_secret')
  })
})
