/** A typed event emitter for the bridge events; a throwing listener never breaks the others. */
import type { EventName, EventPayloads } from '@shared/ipc/contract'

type Listener<E extends EventName> = (payload: EventPayloads[E]) => void

export class BridgeEvents {
  readonly #listeners = new Map<EventName, Set<Listener<EventName>>>()
  readonly #onListenerError: (event: EventName, error: unknown) => void

  constructor(onListenerError: (event: EventName, error: unknown) => void) {
    this.#onListenerError = onListenerError
  }

  on<E extends EventName>(name: E, listener: Listener<E>): () => void {
    let set = this.#listeners.get(name)
    if (!set) this.#listeners.set(name, (set = new Set()))
    set.add(listener as Listener<EventName>)
    return () => set.delete(listener as Listener<EventName>)
  }

  emit<E extends EventName>(name: E, payload: EventPayloads[E]): void {
    for (const listener of this.#listeners.get(name) ?? []) {
      try {
        listener(payload)
      } catch (error) {
        this.#onListenerError(name, error)
      }
    }
  }
}
