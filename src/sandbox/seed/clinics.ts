/**
 * The demo clinics: who works there, its Express customers, and the demo radiologist's open
 * queue. Two clinics, so a demo of several accounts (`npm run demo -- --accounts 2`) shows two
 * visibly different reading rooms: another name, other staff, other studies. Dr. Maya Chen reads
 * for both (the teleradiology case), as another user with another email in each.
 */
import type { Severity } from '@shared/avara/contract'
import { COORDINATOR, DEMO_RADIOLOGIST_EMAIL, EXPRESS_CUSTOMERS, OWNER, PENDING_INVITEE, RADIOLOGISTS, type SeedPerson } from './people'

/** The seeds that make a demo clinic (`--seed`); `demo` is the first clinic. */
export const DEMO_SEEDS = ['demo', 'demo-2'] as const
export type DemoSeed = (typeof DEMO_SEEDS)[number]

export interface DemoClinic {
  /** Shown by the sandbox at start (`clinic: …`) and used by the demo as the account's name. */
  name: string
  owner: SeedPerson
  /** The demo radiologist first. */
  radiologists: readonly SeedPerson[]
  coordinator: SeedPerson
  pendingInvitee: SeedPerson
  expressCustomers: readonly string[]
  demoRadiologistEmail: string
  /** The demo radiologist's open reads, newest first: description, modality, severity. */
  demoQueue: ReadonlyArray<readonly [string, string, Severity]>
  /** Mixed into the seed number, so the rest of the room differs between clinics (0: the first clinic as it always was). */
  prngSalt: number
}

/** The name of the clinic of the empty seed (only its owner). */
export const EMPTY_CLINIC_NAME = 'Sandbox clinic'

const ST_MARYS_RADIOLOGIST_EMAIL = 'm.chen@stmarys.example.org'

export const DEMO_CLINICS: Record<DemoSeed, DemoClinic> = {
  demo: {
    name: 'Riverside Radiology',
    owner: OWNER,
    radiologists: RADIOLOGISTS,
    coordinator: COORDINATOR,
    pendingInvitee: PENDING_INVITEE,
    expressCustomers: EXPRESS_CUSTOMERS,
    demoRadiologistEmail: DEMO_RADIOLOGIST_EMAIL,
    demoQueue: [
      ['CT Head without contrast', 'CT', 'stat'],
      ['CTA Chest PE protocol', 'CT', 'stat'],
      ['MRI Brain w/wo contrast', 'MR', 'high'],
      ['CT Abdomen/Pelvis with contrast', 'CT', 'high'],
      ['XR Chest 2 views', 'DX', 'normal'],
      ['MRI Lumbar Spine without contrast', 'MR', 'normal'],
      ['US Abdomen complete', 'US', 'normal']
    ],
    prngSalt: 0
  },
  'demo-2': {
    name: "St Mary's Hospital",
    owner: {
      firstName: 'Margaret', lastName: 'Osei', email: 'margaret.osei@stmarys.example.org', clinicRole: 'Administrative Director', level: 'owner',
      canManageStudies: true, hasDashboardAccess: true
    },
    radiologists: [
      { firstName: 'Maya', lastName: 'Chen', email: ST_MARYS_RADIOLOGIST_EMAIL, clinicRole: 'Radiologist', level: 'member', suffix1: 'MD', canManageStudies: true, hasDashboardAccess: true },
      { firstName: 'Tomasz', lastName: 'Nowak', email: 'tomasz.nowak@stmarys.example.org', clinicRole: 'Radiologist', level: 'admin', suffix1: 'MD', canManageStudies: true, hasDashboardAccess: true },
      { firstName: 'Aisha', lastName: 'Bello', email: 'aisha.bello@stmarys.example.org', clinicRole: 'Radiologist', level: 'member', suffix1: 'MD', canManageStudies: true, hasDashboardAccess: false },
      { firstName: 'Robert', lastName: 'Lindqvist', email: 'robert.lindqvist@stmarys.example.org', clinicRole: 'Radiologist', level: 'member', suffix1: 'DO', canManageStudies: true, hasDashboardAccess: false }
    ],
    coordinator: {
      firstName: 'Fatima', lastName: 'Rahimi', email: 'fatima.rahimi@stmarys.example.org', clinicRole: 'Patient Care Coordinator', level: 'member',
      canManageStudies: true, hasDashboardAccess: true
    },
    pendingInvitee: {
      firstName: 'Ethan', lastName: 'Brooks', email: 'ethan.brooks@stmarys.example.org', clinicRole: 'Radiologist', level: 'member', suffix1: 'MD',
      canManageStudies: true, hasDashboardAccess: false
    },
    expressCustomers: ['Bayview Family Clinic', 'Summit Sports Medicine'],
    demoRadiologistEmail: ST_MARYS_RADIOLOGIST_EMAIL,
    demoQueue: [
      ['CTA Head and Neck stroke protocol', 'CT', 'stat'],
      ['XR Chest portable', 'DX', 'high'],
      ['US Venous Doppler Lower Extremity Left', 'US', 'high'],
      ['MRI Knee Right without contrast', 'MR', 'normal'],
      ['XR Wrist Left 3 views', 'DX', 'normal']
    ],
    prngSalt: 0x5a11
  }
}

export const isDemoSeed = (seed: string): seed is DemoSeed => (DEMO_SEEDS as readonly string[]).includes(seed)
