/**
 * Where the sandbox's API key comes from on the command line. `--api-key KEY` works but shows the
 * key to every user of the machine (the process list); `--api-key-file FILE` and the environment
 * variable `AVARA_SANDBOX_API_KEY` do not, so docs/sandbox.md recommends those.
 */
import { readFileSync, statSync } from 'node:fs'

export const API_KEY_ENV = 'AVARA_SANDBOX_API_KEY'

export type ApiKeySource = 'flag' | 'file' | 'environment' | 'database'

export type ApiKeyResolution =
  | { kind: 'key'; apiKey: string; source: Exclude<ApiKeySource, 'database'>; warning?: string }
  | { kind: 'none' }
  | { kind: 'error'; message: string }

export interface ApiKeyInputs {
  flag?: string
  file?: string
  env: Readonly<Record<string, string | undefined>>
}

/** A key the sandbox accepts: printable, no spaces, at most 200 characters. */
export function isAcceptableKey(key: string): boolean {
  return key.length > 0 && key.length <= 200 && /^[\x21-\x7E]+$/.test(key)
}

/** One of flag, file or environment (in that order; flag and file together are an error). */
export function resolveApiKey(inputs: ApiKeyInputs): ApiKeyResolution {
  if (inputs.flag !== undefined && inputs.file !== undefined) {
    return { kind: 'error', message: '--api-key and --api-key-file cannot be used together' }
  }
  if (inputs.flag !== undefined) {
    if (!isAcceptableKey(inputs.flag)) return { kind: 'error', message: '--api-key must be a non-empty key without spaces' }
    return { kind: 'key', apiKey: inputs.flag, source: 'flag' }
  }
  if (inputs.file !== undefined) return keyFromFile(inputs.file)
  const fromEnv = inputs.env[API_KEY_ENV]
  if (fromEnv !== undefined && fromEnv !== '') {
    const key = fromEnv.trim()
    if (!isAcceptableKey(key)) return { kind: 'error', message: `${API_KEY_ENV} must be a non-empty key without spaces` }
    return { kind: 'key', apiKey: key, source: 'environment' }
  }
  return { kind: 'none' }
}

function keyFromFile(file: string): ApiKeyResolution {
  let text: string
  let mode: number
  try {
    text = readFileSync(file, 'utf8')
    mode = statSync(file).mode
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable'
    return { kind: 'error', message: `--api-key-file ${file}: cannot read it (${code})` }
  }
  // One line; the trailing newline editors and `echo` add is not part of the key.
  const key = text.trim()
  if (!isAcceptableKey(key)) return { kind: 'error', message: `--api-key-file ${file}: must hold one key without spaces (at most 200 characters)` }
  const warning = (mode & 0o077) !== 0 ? `${file} can be read by other users (mode ${(mode & 0o777).toString(8)}); chmod 600 it` : undefined
  return { kind: 'key', apiKey: key, source: 'file', ...(warning ? { warning } : {}) }
}
