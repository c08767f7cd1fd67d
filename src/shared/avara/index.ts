/**
 * The Avara Viewer API client: a drop-in for the official SDK's viewer surface
 * (`import Avara from '...'`, `client.viewer.studies.list()` and so on), with response checks.
 * Runs on the global `fetch` in Node 20, Electron's main process and browsers.
 */
import { Avara } from './client'

export default Avara
export { Avara }
export { VERSION, DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS, DEFAULT_MAX_RETRIES, type ClientOptions } from './client'
export type { RequestOptions, Fetch } from './transport'
export type { HeadersLike } from './headers'
export type { LogLevel, Logger } from './logging'
export { APIPromise, type APIResult } from './api-promise'
export { CursorPage, PagePromise, DEFAULT_MAX_PAGES, type PaginationOptions } from './pagination'
export { StudiesPage, UsersPage, InvitationsPage, Viewer, Studies, Users, Invitations } from './resources'
export {
  AvaraError,
  APIError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  AvaraResponseValidationError,
  AvaraPaginationError,
  type PaginationFailure,
  type ResponseIssue
} from './errors'

// Every request and response type of the contract, under the SDK's names.
export type {
  Severity,
  StudyViewerStatus,
  UserLevel,
  AssignableUserLevel,
  InvitedSource,
  InvitationStatus,
  InvitationExpiredFilter,
  ClinicRole,
  UserReference,
  APIKeyReference,
  ExpressCustomerReference,
  Study,
  User,
  Invitation,
  SuccessResponse,
  RerouteURLResponse,
  CursorStudies,
  CursorUsers,
  CursorInvitations,
  ErrorBody,
  StudyCreateParams,
  StudyListParams,
  StudyUpdateParams,
  StudyLocatorParams,
  StudyCancelParams,
  StudyUncancelParams,
  StudyRerouteURLParams,
  UserInviteParams,
  UserListParams,
  UserUpdateParams,
  UserRevokeAccessParams,
  UserReactivateParams,
  InvitationListParams,
  InvitationUpdateParams,
  InvitationRevokeParams,
  StudyCreateResponse,
  StudyListResponse,
  StudyRetrieveResponse,
  StudyUpdateResponse,
  StudyRetrieveByUidResponse,
  StudyCancelResponse,
  StudyUncancelResponse,
  StudyRerouteURLResponse,
  UserInviteResponse,
  UserListResponse,
  UserRetrieveResponse,
  UserUpdateResponse,
  UserRevokeAccessResponse,
  UserReactivateResponse,
  InvitationListResponse,
  InvitationRetrieveResponse,
  InvitationUpdateResponse,
  InvitationRevokeResponse,
  OperationName
} from './contract'
