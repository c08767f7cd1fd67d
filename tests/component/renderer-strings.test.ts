/**
 * The renderer's words live in one catalogue per language (src/renderer/src/strings/en.ts):
 * (a) every key the renderer uses exists there and every key there is used (a static scan of
 *     `t('…')` calls, so keys stay literal and greppable);
 * (b) no template carries a hard-coded user-visible text: text nodes, text attributes
 *     (aria-label, title, placeholder…) and string literals in bound expressions are scanned with
 *     Vue's own template parser;
 * (c) every message is valid vue-i18n message syntax, so vue-i18n can load the catalogue as it is.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { parse } from 'vue/compiler-sfc'
import { describe, expect, it } from 'vitest'
import { createSSRApp, h } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { en, Say, t, useMessages, type Messages } from '../../src/renderer/src/strings'

const RENDERER = resolve(import.meta.dirname, '../../src/renderer/src')
const STRINGS = join(RENDERER, 'strings')

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return path === STRINGS ? [] : filesUnder(path)
    return /\.(vue|ts)$/.test(entry.name) ? [path] : []
  })
}
const SOURCES = filesUnder(RENDERER)
const VUE_FILES = SOURCES.filter((file) => file.endsWith('.vue'))

function catalogueKeys(node: object, prefix = ''): string[] {
  return Object.entries(node).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : catalogueKeys(value as object, `${prefix}${key}.`)
  )
}
const KEYS = catalogueKeys(en)
const MESSAGES = new Map(KEYS.map((key) => [key, key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], en) as string]))

/** `t('a.b'` and `keypath="a.b"` (the Say component) in a source text. */
export function usedKeys(source: string): string[] {
  return [...source.matchAll(/\bt\(\s*'([\w.]+)'|\bkeypath="([\w.]+)"/g)].map((match) => match[1] ?? match[2]!)
}

/** Attributes whose value a user reads or hears. */
const TEXT_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'aria-placeholder', 'title', 'placeholder', 'alt', 'label', 'unit', 'confirm-label', 'message', 'none-label'])
/** Elements whose text is a key or code, the same in every language. */
const LITERAL_ELEMENTS = new Set(['kbd', 'code'])
const LETTERS = /\p{L}{2,}/u
/** Bindings whose values are layout or identifiers, never words. */
const NOT_TEXT_BINDINGS = new Set(['class', 'style', 'key', 'id', 'for', 'aria-describedby', 'aria-labelledby', 'aria-controls', 'aria-keyshortcuts'])

/** String literals in an expression that read like words: a space between letters, or a capital first. */
export function wordyLiterals(expression: string): string[] {
  const literals = [...expression.matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g)].map((m) =>
    (m[1] ?? m[2] ?? m[3] ?? '').replace(/\$\{[^}]*\}/g, ' ')
  )
  return literals.filter((text) => LETTERS.test(text) && (/\p{L}\s+\S|\S\s+\p{L}/u.test(text.trim()) || /^\p{Lu}/u.test(text.trim())))
}

interface Finding {
  file: string
  line: number
  text: string
}

/** Hard-coded user-visible texts in one .vue file's template. */
export function hardCodedTexts(file: string, source: string): Finding[] {
  const { descriptor } = parse(source, { filename: file })
  const found: Finding[] = []
  const note = (line: number, text: string) => found.push({ file, line, text: text.replace(/\s+/g, ' ').trim() })
  type Node = { type: number; tag?: string; content?: unknown; loc: { start: { line: number } }; props?: Node[]; children?: Node[]; name?: string; value?: { content: string }; arg?: { content?: string }; exp?: { content?: string } }
  const walk = (node: Node, literal: boolean): void => {
    if (node.type === 2 && !literal && LETTERS.test(String(node.content))) note(node.loc.start.line, String(node.content))
    if (node.type === 5) for (const text of wordyLiterals((node.content as { content?: string }).content ?? '')) note(node.loc.start.line, text)
    for (const prop of node.props ?? []) {
      if (prop.type === 6 && prop.name && TEXT_ATTRIBUTES.has(prop.name) && prop.value && LETTERS.test(prop.value.content)) note(prop.loc.start.line, `${prop.name}="${prop.value.content}"`)
      if (prop.type === 7 && prop.exp?.content && !NOT_TEXT_BINDINGS.has(prop.arg?.content ?? '') && !(prop.arg?.content ?? '').startsWith('data-')) for (const text of wordyLiterals(prop.exp.content)) note(prop.loc.start.line, text)
    }
    for (const child of node.children ?? []) walk(child, literal || LITERAL_ELEMENTS.has(node.tag ?? ''))
  }
  if (descriptor.template) walk(descriptor.template.ast as unknown as Node, false)
  return found
}

describe('the renderer string catalogue', () => {
  const used = new Map<string, string[]>()
  for (const file of SOURCES) for (const key of usedKeys(readFileSync(file, 'utf8'))) used.set(key, [...(used.get(key) ?? []), relative(RENDERER, file)])

  it('has every key the renderer uses', () => {
    expect(used.size).toBeGreaterThan(200)
    const missing = [...used.entries()].filter(([key]) => !MESSAGES.has(key)).map(([key, files]) => `${key} (${files.join(', ')})`)
    expect(missing).toEqual([])
  })

  it('uses every key it has', () => {
    expect(KEYS.filter((key) => !used.has(key))).toEqual([])
  })

  it('holds only valid vue-i18n messages: {name} placeholders, no linked-message @, plural forms as " | "', () => {
    const bad = [...MESSAGES].filter(([, message]) => {
      const withoutPlaceholders = message.replace(/\{\w+\}/g, '')
      return /[{}@$]/.test(withoutPlaceholders) || /\|/.test(message.replace(/ \| /g, '')) || message.trim() !== message || message === ''
    })
    expect(bad).toEqual([])
  })
})

describe('renderer templates', () => {
  it('carry no hard-coded user-visible text (move it to src/renderer/src/strings/en.ts)', () => {
    expect(VUE_FILES.length).toBeGreaterThanOrEqual(42)
    const found = VUE_FILES.flatMap((file) => hardCodedTexts(relative(RENDERER, file), readFileSync(file, 'utf8')))
    expect(found.map((f) => `${f.file}:${f.line}: ${f.text}`)).toEqual([])
  })

  it('the scan catches a text node, a text attribute and a wordy literal, and lets keys, code and catalogue calls pass', () => {
    const planted = `<template>
  <p>Nothing waiting</p>
  <input aria-label="Search studies" placeholder="UID" />
  <button :title="busy ? 'Please wait' : 'Refresh'">{{ busy ? 'Saving…' : 'save' }}</button>
  <p>{{ shown ? ' (first 10 shown)' : '' }}</p>
  <p>{{ t('topBar.refresh') }} <kbd>g</kbd> <code>npm run web</code> · {{ count }}</p>
  <input type="search" class="row" :aria-pressed="on ? 'true' : 'false'" :data-view="\`lane-\${id}\`" />
</template>`
    expect(hardCodedTexts('Planted.vue', planted).map((f) => f.text)).toEqual([
      'Nothing waiting',
      'aria-label="Search studies"',
      'placeholder="UID"',
      'Please wait',
      'Refresh',
      'Saving…',
      '(first 10 shown)'
    ])
  })
})

describe('t() and <Say>', () => {
  it('fill named placeholders and choose the plural form by count', () => {
    expect(t('boardTab.picked', { name: 'CT head' })).toBe('Picked: CT head. Now choose where it goes.')
    expect(t('queueGrid.labelMine', { count: 1 })).toBe('My queue: 1 study')
    expect(t('queueGrid.labelMine', { count: 0 })).toBe('My queue: 0 studies')
    expect(t('statBanner.othersAlerting', { count: 2 })).toBe('2 other stat studies alerting.')
  })

  it('read the chosen catalogue, falling back to English for a missing message', () => {
    const pirate = structuredClone(en) as unknown as Messages
    ;(pirate.topBar as Record<string, string>).refresh = 'Haul in'
    delete (pirate.topBar as Record<string, string>).settings
    useMessages(pirate)
    try {
      expect(t('topBar.refresh')).toBe('Haul in')
      expect(t('topBar.settings')).toBe('Settings')
    } finally {
      useMessages(en)
    }
  })

  it('<Say> puts markup slots where the placeholders are, adding no element of its own', async () => {
    const app = createSSRApp({
      render: () => h('p', [h(Say, { keypath: 'changesPanel.hint' }, { key: () => h('kbd', 'g') })])
    })
    const html = await renderToString(app)
    expect(html.replace(/<!--[[\]]-->/g, '')).toBe('<p>Studies that changed or left your queue since this window opened (key <kbd>g</kbd>).</p>')
  })
})
