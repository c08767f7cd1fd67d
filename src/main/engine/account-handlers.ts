/**
 * The accounts' bridge calls (docs/accounts.md): list, add, rename or recolour, reorder, an
 * account's own settings (account-settings.ts), remove.
 * Adding checks the key like first sign-in (sign-in.ts) and finds the user by email or ID;
 * removing deletes the account's key from the keychain and its cached queue and alert ledger.
 * Each change answers only "done" (or, for add, the new account's id): the accounts reach the page
 * as `accounts.changed`.
 */
import { NotFoundError } from '@shared/avara/errors'
import {
  ACCOUNT_COLOURS,
  ACCOUNT_LIMIT_MESSAGE,
  MAX_ACCOUNTS,
  type AccountColour,
  type AddAccountResult,
  type CALLS,
  type CallName,
  type CallResponse,
  type CommandDone,
  type Identity
} from '@shared/ipc/contract'
import type { z } from 'zod'
import type { AvaraClient } from './avara-client'
import { CallError, errorName } from './call-errors'
import type { Engine } from './engine'
import { displayName, findIdentityCandidates } from './identity'
import { keychainAccountFor, type StoredAccount } from './ports'
import { WHITESPACE_NOTE, checkSignInKey, storeKey } from './sign-in'
import { applyOverridesPatch, lockedOverridesIn, overriddenPaths } from './account-settings'
import { lockedOverridesMessage } from './managed/managed-config'

/** A change's answer: the accounts themselves reach the page as `accounts.changed` only (one way). */
const DONE: CommandDone = { ok: true }

type AccountCalls = 'accounts.list' | 'accounts.add' | 'accounts.update' | 'accounts.reorder' | 'accounts.setOverrides' | 'accounts.remove'
type Request<K extends CallName> = z.output<(typeof CALLS)[K]['request']>

/** A new account's id: `acc-` and six random letters or digits, with a number after it if that is taken (a fixed random in tests). */
export function newAccountId(random: () => number, taken: readonly string[]): string {
  const base = `acc-${Math.floor(random() * 36 ** 6)
    .toString(36)
    .padStart(6, '0')}`
  let id = base
  for (let n = 2; taken.includes(id); n++) id = `${base}-${n}`
  return id
}

/** The first colour no account has yet (the palette's first when all are taken). */
export function freeColour(used: readonly AccountColour[]): AccountColour {
  return ACCOUNT_COLOURS.find((c) => !used.includes(c)) ?? ACCOUNT_COLOURS[0]
}

type Found = { ok: true; identity: Identity | null } | { ok: false; message: string }

/** The user the new account follows: by ID, by exact email, or nobody yet (chosen later as in first sign-in). */
async function findIdentity(client: AvaraClient, request: { email?: string; userId?: string }): Promise<Found> {
  if (request.userId !== undefined) {
    try {
      const user = await client.viewer.users.retrieve(request.userId)
      return { ok: true, identity: { userId: user.userId, email: user.email, displayName: displayName(user) } }
    } catch (error) {
      if (error instanceof NotFoundError) return { ok: false, message: 'No user with this ID in that clinic.' }
      throw error
    }
  }
  if (request.email !== undefined) {
    const wanted = request.email.toLowerCase()
    const match = (await findIdentityCandidates(client, request.email)).find((c) => c.email.toLowerCase() === wanted)
    if (!match) return { ok: false, message: `No user with the email ${request.email} in that clinic.` }
    return { ok: true, identity: { userId: match.userId, email: match.email, displayName: match.displayName } }
  }
  return { ok: true, identity: null }
}

export function accountHandlers(engine: Engine): { [K in AccountCalls]: (request: Request<K>) => Promise<CallResponse<K>> } {
  const { log } = engine

  /** Everything the page shows of the accounts changed (a label, the list, the order). */
  function accountsChanged(): void {
    engine.emitAuth()
    engine.emitQueue()
    engine.emitConnection()
    engine.emitAccounts()
  }

  async function add(request: Request<'accounts.add'>): Promise<AddAccountResult> {
    if (engine.sessions.length >= MAX_ACCOUNTS) return { ok: false, problem: 'account-limit', message: ACCOUNT_LIMIT_MESSAGE }
    const checked = await checkSignInKey(engine, request.baseUrl, request.apiKey)
    if (!checked.ok) return checked
    const found = await findIdentity(checked.client, request)
    if (!found.ok) return { ok: false, problem: 'identity-not-found', message: found.message }
    const { identity } = found
    const twin = identity && engine.sessions.find((s) => s.baseUrl === checked.base && s.identity?.userId === identity.userId)
    if (twin) return { ok: false, problem: 'duplicate', message: `This workstation already follows ${identity.displayName} there, as "${engine.accountsState().accounts.find((a) => a.accountId === twin.id)?.displayName}".` }
    // Checked again after the awaits: two adds at once must not pass the limit together.
    if (engine.sessions.length >= MAX_ACCOUNTS) return { ok: false, problem: 'account-limit', message: ACCOUNT_LIMIT_MESSAGE }
    const id = newAccountId(engine.ports.random ?? Math.random, engine.accountIds)
    const keyName = keychainAccountFor(checked.base, id)
    const stored = await storeKey(engine, keyName, checked.key, request.allowFallbackStorage)
    if (!stored.ok) return stored
    const account: StoredAccount = {
      id,
      label: request.displayName,
      colour: request.colour ?? freeColour(engine.sessions.map((s) => s.label.colour)),
      baseUrl: checked.base,
      keychainAccount: keyName,
      identity,
      ledger: {},
      snapshot: null
    }
    engine.keeper.addAccount(account)
    const session = engine.addSession(account)
    session.useKey(checked.key, checked.client)
    log.info('account added', { account: id, identity: identity?.userId ?? null, accounts: engine.sessions.length })
    session.start()
    accountsChanged()
    // The account itself went out as accounts.changed: the answer names it and what the page does next.
    return { ok: true, accountId: id, needsIdentity: identity === null, ...(checked.whitespaceRemoved ? { note: WHITESPACE_NOTE } : {}) }
  }

  return {
    'accounts.list': async () => engine.accountsState(),

    'accounts.add': add,

    'accounts.update': async ({ accountId, displayName: name, colour }) => {
      const session = engine.sessionFor(accountId)
      session.label = { displayName: name ?? session.label.displayName, colour: colour ?? session.label.colour }
      engine.keeper.saveAccount(session.id, { label: session.label.displayName, colour: session.label.colour })
      engine.emitAccounts()
      return DONE
    },

    'accounts.reorder': async ({ accountIds }) => {
      const known = engine.accountIds
      if (accountIds.length !== known.length || new Set(accountIds).size !== known.length || accountIds.some((id) => !known.includes(id))) {
        throw new CallError('invalid-request', 'accountIds: name every account of this workstation once.')
      }
      engine.reorderSessions(accountIds)
      engine.keeper.reorderAccounts(accountIds)
      accountsChanged()
      return DONE
    },

    'accounts.setOverrides': async ({ accountId, overrides: patch }) => {
      const session = engine.sessionFor(accountId)
      const locked = lockedOverridesIn(patch, engine.managed.state.lockedSettings)
      if (locked.length > 0) throw new CallError('forbidden', lockedOverridesMessage(locked, engine.managed))
      const wasHolding = engine.desk.isHolding(session.id)
      session.overrides = applyOverridesPatch(session.overrides, patch)
      engine.keeper.saveAccount(session.id, { overrides: session.overrides })
      log.info('account settings changed', { account: session.id, overridden: overriddenPaths(session.overrides).join(',') })
      // Its intervals apply at once; alerts it no longer holds are raised now.
      if (session.polling) session.reschedule()
      if (wasHolding) engine.releaseHeld([session.id])
      // The page learns the new values with the accounts (AccountSummary.overrides and .settings).
      engine.emitConnection()
      return DONE
    },

    'accounts.remove': async ({ accountId }) => {
      const session = engine.sessionFor(accountId)
      if (engine.sessions.length === 1) throw new CallError('forbidden', 'The only account cannot be removed; sign out instead.')
      const keyName = engine.keychainNameOf(session)
      engine.removeSession(session)
      engine.keeper.removeAccount(session.id)
      try {
        await engine.ports.secrets.delete(keyName)
      } catch (error) {
        log.warn('deleting the key failed', { account: session.id, error: errorName(error) })
      }
      log.info('account removed', { account: session.id, accounts: engine.sessions.length })
      accountsChanged()
      return DONE
    }
  }
}
