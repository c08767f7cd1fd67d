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
  'accounts.list': [[{ all: true }, 'all']],
  'accounts.add': [
    [{ baseUrl: 'https://x', apiKey: 'k' }, 'displayName'], [{ baseUrl: 'https://x', apiKey: 'k', displayName: ' ' }, 'displayName'],
    [{ baseUrl: 'https://x', apiKey: 'k', displayName: 'B', colour: 'pink' }, 'colour'], [{ baseUrl: 'https://x', apiKey: 'k', displayName: 'B', userId: 'bob' }, 'userId'],
    [{ baseUrl: 'https://x', apiKey: 'k', displayName: 'B', email: 'a@b.co', userId: `usr_${'0'.repeat(32)}` }, 'email']
  ],
  'accounts.update': [[{ displayName: 'B' }, 'accountId'], [{ accountId: 'Primary!', displayName: 'B' }, 'accountId'], [{ accountId: 'primary', displayName: 'x'.repeat(61) }, 'displayName']],
  'accounts.reorder': [[{ accountIds: [] }, 'accountIds'], [{ accountIds: 'primary' }, 'accountIds']],
  'accounts.remove': [[{}, 'accountId'], [{ accountId: '../x' }, 'accountId']],
  'accounts.setOverrides': [
    [{ overrides: {} }, 'accountId'], [{ accountId: 'primary' }, 'overrides'], [{ accountId: 'primary', overrides: { statIntervalSec: 1 } }, 'overrides.statIntervalSec'],
    [{ accountId: 'primary', overrides: { queueIntervalSec: 601 } }, 'overrides.queueIntervalSec'], [{ accountId: 'primary', overrides: { alerts: { reAlertMax: 11 } } }, 'overrides.alerts.reAlertMax'],
    [{ accountId: 'primary', overrides: { alerts: { sound: 'yes' } } }, 'overrides.alerts.sound'], [{ accountId: 'primary', overrides: { targets: { statMinutes: 5 } } }, 'targets'],
    [{ accountId: 'primary', overrides: { appearance: null } }, 'appearance']
  ],
  'queue.refresh': [[[], 'object']],
  'queue.snapshot': [[{ since: 3 }, 'since']],
  'study.get': [[{ studyId: '../../etc' }, 'studyId']],
  'study.open': [[{ studyId: 'stu_XYZ' }, 'studyId'], [{}, 'studyId'], [{ accountId: 'A B', studyId: `stu_${'0'.repeat(32)}` }, 'accountId']],
  'study.claim': [[{ studyId: null }, 'studyId']],
  'study.setViewerStatus': [[{ studyId: `stu_${'0'.repeat(32)}`, status: 'done' }, 'status']],
  'alerts.acknowledge': [[{ studyId: 1 }, 'studyId']],
  'alerts.snoozeStudy': [[{ studyId: `stu_${'0'.repeat(32)}`, minutes: 0 }, 'minutes'], [{ studyId: `stu_${'0'.repeat(32)}`, minutes: 1.5 }, 'minutes']],
  'alerts.pause': [[{ minutes: -1 }, 'minutes'], [{ minutes: 241 }, 'minutes']],
  'settings.update': [
    [{ statIntervalSec: 1 }, 'statIntervalSec'], [{ statIntervalSec: 61 }, 'statIntervalSec'], [{ queueIntervalSec: 4 }, 'queueIntervalSec'],
    [{ queueIntervalSec: 601 }, 'queueIntervalSec'], [{ queueIntervalSec: 30.5 }, 'queueIntervalSec'], [{ alerts: { reAlertMax: 99 } }, 'alerts.reAlertMax'], [{ theme: 'pink' }, 'theme']
  ],
  'view.update': [[{ queueView: 'everything' }, 'queueView'], [{ showStat: 'yes' }, 'showStat'], [{ tab: 'x' }, 'tab']],
  // The clinic workspace (src/shared/ipc/clinic-contract.ts): what the API would refuse never leaves.
  'clinic.access': [[{ accountId: '' }, 'accountId']],
  'clinic.users.list': [[{ filters: { level: 'boss' } }, 'filters.level'], [{ filters: {}, cursor: '' }, 'cursor']],
  'clinic.users.retrieve': [[{ userId: 'usr_1' }, 'userId']],
  'clinic.users.invite': [
    [{ user: { email: 'a@b.co', firstName: 'A', lastName: 'B', clinicRole: 'Radiologist', level: 'member', canManageStudies: false, hasDashboardAccess: true, phoneNumber: '123' } }, 'user.phoneNumber'],
    [{ user: { email: 'nope', firstName: 'A', lastName: 'B', clinicRole: 'Radiologist', level: 'member', canManageStudies: false, hasDashboardAccess: true } }, 'user.email'],
    [{ user: { email: 'a@b.co', firstName: 'A', lastName: 'B', clinicRole: 'Radiologist', level: 'owner', canManageStudies: false, hasDashboardAccess: true } }, 'user.level']
  ],
  'clinic.users.update': [[{ userId: `usr_${'0'.repeat(32)}`, patch: { email: 'x@y.z' } }, 'email'], [{ userId: `usr_${'0'.repeat(32)}`, patch: { clinicRole: 'Wizard' } }, 'patch.clinicRole']],
  'clinic.users.revokeAccess': [[{}, 'userId']],
  'clinic.users.reactivate': [[{ userId: 42 }, 'userId']],
  'clinic.invitations.list': [[{ filters: { startDate: '2026-05-02', endDate: '2026-05-01' } }, 'filters.endDate'], [{ filters: { startDate: '2026-02-30' } }, 'filters.startDate'], [{ filters: { status: ['pending'] } }, 'filters.status']],
  'clinic.invitations.retrieve': [[{ invitationId: 'inv_x' }, 'invitationId']],
  'clinic.invitations.update': [[{ invitationId: `inv_${'0'.repeat(32)}`, patch: { phoneNumber: '12-34' } }, 'patch.phoneNumber']],
  'clinic.invitations.revoke': [[{}, 'invitationId'], [{ invitationId: `inv_${'0'.repeat(32)}`, userId: `usr_${'0'.repeat(32)}` }, 'invitationId'], [{ userId: 'usr_bad' }, 'userId']],
  'clinic.studies.list': [[{ filters: { severity: 'urgent' } }, 'filters.severity'], [{ filters: { assignedTo: 'nobody' } }, 'filters.assignedTo']],
  'clinic.studies.retrieve': [[{ studyId: 'stu_1' }, 'studyId']],
  'clinic.studies.retrieveByUid': [[{ studyInstanceUid: '1.02.3' }, 'studyInstanceUid']],
  'clinic.studies.create': [
    [{ study: { severity: 'stat', studyDescription: 'CT', studyInstanceUid: 'abc' } }, 'study.studyInstanceUid'],
    [{ study: { severity: 'stat', studyDescription: 'CT', studyInstanceUid: '1.2.3', metadata: { ['k'.repeat(101)]: 'v' } } }, 'study.metadata']
  ],
  'clinic.studies.update': [[{ studyId: `stu_${'0'.repeat(32)}`, patch: {} }, 'patch'], [{ studyId: `stu_${'0'.repeat(32)}`, patch: { studyViewerStatus: 'done' } }, 'patch.studyViewerStatus']],
  'clinic.studies.cancel': [[{ studyInstanceUid: '1.2.3' }, 'studyId']],
  'clinic.studies.uncancel': [[{ studyId: 'x' }, 'studyId']],
  'clinic.studies.open': [[{}, 'studyId']],
  'clinic.activity.list': [[{ limit: 0 }, 'limit'], [{ limit: 1001 }, 'limit']]
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
