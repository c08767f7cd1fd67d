import { watch } from 'vue'

/** How long a flow waits for the event of a command the engine accepted before it goes on without it. */
export const EVENT_WAIT_MS = 10_000

/**
 * Resolves once `shows()` holds of the stores. A command answers with a small result and its state
 * arrives as an event (src/shared/ipc/README.md, "One way"); in the web shell the event stream and
 * the answer travel apart, so the answer may come first. A flow that goes on with the new state
 * (leave the sign-in step, focus the moved account) waits here for the stores, never on the answer.
 * Resolves false when the event did not come in time (a dropped link resyncs the stores later).
 */
export function whenShown(shows: () => boolean, timeoutMs = EVENT_WAIT_MS): Promise<boolean> {
  if (shows()) return Promise.resolve(true)
  return new Promise((resolve) => {
    const finish = (seen: boolean) => {
      clearTimeout(timer)
      stop()
      resolve(seen)
    }
    const timer = setTimeout(() => finish(false), timeoutMs)
    const stop = watch(shows, (holds) => holds && finish(true), { flush: 'sync' })
  })
}
