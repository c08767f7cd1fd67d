/**
 * Redaction shared by every logger of the app (the file logger here, the Electron shell's
 * electron-log adapter): API keys, bearer tokens, token-like query values, query strings of URLs
 * (tokenised viewer links are credentials) and secrets registered at runtime never reach a log.
 */
import type { LogFields } from '../ports'

const REDACTED = '[redacted]'

/** Runtime secrets (the API key once known, the web shell's per-run token). Shorter ones are ignored: too likely to match ordinary text. */
const registeredSecrets = new Set<string>()
const MIN_SECRET_LENGTH = 8
let secretsVersion = 0

/** Make `value` unloggable from now on, by every logger in this process. */
export function registerSecret(value: string): void {
  const trimmed = value.trim()
  if (trimmed.length >= MIN_SECRET_LENGTH && !registeredSecrets.has(trimmed)) {
    registeredSecrets.add(trimmed)
    secretsVersion++
  }
}

/** Changes whenever the registered secrets change (a cache of checked values is void then). */
export function registeredSecretsVersion(): number {
  return secretsVersion
}

/** True when `text` contains a secret registered with `registerSecret`. */
export function containsRegisteredSecret(text: string): boolean {
  for (const secret of registeredSecrets) if (text.includes(secret)) return true
  return false
}

/** Tests only: forget registered secrets. */
export function clearRegisteredSecretsForTests(): void {
  registeredSecrets.clear()
  secretsVersion++
}

// Order matters: URLs first (their query goes as a whole), then the narrower patterns.
const PATTERNS: ReadonlyArray<[RegExp, string | ((match: string, ...groups: string[]) => string)]> = [
  // Any URL with a query string keeps its origin and path only.
  [/\b(https?:\/\/[^\s?#"'<>]+)\?[^\s"'<>]*/gi, (_m, base: string) => `${base}?${REDACTED}`],
  // Authorization headers and bearer tokens.
  [/\b(authorization\s*[:=]\s*)("?)[^\s",;]+(?:\s+[^\s",;]+)?/gi, (_m, head: string, quote: string) => `${head}${quote}${REDACTED}`],
  [/\bBearer\s+[^\s",;]+/gi, `Bearer ${REDACTED}`],
  // Avara keys and webhook secrets (sk_live_…, sk_test_…, whsec_…), even glued to other text.
  [/(sk_live_|sk_test_|whsec_)[A-Za-z0-9_+/=-]{6,}/g, (_m, prefix: string) => `${prefix}${REDACTED}`],
  // Other key-shaped tokens (sk_…, rk_…, pk_…) as whole words.
  [/\b(sk|rk|pk)_[A-Za-z0-9_+/=-]{6,}/g, (_m, prefix: string) => `${prefix}_${REDACTED}`],
  // JSON members whose name ends in a credential word ("token", "accessToken", "apiKey", …):
  // objects that electron-log stringifies, or response bodies quoted in an error.
  [
    /"([A-Za-z0-9_-]{0,48}(?:token|api[_-]?key|apikey|secret|password|passwd|signature|authorization|cookie)|key|sig)"(\s*:\s*)"(?:[^"\\]|\\.)*"/gi,
    (_m, name: string, separator: string) => `"${name}"${separator}"${REDACTED}"`
  ],
  // name=value and header-style name: value pairs whose name ends in a credential word (query
  // strings without a scheme, form bodies, logfmt, cookies such as rrc_token=…, x-companion-token: …).
  // Name prefixes are bounded ({0,48}): an unbounded one backtracks quadratically on long hyphenated text.
  [
    /\b([A-Za-z0-9_-]{0,48}(?:token|api[_-]?key|apikey|secret|password|passwd|signature))(\s*[:=]\s*)[^&\s"',;]+/gi,
    (_m, name: string, separator: string) => `${name}${separator}${REDACTED}`
  ],
  [/\b(sig|key)=[^&\s"',;]+/gi, (_m, name: string) => `${name}=${REDACTED}`],
  // JSON Web Tokens.
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, REDACTED]
]

/** Remove everything credential-like from `text`. */
export function redact(text: string): string {
  let out = text
  for (const secret of registeredSecrets) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED)
  }
  for (const [pattern, replacement] of PATTERNS) {
    out = typeof replacement === 'string' ? out.replace(pattern, replacement) : out.replace(pattern, replacement as (m: string, ...g: string[]) => string)
  }
  return out
}

/**
 * Field names that carry free text which may identify a patient (study descriptions, metadata,
 * report text). Their fields are dropped whole, whatever their value: log study IDs instead.
 */
const FREE_TEXT_FIELD = /(description|patient|metadata|comment|notes?$|^note|title|body|report|history|mrn|birth|dob|accession|address|phone)/i
/** Field names that carry credentials: kept as a marker, never with their value. */
const SECRET_FIELD = /(api[_-]?key|apikey|token|secret|password|passwd|authorization|cookie|credential)/i
/** Long values are cut: log fields are short facts, not payloads. */
const MAX_FIELD_LENGTH = 200

export type SafeFieldValue = string | number | boolean | null
export interface SanitizedFields {
  fields: Record<string, SafeFieldValue>
  /** Names of fields dropped because they may carry patient text. */
  dropped: string[]
}

/** Keep only short, redacted key/value facts; drop free-text fields, mask credential fields. */
export function sanitizeFields(fields: LogFields | undefined): SanitizedFields {
  const out: Record<string, SafeFieldValue> = {}
  const dropped: string[] = []
  if (!fields) return { fields: out, dropped }
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue
    const safeName = name.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 64)
    if (FREE_TEXT_FIELD.test(name)) {
      dropped.push(safeName)
      continue
    }
    if (SECRET_FIELD.test(name)) {
      out[safeName] = REDACTED
      continue
    }
    if (typeof value === 'string') {
      const clean = redact(value)
      out[safeName] = clean.length > MAX_FIELD_LENGTH ? `${clean.slice(0, MAX_FIELD_LENGTH)}…` : clean
    } else if (typeof value === 'number' || typeof value === 'boolean' || value === null) {
      out[safeName] = value
    }
  }
  return { fields: out, dropped }
}
