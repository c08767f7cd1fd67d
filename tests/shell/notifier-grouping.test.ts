/**
 * Issue 10: the Electron notifier keeps one live notification per study (a reminder replaces the
 * earlier one) and a burst as one summary. Electron's Notification is replaced by a recording one
 * that counts how many are open on the desktop.
 */
import { describe, expect, it, vi } from 'vitest'
import type { AlertNotice } from '@shared/ipc/contract'
import { silentLogger } from '@main/engine/logging'

const open = vi.hoisted(() => new Set<{ title: string }>())
vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events')
  class Notification extends EventEmitter {
    static isSupported = () => true
    readonly record: { title: string }
    constructor(options: { title: string }) {
      super()
      this.record = { title: options.title }
    }
    show() {
      open.add(this.record)
      setImmediate(() => this.emit('show'))
    }
    close() {
      // As the system does: the notification goes, then `close` is reported.
      open.delete(this.record)
      this.emit('close')
    }
  }
  return { Notification }
})

const { createNativeNotifier } = await import('@main/electron/notifier')

const id = (n: number) => `stu_${String(n).padStart(32, '0')}`
const notice = (key: string, studies: number[], title: string, reAlert = false): AlertNotice => ({
  id: key,
  level: 'stat',
  title,
  body: 'CT HEAD (stat)',
  studyIds: studies.map(id),
  studies: studies.map((n) => ({ accountId: 'primary', studyId: id(n) })),
  reAlert,
  at: new Date().toISOString()
})

describe('native notifications are grouped', () => {
  it('a reminder replaces the live notification of its study; another study keeps its own', () => {
    open.clear()
    const notifier = createNativeNotifier({ platform: 'linux', iconPath: undefined, onClick: () => undefined, logger: silentLogger })
    notifier.show(notice('n1', [1], 'New stat study'))
    notifier.show(notice('n2', [2], 'New stat study'))
    for (let i = 0; i < 3; i++) notifier.show(notice(`r${i}`, [1], 'Stat study still waiting', true))
    expect(notifier.liveCount()).toBe(2)
    expect([...open].map((n) => n.title).sort()).toEqual(['New stat study', 'Stat study still waiting'])
  })

  it('a burst stays one summary: it replaces the singles it covers and the earlier summary', () => {
    open.clear()
    const notifier = createNativeNotifier({ platform: 'linux', iconPath: undefined, onClick: () => undefined, logger: silentLogger })
    notifier.show(notice('n1', [1], 'New stat study'))
    notifier.show(notice('s1', [2, 3], '2 new stat studies'))
    notifier.show(notice('s2', [1, 2, 3], '3 stat studies still waiting', true))
    expect(notifier.liveCount()).toBe(1)
    expect([...open].map((n) => n.title)).toEqual(['3 stat studies still waiting'])
  })
})
