/**
 * The Logger port on electron-log: a rotating file under the app's log folder (5 MB, one archive
 * kept by electron-log), every line redacted by the platform's formatter, so no key, token,
 * tokenised URL or patient text reaches the file.
 */
import { ipcMain } from 'electron'
import log from 'electron-log/main'
import type { Logger, LogFields, LogLevel } from '@main/engine/ports'
import { formatLogBody } from '@main/engine/logging'
import { redactLogData } from '../log-redaction'

const MAX_LOG_BYTES = 5 * 1024 * 1024
/** The channel electron-log opens on import so renderers can log; ours never do, so it is closed. */
const ELECTRON_LOG_CHANNEL = '__ELECTRON_LOG__'

export function createElectronLogger(options: { level?: LogLevel; console?: boolean } = {}): Logger {
  const level = options.level ?? 'info'
  // The only IPC doors are the contract's (ipc.ts): close the one electron-log opened.
  ipcMain.removeHandler(ELECTRON_LOG_CHANNEL)
  ipcMain.removeAllListeners(ELECTRON_LOG_CHANNEL)
  log.transports.file.level = level
  log.transports.file.maxSize = MAX_LOG_BYTES
  log.transports.file.fileName = 'companion.log'
  log.transports.console.level = options.console ? level : false
  // electron-log would also echo main-process lines to every window in development; ours never read them.
  // (electron-log creates that transport only when it detects Electron: not under the smoke test's stand-in.)
  if (log.transports.ipc) log.transports.ipc.level = false
  // Every line electron-log writes, including errors it catches itself, passes through redact().
  log.hooks.push((message) => ({ ...message, data: redactLogData(message.data) }))
  // Errors thrown anywhere in main are logged (redacted), then the default handling continues.
  log.errorHandler.startCatching({ showDialog: false, onError: () => true })
  const write = (at: LogLevel) => (message: string, fields?: LogFields) => {
    log[at](formatLogBody(message, fields))
  }
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') }
}
