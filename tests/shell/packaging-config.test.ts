/**
 * The electron-builder config: valid against electron-builder's own schema, every security fuse
 * set explicitly to the intended value, and the files the app needs are packaged.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Configuration } from 'app-builder-lib'
import { APP_USER_MODEL_ID } from '@main/electron/app-id'
import { REPO_ROOT } from './shell-process'

// js-yaml and app-builder-lib come with electron-builder (a devDependency).
const require = createRequire(join(REPO_ROOT, 'node_modules', 'app-builder-lib', 'package.json'))
const yaml = require('js-yaml') as { load(text: string): unknown }
const config = yaml.load(readFileSync(join(REPO_ROOT, 'electron-builder.yml'), 'utf8')) as Configuration

describe('electron-builder.yml', () => {
  it('passes electron-builder validation', async () => {
    const { validateConfiguration } = require('./out/util/config/config') as { validateConfiguration(config: Configuration, logger: unknown): Promise<void> }
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown }
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined()
  })

  it('sets every fuse explicitly', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false
    })
  })

  it('names the app as the shell does and packages the build output and icons', () => {
    expect(config.appId).toBe(APP_USER_MODEL_ID)
    expect(config.productName).toBe('Reading Room Companion')
    expect(config.files).toContain('out/**')
    expect(config.extraResources).toEqual([{ from: 'resources', to: 'icons', filter: ['*.png'] }])
  })
})
