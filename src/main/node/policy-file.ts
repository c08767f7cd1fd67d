/**
 * Finds and reads the administrator's policy file (docs/managed-configuration.md). Where it is:
 * the web shell's `--policy FILE`, else the environment variable READING_ROOM_POLICY, else the
 * system path of the platform. Reading never throws: a file that is missing, unreadable, not JSON
 * or not a valid policy comes back as a reading that says so, with the file and the field.
 */
import fs from 'node:fs'
import path from 'node:path'
import { checkManagedPolicy, type PolicyIssue, type PolicyReading } from '@shared/ipc/managed-policy'
import { checkBaseUrl } from '@main/engine/open-url'

export const POLICY_ENV = 'READING_ROOM_POLICY'
/** A policy is a few hundred bytes; anything this large is not one. */
export const MAX_POLICY_BYTES = 256 * 1024

export type PolicySource = 'flag' | 'env' | 'system'

export interface PolicyLocation {
  file: string
  source: PolicySource
}

/** Where an administrator deploys the policy on each platform (per machine, not per user). */
export function systemPolicyPath(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  if (platform === 'win32') {
    return path.win32.join(env.ProgramData || 'C:\\ProgramData', 'Reading Room Companion', 'policy.json')
  }
  if (platform === 'darwin') return '/Library/Application Support/Reading Room Companion/policy.json'
  return '/etc/reading-room-companion/policy.json'
}

export interface ResolvePolicyOptions {
  /** `--policy FILE` of the web shell. */
  flag?: string
  env: NodeJS.ProcessEnv
  platform: NodeJS.Platform
  /** Relative paths in the flag or the environment are taken from here (default: the process's). */
  cwd?: string
}

/** The flag wins over the environment, the environment over the system path; empty values count as unset. */
export function resolvePolicyPath(options: ResolvePolicyOptions): PolicyLocation {
  const cwd = options.cwd ?? process.cwd()
  if (options.flag) return { file: path.resolve(cwd, options.flag), source: 'flag' }
  const fromEnv = options.env[POLICY_ENV]
  if (fromEnv) return { file: path.resolve(cwd, fromEnv), source: 'env' }
  return { file: systemPolicyPath(options.platform, options.env), source: 'system' }
}

const invalid = (file: string, message: string, field: string | null = null): PolicyReading => ({ status: 'invalid', file, issues: [{ field, message }] })

/** Read and check one policy file. A missing system file means no policy; a missing named one is a problem. */
export function readPolicyFile(location: PolicyLocation): PolicyReading {
  const { file, source } = location
  let text: string
  try {
    const stat = fs.statSync(file)
    if (stat.isDirectory()) return invalid(file, 'This is a folder, not a policy file.')
    if (stat.size > MAX_POLICY_BYTES) return invalid(file, `The file is larger than ${MAX_POLICY_BYTES / 1024} KiB; a policy is a small JSON object.`)
    text = fs.readFileSync(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      if (source === 'system') return { status: 'none', file }
      const by = source === 'flag' ? '--policy' : POLICY_ENV
      return invalid(file, `The policy file named by ${by} does not exist.`)
    }
    if (code === 'EACCES' || code === 'EPERM') return invalid(file, 'The file cannot be read (permission denied): it must be readable by every user of this computer.')
    return invalid(file, `The file cannot be read (${code ?? 'unknown error'}).`)
  }
  return parsePolicyText(file, text)
}

/** Parse the text of a policy file: JSON (a leading byte-order mark allowed), then the schema. */
export function parsePolicyText(file: string, text: string): PolicyReading {
  const body = text.replace(/^\uFEFF/, '')
  if (body.trim() === '') return invalid(file, 'The file is empty; a policy is a JSON object such as {"allowSandbox": false}.')
  let raw: unknown
  try {
    raw = JSON.parse(body)
  } catch (error) {
    return invalid(file, `Not valid JSON: ${describeJsonError(body, error)}.`)
  }
  const checked = checkManagedPolicy(raw, (url) => {
    const verdict = checkBaseUrl(url)
    return verdict.ok ? null : verdict.error
  })
  return checked.ok ? { status: 'loaded', file, policy: checked.policy } : { status: 'invalid', file, issues: checked.issues }
}

/** Resolve and read in one step: what both shells call at start. */
export function loadPolicy(options: ResolvePolicyOptions): PolicyReading {
  return readPolicyFile(resolvePolicyPath(options))
}

/** One line for a log or a terminal, e.g. `settings.statIntervalSec: Too small: expected number to be >=2`. */
export function describePolicyIssue(issue: PolicyIssue): string {
  return issue.field ? `${issue.field}: ${issue.message}` : issue.message
}

/** V8's JSON messages name a character position; administrators edit by line and column. */
function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : 'unreadable'
  // Without the quoted excerpt of the file (`…, "{ "a": … " is not valid JSON`) or the position.
  const what = message
    .replace(/,\s*(?:\.\.\.)?".*" is not valid JSON$/s, '')
    .replace(/\s*in JSON at position \d+.*$/s, '')
    .replace(/\s*\(line \d+ column \d+\)$/, '')
    .replace(/\n/g, '\\n')
  const position = /position (\d+)/.exec(message)
  if (!position) return what
  const before = text.slice(0, Number(position[1]))
  const line = before.split('\n').length
  const column = before.length - before.lastIndexOf('\n')
  return `${what} (line ${line}, column ${column})`
}
