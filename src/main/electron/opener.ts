/** The ExternalOpener of the Electron shell: the system browser, for URLs checked twice. */
import type { Shell } from 'electron'
import type { ExternalOpener } from '@main/engine/ports'
import { toOpenableUrl } from './external-url'

export function createShellOpener(shell: Pick<Shell, 'openExternal'>): ExternalOpener {
  return {
    openedBy: 'shell',
    async open(url: URL): Promise<void> {
      const checked = toOpenableUrl(url)
      // The message never carries the URL: viewer links hold a token.
      if (!checked) throw new Error('Refused to open a link that is not a web address the app trusts.')
      await shell.openExternal(checked, { activate: true })
    }
  }
}
