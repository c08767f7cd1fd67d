/**
 * The Electron notifier with a recording Notification in place of Electron's: a notice raised
 * before the app is ready (no window, no notifications yet) waits and is shown once it is; a notice
 * counts as delivered when the system showed it.
 */
import { describe, expect, it, vi } from 'vitest'
import type { AlertNotice } from '@shared/ipc/contract'
import { silentLogger } from '@main/engine/logging'

const created = vi.hoisted(() => [] as Array<{ title: string; shown: boolean; silent?: boolean }>)
vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events')
  class Notification extends EventEmitter {
    static isSupported = () => true
    readonly record: { title: string; shown: boolean; silent?: boolean }
    constructor(options: { title: string; silent?: boolean }) {
      super()
      this.record = { title: options.title, shown: false, silent: options.silent }
      created.push(this.record)
    }
    show() {
      this.record.shown = true
      // As the system does: `show` is reported after the call.
      setImmediate(() => this.emit('show'))
    }
  }
  return { Notification }
})

const { createNativeNotifier } = await import('@main/electron/notifier')

const notice = (n: number): AlertNotice => ({ id: `stat-${n}`, level: 'stat', title: `New stat study ${n}`, body: 'CT HEAD', studyIds: [`stu_${String(n).padStart(32, '0')}`], studies: [{ accountId: 'primary', studyId: `stu_${String(n).padStart(32, '0')}` }], reAlert: false, at: new Date().toISOString() })

describe('native notifier', () => {
  it('shows a notice raised before the app is ready once it is, and counts delivery by the system', async () => {
    let ready = false
    let becomeReady: () => void = () => undefined
    const whenReady = new Promise<void>((resolve) => (becomeReady = resolve))
    const notifier = createNativeNotifier({ platform: 'linux', iconPath: undefined, onClick: () => undefined, logger: silentLogger, isReady: () => ready, whenReady: () => whenReady })
    notifier.show(notice(1))
    notifier.show(notice(2))
    expect(created).toHaveLength(0)
    expect(notifier.waitingCount()).toBe(2)
    ready = true
    becomeReady()
    await vi.waitFor(() => expect(notifier.deliveredCount()).toBe(2))
    expect(created.map((c) => [c.title, c.shown])).toEqual([
      ['New stat study 1', true],
      ['New stat study 2', true]
    ])
    notifier.show(notice(3))
    await vi.waitFor(() => expect(notifier.deliveredCount()).toBe(3))
    expect(notifier.waitingCount()).toBe(0)
  })

  it('plays the sound the notice’s account chose (its own alerts.sound), else the global setting', async () => {
    created.length = 0
    const notifier = createNativeNotifier({ platform: 'linux', iconPath: undefined, onClick: () => undefined, logger: silentLogger })
    notifier.setSound(true)
    notifier.show({ ...notice(4), sound: false })
    notifier.show(notice(5))
    notifier.setSound(false)
    notifier.show({ ...notice(6), sound: true })
    notifier.show(notice(7))
    expect(created.map((c) => c.silent)).toEqual([true, false, false, true])
  })
})
