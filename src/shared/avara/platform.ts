/**
 * What little the client needs from its runtime, reached without Node types so this module also
 * compiles for the browser: environment variables and the `X-Stainless-*` platform headers.
 */

interface ProcessLike {
  env?: Record<string, string | undefined>
  platform?: string
  arch?: string
  version?: string
}

interface NavigatorLike {
  userAgent?: string
}

function runtimeProcess(): ProcessLike | undefined {
  const candidate = (globalThis as { process?: unknown }).process
  return typeof candidate === 'object' && candidate !== null ? (candidate as ProcessLike) : undefined
}

/** An environment variable, trimmed; undefined when there is no `process` or the value is empty. */
export function readEnv(name: string): string | undefined {
  const value = runtimeProcess()?.env?.[name]?.trim()
  return value === undefined || value === '' ? undefined : value
}

const OS_NAMES: Record<string, string> = {
  linux: 'Linux', darwin: 'MacOS', win32: 'Windows', freebsd: 'FreeBSD', openbsd: 'OpenBSD', android: 'Android', ios: 'iOS'
}
const ARCH_NAMES: Record<string, string> = { x64: 'x64', ia32: 'x32', arm64: 'arm64', arm: 'arm', x32: 'x32' }

/** The platform headers the SDK sends, as far as they are cheaply known. */
export function platformHeaders(packageVersion: string): Record<string, string> {
  const base = { 'X-Stainless-Lang': 'js', 'X-Stainless-Package-Version': packageVersion }
  const proc = runtimeProcess()
  if (proc?.version && proc.platform) {
    return {
      ...base,
      'X-Stainless-OS': OS_NAMES[proc.platform] ?? `Other:${proc.platform}`,
      'X-Stainless-Arch': proc.arch ? (ARCH_NAMES[proc.arch] ?? `other:${proc.arch}`) : 'unknown',
      'X-Stainless-Runtime': 'node',
      'X-Stainless-Runtime-Version': proc.version
    }
  }
  const userAgent = (globalThis as { navigator?: NavigatorLike }).navigator?.userAgent
  if (userAgent) {
    const browser = detectBrowser(userAgent)
    if (browser) {
      return { ...base, 'X-Stainless-OS': 'Unknown', 'X-Stainless-Arch': 'unknown', 'X-Stainless-Runtime': `browser:${browser.name}`, 'X-Stainless-Runtime-Version': browser.version }
    }
  }
  return { ...base, 'X-Stainless-OS': 'Unknown', 'X-Stainless-Arch': 'unknown', 'X-Stainless-Runtime': 'unknown', 'X-Stainless-Runtime-Version': 'unknown' }
}

function detectBrowser(userAgent: string): { name: string; version: string } | undefined {
  // Order matters: Edge and Chrome both say "Chrome", Chrome and Safari both say "Safari".
  const patterns: readonly [string, RegExp][] = [
    ['edge', /Edg(?:e)?\/(\d+(?:\.\d+)*)/],
    ['chrome', /Chrome(?:\/(\d+(?:\.\d+)*))?/],
    ['firefox', /Firefox(?:\/(\d+(?:\.\d+)*))?/],
    ['safari', /Version\/(\d+(?:\.\d+)*).*Safari/]
  ]
  for (const [name, pattern] of patterns) {
    const match = pattern.exec(userAgent)
    if (match) return { name, version: match[1] ?? 'unknown' }
  }
  return undefined
}
