/** Compile-time checks (run by tsc) plus a runtime smoke test: the SDK's type names resolve. */
import { expect, expectTypeOf, it } from 'vitest'
import Avara, { type Study, type StudyCreateParams } from '@shared/avara'

it('exposes SDK-style type namespaces on the class', () => {
  const params: Avara.Viewer.StudyCreateParams = { severity: 'high', studyDescription: 'CT', studyInstanceUid: '1.2.3' }
  expectTypeOf(params).toEqualTypeOf<StudyCreateParams>()
  expectTypeOf<Avara.Viewer.Studies.StudyRetrieveResponse>().toEqualTypeOf<Study>()
  expectTypeOf<Avara.Viewer.Users.Invitations.InvitationListParams['status']>().toEqualTypeOf<('sent' | 'accepted' | 'rejected' | 'revoked')[] | undefined>()
  const options: Avara.RequestOptions = { timeout: 1000, maxRetries: 1, headers: { 'X-A': null } }
  expect(options.maxRetries).toBe(1)
})

it('types list results as awaitable pages and async-iterable items', () => {
  type ListCall = ReturnType<Avara['viewer']['studies']['list']>
  expectTypeOf<Awaited<ListCall>['studies']>().toEqualTypeOf<Study[]>()
  expectTypeOf<ListCall>().toExtend<AsyncIterable<Study>>()
  expectTypeOf<Awaited<ReturnType<Avara['viewer']['users']['invitations']['revoke']>>['success']>().toEqualTypeOf<boolean>()
})
