/**
 * The preload carries the bridge's names without schemas (src/shared/ipc/names.ts); main validates
 * with the zod tables (src/shared/ipc/contract.ts). The two lists must name the same calls and
 * events, or a call would be refused by the preload (or an event dropped) in the Electron shell.
 */
import { describe, expect, expectTypeOf, it } from 'vitest'
import { CALLS, EVENT_NAMES as CONTRACT_EVENT_NAMES, type EventPayloads } from '@shared/ipc/contract'
import { CALL_NAMES, EVENT_NAMES, isCallNameText, isEventNameText } from '@shared/ipc/names'

describe('the bridge names the preload carries', () => {
  it('are exactly the calls of the contract table (add a new call to names.ts too)', () => {
    expect([...CALL_NAMES].sort()).toEqual(Object.keys(CALLS).sort())
    expect(new Set(CALL_NAMES).size).toBe(CALL_NAMES.length)
  })

  it('are exactly the events of the contract (add a new event to names.ts too)', () => {
    expectTypeOf<(typeof EVENT_NAMES)[number]>().toEqualTypeOf<keyof EventPayloads>()
    expect(CONTRACT_EVENT_NAMES).toEqual(EVENT_NAMES)
    expect(new Set(EVENT_NAMES).size).toBe(EVENT_NAMES.length)
  })

  it('accept only their own names, not inherited properties or channels', () => {
    for (const name of CALL_NAMES) expect(isCallNameText(name)).toBe(true)
    for (const name of EVENT_NAMES) expect(isEventNameText(name)).toBe(true)
    for (const bad of ['constructor', '__proto__', 'toString', 'rrc:call:study.open', '', 42, null]) {
      expect(isCallNameText(bad)).toBe(false)
      expect(isEventNameText(bad)).toBe(false)
    }
  })
})
