/**
 * The web shell's adapters for the core: the page opens viewer links itself (a new tab), alerts
 * reach the page as events (no native notifier), state in conf under the profile, logs in
 * <profile>/logs.
 */
import path from 'node:path'
import type { CorePorts, ExternalOpener, Logger, Notifier, SecretStore } from '@main/engine/ports'
import { createConfStateStore, type PersistentStateStore } from '@main/node'
import { createFileActivityLog } from '@main/node/activity-log'

/** Records what was handed to the page (origin only: the full link is a credential). */
export interface PageOpener extends ExternalOpener {
  readonly openedBy: 'page'
  readonly opened: ReadonlyArray<{ origin: string; at: number }>
}

export function createPageOpener(logger: Logger): PageOpener {
  const opened: Array<{ origin: string; at: number }> = []
  return {
    openedBy: 'page',
    opened,
    async open(url) {
      // Nothing to do here: the core returns the URL to the page, which opens a new tab.
      opened.push({ origin: url.origin, at: Date.now() })
      if (opened.length > 50) opened.shift()
      logger.info('viewer link handed to the page', { origin: url.origin })
    }
  }
}

export const pageNotifier: Notifier = { show: () => {} }

export interface WebPortsOptions {
  profileDir: string
  secrets: SecretStore
  logger: Logger
  version: string
}

export function createWebPorts(options: WebPortsOptions): CorePorts & { opener: PageOpener; state: PersistentStateStore } {
  return {
    shell: 'web',
    version: options.version,
    secrets: options.secrets,
    state: createConfStateStore({ cwd: path.join(options.profileDir), logger: options.logger }),
    opener: createPageOpener(options.logger),
    notifier: pageNotifier,
    logger: options.logger,
    activityLog: createFileActivityLog({ dir: options.profileDir })
  }
}
