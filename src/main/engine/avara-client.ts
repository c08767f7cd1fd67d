/**
 * The core's only way to the Avara API: a client built for polling (no client-side retries: the
 * poller owns backoff; a short timeout so a dead network shows as offline quickly; SDK logging off,
 * the core logs study IDs itself), and the few list/lookup helpers the lanes need.
 */
import Avara, { NotFoundError } from '@shared/avara'
import type { Study, StudyListParams } from '@shared/avara/contract'

export type AvaraClient = InstanceType<typeof Avara>

export const REQUEST_TIMEOUT_MS = 15_000
/** Most lookups of studies that left a list in one poll; the rest wait for the next poll. */
export const MAX_LOOKUPS_PER_POLL = 20
export const PAGE_LIMIT = 100
const LOOKUP_CONCURRENCY = 5

export function createAvaraClient(options: { apiKey: string; baseURL: string; fetch?: typeof fetch }): AvaraClient {
  return new Avara({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    maxRetries: 0,
    timeout: REQUEST_TIMEOUT_MS,
    logLevel: 'off',
    ...(options.fetch ? { fetch: options.fetch } : {})
  })
}

export interface StudyList {
  studies: Study[]
  /** False when more pages exist than were read. */
  complete: boolean
  requests: number
}

/**
 * Every page of a study list, following the cursor (filters and limit are kept by the client).
 * `keep` turns each page into what the list keeps, as it arrives (the queue's own objects for
 * studies it holds unchanged: WorkQueue.heldVersions).
 */
export async function listAllStudies(client: AvaraClient, params: StudyListParams, keep: (page: Study[]) => Study[] = (page) => page): Promise<StudyList> {
  let page = await client.viewer.studies.list({ ...params, limit: PAGE_LIMIT })
  const studies = keep(page.studies).slice()
  let requests = 1
  while (page.hasNextPage()) {
    page = await page.getNextPage()
    for (const study of keep(page.studies)) studies.push(study)
    requests++
  }
  return { studies, complete: true, requests }
}

/** One page only (the stat lane: cheap by design). */
export async function listFirstPage(client: AvaraClient, params: StudyListParams): Promise<StudyList> {
  const page = await client.viewer.studies.list({ ...params, limit: PAGE_LIMIT })
  return { studies: [...page.studies], complete: !page.hasNextPage(), requests: 1 }
}

/**
 * Looks up studies that left a list, at most `budget` of them, one GET each. A 404 resolves to
 * null; any other failure fails the poll (it is retried with backoff).
 */
export async function lookUpStudies(client: AvaraClient, studies: readonly Study[], budget = MAX_LOOKUPS_PER_POLL): Promise<Map<string, Study | null>> {
  const resolved = new Map<string, Study | null>()
  const wanted = studies.slice(0, budget)
  // A few at a time: quick after a burst of completions, gentle on the server.
  for (let i = 0; i < wanted.length; i += LOOKUP_CONCURRENCY) {
    const batch = wanted.slice(i, i + LOOKUP_CONCURRENCY)
    const results = await Promise.allSettled(batch.map((s) => client.viewer.studies.retrieve(s.studyId)))
    results.forEach((result, k) => {
      const id = batch[k]!.studyId
      if (result.status === 'fulfilled') resolved.set(id, result.value)
      else if (result.reason instanceof NotFoundError) resolved.set(id, null)
      else throw result.reason
    })
  }
  return resolved
}
