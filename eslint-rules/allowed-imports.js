// @ts-check
/**
 * `layers/allowed-imports`: every file belongs to a layer (eslint-rules/layers.js), and every
 * import it makes, resolved to a file, a Node built-in or a package, must be on that layer's
 * allow-list. An allow-list, not a deny-list: whatever is new is refused until it is placed.
 */
import path from 'node:path'
import { DECLARED, LAYERS } from './layers.js'
import { REPO_ROOT, declaredPackages, resolveSpecifier } from './resolve.js'

/** @typedef {import('./layers.js').Layer} Layer */

/** The layer that owns a repository-relative path (longest folder first), or undefined. */
export function layerOf(/** @type {string} */ absolutePath) {
  const relative = path.relative(REPO_ROOT, absolutePath).split(path.sep).join('/')
  if (relative.startsWith('..')) return undefined
  let best = /** @type {{ layer: Layer, length: number } | undefined} */ (undefined)
  for (const layer of LAYERS) {
    for (const folder of layer.folders) {
      if ((relative === folder || relative.startsWith(`${folder}/`)) && folder.length > (best?.length ?? -1)) {
        best = { layer, length: folder.length }
      }
    }
    if (layer.files?.test(relative) && !best) best = { layer, length: relative.length }
  }
  return best?.layer
}

/** @param {Layer} layer @param {string} specifier @param {string} name */
function packageAllowed(layer, specifier, name) {
  if (layer.packages.includes(DECLARED) && declaredPackages().has(name)) return true
  return layer.packages.some((entry) =>
    entry.endsWith('/*') ? specifier === entry.slice(0, -2) || specifier.startsWith(entry.slice(0, -1)) : specifier === entry
  )
}

/** @param {Layer} layer */
function allowedText(layer) {
  const layers = layer.layers === '*' ? 'every layer' : ['itself', ...layer.layers].join(', ')
  const packages = layer.packages.map((entry) => (entry === DECLARED ? 'packages in package.json' : entry)).join(', ') || 'no packages'
  return `${layers}; ${packages}${layer.builtins ? '; Node built-ins' : ''}`
}

/**
 * Why `specifier`, imported from a file of `layer`, is refused; null when it is allowed.
 * @param {Layer} layer @param {string} specifier @param {string} importer
 */
export function refusal(layer, specifier, importer) {
  const target = resolveSpecifier(specifier, importer)
  const where = `${layer.name} (${layer.runsIn}) may import ${allowedText(layer)}`
  if (target.kind === 'builtin') {
    return layer.builtins ? null : `'${specifier}' is a Node built-in; ${where}.`
  }
  if (target.kind === 'package') {
    if (packageAllowed(layer, target.specifier, target.name)) return null
    const subpath = target.name === 'electron' && specifier !== 'electron' ? ' (an electron/* subpath)' : ''
    return `'${specifier}'${subpath} is not on the allow-list of ${where}.`
  }
  const targetLayer = layerOf(target.path)
  if (!targetLayer) return `'${specifier}' resolves to a file no layer claims; place its folder in eslint-rules/layers.js.`
  if (targetLayer === layer || layer.layers === '*' || layer.layers.includes(targetLayer.name)) return null
  return `'${specifier}' is in layer ${targetLayer.name}; ${where}.`
}

/** @type {import('eslint').Rule.RuleModule} */
export const allowedImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Each layer imports only what its allow-list names (eslint-rules/layers.js).' },
    schema: [],
    messages: {
      refused: '{{reason}}',
      unplaced: 'This file is in a folder no layer claims ({{file}}); place it in eslint-rules/layers.js.'
    }
  },
  create(context) {
    const filename = context.physicalFilename ?? context.filename
    const layer = layerOf(path.resolve(context.cwd, filename))
    /** @param {import('estree').Node} node @param {unknown} source */
    const check = (node, source) => {
      if (!layer || typeof source !== 'string') return
      const reason = refusal(layer, source, path.resolve(context.cwd, filename))
      if (reason) context.report({ node, messageId: 'refused', data: { reason } })
    }
    /** @param {any} node */
    const fromSource = (node) => check(node, node.source?.value)
    return {
      Program(node) {
        if (!layer) {
          const file = path.relative(REPO_ROOT, path.resolve(context.cwd, filename)).split(path.sep).join('/')
          context.report({ node, messageId: 'unplaced', data: { file } })
        }
      },
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node, node.source.value)
      },
      CallExpression(node) {
        const [first] = node.arguments
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && first?.type === 'Literal') check(node, first.value)
      },
      /** @param {any} node `import('x').T` in type positions */
      TSImportType(node) {
        const literal = node.argument?.literal ?? node.argument
        if (literal?.type === 'Literal') check(node, literal.value)
      }
    }
  }
}

export default { meta: { name: 'layers' }, rules: { 'allowed-imports': allowedImports } }
