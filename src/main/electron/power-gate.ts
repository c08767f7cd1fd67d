/**
 * Turns the OS's power and session events into one pause and one resume for the core. Suspend and
 * screen lock can overlap (lock, then sleep; wake, then unlock): the core is resumed only when
 * neither holds, and never twice in a row — duplicate resumes are how apps flood alerts on wake.
 */
export type PowerSignal = 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen'

export interface PowerTarget {
  suspend(): void
  resume(): void
}

export function createPowerGate(target: PowerTarget): (signal: PowerSignal) => void {
  let suspended = false
  let locked = false
  let paused = false
  return (signal) => {
    if (signal === 'suspend') suspended = true
    else if (signal === 'resume') suspended = false
    else if (signal === 'lock-screen') locked = true
    else locked = false
    const shouldPause = suspended || locked
    if (shouldPause && !paused) {
      paused = true
      target.suspend()
    } else if (!shouldPause && paused) {
      paused = false
      target.resume()
    }
  }
}
