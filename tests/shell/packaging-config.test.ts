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
  }, 60_000) // compiling electron-builder's schema takes seconds on a busy machine

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

  it('builds AppImage, deb and rpm for Linux, NSIS (per-user or per-machine) for Windows and dmg for macOS', () => {
    const targetNames = (target: unknown) => (target as (string | { target: string })[]).map((entry) => (typeof entry === 'string' ? entry : entry.target))
    expect(targetNames(config.linux?.target)).toEqual(['AppImage', 'deb', 'rpm'])
    expect(targetNames(config.win?.target)).toEqual(['nsis'])
    expect(targetNames(config.mac?.target)).toEqual(['dmg'])
    // oneClick off and perMachine off: the installer offers both scopes, and /allusers or
    // /currentuser choose one silently (docs/packaging.md).
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: true })
    expect(config.linux).toMatchObject({ category: 'Medical', synopsis: expect.any(String) })
    expect(config.mac).toMatchObject({ category: 'public.app-category.medical', hardenedRuntime: true })
    // The keychain (keytar) needs libsecret on rpm systems as well; deb gets it by default.
    expect(config.rpm?.depends).toContain('libsecret')
  })

  it('publishes no update feed unless one is configured', () => {
    expect(config.publish).toBeNull()
  })
})
