/**
 * A soft two-note chime for alerts in the web shell (Electron's native notifications bring their
 * own sound). Quiet and short: a dark reading room, not an alarm panel.
 */
let context: AudioContext | null = null

export function playAlertTone(level: 'stat' | 'high'): void {
  try {
    context ??= new AudioContext()
    const ctx = context
    const notes = level === 'stat' ? [660, 880] : [660]
    notes.forEach((frequency, index) => {
      const osc = ctx.createOscillator()
      const gain = ctx.createGain()
      const start = ctx.currentTime + index * 0.22
      osc.type = 'sine'
      osc.frequency.value = frequency
      gain.gain.setValueAtTime(0.0001, start)
      gain.gain.exponentialRampToValueAtTime(0.12, start + 0.02)
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.2)
      osc.connect(gain).connect(ctx.destination)
      osc.start(start)
      osc.stop(start + 0.22)
    })
  } catch {
    // No audio (autoplay policy before the first gesture, or no device): the visual alert remains.
  }
}
