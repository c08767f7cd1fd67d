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
  UserUpdateResponse,
  OperationName
} from './contract'
import { APIPromise } from './api-promise'
import type { QueryParams } from './encoding'
import { CursorPage, PagePromise, type PageLoader } from './pagination'
import type { OperationCall, RequestOptions, Transport } from './transport'

export class StudiesPage extends CursorPage<Study> {
  readonly studies: Study[]
  constructor(body: CursorStudies, query: QueryParams, load: PageLoader<StudiesPage>, response: Response) {
    super(body, query, load as PageLoader<CursorPage<Study>>, response)
    this.studies = body.studies
  }
  getPaginatedItems(): Study[] {
    return this.studies
  }
}

export class UsersPage extends CursorPage<User> {
  readonly users: User[]
  constructor(body: CursorUsers, query: QueryParams, load: PageLoader<UsersPage>, response: Response) {
    super(body, query, load as PageLoader<CursorPage<User>>, response)
    this.users = body.users
  }
  getPaginatedItems(): User[] {
    return this.users
  }
}

export class InvitationsPage extends CursorPage<Invitation> {
  readonly invitations: Invitation[]
  constructor(body: CursorInvitations, query: QueryParams, load: PageLoader<InvitationsPage>, response: Response) {
    super(body, query, load as PageLoader<CursorPage<Invitation>>, response)
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
  /** One call of the contract, as an APIPromise of its checked data. */
  protected request<T>(call: OperationCall, options: RequestOptions | undefined): APIPromise<T> {
    return new APIPromise(this.#transport.call<T>(call, options))
  }

  /** A list call: the first page at once, each next page with the same query plus its cursor. */
  protected paginate<P extends CursorPage<Item>, Item, Envelope>(
    operation: OperationName,
    Page: PageClass<P, Envelope>,
    query: QueryParams,
    options: RequestOptions | undefined
  ): PagePromise<P, Item> {
    const load: PageLoader<P> = async (pageQuery) => {
      const { data, response } = await this.#transport.call<Envelope>({ operation, query: pageQuery }, options)
      return new Page(data, pageQuery, load, response)
    }
    return new PagePromise(load({ ...query }), { operation, maxPages: options?.maxPages })
  }
}

type PageClass<P, Envelope> = new (body: Envelope, query: QueryParams, load: PageLoader<P>, response: Response) => P

export class Studies extends Resource {
  create(body: StudyCreateParams, options?: RequestOptions): APIPromise<StudyCreateResponse> {
    return this.request({ operation: 'studies.create', body }, options)
  }

  list(query: StudyListParams = {}, options?: RequestOptions): PagePromise<StudiesPage, Study> {
    return this.paginate<StudiesPage, Study, CursorStudies>('studies.list', StudiesPage, query, options)
  }

  retrieve(studyID: string, options?: RequestOptions): APIPromise<StudyRetrieveResponse> {
    return this.request({ operation: 'studies.retrieve', pathParams: { studyId: studyID } }, options)
  }

  update(studyID: string, body: StudyUpdateParams = {}, options?: RequestOptions): APIPromise<StudyUpdateResponse> {
    return this.request({ operation: 'studies.update', pathParams: { studyId: studyID }, body }, options)
  }

  cancel(body: StudyCancelParams = {}, options?: RequestOptions): APIPromise<StudyCancelResponse> {
    return this.request({ operation: 'studies.cancel', body }, options)
  }

  uncancel(body: StudyUncancelParams = {}, options?: RequestOptions): APIPromise<StudyUncancelResponse> {
    return this.request({ operation: 'studies.uncancel', body }, options)
  }

  rerouteURL(body: StudyRerouteURLParams = {}, options?: RequestOptions): APIPromise<StudyRerouteURLResponse> {
    return this.request({ operation: 'studies.rerouteURL', body }, options)
  }

  retrieveByUid(studyInstanceUid: string, options?: RequestOptions): APIPromise<StudyRetrieveByUidResponse> {
    return this.request({ operation: 'studies.retrieveByUid', pathParams: { studyInstanceUid } }, options)
  }
}

export class Invitations extends Resource {
  list(query: InvitationListParams = {}, options?: RequestOptions): PagePromise<InvitationsPage, Invitation> {
    return this.paginate<InvitationsPage, Invitation, CursorInvitations>('users.invitations.list', InvitationsPage, query, options)
  }

  retrieve(invitationID: string, options?: RequestOptions): APIPromise<InvitationRetrieveResponse> {
    return this.request({ operation: 'users.invitations.retrieve', pathParams: { invitationId: invitationID } }, options)
  }

  update(invitationID: string, body: InvitationUpdateParams = {}, options?: RequestOptions): APIPromise<InvitationUpdateResponse> {
    return this.request({ operation: 'users.invitations.update', pathParams: { invitationId: invitationID }, body }, options)
  }

  revoke(body: InvitationRevokeParams = {}, options?: RequestOptions): APIPromise<InvitationRevokeResponse> {
    return this.request({ operation: 'users.invitations.revoke', body }, options)
  }
}

export class Users extends Resource {
  readonly invitations: Invitations

  constructor(transport: Transport) {
    super(transport)
    this.invitations = new Invitations(transport)
  }

  invite(body: UserInviteParams, options?: RequestOptions): APIPromise<UserInviteResponse> {
    return this.request({ operation: 'users.invite', body }, options)
  }

  list(query: UserListParams = {}, options?: RequestOptions): PagePromise<UsersPage, User> {
    return this.paginate<UsersPage, User, CursorUsers>('users.list', UsersPage, query, options)
  }

  retrieve(userID: string, options?: RequestOptions): APIPromise<UserRetrieveResponse> {
    return this.request({ operation: 'users.retrieve', pathParams: { userId: userID } }, options)
  }

  update(userID: string, body: UserUpdateParams = {}, options?: RequestOptions): APIPromise<UserUpdateResponse> {
    return this.request({ operation: 'users.update', pathParams: { userId: userID }, body }, options)
  }

  revokeAccess(body: UserRevokeAccessParams, options?: RequestOptions): APIPromise<UserRevokeAccessResponse> {
    return this.request({ operation: 'users.revokeAccess', body }, options)
  }

  reactivate(body: UserReactivateParams, options?: RequestOptions): APIPromise<UserReactivateResponse> {
    return this.request({ operation: 'users.reactivate', body }, options)
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
