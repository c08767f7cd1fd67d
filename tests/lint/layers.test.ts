/**
 * The layer allow-list (eslint-rules/layers.js) through ESLint itself: for every layer, one import
 * it must not make is an error and one it may make passes; a file in a folder no layer claims is an
 * error. The planted files do not exist on disk: lintText lints the text as if it lived at filePath.
 */
import { resolve } from 'node:path'
import { ESLint } from 'eslint'
import { beforeAll, describe, expect, it } from 'vitest'

const repo = resolve(import.meta.dirname, '../..')
const RULE = 'layers/allowed-imports'

let eslint: ESLint
beforeAll(() => {
  eslint = new ESLint({ cwd: repo })
})

async function layerMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(repo, filePath) })
  return (result?.messages ?? []).filter((message) => message.ruleId === RULE).map((message) => message.message)
}

interface Plant {
  file: string
  forbidden: string
  why: RegExp
  allowed: string
}

// One forbidden and one allowed import per layer. Allowed imports name real modules and use them,
// so no other rule (unused imports) has a say.
const PLANTS: Record<string, Plant> = {
  avara: {
    file: 'src/shared/avara/planted.ts',
    forbidden: "import { CALLS } from '../ipc/contract'\nexport const x = CALLS",
    why: /layer ipc/,
    allowed: "import { z } from 'zod'\nimport { SEVERITIES } from './contract'\nexport const x = [z, SEVERITIES]"
  },
  ipc: {
    file: 'src/shared/ipc/planted.ts',
    forbidden: "import { readFileSync } from 'node:fs'\nexport const x = readFileSync",
    why: /Node built-in/,
    allowed: "import { SEVERITIES } from '@shared/avara/contract'\nexport const x = SEVERITIES"
  },
  engine: {
    file: 'src/main/engine/planted.ts',
    forbidden: "import { join } from 'path'\nexport const x = join",
    why: /'path' is a Node built-in/,
    allowed: "import { z } from 'zod'\nimport { CALLS } from '@shared/ipc/contract'\nexport const x = [z, CALLS]"
  },
  'engine (electron)': {
    file: 'src/main/engine/planted-electron.ts',
    forbidden: "import { app } from 'electron'\nexport const x = app",
    why: /'electron' is not on the allow-list of engine/,
    allowed: "import { checkViewerUrl } from './open-url'\nexport const x = checkViewerUrl"
  },
  node: {
    file: 'src/main/node/planted.ts',
    forbidden: "import { createWebServer } from '@main/web/server'\nexport const x = createWebServer",
    why: /layer web-shell/,
    allowed: "import { readFileSync } from 'node:fs'\nimport Conf from 'conf'\nimport type { Logger } from '@main/engine/ports'\nexport const x: [unknown, unknown, Logger | null] = [readFileSync, Conf, null]"
  },
  'electron-shell': {
    file: 'src/main/electron/planted.ts',
    forbidden: "import { startSandbox } from '@sandbox/server'\nexport const x = startSandbox",
    why: /layer sandbox/,
    allowed: "import { app } from 'electron'\nimport { createConfStateStore } from '@main/node'\nexport const x = [app, createConfStateStore]"
  },
  'electron-shell (subpath)': {
    file: 'src/main/electron/planted-subpath.ts',
    forbidden: "import { app } from 'electron/main'\nexport const x = app",
    why: /electron\/\* subpath/,
    allowed: "import log from 'electron-log/main'\nexport const x = log"
  },
  'electron entry': {
    file: 'src/main/index.ts',
    forbidden: "import { useQueueStore } from '@renderer/stores/queue'\nexport const x = useQueueStore",
    why: /layer renderer/,
    allowed: "import { runElectronShell } from '@main/electron/app'\nexport const x = runElectronShell"
  },
  'web-shell': {
    file: 'src/main/web/planted.ts',
    forbidden: "import { BrowserWindow } from 'electron'\nexport const x = BrowserWindow",
    why: /'electron' is not on the allow-list of web-shell/,
    allowed: "import { createServer } from 'node:http'\nimport { createConfStateStore } from '@main/node'\nexport const x = [createServer, createConfStateStore]"
  },
  preload: {
    file: 'src/preload/planted.ts',
    forbidden: "import { StudySchema } from '@shared/avara/contract'\nexport const x = StudySchema",
    why: /layer avara/,
    allowed: "import { contextBridge } from 'electron'\nimport { CALL_NAMES } from '@shared/ipc/names'\nexport const x = [contextBridge, CALL_NAMES]"
  },
  renderer: {
    file: 'src/renderer/src/lib/planted.ts',
    forbidden: "import { checkViewerUrl } from '../../../main/engine/open-url'\nexport const x = checkViewerUrl",
    why: /layer engine/,
    allowed: "import { ref } from 'vue'\nimport { CALL_NAMES } from '@shared/ipc/names'\nexport const x = [ref, CALL_NAMES]"
  },
  sandbox: {
    file: 'src/sandbox/planted.ts',
    forbidden: "import keytar from 'keytar'\nexport const x = keytar",
    why: /'keytar' is not on the allow-list of sandbox/,
    allowed: "import Database from 'better-sqlite3'\nimport { StudySchema } from '@shared/avara/contract'\nexport const x = [Database, StudySchema]"
  },
  tooling: {
    file: 'tests/lint/planted.test.ts',
    forbidden: "import leftPad from 'left-pad'\nexport const x = leftPad",
    why: /'left-pad' is not on the allow-list of tooling/,
    allowed: "import { expect } from 'vitest'\nimport { startSandbox } from '@sandbox/server'\nexport const x = [expect, startSandbox]"
  }
}

describe('the layer allow-list', () => {
  for (const [layer, plant] of Object.entries(PLANTS)) {
    it(`${layer}: refuses a forbidden import and accepts an allowed one`, async () => {
      const refused = await layerMessages(plant.file, plant.forbidden)
      expect(refused).toHaveLength(1)
      expect(refused[0]).toMatch(plant.why)
      expect(await layerMessages(plant.file, plant.allowed)).toEqual([])
    })
  }

  it('refuses a file in a folder no layer claims, and any import of it', async () => {
    const [unplaced] = await layerMessages('src/gadgets/planted.ts', 'export const x = 1')
    expect(unplaced).toMatch(/folder no layer claims \(src\/gadgets\/planted\.ts\)/)
    const importing = await layerMessages('src/main/engine/planted.ts', "import { x } from '../../gadgets/planted'\nexport const y = x")
    expect(importing).toEqual([expect.stringMatching(/resolves to a file no layer claims/)])
  })

  it('checks re-exports, dynamic imports and require calls too', async () => {
    const code = "export { x } from 'node:fs'\nexport * from 'node:os'\nexport const y = () => import('node:path')\nexport const z = require('fs')"
    expect(await layerMessages('src/main/engine/planted.ts', code)).toHaveLength(4)
  })

  it('leaves the real tree without a layer error', async () => {
    const results = await eslint.lintFiles(['src', 'tests', 'scripts', 'bench', 'eslint-rules', '*.config.ts', '*.config.js'])
    const errors = results.flatMap((result) =>
      result.messages.filter((message) => message.ruleId === RULE).map((message) => `${result.filePath}: ${message.message}`)
    )
    expect(errors).toEqual([])
  }, 120_000)
})
