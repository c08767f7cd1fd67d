/**
 * What the page sees of the accounts (docs/accounts.md): each account's label, identity, own
 * connection and counts; the one-line health summary; and, with several accounts, the combined
 * connection the status bar shows. The one owner of these texts.
 */
import type {
  AccountColour,
  AccountSettings,
  AccountSettingsOverrides,
  AccountsHealth,
  AccountsState,
  AccountSummary,
  ConnectionState,
  ConnectionStatus,
  Identity,
  SeverityCounts
} from '@shared/ipc/contract'
import { MAX_ACCOUNTS } from '@shared/ipc/contract'
import { accountLabel } from './clinic/access'

/** What this module needs of an account session. */
export interface AccountView {
  readonly id: string
  readonly baseUrl: string
  readonly identity: Identity | null
  readonly hasKey: boolean
  readonly label: { displayName: string; colour: AccountColour }
  connectionState(): ConnectionState
}

/** An account's name: the one the user gave it, else its server ("Avara at host"). */
export function displayNameOf(account: Pick<AccountView, 'baseUrl' | 'label'>): string {
  return account.label.displayName.trim() || accountLabel(account.baseUrl)
}

/** A status in words, for the health line ("St Mary's: offline"). */
const STATUS_WORDS: Record<ConnectionStatus, string> = {
  'signed-out': 'signed out',
  'needs-identity': 'choose whose queue to follow',
  connecting: 'connecting',
  online: 'live',
  offline: 'offline',
  'server-error': 'server error',
  'key-rejected': 'key rejected',
  'rate-limited': 'rate limited',
  paused: 'paused'
}

/** Statuses that need no attention: live, about to be, or paused with the computer. */
const FINE: ReadonlySet<ConnectionStatus> = new Set(['online', 'connecting', 'paused'])

/** An account's own settings as the page sees them: the overrides that apply, and its settings in effect. */
export interface OwnSettings {
  overrides: AccountSettingsOverrides
  settings: AccountSettings
}

export function summarizeAccount(account: AccountView, counts: SeverityCounts, own: OwnSettings): AccountSummary {
  return {
    accountId: account.id,
    displayName: displayNameOf(account),
    colour: account.label.colour,
    baseUrl: account.baseUrl,
    identity: account.identity,
    hasKey: account.hasKey,
    connection: account.connectionState(),
    counts,
    overrides: own.overrides,
    settings: own.settings
  }
}

export function healthOf(accounts: readonly AccountSummary[]): AccountsHealth {
  const problems = accounts
    .filter((a) => !FINE.has(a.connection.status) || a.connection.stale)
    .map((a) => ({ accountId: a.accountId, displayName: a.displayName, status: a.connection.status, reason: a.connection.reason }))
  const live = accounts.filter((a) => a.connection.status === 'online' && !a.connection.stale).length
  const words = (p: AccountsHealth['problems'][number]) => {
    const stale = accounts.find((a) => a.accountId === p.accountId)?.connection.stale && FINE.has(p.status)
    return `${p.displayName}: ${stale ? 'data is stale' : STATUS_WORDS[p.status]}`
  }
  const text = problems.length === 0 ? null : `${live} of ${accounts.length} accounts live. ${problems.map(words).join('; ')}.`
  return { total: accounts.length, live, problems, text }
}

export function accountsState(
  sessions: readonly AccountView[],
  counts: (accountId: string) => SeverityCounts,
  own: (accountId: string) => OwnSettings
): AccountsState {
  const accounts = sessions.map((s) => summarizeAccount(s, counts(s.id), own(s.id)))
  return { accounts, health: healthOf(accounts), max: MAX_ACCOUNTS }
}

/**
 * Several accounts in one status: the first account (in the user's order) with a problem gives its
 * status and its reason, prefixed with its name; otherwise connecting while any connects, paused
 * when all are, else online. Freshness is the least fresh account's.
 */
export function combinedConnection(sessions: readonly AccountView[]): ConnectionState {
  const states = sessions.map((s) => ({ name: displayNameOf(s), state: s.connectionState() }))
  const problem = states.find(({ state }) => !FINE.has(state.status))
  const status: ConnectionStatus = problem
    ? problem.state.status
    : states.some(({ state }) => state.status === 'connecting')
      ? 'connecting'
      : states.every(({ state }) => state.status === 'paused')
        ? 'paused'
        : 'online'
  const reason = problem ? `${problem.name}: ${problem.state.reason ?? STATUS_WORDS[problem.state.status]}` : null
  const times = (pick: (s: ConnectionState) => string | null) => states.map(({ state }) => pick(state)).filter((t): t is string => t !== null).sort()
  const success = times((s) => s.lastSuccessAt)
  const next = times((s) => s.nextPollAt)
  return {
    status,
    reason,
    lastSuccessAt: success[0] ?? null,
    nextPollAt: next[0] ?? null,
    stale: states.some(({ state }) => state.stale)
  }
}
