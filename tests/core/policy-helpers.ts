/** The policy tests' shared fixture: one poll of the alert policy, from `previous` to `present`, at T0. */
import { DEFAULT_SETTINGS, type Settings } from '@shared/ipc/contract'
import type { Study } from '@shared/avara/contract'
import { decideAlerts, type PolicyInput } from '@main/engine/policy'
import { diffSnapshots } from '@main/engine/queue'

export const T0 = Date.UTC(2026, 0, 1, 8, 0, 0)
export const MIN = 60_000

export function settings(alerts: Partial<Settings['alerts']> = {}): Settings {
  return { ...DEFAULT_SETTINGS, alerts: { ...DEFAULT_SETTINGS.alerts, ...alerts } }
}

/** Runs the policy for one poll from `previous` to `present`. */
export function poll(previous: Study[], present: Study[], over: Partial<PolicyInput> = {}) {
  return decideAlerts({
    now: T0,
    ledger: {},
    settings: settings(),
    pausedUntil: null,
    events: diffSnapshots(previous, present),
    present,
    firstPoll: false,
    sessionStartedAt: T0 - 60 * MIN,
    pendingHigh: [],
    fullView: true,
    ...over
  })
}
