/** docs/architecture.md shows the layer allow-list exactly as eslint-rules/layers.js defines it. */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
// @ts-expect-error: a plain JavaScript module of the lint config, typed by JSDoc only
import { layersMarkdownTable } from '../../eslint-rules/layers-table.js'

describe('docs/architecture.md', () => {
  it('carries the allow-list table of eslint-rules/layers.js (print it: node eslint-rules/layers-table.js)', () => {
    const doc = readFileSync(resolve(import.meta.dirname, '../../docs/architecture.md'), 'utf8')
    const table = (layersMarkdownTable as () => string)()
    expect(table.split('\n').length).toBeGreaterThan(10)
    expect(doc).toContain(table)
  })
})
