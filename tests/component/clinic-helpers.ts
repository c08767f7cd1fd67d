/** Shared pieces of the clinic component tests: API objects, a bridge answering clinic calls, mounting. */
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import type { Component } from 'vue'
import type { Invitation, User } from '@shared/avara/contract'
import type { ClinicAccess, ClinicOutcome } from '@shared/ipc/clinic-contract'
import { setBridge } from '@renderer/bridge'
import { FakeBridge, flush } from './fake-bridge'

const hex = (n: number) => n.toString(16).padStart(32, '0')
let n = 100

export function makeUser(overrides: Partial<User> = {}): User {
  n += 1
  return {
    userId: `usr_${hex(n)}`,
    email: `user${n}@example.org`,
    firstName: `First${n}`,
    lastName: `Last${n}`,
    canManageStudies: false,
    clinicRole: 'Radiologist',
    hasDashboardAccess: true,
    invitedSource: 'api',
    level: 'member',
    createdAt: '2026-11-01T10:00:00.000Z',
    lastLoginAt: null,
    ...overrides
  }
}

export function makeInvitation(overrides: Partial<Invitation> = {}): Invitation {
  n += 1
  return {
    invitationId: `inv_${hex(n)}`,
    userId: `usr_${hex(n)}`,
    clinicId: '7f1c2b9e-1d2a-4c3b-9e8f-0a1b2c3d4e5f',
    email: `invitee${n}@example.org`,
    firstName: `Inv${n}`,
    lastName: 'Tee',
    canManageStudies: false,
    hasDashboardAccess: true,
    clinicRole: 'Radiologist',
    level: 'member',
    status: 'sent',
    invitedSource: 'api',
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    expiry: '2099-01-01T00:00:00.000Z',
    inviterId: null,
    ...overrides
  }
}

export const ok = <T>(value: T): ClinicOutcome<T> => ({ ok: true, value })

export const ADMIN_ACCESS: ClinicAccess = {
  accountId: 'primary',
  accountLabel: 'Avara at 127.0.0.1:4010',
  followed: { userId: `usr_${hex(1)}`, email: 'admin@example.org', displayName: 'Dr Admin' },
  level: 'admin',
  canManageStudies: true,
  showsTeam: true,
  showsStudyManagement: true
}

/** A FakeBridge that answers clinic calls too (by name, with a handler per call). */
export class ClinicBridge extends FakeBridge {
  clinic(name: string, handler: (request: never) => unknown): this {
    return this.handle(name as never, handler as never)
  }
  clinicCalls(name: string): Array<Record<string, unknown>> {
    return this.callsOf(name as never) as Array<Record<string, unknown>>
  }
}

export async function mountWith(component: Component, bridge: ClinicBridge, props: Record<string, unknown> = {}) {
  setActivePinia(createPinia())
  setBridge(bridge)
  const wrapper = mount(component, { props, attachTo: document.body })
  await flush()
  await flush()
  return wrapper
}

export { flush }
