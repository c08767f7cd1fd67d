/** Wires Electron's powerMonitor to the core through the power gate. */
import type { PowerMonitor } from 'electron'
import { createPowerGate, type PowerSignal, type PowerTarget } from './power-gate'

const SIGNALS: readonly PowerSignal[] = ['suspend', 'resume', 'lock-screen', 'unlock-screen']

export function watchPower(powerMonitor: PowerMonitor, target: PowerTarget): void {
  const gate = createPowerGate(target)
  // lock-screen/unlock-screen exist on macOS and Windows only; on Linux only suspend/resume fire.
  for (const signal of SIGNALS) powerMonitor.on(signal as 'suspend', () => gate(signal))
}
