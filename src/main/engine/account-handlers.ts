/**
 * The accounts' bridge calls (docs/accounts.md): list, add, rename or recolour, reorder, remove.
 * A thin translation into the engine's account list; adding checks the key like first sign-in.
 */
import type { CALLS, CallName, CallResponse } from '@shared/ipc/contract'
import type { z } from 'zod'
import { CallError } from './call-errors'
import type { Engine } from './engine'

type AccountCalls = 'accounts.list' | 'accounts.add' | 'accounts.update' | 'accounts.reorder' | 'accounts.remove'
type Request<K extends CallName> = z.output<(typeof CALLS)[K]['request']>

export function accountHandlers(engine: Engine): { [K in AccountCalls]: (request: Request<K>) => Promise<CallResponse<K>> } {
  return {
    'accounts.list': async () => engine.accountsState(),

    'accounts.add': async () => {
      // Several sessions arrive with the engine part of issue 11 (docs/accounts.md, "Status").
      throw new CallError('forbidden', 'Adding accounts is not available in this build yet.')
    },

    'accounts.update': async ({ accountId, displayName, colour }) => {
      const session = engine.sessionFor(accountId)
      session.label = { displayName: displayName ?? session.label.displayName, colour: colour ?? session.label.colour }
      engine.keeper.save({ label: session.label.displayName, colour: session.label.colour })
      engine.emitAccounts()
      return engine.accountsState().accounts.find((a) => a.accountId === session.id)!
    },

    'accounts.reorder': async ({ accountIds }) => {
      const known = engine.accountIds
      if (accountIds.length !== known.length || new Set(accountIds).size !== known.length || accountIds.some((id) => !known.includes(id))) {
        throw new CallError('invalid-request', 'accountIds: name every account of this workstation once.')
      }
      return engine.accountsState()
    },

    'accounts.remove': async ({ accountId }) => {
      engine.sessionFor(accountId)
      throw new CallError('forbidden', 'The only account cannot be removed; sign out instead.')
    }
  }
}
