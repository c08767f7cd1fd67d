/**
 * The work queue: the latest snapshot, the chosen view, filters and the selected study, and the
 * visible rows derived from them. Order and counts per severity are the engine's (docs/core.md).
 * Study actions live here too because each one acts on a study of this queue.
 */
import { t } from '../strings'
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import {
  studyKey,
  type QueueDelta,
  type QueueSnapshot,
  type QueueStudy,
  type Severity,
  type SeverityCounts,
  type Study,
  type StudyRef,
  type ViewPrefs
} from '@shared/ipc/contract'
import { alertsAfter, deltaFits, snapshotAfter } from '@shared/ipc/queue-delta'
import { rowListAfter, rowListOf, type QueueItem, type RowList } from '../lib/queue-rows'
import { useBridge } from '../bridge'
import { errorMessage } from '../lib/errors'
import { matchesSearch } from '../lib/search'
import { useNoticesStore } from './notices'
import { useSettingsStore } from './settings'
import { useUiStore } from './ui'
import { useAccountsStore } from './accounts'

export type QueueView = 'mine' | 'pool' | 'closed'

export type { QueueItem }

const NO_COUNTS: SeverityCounts = { stat: 0, high: 0, normal: 0 }
/** Before the first snapshot: of no engine run, so the first delta is a gap and fetches the snapshot. */
const EMPTY_SNAPSHOT: QueueSnapshot = { epoch: '', seq: 0, mine: [], statPool: [], closed: [], alerts: {}, fetchedAt: null, fromCache: false }

export const useQueueStore = defineStore('queue', () => {
  // shallowRef: snapshots are replaced whole, never mutated; deep reactivity on 10,000 studies is waste.
  const snapshot = shallowRef<QueueSnapshot>(EMPTY_SNAPSHOT)
  const view = ref<QueueView>('mine')
  const severityFilter = ref<Record<Severity, boolean>>({ stat: true, high: true, normal: true })
  const text = ref('')
  /** Show one account's studies only (null: every account); offered when there are several. */
  const accountFilter = ref<string | null>(null)
  /** The selected study's `studyKey`. */
  const selectedKey = ref<string | null>(null)
  /** The study in the details panel, with its account. */
  const details = shallowRef<QueueStudy | null>(null)
  const detailsOpen = ref(false)
  const detailsError = ref<string | null>(null)
  const pending = ref<Record<string, string>>({})

  const settingsStore = useSettingsStore()
  const notices = useNoticesStore()
  const ui = useUiStore()
  const accounts = useAccountsStore()

  // The engine owns order and counts: rows are shown exactly as it sent them, never sorted again.
  const mine = computed(() => snapshot.value.mine)
  const pool = computed(() => (settingsStore.settings.includeUnassignedStat ? snapshot.value.statPool : []))
  const poolEnabled = computed(() => settingsStore.settings.includeUnassignedStat)

  const counts = computed<SeverityCounts>(() => snapshot.value.counts ?? NO_COUNTS)
  /** One account's counts, as the engine counted them. */
  const countsOf = (accountId: string): SeverityCounts => snapshot.value.countsByAccount?.[accountId] ?? NO_COUNTS

  // The rows of the queue and the pool (lib/queue-rows.ts): a delta builds only the rows it changed.
  // shallowRef: each change makes new lists, never mutated once shown.
  const mineRows = shallowRef<RowList>(rowListOf([], false, {}))
  const poolRows = shallowRef<RowList>(rowListOf([], true, {}))

  const sourceItems = computed<readonly QueueItem[]>(() => {
    if (view.value === 'closed') {
      const alerts = snapshot.value.alerts
      return snapshot.value.closed.map((closed) => {
        const key = studyKey(closed.study)
        return { key, study: closed.study, inPool: false, closed, alert: alerts[key] ?? null }
      })
    }
    if (view.value === 'pool') return poolEnabled.value ? poolRows.value.rows : []
    return mineRows.value.rows
  })

  /** The account filter while that account exists (a removed account's filter shows everything again). */
  const shownAccount = computed(() => (accountFilter.value !== null && accounts.byId.has(accountFilter.value) ? accountFilter.value : null))

  const filtersActive = computed(
    () =>
      text.value.trim() !== '' ||
      shownAccount.value !== null ||
      !severityFilter.value.stat ||
      !severityFilter.value.high ||
      !severityFilter.value.normal
  )

  const items = computed<readonly QueueItem[]>(() => {
    if (!filtersActive.value) return sourceItems.value
    const sev = severityFilter.value as Record<string, boolean>
    const account = shownAccount.value
    return sourceItems.value.filter(
      (item) =>
        (account === null || item.study.accountId === account) &&
        sev[item.study.severity] !== false &&
        matchesSearch(item.study, text.value, ui.metadataColumns)
    )
  })

  const selectedIndex = computed(() => {
    const list = items.value
    const key = selectedKey.value
    if (key === null) return -1
    // The queue and the pool find the row by key and its index natively; the closed list is at most 100 rows.
    if (view.value === 'closed') return list.findIndex((item) => item.key === key)
    const row = (view.value === 'pool' ? poolRows : mineRows).value.byKey.get(key)
    return row ? list.indexOf(row) : -1
  })
  const selectedItem = computed(() => items.value[selectedIndex.value] ?? null)

  /**
   * Stat studies still alerting (not opened, acknowledged or snoozed), oldest first: the stat banner.
   * Stat studies lead the engine's order, so only the front of the queue is read, not every row.
   */
  const alertingStat = computed(() => {
    const alerting: QueueStudy[] = []
    for (const rows of [mineRows.value.rows, poolEnabled.value ? poolRows.value.rows : []]) {
      for (const row of rows) {
        if (row.study.severity !== 'stat') break
        if (row.alert?.status === 'alerting') alerting.push(row.study)
      }
    }
    return alerting
  })

  /**
   * A whole snapshot (start-up, a resync, a shell's `queue.updated`): accepted unless it is older than what
   * the page has from the same engine run (a getState answer overtaken by deltas).
   */
  function apply(next: QueueSnapshot): void {
    const current = snapshot.value
    if (current.epoch === next.epoch && next.seq < current.seq) return
    show(next)
  }

  function show(next: QueueSnapshot): void {
    mineRows.value = rowListOf(next.mine, false, next.alerts)
    poolRows.value = rowListOf(next.statPool, true, next.alerts)
    showSnapshot(next)
  }

  function showSnapshot(next: QueueSnapshot): void {
    snapshot.value = next
    if (details.value) {
      const fresh = findStudy(details.value)
      if (fresh) details.value = fresh
    }
  }

  // Deltas that arrive while the whole snapshot is being fetched, applied after it in order.
  let resyncing: QueueDelta[] | null = null

  /** A change from the engine (`queue.delta`): applied in order; a gap fetches the whole snapshot. */
  function applyDelta(delta: QueueDelta): void {
    if (resyncing) {
      resyncing.push(delta)
      return
    }
    const current = snapshot.value
    const fits = deltaFits(current, delta)
    if (fits === 'old') return
    const alerts = alertsAfter(current.alerts, delta)
    const alertKeys = delta.alerts ? [...Object.keys(delta.alerts.set), ...delta.alerts.cleared] : []
    const mine = fits === 'applied' ? rowListAfter(mineRows.value, delta.mine, false, alerts, alertKeys) : null
    const pool = fits === 'applied' ? rowListAfter(poolRows.value, delta.statPool, true, alerts, alertKeys) : null
    if (!mine || !pool) {
      void resync()
      return
    }
    mine.commit()
    pool.commit()
    mineRows.value = mine.list
    poolRows.value = pool.list
    showSnapshot(snapshotAfter(delta, { mine: mine.list.studies, statPool: pool.list.studies, closed: current.closed, alerts }))
  }

  /** The page missed a delta (a dropped event, a reconnect, another engine run): take the whole queue again. */
  async function resync(): Promise<void> {
    if (resyncing) return
    resyncing = []
    try {
      apply(await useBridge().invoke('queue.snapshot', {}))
    } catch {
      // The link is down; the next delta (or the reconnect's getState) tries again.
    } finally {
      const waiting = resyncing
      resyncing = null
      for (const delta of waiting) applyDelta(delta)
    }
  }

  function findStudy(ref: StudyRef): QueueStudy | null {
    const key = studyKey(ref)
    const same = (x: QueueStudy) => x.studyId === ref.studyId && x.accountId === ref.accountId
    return mineRows.value.byKey.get(key)?.study ?? poolRows.value.byKey.get(key)?.study ?? snapshot.value.closed.find((x) => same(x.study))?.study ?? null
  }

  function setView(next: QueueView): void {
    view.value = next
    selectedKey.value = items.value[0]?.key ?? null
  }

  /** Remembers the view and severities for the next start (search text is not kept). */
  function rememberView(): void {
    const f = severityFilter.value
    const prefs: ViewPrefs = { queueView: view.value, showStat: f.stat, showHigh: f.high, showNormal: f.normal }
    // Not worth a message (nor a thrown filter toggle): if it fails, the next start shows the default view.
    Promise.resolve()
      .then(() => useBridge().invoke('view.update', prefs))
      .catch(() => undefined)
  }

  /** The view the user picked in the toolbar (alerts switch views without remembering them). */
  function chooseView(next: QueueView): void {
    setView(next)
    rememberView()
  }

  /** The view remembered from the last run; the stat pool only while it is enabled. */
  function applyViewPrefs(prefs: ViewPrefs): void {
    const f = severityFilter.value
    severityFilter.value = { stat: prefs.showStat ?? f.stat, high: prefs.showHigh ?? f.high, normal: prefs.showNormal ?? f.normal }
    if (prefs.queueView && prefs.queueView !== view.value && (prefs.queueView !== 'pool' || poolEnabled.value)) setView(prefs.queueView)
  }

  function toggleSeverity(severity: Severity): void {
    severityFilter.value = { ...severityFilter.value, [severity]: !severityFilter.value[severity] }
    rememberView()
  }

  function setAccountFilter(accountId: string | null): void {
    accountFilter.value = accountId
    if (selectedIndex.value < 0) selectedKey.value = items.value[0]?.key ?? null
  }

  function clearFilters(): void {
    text.value = ''
    accountFilter.value = null
    severityFilter.value = { stat: true, high: true, normal: true }
    rememberView()
  }

  /** Selects the study with this `studyKey` (null: nothing). */
  function select(key: string | null): void {
    selectedKey.value = key
  }

  /** Move the selection by `delta` rows (clamped); with nothing selected, start at the top. */
  function move(delta: number): void {
    const list = items.value
    if (list.length === 0) return
    const from = selectedIndex.value
    const to = from < 0 ? 0 : Math.min(list.length - 1, Math.max(0, from + delta))
    selectedKey.value = list[to]?.key ?? null
  }
  function moveTo(edge: 'first' | 'last'): void {
    const list = items.value
    selectedKey.value = (edge === 'first' ? list[0] : list[list.length - 1])?.key ?? null
  }

  /** The bridge request naming a study and its account (every study action acts through the study's own account). */
  const target = (ref: StudyRef): StudyRef => ({ accountId: ref.accountId, studyId: ref.studyId })

  /** Runs one study action, marks it pending for the row, and reports failures in the polite region. */
  async function act<T>(ref: StudyRef, label: string, run: () => Promise<T>): Promise<T | null> {
    const key = studyKey(ref)
    pending.value = { ...pending.value, [key]: label }
    try {
      return await run()
    } catch (err) {
      notices.error(t('queue.actionFailed', { action: label, error: errorMessage(err) }))
      return null
    } finally {
      const { [key]: _done, ...rest } = pending.value
      pending.value = rest
    }
  }

  /** Asks the core for a fresh, short-lived viewer URL at click time and opens it. */
  async function open(ref: StudyRef): Promise<void> {
    const result = await act(ref, t('queue.opening'), () => useBridge().invoke('study.open', target(ref)))
    if (!result) return
    if (!result.ok) {
      // Claim on open lost the race: the engine's message names who has it.
      notices.error(result.claimedBy ? result.message : t('queue.openFailed', { error: result.message }))
      return
    }
    if (result.openedBy === 'page') window.open(result.url, '_blank', 'noopener,noreferrer')
    notices.closeNotificationsFor(ref)
    notices.polite(result.claimed ? t('queue.claimedAndOpened') : t('queue.opened'))
  }

  async function claim(ref: StudyRef): Promise<void> {
    const study = await act(ref, t('queue.claiming'), () => useBridge().invoke('study.claim', target(ref)))
    if (study) notices.polite(t('queue.claimed', { description: study.studyDescription }))
  }

  // Acknowledge and snooze: the new alert state arrives as a `queue.delta` (applyDelta); the answer only says it was done.
  async function acknowledge(ref: StudyRef): Promise<void> {
    const done = await act(ref, t('queue.acknowledging'), () => useBridge().invoke('alerts.acknowledge', target(ref)))
    if (done) {
      notices.closeNotificationsFor(ref)
      notices.polite(t('queue.acknowledged'))
    }
  }

  async function snooze(ref: StudyRef, minutes: 30 | 60): Promise<void> {
    const done = await act(ref, t('queue.snoozing'), () => useBridge().invoke('alerts.snoozeStudy', { ...target(ref), minutes }))
    if (done) notices.polite(t('queue.snoozed', { minutes }))
  }

  async function setComplete(ref: StudyRef, complete: boolean): Promise<void> {
    const status = complete ? 'complete' : 'incomplete'
    const key = studyKey(ref)
    // The study leaves the list on the next poll: the selection goes on to the study after it.
    const list = items.value
    const at = list.findIndex((item) => item.key === key)
    const following = at < 0 ? null : (list[at + 1] ?? list[at - 1] ?? null)
    const study = await act(ref, complete ? t('queue.markingComplete') : t('queue.markingIncomplete'), () =>
      useBridge().invoke('study.setViewerStatus', { ...target(ref), status })
    )
    if (!study) return
    if (complete && view.value !== 'closed' && selectedKey.value === key) selectedKey.value = following?.key ?? null
    notices.polite(complete ? t('queue.markedComplete') : t('queue.markedIncomplete'))
  }

  async function copyUid(study: Study): Promise<void> {
    try {
      await navigator.clipboard.writeText(study.studyInstanceUid)
      notices.polite(t('queue.uidCopied'))
    } catch {
      notices.error(t('queue.copyFailed'))
    }
  }

  /** Details show the cached study at once, then the server's latest copy (from the study's own account). */
  async function showDetails(ref: StudyRef): Promise<void> {
    selectedKey.value = studyKey(ref)
    details.value = findStudy(ref)
    detailsError.value = null
    detailsOpen.value = true
    try {
      const fresh = await useBridge().invoke('study.get', target(ref))
      details.value = { ...fresh, accountId: ref.accountId }
    } catch (err) {
      detailsError.value = t('queue.detailsStale', { error: errorMessage(err) })
    }
  }
  function closeDetails(): void {
    detailsOpen.value = false
  }

  return {
    snapshot,
    view,
    severityFilter,
    text,
    accountFilter,
    selectedKey,
    details,
    detailsOpen,
    detailsError,
    pending,
    mine,
    pool,
    poolEnabled,
    counts,
    countsOf,
    items,
    filtersActive,
    selectedIndex,
    selectedItem,
    alertingStat,
    apply,
    applyDelta,
    resync,
    findStudy,
    setView,
    chooseView,
    applyViewPrefs,
    toggleSeverity,
    setAccountFilter,
    clearFilters,
    select,
    move,
    moveTo,
    open,
    claim,
    acknowledge,
    snooze,
    setComplete,
    copyUid,
    showDetails,
    closeDetails
  }
})
