/**
 * The work queue: the latest snapshot, the chosen view, filters and the selected study, and the
 * visible rows derived from them. Order and counts per severity are the engine's (docs/core.md).
 * Study actions live here too because each one acts on a study of this queue.
 */
import { t } from '../strings'
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { studyKey, type ClosedStudy, type QueueDelta, type QueueSnapshot, type QueueStudy, type Severity, type Study, type StudyAlertState, type ViewPrefs } from '@shared/ipc/contract'
import { applyQueueDelta } from '@shared/ipc/queue-delta'
import { useBridge } from '../bridge'
import { errorMessage } from '../lib/errors'
import { matchesSearch } from '../lib/search'
import { useNoticesStore } from './notices'
import { useSettingsStore } from './settings'
import { useUiStore } from './ui'

export type QueueView = 'mine' | 'pool' | 'closed'

export interface QueueItem {
  study: Study
  /** In the unassigned stat pool (claimable). */
  inPool: boolean
  closed: ClosedStudy | null
  alert: StudyAlertState | null
}

const NO_COUNTS: Record<Severity, number> = { stat: 0, high: 0, normal: 0 }
/** Before the first snapshot: of no engine run, so the first delta is a gap and fetches the snapshot. */
const EMPTY_SNAPSHOT: QueueSnapshot = { epoch: '', seq: 0, mine: [], statPool: [], closed: [], alerts: {}, fetchedAt: null, fromCache: false }

export const useQueueStore = defineStore('queue', () => {
  // shallowRef: snapshots are replaced whole, never mutated; deep reactivity on 10,000 studies is waste.
  const snapshot = shallowRef<QueueSnapshot>(EMPTY_SNAPSHOT)
  const view = ref<QueueView>('mine')
  const severityFilter = ref<Record<Severity, boolean>>({ stat: true, high: true, normal: true })
  const text = ref('')
  const selectedId = ref<string | null>(null)
  const details = shallowRef<Study | null>(null)
  const detailsOpen = ref(false)
  const detailsError = ref<string | null>(null)
  const pending = ref<Record<string, string>>({})

  const settingsStore = useSettingsStore()
  const notices = useNoticesStore()
  const ui = useUiStore()

  // The engine owns order and counts: rows are shown exactly as it sent them, never sorted again.
  const mine = computed(() => snapshot.value.mine)
  const pool = computed(() => (settingsStore.settings.includeUnassignedStat ? snapshot.value.statPool : []))
  const poolEnabled = computed(() => settingsStore.settings.includeUnassignedStat)

  const counts = computed<Record<Severity, number>>(() => snapshot.value.counts ?? NO_COUNTS)

  const sourceItems = computed<QueueItem[]>(() => {
    const alerts = snapshot.value.alerts
    // Alert states are keyed by account and study (the same study ID in two accounts is two studies).
    const alertOf = (study: QueueStudy) => alerts[studyKey(study)] ?? null
    if (view.value === 'closed') {
      return snapshot.value.closed.map((closed) => ({ study: closed.study, inPool: false, closed, alert: alertOf(closed.study) }))
    }
    const studies = view.value === 'pool' ? pool.value : mine.value
    return studies.map((study) => ({ study, inPool: view.value === 'pool', closed: null, alert: alertOf(study) }))
  })

  const filtersActive = computed(
    () => text.value.trim() !== '' || !severityFilter.value.stat || !severityFilter.value.high || !severityFilter.value.normal
  )

  const items = computed<QueueItem[]>(() => {
    if (!filtersActive.value) return sourceItems.value
    const sev = severityFilter.value as Record<string, boolean>
    return sourceItems.value.filter((item) => sev[item.study.severity] !== false && matchesSearch(item.study, text.value, ui.metadataColumns))
  })

  const selectedIndex = computed(() => items.value.findIndex((item) => item.study.studyId === selectedId.value))
  const selectedItem = computed(() => items.value[selectedIndex.value] ?? null)

  /** Stat studies still alerting (not opened, acknowledged or snoozed), oldest first: the stat banner. */
  const alertingStat = computed(() =>
    [...mine.value, ...pool.value].filter(
      (study) => study.severity === 'stat' && snapshot.value.alerts[studyKey(study)]?.status === 'alerting'
    )
  )

  /**
   * A whole snapshot (start-up, a resync, a call's answer): accepted unless it is older than what
   * the page has from the same engine run (a getState answer overtaken by deltas).
   */
  function apply(next: QueueSnapshot): void {
    const current = snapshot.value
    if (current.epoch === next.epoch && next.seq < current.seq) return
    show(next)
  }

  function show(next: QueueSnapshot): void {
    snapshot.value = next
    if (details.value) {
      const fresh = findStudy(details.value.studyId)
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
    const outcome = applyQueueDelta(snapshot.value, delta)
    if (outcome.kind === 'applied') show(outcome.snapshot)
    else if (outcome.kind === 'gap') void resync()
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

  function findStudy(studyId: string): Study | null {
    const s = snapshot.value
    return (
      s.mine.find((x) => x.studyId === studyId) ??
      s.statPool.find((x) => x.studyId === studyId) ??
      s.closed.find((x) => x.study.studyId === studyId)?.study ??
      null
    )
  }

  function setView(next: QueueView): void {
    view.value = next
    selectedId.value = items.value[0]?.study.studyId ?? null
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

  function clearFilters(): void {
    text.value = ''
    severityFilter.value = { stat: true, high: true, normal: true }
    rememberView()
  }

  function select(studyId: string | null): void {
    selectedId.value = studyId
  }

  /** Move the selection by `delta` rows (clamped); with nothing selected, start at the top. */
  function move(delta: number): void {
    const list = items.value
    if (list.length === 0) return
    const from = selectedIndex.value
    const to = from < 0 ? 0 : Math.min(list.length - 1, Math.max(0, from + delta))
    selectedId.value = list[to]?.study.studyId ?? null
  }
  function moveTo(edge: 'first' | 'last'): void {
    const list = items.value
    selectedId.value = (edge === 'first' ? list[0] : list[list.length - 1])?.study.studyId ?? null
  }

  /** Runs one study action, marks it pending for the row, and reports failures in the polite region. */
  async function act<T>(studyId: string, label: string, run: () => Promise<T>): Promise<T | null> {
    pending.value = { ...pending.value, [studyId]: label }
    try {
      return await run()
    } catch (err) {
      notices.error(t('queue.actionFailed', { action: label, error: errorMessage(err) }))
      return null
    } finally {
      const { [studyId]: _done, ...rest } = pending.value
      pending.value = rest
    }
  }

  /** Asks the core for a fresh, short-lived viewer URL at click time and opens it. */
  async function open(studyId: string): Promise<void> {
    const result = await act(studyId, t('queue.opening'), () => useBridge().invoke('study.open', { studyId }))
    if (!result) return
    if (!result.ok) {
      // Claim on open lost the race: the engine's message names who has it.
      notices.error(result.claimedBy ? result.message : t('queue.openFailed', { error: result.message }))
      return
    }
    if (result.openedBy === 'page') window.open(result.url, '_blank', 'noopener,noreferrer')
    notices.closeNotificationsFor(studyId)
    notices.polite(result.claimed ? t('queue.claimedAndOpened') : t('queue.opened'))
  }

  async function claim(studyId: string): Promise<void> {
    const study = await act(studyId, t('queue.claiming'), () => useBridge().invoke('study.claim', { studyId }))
    if (study) notices.polite(t('queue.claimed', { description: study.studyDescription }))
  }

  async function acknowledge(studyId: string): Promise<void> {
    const next = await act(studyId, t('queue.acknowledging'), () => useBridge().invoke('alerts.acknowledge', { studyId }))
    if (next) {
      apply(next)
      notices.closeNotificationsFor(studyId)
      notices.polite(t('queue.acknowledged'))
    }
  }

  async function snooze(studyId: string, minutes: 30 | 60): Promise<void> {
    const next = await act(studyId, t('queue.snoozing'), () => useBridge().invoke('alerts.snoozeStudy', { studyId, minutes }))
    if (next) {
      apply(next)
      notices.polite(t('queue.snoozed', { minutes }))
    }
  }

  async function setComplete(studyId: string, complete: boolean): Promise<void> {
    const status = complete ? 'complete' : 'incomplete'
    // The study leaves the list on the next poll: the selection goes on to the study after it.
    const list = items.value
    const at = list.findIndex((item) => item.study.studyId === studyId)
    const following = at < 0 ? null : (list[at + 1] ?? list[at - 1] ?? null)
    const study = await act(studyId, complete ? t('queue.markingComplete') : t('queue.markingIncomplete'), () =>
      useBridge().invoke('study.setViewerStatus', { studyId, status })
    )
    if (!study) return
    if (complete && view.value !== 'closed' && selectedId.value === studyId) selectedId.value = following?.study.studyId ?? null
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

  /** Details show the cached study at once, then the server's latest copy. */
  async function showDetails(studyId: string): Promise<void> {
    selectedId.value = studyId
    details.value = findStudy(studyId)
    detailsError.value = null
    detailsOpen.value = true
    try {
      details.value = await useBridge().invoke('study.get', { studyId })
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
    selectedId,
    details,
    detailsOpen,
    detailsError,
    pending,
    mine,
    pool,
    poolEnabled,
    counts,
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
