/**
 * `client.viewer.*`: the 18 operations, with the SDK's method names and argument shapes. Each
 * method only names its contract operation and its inputs; the transport does the rest.
 */
import type {
  CursorInvitations,
  CursorStudies,
  CursorUsers,
  Invitation,
  InvitationListParams,
  InvitationRetrieveResponse,
  InvitationRevokeParams,
  InvitationRevokeResponse,
  InvitationUpdateParams,
  InvitationUpdateResponse,
  Study,
  StudyCancelParams,
  StudyCancelResponse,
  StudyCreateParams,
  StudyCreateResponse,
  StudyListParams,
  StudyRerouteURLParams,
  StudyRerouteURLResponse,
  StudyRetrieveByUidResponse,
  StudyRetrieveResponse,
  StudyUncancelParams,
  StudyUncancelResponse,
  StudyUpdateParams,
  StudyUpdateResponse,
  User,
  UserInviteParams,
  UserInviteResponse,
  UserListParams,
  UserReactivateParams,
  UserReactivateResponse,
  UserRetrieveResponse,
  UserRevokeAccessParams,
  UserRevokeAccessResponse,
  UserUpdateParams,
  UserUpdateResponse
} from './contract'
import type { QueryParams } from './encoding'
import { CursorPage, PagePromise, type PageLoader } from './pagination'
import type { RequestOptions, Transport } from './transport'

export class StudiesPage extends CursorPage<Study> {
  readonly studies: Study[]
  constructor(body: CursorStudies, query: QueryParams, load: PageLoader<StudiesPage>) {
    super(body, query, load as PageLoader<CursorPage<Study>>)
    this.studies = body.studies
  }
  getPaginatedItems(): Study[] {
    return this.studies
  }
}

export class UsersPage extends CursorPage<User> {
  readonly users: User[]
  constructor(body: CursorUsers, query: QueryParams, load: PageLoader<UsersPage>) {
    super(body, query, load as PageLoader<CursorPage<User>>)
    this.users = body.users
  }
  getPaginatedItems(): User[] {
    return this.users
  }
}

export class InvitationsPage extends CursorPage<Invitation> {
  readonly invitations: Invitation[]
  constructor(body: CursorInvitations, query: QueryParams, load: PageLoader<InvitationsPage>) {
    super(body, query, load as PageLoader<CursorPage<Invitation>>)
    this.invitations = body.invitations
  }
  getPaginatedItems(): Invitation[] {
    return this.invitations
  }
}

/** Base of every resource: holds the transport where neither JSON nor inspection can reach it. */
abstract class Resource {
  readonly #transport: Transport
  constructor(transport: Transport) {
    this.#transport = transport
  }
  protected get transport(): Transport {
    return this.#transport
  }
}

export class Studies extends Resource {
  create(body: StudyCreateParams, options?: RequestOptions): Promise<StudyCreateResponse> {
    return this.transport.call({ operation: 'studies.create', body }, options)
  }

  list(query: StudyListParams = {}, options?: RequestOptions): PagePromise<StudiesPage, Study> {
    const load: PageLoader<StudiesPage> = async (pageQuery) =>
      new StudiesPage(await this.transport.call<CursorStudies>({ operation: 'studies.list', query: pageQuery }, options), pageQuery, load)
    const firstQuery = { ...query }
    return new PagePromise(() => load(firstQuery))
  }

  retrieve(studyID: string, options?: RequestOptions): Promise<StudyRetrieveResponse> {
    return this.transport.call({ operation: 'studies.retrieve', pathParams: { studyId: studyID } }, options)
  }

  update(studyID: string, body: StudyUpdateParams = {}, options?: RequestOptions): Promise<StudyUpdateResponse> {
    return this.transport.call({ operation: 'studies.update', pathParams: { studyId: studyID }, body }, options)
  }

  cancel(body: StudyCancelParams = {}, options?: RequestOptions): Promise<StudyCancelResponse> {
    return this.transport.call({ operation: 'studies.cancel', body }, options)
  }

  uncancel(body: StudyUncancelParams = {}, options?: RequestOptions): Promise<StudyUncancelResponse> {
    return this.transport.call({ operation: 'studies.uncancel', body }, options)
  }

  rerouteURL(body: StudyRerouteURLParams = {}, options?: RequestOptions): Promise<StudyRerouteURLResponse> {
    return this.transport.call({ operation: 'studies.rerouteURL', body }, options)
  }

  retrieveByUid(studyInstanceUid: string, options?: RequestOptions): Promise<StudyRetrieveByUidResponse> {
    return this.transport.call({ operation: 'studies.retrieveByUid', pathParams: { studyInstanceUid } }, options)
  }
}

export class Invitations extends Resource {
  list(query: InvitationListParams = {}, options?: RequestOptions): PagePromise<InvitationsPage, Invitation> {
    const load: PageLoader<InvitationsPage> = async (pageQuery) =>
      new InvitationsPage(await this.transport.call<CursorInvitations>({ operation: 'users.invitations.list', query: pageQuery }, options), pageQuery, load)
    const firstQuery = { ...query }
    return new PagePromise(() => load(firstQuery))
  }

  retrieve(invitationID: string, options?: RequestOptions): Promise<InvitationRetrieveResponse> {
    return this.transport.call({ operation: 'users.invitations.retrieve', pathParams: { invitationId: invitationID } }, options)
  }

  update(invitationID: string, body: InvitationUpdateParams = {}, options?: RequestOptions): Promise<InvitationUpdateResponse> {
    return this.transport.call({ operation: 'users.invitations.update', pathParams: { invitationId: invitationID }, body }, options)
  }

  revoke(body: InvitationRevokeParams = {}, options?: RequestOptions): Promise<InvitationRevokeResponse> {
    return this.transport.call({ operation: 'users.invitations.revoke', body }, options)
  }
}

export class Users extends Resource {
  readonly invitations: Invitations

  constructor(transport: Transport) {
    super(transport)
    this.invitations = new Invitations(transport)
  }

  invite(body: UserInviteParams, options?: RequestOptions): Promise<UserInviteResponse> {
    return this.transport.call({ operation: 'users.invite', body }, options)
  }

  list(query: UserListParams = {}, options?: RequestOptions): PagePromise<UsersPage, User> {
    const load: PageLoader<UsersPage> = async (pageQuery) =>
      new UsersPage(await this.transport.call<CursorUsers>({ operation: 'users.list', query: pageQuery }, options), pageQuery, load)
    const firstQuery = { ...query }
    return new PagePromise(() => load(firstQuery))
  }

  retrieve(userID: string, options?: RequestOptions): Promise<UserRetrieveResponse> {
    return this.transport.call({ operation: 'users.retrieve', pathParams: { userId: userID } }, options)
  }

  update(userID: string, body: UserUpdateParams = {}, options?: RequestOptions): Promise<UserUpdateResponse> {
    return this.transport.call({ operation: 'users.update', pathParams: { userId: userID }, body }, options)
  }

  revokeAccess(body: UserRevokeAccessParams, options?: RequestOptions): Promise<UserRevokeAccessResponse> {
    return this.transport.call({ operation: 'users.revokeAccess', body }, options)
  }

  reactivate(body: UserReactivateParams, options?: RequestOptions): Promise<UserReactivateResponse> {
    return this.transport.call({ operation: 'users.reactivate', body }, options)
  }
}

export class Viewer extends Resource {
  readonly studies: Studies
  readonly users: Users

  constructor(transport: Transport) {
    super(transport)
    this.studies = new Studies(transport)
    this.users = new Users(transport)
  }
}
