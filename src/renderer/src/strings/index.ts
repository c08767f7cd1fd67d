/**
 * The renderer's words: `t('section.key', { name: value })` looks a message up in the catalogue of
 * the current language (English is the only one so far) and fills its `{name}` placeholders. The
 * messages use vue-i18n's syntax (named `{name}` placeholders, `a | b` plural forms chosen by
 * `count`), so vue-i18n can take the same catalogues later: see src/renderer/README.md ("strings").
 */
import { en } from './en'

export { en } from './en'
export { default as Say } from './Say'

/** Every key of a nested catalogue, dotted: 'topBar.refresh'. */
type KeysOf<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : KeysOf<T[K], `${Prefix}${K}.`>
}[keyof T & string]

/** The message at a dotted key. */
type MessageAt<T, Key extends string> = Key extends `${infer Head}.${infer Rest}`
  ? Head extends keyof T
    ? MessageAt<T[Head], Rest>
    : never
  : Key extends keyof T
    ? T[Key]
    : never

/** The `{name}` placeholders of a message, as a union of names. */
type Placeholders<Message> = Message extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never

/** The shape every language's catalogue has: the same keys, any words. */
export type Messages<T = typeof en> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> }
export type MessageKey = KeysOf<typeof en>
export type MessageParams<Key extends MessageKey> = Record<Placeholders<MessageAt<typeof en, Key>>, string | number>

/** t(key) for a message without placeholders, t(key, params) when it has some (all of them required). */
type ParamsArgument<Key extends MessageKey> = [Placeholders<MessageAt<typeof en, Key>>] extends [never] ? [] : [params: MessageParams<Key>]

let current: Messages = en

/** Chooses the catalogue (tests and a future language switch); English fills any gap. */
export function useMessages(messages: Messages): void {
  current = messages
}

function lookup(messages: unknown, key: string): string | undefined {
  let node = messages
  for (const part of key.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined
  return typeof node === 'string' ? node : undefined
}

/** vue-i18n's plural choice: two forms (one | other) or three (zero | one | other), by `count`. */
function pluralForm(message: string, count: unknown): string {
  const forms = message.split(' | ')
  if (forms.length === 1 || typeof count !== 'number') return forms[0] ?? message
  const index = forms.length === 2 ? (count === 1 ? 0 : 1) : Math.min(Math.abs(count), 2)
  return forms[index] ?? forms[forms.length - 1]!
}

/** Fills `{name}` placeholders (vue-i18n's named interpolation); an unknown name stays as written. */
export function format(message: string, params: Record<string, string | number> = {}): string {
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}

/** The message for a key in the current language as written, placeholders unfilled. */
export function messageFor(key: MessageKey): string {
  return lookup(current, key) ?? lookup(en, key) ?? key
}

/** The message for a key in the current language, placeholders filled. */
export function t<Key extends MessageKey>(key: Key, ...params: ParamsArgument<Key>): string {
  const values = (params[0] ?? {}) as Record<string, string | number>
  return format(pluralForm(messageFor(key), values.count), values)
}
