/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: it stands in for CommonJS modules and must load without hooks of its own. */
/**
 * Recording stand-in for the `electron` module (main-process parts the shell uses). It records
 * what the real module would be asked to do, and obeys commands from the test over the IPC
 * channel: invoke an IPC handler as a chosen sender, click a notification or tray item, send a
 * power signal, probe the security handlers, quit.
 *
 * Environment: RRC_STANDIN_RECORD (JSON-lines file), RRC_STANDIN_USERDATA (userData folder),
 * RRC_STANDIN_SAFE_STORAGE_BACKEND (default basic_text), RRC_STANDIN_NATIVE_THEME (the system's
 * appearance nativeTheme reports: dark, the default, light or high-contrast).
 */
const { EventEmitter } = require('node:events')
const fs = require('node:fs')
const path = require('node:path')
const { record } = require('./record.cjs')

const userData = process.env.RRC_STANDIN_USERDATA ?? fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'rrc-standin-'))

class PreventableEvent {
  constructor() {
    this.defaultPrevented = false
  }
  preventDefault() {
    this.defaultPrevented = true
  }
}

// ---------------------------------------------------------------------------------------------
// app

class App extends EventEmitter {
  constructor() {
    super()
    this.isPackaged = false
    this.name = 'Reading Room Companion'
    this._ready = false
    this._readyPromise = new Promise((resolve) => {
      setImmediate(() => {
        this._ready = true
        record('app.ready')
        this.emit('ready')
        resolve()
      })
    })
  }
  whenReady() {
    return this._readyPromise
  }
  isReady() {
    return this._ready
  }
  getName() {
    return this.name
  }
  getVersion() {
    return '0.1.0'
  }
  getAppPath() {
    return process.cwd()
  }
  getPath(name) {
    const paths = { userData, appData: userData, logs: path.join(userData, 'logs'), temp: require('node:os').tmpdir(), home: require('node:os').homedir() }
    return paths[name] ?? path.join(userData, name)
  }
  setPath() {}
  getLocale() {
    return 'en-US'
  }
  getSystemLocale() {
    return 'en-US'
  }
  requestSingleInstanceLock() {
    record('app.requestSingleInstanceLock')
    return true
  }
  setAppUserModelId(id) {
    record('app.setAppUserModelId', { id })
  }
  setLoginItemSettings(settings) {
    record('app.setLoginItemSettings', settings)
  }
  setBadgeCount(count) {
    record('app.setBadgeCount', { count })
    return true
  }
  quit() {
    record('app.quit')
    const before = new PreventableEvent()
    this.emit('before-quit', before)
    if (before.defaultPrevented) return
    const will = new PreventableEvent()
    this.emit('will-quit', will)
    if (will.defaultPrevented) return
    this.emit('quit', new PreventableEvent(), 0)
    record('app.exited', { code: 0 })
    setImmediate(() => process.exit(0))
  }
  exit(code = 0) {
    record('app.exit', { code })
    process.exit(code)
  }
  focus() {}
}
const app = new App()

// ---------------------------------------------------------------------------------------------
// web contents, windows

let nextContentsId = 1
class WebContents extends EventEmitter {
  constructor() {
    super()
    this.id = nextContentsId++
    this.mainFrame = { url: '', parent: null, frameTreeNodeId: 1, isDestroyed: () => false }
    this.windowOpenHandler = null
    this._destroyed = false
    setImmediate(() => app.emit('web-contents-created', new PreventableEvent(), this))
  }
  setWindowOpenHandler(handler) {
    record('webContents.setWindowOpenHandler', { id: this.id })
    this.windowOpenHandler = handler
  }
  send(channel, payload) {
    // Alert payloads in full (the test matches them to native notifications); others by shape.
    const full = ['rrc:event:alert.shown', 'rrc:event:alert.clicked', 'rrc:event:connection.changed', 'rrc:event:alerts.pauseChanged', 'rrc:event:menu.command'].includes(channel)
    record('webContents.send', { id: this.id, channel, payloadKeys: payload && typeof payload === 'object' ? Object.keys(payload) : [], payload: full ? payload : undefined })
  }
  isDestroyed() {
    return this._destroyed
  }
  getURL() {
    return this.mainFrame.url
  }
  on(name, listener) {
    record('webContents.on', { id: this.id, event: name })
    return super.on(name, listener)
  }
}

const windows = []
class BrowserWindow extends EventEmitter {
  constructor(options = {}) {
    super()
    record('BrowserWindow.new', options)
    this.options = options
    this.webContents = new WebContents()
    this._visible = false
    this._minimized = false
    this._maximized = false
    this._destroyed = false
    this._bounds = { x: options.x ?? 100, y: options.y ?? 100, width: options.width ?? 800, height: options.height ?? 600 }
    windows.push(this)
  }
  static getAllWindows() {
    return windows.filter((window) => !window._destroyed)
  }
  loadURL(url) {
    record('BrowserWindow.loadURL', { url })
    this.webContents.mainFrame.url = url
    setImmediate(() => this.emit('ready-to-show'))
    return Promise.resolve()
  }
  loadFile(file) {
    record('BrowserWindow.loadFile', { file })
    this.webContents.mainFrame.url = require('node:url').pathToFileURL(file).href
    setImmediate(() => this.emit('ready-to-show'))
    return Promise.resolve()
  }
  show() {
    record('BrowserWindow.show')
    this._visible = true
  }
  hide() {
    record('BrowserWindow.hide')
    this._visible = false
  }
  focus() {
    record('BrowserWindow.focus')
  }
  minimize() {
    record('BrowserWindow.minimize')
    this._minimized = true
  }
  restore() {
    this._minimized = false
  }
  maximize() {
    this._maximized = true
  }
  isMinimized() {
    return this._minimized
  }
  isMaximized() {
    return this._maximized
  }
  isVisible() {
    return this._visible
  }
  isDestroyed() {
    return this._destroyed
  }
  getNormalBounds() {
    return { ...this._bounds }
  }
  getBounds() {
    return { ...this._bounds }
  }
  setBackgroundColor(color) {
    record('BrowserWindow.setBackgroundColor', { color })
  }
  close() {
    const event = new PreventableEvent()
    this.emit('close', event)
    record('BrowserWindow.close', { prevented: event.defaultPrevented })
    if (!event.defaultPrevented) {
      this._destroyed = true
      this.webContents._destroyed = true
      this.emit('closed')
    }
  }
}

// ---------------------------------------------------------------------------------------------
// IPC, session, protocol

const handlers = new Map()
const ipcMain = Object.assign(new EventEmitter(), {
  handle(channel, handler) {
    record('ipcMain.handle', { channel })
    if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    handlers.set(channel, handler)
  },
  removeHandler(channel) {
    record('ipcMain.removeHandler', { channel })
    handlers.delete(channel)
  }
})

const sessionHandlers = {}
const defaultSession = {
  webRequest: {
    onHeadersReceived(listener) {
      record('session.webRequest.onHeadersReceived')
      sessionHandlers.headers = listener
    }
  },
  setPermissionRequestHandler(handler) {
    record('session.setPermissionRequestHandler')
    sessionHandlers.permissionRequest = handler
  },
  setPermissionCheckHandler(handler) {
    record('session.setPermissionCheckHandler')
    sessionHandlers.permissionCheck = handler
  },
  setDevicePermissionHandler(handler) {
    record('session.setDevicePermissionHandler')
    sessionHandlers.devicePermission = handler
  }
}
const session = { defaultSession }

const protocolHandlers = new Map()
const protocol = {
  registerSchemesAsPrivileged(schemes) {
    record('protocol.registerSchemesAsPrivileged', { schemes, beforeReady: !app.isReady() })
  },
  handle(scheme, handler) {
    record('protocol.handle', { scheme })
    protocolHandlers.set(scheme, handler)
  }
}

// ---------------------------------------------------------------------------------------------
// tray, menu, images, notifications, shell, power, screen, safeStorage

class NativeImage {
  constructor(file) {
    this.file = file
  }
  isEmpty() {
    return !fs.existsSync(this.file)
  }
}
const nativeImage = {
  createFromPath(file) {
    record('nativeImage.createFromPath', { file, exists: fs.existsSync(file) })
    return new NativeImage(file)
  }
}

function describeTemplate(template) {
  return template.map((item) => ({
    id: item.id ?? null,
    label: item.label ?? null,
    type: item.type ?? 'normal',
    enabled: item.enabled ?? true,
    clickable: typeof item.click === 'function'
  }))
}
/** The application menu in full depth: roles, accelerators and submenus. */
function describeMenu(template) {
  return template.map((item) => ({
    id: item.id ?? null,
    label: item.label ?? null,
    role: item.role ?? null,
    type: item.type ?? (item.submenu ? 'submenu' : 'normal'),
    accelerator: item.accelerator ?? null,
    clickable: typeof item.click === 'function',
    submenu: Array.isArray(item.submenu) ? describeMenu(item.submenu) : null
  }))
}
let applicationMenu = null
const Menu = {
  buildFromTemplate(template) {
    return { template }
  },
  setApplicationMenu(menu) {
    applicationMenu = menu
    record('Menu.setApplicationMenu', { items: menu ? describeMenu(menu.template) : null })
  }
}
function findMenuItem(items, id) {
  for (const item of items ?? []) {
    if (item.id === id) return item
    const inner = Array.isArray(item.submenu) ? findMenuItem(item.submenu, id) : null
    if (inner) return inner
  }
  return null
}

let latestTrayMenu = null
class Tray extends EventEmitter {
  constructor(image) {
    super()
    record('Tray.new', { image: image?.file ?? null })
    this._destroyed = false
  }
  setImage(image) {
    record('Tray.setImage', { image: image?.file ?? null })
  }
  setToolTip(tooltip) {
    record('Tray.setToolTip', { tooltip })
  }
  setContextMenu(menu) {
    latestTrayMenu = menu
    record('Tray.setContextMenu', { items: describeTemplate(menu.template) })
  }
  isDestroyed() {
    return this._destroyed
  }
  destroy() {
    this._destroyed = true
    record('Tray.destroy')
  }
}

const notifications = []
class Notification extends EventEmitter {
  static isSupported() {
    return true
  }
  constructor(options = {}) {
    super()
    this.index = notifications.length
    notifications.push(this)
    record('Notification.new', { index: this.index, ...options })
  }
  show() {
    record('Notification.show', { index: this.index })
  }
  close() {
    // As the desktop does: the notification goes away, then `close` is reported.
    record('Notification.close', { index: this.index })
    this.emit('close', new PreventableEvent())
  }
}

const shell = {
  openExternal(url, options) {
    record('shell.openExternal', { url, options: options ?? null, type: typeof url })
    return Promise.resolve()
  }
}

const powerMonitor = new EventEmitter()

// The system's appearance as Electron reports it; high contrast is a dark contrast theme here.
const systemTheme = process.env.RRC_STANDIN_NATIVE_THEME ?? 'dark'
if (!['dark', 'light', 'high-contrast'].includes(systemTheme)) throw new Error(`RRC_STANDIN_NATIVE_THEME: unknown theme ${systemTheme}`)
const nativeTheme = Object.assign(new EventEmitter(), {
  themeSource: 'system',
  shouldUseDarkColors: systemTheme !== 'light',
  shouldUseHighContrastColors: systemTheme === 'high-contrast',
  shouldUseInvertedColorScheme: false
})
const screen = {
  getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 }, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }],
  getPrimaryDisplay: () => ({ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } })
}

// Reversible, clearly fake "encryption": the stand-in for the OS cipher.
const safeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => process.env.RRC_STANDIN_SAFE_STORAGE_BACKEND ?? 'basic_text',
  encryptString: (plain) => Buffer.from(`standin:${Buffer.from(plain, 'utf8').toString('base64')}`, 'utf8'),
  decryptString: (data) => {
    const text = Buffer.from(data).toString('utf8')
    if (!text.startsWith('standin:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
    return Buffer.from(text.slice('standin:'.length), 'base64').toString('utf8')
  }
}

// ---------------------------------------------------------------------------------------------
// Commands from the test

function appWindow() {
  return windows.find((window) => !window._destroyed) ?? null
}

/** A fake IpcMainInvokeEvent from the sender the test names. */
function invokeEvent(from) {
  const window = appWindow()
  const contents = window.webContents
  switch (from) {
    case 'app-main-frame':
      return { sender: contents, senderFrame: contents.mainFrame, processId: 1, frameId: 1 }
    case 'subframe':
      return { sender: contents, senderFrame: { url: contents.mainFrame.url, parent: contents.mainFrame, isDestroyed: () => false }, processId: 1, frameId: 2 }
    case 'foreign-page': {
      const foreign = { url: 'https://evil.example/phish.html', parent: null, isDestroyed: () => false }
      return { sender: { id: contents.id, mainFrame: foreign }, senderFrame: foreign, processId: 1, frameId: 1 }
    }
    case 'other-contents': {
      const other = new WebContents()
      other.mainFrame.url = contents.mainFrame.url
      return { sender: other, senderFrame: other.mainFrame, processId: 2, frameId: 1 }
    }
    case 'no-frame':
      return { sender: contents, senderFrame: null, processId: 1, frameId: 1 }
    default:
      throw new Error(`unknown sender kind ${from}`)
  }
}

async function probeSecurity() {
  const results = {}
  const window = appWindow()
  const contents = window.webContents
  const pageUrl = contents.mainFrame.url
  await new Promise((resolve) => {
    sessionHandlers.headers({ url: pageUrl, responseHeaders: { 'Content-Security-Policy': ['default-src *'] } }, (response) => {
      results.appPageHeaders = response.responseHeaders ?? null
      resolve()
    })
  })
  await new Promise((resolve) => {
    sessionHandlers.headers({ url: 'https://example.org/', responseHeaders: { a: ['b'] } }, (response) => {
      results.foreignHeadersTouched = response.responseHeaders !== undefined
      resolve()
    })
  })
  await new Promise((resolve) => sessionHandlers.permissionRequest(contents, 'notifications', (granted) => ((results.permissionRequestGranted = granted), resolve())))
  results.permissionCheck = sessionHandlers.permissionCheck(contents, 'media', pageUrl, {})
  results.windowOpen = contents.windowOpenHandler ? contents.windowOpenHandler({ url: 'https://evil.example/' }) : null
  const navigate = new PreventableEvent()
  contents.emit('will-navigate', navigate, 'https://evil.example/')
  results.foreignNavigationPrevented = navigate.defaultPrevented
  const redirect = new PreventableEvent()
  contents.emit('will-redirect', redirect, 'https://evil.example/')
  results.foreignRedirectPrevented = redirect.defaultPrevented
  const ownNavigation = new PreventableEvent()
  contents.emit('will-navigate', ownNavigation, pageUrl)
  results.ownNavigationPrevented = ownNavigation.defaultPrevented
  const handler = protocolHandlers.get('app')
  if (handler) {
    const page = await handler(new Request('app://companion/index.html'))
    results.appProtocolIndex = { status: page.status, csp: page.headers.get('content-security-policy'), type: page.headers.get('content-type') }
    const escape = await handler(new Request('app://companion/%2e%2e/%2e%2e/package.json'))
    results.appProtocolTraversalStatus = escape.status
  }
  return results
}

async function runCommand(message) {
  switch (message.cmd) {
    case 'invoke': {
      const handler = handlers.get(message.channel)
      if (!handler) return { error: `no handler for ${message.channel}` }
      return { result: await handler(invokeEvent(message.from), message.request) }
    }
    case 'click-notification': {
      const notification = notifications[message.index]
      if (!notification) return { error: `no notification ${message.index}` }
      notification.emit('click', new PreventableEvent())
      return { result: true }
    }
    case 'click-tray-item': {
      const item = latestTrayMenu?.template.find((entry) => entry.id === message.itemId)
      if (!item || typeof item.click !== 'function') return { error: `no tray item ${message.itemId}` }
      item.click()
      return { result: true }
    }
    case 'click-app-menu-item': {
      const item = findMenuItem(applicationMenu?.template, message.itemId)
      if (!item || typeof item.click !== 'function') return { error: `no application menu item ${message.itemId}` }
      item.click(item, appWindow() ?? undefined, { triggeredByAccelerator: Boolean(message.byAccelerator) })
      return { result: true }
    }
    case 'close-window': {
      appWindow()?.close()
      return { result: true }
    }
    case 'power':
      powerMonitor.emit(message.signal)
      return { result: true }
    case 'probe-security':
      return { result: await probeSecurity() }
    case 'quit':
      setImmediate(() => app.quit())
      return { result: true }
    default:
      return { error: `unknown command ${message.cmd}` }
  }
}

process.on('message', (message) => {
  if (!message || message.kind !== 'command') return
  runCommand(message).then(
    (reply) => process.send?.({ kind: 'reply', id: message.id, ...reply }),
    (error) => process.send?.({ kind: 'reply', id: message.id, error: String(error?.stack ?? error) })
  )
})
// The test went away: do not linger.
process.on('disconnect', () => process.exit(0))

const contextBridge = {
  exposeInMainWorld() {
    throw new Error('contextBridge is a renderer API')
  }
}

exports.app = app
exports.BrowserWindow = BrowserWindow
exports.ipcMain = ipcMain
exports.session = session
exports.protocol = protocol
exports.nativeImage = nativeImage
exports.Menu = Menu
exports.Tray = Tray
exports.Notification = Notification
exports.shell = shell
exports.powerMonitor = powerMonitor
exports.nativeTheme = nativeTheme
exports.screen = screen
exports.safeStorage = safeStorage
exports.contextBridge = contextBridge
