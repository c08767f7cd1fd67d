import type { Clock } from '../clock'
import { getMeta, setMeta, type Db } from '../db/database'
import type { InvitationRow } from '../db/invitations'
import { SandboxStore } from '../db/store'
import type { UserRow } from '../db/users'
import { newId, newSandboxApiKey, newSecret, newUuid } from '../ids'
import { severityFor, studyMetadata, studyUid, STUDY_CATALOGUE } from './catalogue'
import { DEMO_CLINICS, EMPTY_CLINIC_NAME, isDemoSeed, type DemoClinic, type DemoSeed } from './clinics'
import { OWNER, type SeedPerson } from './people'
import { mulberry32, pick, type Random } from './prng'

/** `demo` and `demo-2` are the two demo clinics (clinics.ts); `empty` is only the owner and the key. */
export type SeedKind = DemoSeed | 'empty'
export const SEED_KINDS: readonly SeedKind[] = ['demo', 'demo-2', 'empty']

/** The demo clinic a seed makes, or null for the empty seed. */
export const clinicOf = (seed: SeedKind): DemoClinic | null => (isDemoSeed(seed) ? DEMO_CLINICS[seed] : null)
export const clinicNameOf = (seed: SeedKind): string => clinicOf(seed)?.name ?? EMPTY_CLINIC_NAME

export interface SandboxIdentity {
  clinicId: string
  ownerUserId: string
  apiKeyId: string
  apiKey: string
  cursorSecret: string
  tokenSecret: string
  seed: SeedKind
}

export const API_KEY_DESCRIPTION = 'Reading Room Companion sandbox key'
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const iso = (ms: number) => new Date(ms).toISOString()

function personRow(person: SeedPerson, id: string, source: 'dashboard' | 'api', createdAt: string, lastLoginAt: string | null): UserRow {
  return {
    id,
    email: person.email,
    first_name: person.firstName,
    last_name: person.lastName,
    middle_name: null,
    phone_number: null,
    suffix1: person.suffix1 ?? null,
    suffix2: null,
    can_manage_studies: person.canManageStudies ? 1 : 0,
    clinic_role: person.clinicRole,
    has_dashboard_access: person.hasDashboardAccess ? 1 : 0,
    invited_source: source,
    level: person.level,
    created_at: createdAt,
    updated_at: createdAt,
    last_login_at: lastLoginAt,
    active: 1
  }
}

function invitationFor(user: UserRow, clinicId: string, extra: Pick<InvitationRow, 'status' | 'expiry' | 'inviter_id' | 'invited_by_api_key_id'>): InvitationRow {
  return {
    id: newId('invitation'),
    user_id: user.id,
    clinic_id: clinicId,
    email: user.email,
    first_name: user.first_name,
    last_name: user.last_name,
    middle_name: user.middle_name,
    phone_number: user.phone_number,
    suffix1: user.suffix1,
    suffix2: user.suffix2,
    can_manage_studies: user.can_manage_studies,
    has_dashboard_access: user.has_dashboard_access,
    clinic_role: user.clinic_role,
    level: user.level,
    invited_source: user.invited_source,
    created_at: user.created_at,
    updated_at: user.created_at,
    ...extra
  }
}

/**
 * Loads the sandbox identity, creating it (and the seed data) when the database is new. A restart
 * of an existing file keeps its data and key; `apiKey`, when given, replaces the stored key.
 */
export function initializeSandbox(db: Db, options: { seed: SeedKind; apiKey?: string; seedNumber: number; clock: Clock }): SandboxIdentity {
  const store = new SandboxStore(db)
  const existing = getMeta(db, 'clinicId')
  if (existing === undefined) {
    store.transaction(() => createIdentity(db, store, options))
  }
  const identity: SandboxIdentity = {
    clinicId: getMeta(db, 'clinicId') ?? '',
    ownerUserId: getMeta(db, 'ownerUserId') ?? '',
    apiKeyId: getMeta(db, 'apiKeyId') ?? '',
    apiKey: '',
    cursorSecret: getMeta(db, 'cursorSecret') ?? '',
    tokenSecret: getMeta(db, 'tokenSecret') ?? '',
    seed: (getMeta(db, 'seed') as SeedKind | undefined) ?? options.seed
  }
  if (options.apiKey && store.apiKeyById(identity.apiKeyId)?.secret !== options.apiKey) {
    store.setApiKeySecret(identity.apiKeyId, options.apiKey)
  }
  identity.apiKey = store.apiKeyById(identity.apiKeyId)?.secret ?? ''
  return identity
}

function createIdentity(db: Db, store: SandboxStore, options: { seed: SeedKind; apiKey?: string; seedNumber: number; clock: Clock }): void {
  const now = options.clock()
  const clinicId = newUuid()
  const apiKeyId = newUuid()
  const clinic = clinicOf(options.seed)
  const owner = personRow(clinic?.owner ?? OWNER, newId('user'), 'dashboard', iso(now - 400 * DAY), iso(now - 2 * HOUR))
  store.insertApiKey({ id: apiKeyId, secret: options.apiKey ?? newSandboxApiKey(), description: API_KEY_DESCRIPTION, is_viewer_enabled: 1 })
  store.users.insert(owner)
  setMeta(db, 'clinicId', clinicId)
  setMeta(db, 'ownerUserId', owner.id)
  setMeta(db, 'apiKeyId', apiKeyId)
  setMeta(db, 'cursorSecret', newSecret())
  setMeta(db, 'tokenSecret', newSecret())
  setMeta(db, 'seed', options.seed)
  if (clinic) seedDemo(store, clinic, { clinicId, ownerId: owner.id, apiKeyId, now, random: mulberry32(options.seedNumber ^ clinic.prngSalt) })
}

interface DemoContext {
  clinicId: string
  ownerId: string
  apiKeyId: string
  now: number
  random: Random
}

/** A believable reading room: radiologists, a coordinator, Express customers and ~60 studies. */
function seedDemo(store: SandboxStore, clinic: DemoClinic, demo: DemoContext): void {
  const { random, now } = demo
  const radiologists = clinic.radiologists.map((person, i) => {
    const joined = now - (300 - i * 40) * DAY
    const user = personRow(person, newId('user'), 'dashboard', iso(joined), iso(now - (i + 1) * 37 * MINUTE))
    store.users.insert(user)
    store.invitations.insert(invitationFor(user, demo.clinicId, { status: 'accepted', expiry: iso(joined + 7 * DAY), inviter_id: demo.ownerId, invited_by_api_key_id: null }))
    return user
  })
  const coordinator = personRow(clinic.coordinator, newId('user'), 'dashboard', iso(now - 120 * DAY), iso(now - 20 * MINUTE))
  store.users.insert(coordinator)
  store.invitations.insert(invitationFor(coordinator, demo.clinicId, { status: 'accepted', expiry: iso(now - 113 * DAY), inviter_id: demo.ownerId, invited_by_api_key_id: null }))
  const invitee = personRow(clinic.pendingInvitee, newId('user'), 'api', iso(now - 2 * DAY), null)
  store.users.insert(invitee)
  store.invitations.insert(invitationFor(invitee, demo.clinicId, { status: 'sent', expiry: iso(now + 5 * DAY), inviter_id: null, invited_by_api_key_id: demo.apiKeyId }))

  const customers = clinic.expressCustomers.map((name, i) => {
    const customer = { id: newId('expressCustomer'), name, created_at: iso(now - (200 - i * 30) * DAY) }
    store.insertExpressCustomer(customer)
    return customer
  })

  const demoRadiologist = radiologists.find((r) => r.email === clinic.demoRadiologistEmail)
  let serial = 0
  const addStudy = (spec: { description: string; modality: string; severity: 'normal' | 'high' | 'stat'; assignedTo: string | null; ageMs: number; complete?: boolean; cancelled?: boolean; customerId?: string | null; byCoordinator?: boolean }) => {
    const createdMs = now - spec.ageMs
    const touchedMs = Math.min(now - 1000, createdMs + Math.floor(random() * Math.max(1, spec.ageMs / 2)))
    store.studies.insert({
      id: newId('study'),
      studyInstanceUid: studyUid(random, serial++),
      studyDescription: spec.description,
      severity: spec.severity,
      viewerStatus: spec.complete ? 'complete' : 'incomplete',
      isCancelled: spec.cancelled ?? false,
      cancelledAt: spec.cancelled ? iso(touchedMs) : null,
      createdAt: iso(createdMs),
      updatedAt: iso(spec.complete || spec.cancelled ? touchedMs : createdMs),
      assignedTo: spec.assignedTo,
      createdByApiKeyId: spec.byCoordinator ? null : demo.apiKeyId,
      createdByUserId: spec.byCoordinator ? coordinator.id : null,
      expressCustomerId: spec.customerId ?? null,
      metadata: studyMetadata(random, spec.modality)
    })
  }

  // The demo radiologist's open queue: a handful of stat, high and normal reads from the last 90 minutes.
  clinic.demoQueue.forEach(([description, modality, severity], i) => {
    addStudy({ description, modality, severity, assignedTo: demoRadiologist?.id ?? null, ageMs: (5 + i * 12) * MINUTE + Math.floor(random() * MINUTE) })
  })

  // The rest of the room: every severity, modality and state, spread over the last eight hours.
  for (let i = 0; i < 60 - clinic.demoQueue.length; i++) {
    const entry = pick(random, STUDY_CATALOGUE)
    const roll = random()
    addStudy({
      description: entry.description,
      modality: entry.modality,
      severity: severityFor(random, entry.acute ?? false, 0.15),
      assignedTo: roll < 0.22 ? null : pick(random, radiologists).id,
      ageMs: Math.floor((0.1 + random() * 7.9) * HOUR),
      complete: random() < 0.35,
      cancelled: random() < 0.07,
      customerId: random() < 0.35 ? pick(random, customers).id : null,
      byCoordinator: random() < 0.2
    })
  }
}
