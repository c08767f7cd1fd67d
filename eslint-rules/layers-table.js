// @ts-check
/**
 * The allow-list of eslint-rules/layers.js as a Markdown table: docs/architecture.md carries this
 * exact text, and tests/lint/layers-doc.test.ts fails when the two drift apart.
 * Print it with `node eslint-rules/layers-table.js`.
 */
import { DECLARED, LAYERS } from './layers.js'

/** @param {import('./layers.js').Layer} layer */
function owned(layer) {
  const folders = layer.folders.map((folder) => `\`${folder}/\``)
  if (layer.filesText) folders.push(`\`${layer.filesText}\``)
  return folders.join(', ')
}

export function layersMarkdownTable() {
  const rows = LAYERS.map((layer) => {
    const layers = layer.layers === '*' ? 'all' : layer.layers.join(', ') || '—'
    const packages = layer.packages.map((entry) => (entry === DECLARED ? 'any in package.json' : `\`${entry}\``)).join(', ') || '—'
    return `| ${layer.name} | ${owned(layer)} | ${layer.runsIn} | ${layers} | ${packages} | ${layer.builtins ? 'yes' : 'no'} |`
  })
  return ['| layer | owns | runs in | may import layers | packages | Node built-ins |', '|---|---|---|---|---|---|', ...rows].join('\n')
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(layersMarkdownTable())
