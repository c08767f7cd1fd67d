import type { OperationName } from '@shared/avara/contract'
import type { OperationHandler } from '../context'
import { listInvitations, retrieveInvitation, revokeInvitation, updateInvitation } from './invitations'
import {
  cancelStudy, createStudy, listStudies, rerouteStudyUrl, retrieveStudy, retrieveStudyByUid, uncancelStudy, updateStudy
} from './studies'
import { inviteUser, listUsers, reactivateUser, retrieveUser, revokeUserAccess, updateUser } from './users'

/** One handler per contract operation; the type makes a missing one a compile error. */
export const OPERATIONS: Record<OperationName, OperationHandler> = {
  'studies.create': createStudy,
  'studies.list': listStudies,
  'studies.cancel': cancelStudy,
  'studies.uncancel': uncancelStudy,
  'studies.rerouteURL': rerouteStudyUrl,
  'studies.retrieveByUid': retrieveStudyByUid,
  'studies.retrieve': retrieveStudy,
  'studies.update': updateStudy,
  'users.invite': inviteUser,
  'users.list': listUsers,
  'users.revokeAccess': revokeUserAccess,
  'users.reactivate': reactivateUser,
  'users.invitations.list': listInvitations,
  'users.invitations.revoke': revokeInvitation,
  'users.invitations.retrieve': retrieveInvitation,
  'users.invitations.update': updateInvitation,
  'users.retrieve': retrieveUser,
  'users.update': updateUser
}
