/**
 * The policy file reader against real files in a temp folder: where it looks (flag, environment,
 * system path per platform, and which wins), and what each kind of bad file comes back as.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadPolicy, MAX_POLICY_BYTES, POLICY_ENV, readPolicyFile, resolvePolicyPath, systemPolicyPath } from '@main/node/policy-file'
import { LOCKABLE_NAMES, type PolicyReading } from '@shared/ipc/managed-policy'
import { tempDir } from './helpers'

const EXAMPLE = {
  serverUrl: 'https://api.avarasoftware.com',
  allowSandbox: false,
  settings: { statIntervalSec: 5, alerts: { sound: true } },
  locked: ['serverUrl', 'statIntervalSec']
}

let dir: string
beforeEach(() => {
  dir = tempDir('rrc-policy-')
})
afterEach(() => {
  // Restore permissions first, or the folder with an unreadable file cannot be removed by some users.
  for (const name of fs.readdirSync(dir)) fs.chmodSync(path.join(dir, name), 0o700)
  fs.rmSync(dir, { recursive: true, force: true })
})

function write(name: string, content: string): string {
  const file = path.join(dir, name)
  fs.writeFileSync(file, content)
  return file
}

function issuesOf(reading: PolicyReading) {
  if (reading.status !== 'invalid') throw new Error(`expected an invalid reading, got ${reading.status}`)
  return reading.issues
}

describe('where the policy file is looked for', () => {
  it('uses the system path of each platform when neither the flag nor the environment names one', () => {
    expect(systemPolicyPath('linux', {})).toBe('/etc/reading-room-companion/policy.json')
    expect(systemPolicyPath('freebsd', {})).toBe('/etc/reading-room-companion/policy.json')
    expect(systemPolicyPath('darwin', {})).toBe('/Library/Application Support/Reading Room Companion/policy.json')
    expect(systemPolicyPath('win32', { ProgramData: 'D:\\ProgramData' })).toBe('D:\\ProgramData\\Reading Room Companion\\policy.json')
    expect(systemPolicyPath('win32', {})).toBe('C:\\ProgramData\\Reading Room Companion\\policy.json')
    expect(resolvePolicyPath({ env: {}, platform: 'linux' })).toEqual({ file: '/etc/reading-room-companion/policy.json', source: 'system' })
  })

  it('prefers READING_ROOM_POLICY over the system path, and the --policy flag over both', () => {
    const env = { [POLICY_ENV]: '/srv/env-policy.json' }
    expect(resolvePolicyPath({ env, platform: 'linux' })).toEqual({ file: '/srv/env-policy.json', source: 'env' })
    expect(resolvePolicyPath({ flag: '/srv/flag-policy.json', env, platform: 'linux' })).toEqual({ file: '/srv/flag-policy.json', source: 'flag' })
  })

  it('treats an empty environment variable as unset and resolves relative names against the working folder', () => {
    expect(resolvePolicyPath({ env: { [POLICY_ENV]: '' }, platform: 'linux' }).source).toBe('system')
    expect(resolvePolicyPath({ env: { [POLICY_ENV]: 'p.json' }, platform: 'linux', cwd: '/work' }).file).toBe(path.resolve('/work', 'p.json'))
    expect(resolvePolicyPath({ flag: 'q.json', env: {}, platform: 'linux', cwd: '/work' }).file).toBe(path.resolve('/work', 'q.json'))
  })

  it('reads the file the environment names (end to end through loadPolicy)', () => {
    const file = write('policy.json', JSON.stringify(EXAMPLE))
    const reading = loadPolicy({ env: { [POLICY_ENV]: file }, platform: 'linux' })
    expect(reading).toEqual({ status: 'loaded', file, policy: EXAMPLE })
  })
})

describe('reading a policy file', () => {
  it('loads the example of the issue and the documented example file', () => {
    const file = write('policy.json', JSON.stringify(EXAMPLE, null, 2))
    expect(readPolicyFile({ file, source: 'env' })).toEqual({ status: 'loaded', file, policy: EXAMPLE })
    const documented = path.join(import.meta.dirname, '..', '..', 'docs', 'examples', 'policy.json')
    expect(readPolicyFile({ file: documented, source: 'flag' }).status).toBe('loaded')
  })

  it('has every setting path (and serverUrl) named in the administrators\' document', () => {
    const doc = fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'docs', 'managed-configuration.md'), 'utf8')
    for (const name of LOCKABLE_NAMES) expect(doc, name).toContain(`\`${name}\``)
  })

  it('means no policy when the system file does not exist', () => {
    const file = path.join(dir, 'absent.json')
    expect(readPolicyFile({ file, source: 'system' })).toEqual({ status: 'none', file })
  })

  it('reports a missing file that the flag or the environment named, saying which', () => {
    const file = path.join(dir, 'absent.json')
    expect(issuesOf(readPolicyFile({ file, source: 'env' }))).toEqual([{ field: null, message: `The policy file named by ${POLICY_ENV} does not exist.` }])
    expect(issuesOf(readPolicyFile({ file, source: 'flag' }))[0]?.message).toContain('--policy')
  })

  it('reports a file it may not read', () => {
    const file = write('secret.json', JSON.stringify(EXAMPLE))
    fs.chmodSync(file, 0o000)
    let readable = true
    try {
      fs.readFileSync(file)
    } catch {
      readable = false
    }
    if (readable) {
      // root reads anything: prove the same branch with a path that cannot be read at all instead.
      console.warn('running as a user who can read mode-000 files (root): checking an unreadable path (a folder) instead')
      expect(issuesOf(readPolicyFile({ file: dir, source: 'env' }))[0]?.message).toBe('This is a folder, not a policy file.')
      return
    }
    expect(issuesOf(readPolicyFile({ file, source: 'system' }))[0]?.message).toMatch(/cannot be read \(permission denied\)/)
  })

  it('reports a folder, an empty file and an oversized file without parsing them', () => {
    expect(issuesOf(readPolicyFile({ file: dir, source: 'flag' }))[0]?.message).toBe('This is a folder, not a policy file.')
    expect(issuesOf(readPolicyFile({ file: write('empty.json', '  \n'), source: 'env' }))[0]?.message).toMatch(/^The file is empty/)
    const big = write('big.json', `{"allowSandbox": false, "x": "${'a'.repeat(MAX_POLICY_BYTES)}"}`)
    expect(issuesOf(readPolicyFile({ file: big, source: 'env' }))[0]?.message).toMatch(/larger than 256 KiB/)
  })

  it('reports invalid JSON with the line and column, not the file content', () => {
    const file = write('broken.json', '{\n  "allowSandbox": false,\n  "settings": { "statIntervalSec": 5, }\n}')
    const [issue] = issuesOf(readPolicyFile({ file, source: 'env' }))
    expect(issue?.field).toBeNull()
    expect(issue?.message).toMatch(/^Not valid JSON: .*\(line 3, column 39\)\.$/)
    expect(issue?.message).not.toContain('statIntervalSec')
  })

  it('accepts a byte-order mark (Windows editors write one)', () => {
    const file = write('bom.json', `\uFEFF${JSON.stringify({ allowSandbox: false })}`)
    expect(readPolicyFile({ file, source: 'env' })).toEqual({ status: 'loaded', file, policy: { allowSandbox: false } })
  })

  it('reports each wrong type and unknown key with its field path, all at once', () => {
    const file = write(
      'wrong.json',
      JSON.stringify({
        serverUrl: 'https://user:pw@avara.example',
        allowSandbox: 'no',
        settings: { statIntervalSec: 1, alerts: { sound: 'yes', volume: 3 } },
        locked: ['statIntervalSec', 'alerts.volume'],
        accounts: [{ serverUrl: 'https://avara.example', displayName: 'Clinic A', apiKey: 'sk_test_x' }]
      })
    )
    const issues = issuesOf(readPolicyFile({ file, source: 'env' }))
    const fields = issues.map((issue) => issue.field)
    expect(fields).toEqual(
      expect.arrayContaining(['serverUrl', 'allowSandbox', 'settings.statIntervalSec', 'settings.alerts.sound', 'settings.alerts.volume', 'locked[1]', 'accounts[0].apiKey'])
    )
    expect(issues.find((issue) => issue.field === 'settings.statIntervalSec')?.message).toMatch(/>=\s*2/)
    // A key is never part of a policy: an account's key is refused like any unknown field.
    expect(issues.find((issue) => issue.field === 'accounts[0].apiKey')?.message).toBe('unknown key (not a policy field)')
    expect(issues.find((issue) => issue.field === 'locked[1]')?.message).toContain('"alerts.volume" is not a setting that can be locked')
  })

  it('refuses a lock without a value, a duplicate lock, a wrong version and a document that is not an object', () => {
    const lockWithoutValue = write('a.json', JSON.stringify({ settings: { statIntervalSec: 5 }, locked: ['statIntervalSec', 'alerts.sound', 'serverUrl', 'statIntervalSec'] }))
    expect(issuesOf(readPolicyFile({ file: lockWithoutValue, source: 'env' }))).toEqual([
      { field: 'locked[1]', message: '"alerts.sound" is locked but settings.alerts.sound gives it no value' },
      { field: 'locked[2]', message: '"serverUrl" is locked but serverUrl gives it no value' },
      { field: 'locked[3]', message: '"statIntervalSec" is listed twice' }
    ])
    expect(issuesOf(readPolicyFile({ file: write('v.json', '{"version": 2}'), source: 'env' }))[0]?.field).toBe('version')
    expect(issuesOf(readPolicyFile({ file: write('arr.json', '[]'), source: 'env' }))[0]).toMatchObject({ field: null })
  })
})

describe('preset accounts (accounts)', () => {
  it('checks each server with the sign-in rule and refuses a name listed twice on one server, an unknown colour and more than 10', () => {
    const ok = { serverUrl: 'https://api.avarasoftware.com', displayName: 'Clinic A' }
    const file = write(
      'accounts.json',
      JSON.stringify({ accounts: [ok, { serverUrl: 'http://avara.clinic.example', displayName: 'Clinic B' }, { ...ok, serverUrl: 'https://api.avarasoftware.com/' }, { ...ok, displayName: 'C', colour: 'pink' }] })
    )
    const issues = issuesOf(readPolicyFile({ file, source: 'env' }))
    expect(issues.map((issue) => issue.field)).toEqual(['accounts[1].serverUrl', 'accounts[3].colour'])
    expect(issues[0]!.message).toBe('The server address must use https unless it points to this computer.')
    // The same server (a trailing slash aside) and name twice is one account listed twice.
    const twice = write('twice.json', JSON.stringify({ accounts: [ok, { ...ok, serverUrl: 'https://api.avarasoftware.com/' }] }))
    expect(issuesOf(readPolicyFile({ file: twice, source: 'env' }))).toEqual([{ field: 'accounts[1].displayName', message: '"Clinic A" on this server is listed twice' }])
    const many = write('many.json', JSON.stringify({ accounts: Array.from({ length: 11 }, (_, i) => ({ ...ok, displayName: `Clinic ${i}` })) }))
    expect(issuesOf(readPolicyFile({ file: many, source: 'env' }))[0]?.field).toBe('accounts')
    const two = write('two.json', JSON.stringify({ accounts: [ok, { ...ok, displayName: 'Clinic B', colour: 'teal' }] }))
    expect(readPolicyFile({ file: two, source: 'env' })).toMatchObject({ status: 'loaded', policy: { accounts: [ok, { ...ok, displayName: 'Clinic B', colour: 'teal' }] } })
  })
})

describe('the update feed (updates.feedUrl)', () => {
  it('accepts an https folder address', () => {
    const policy = { updates: { feedUrl: 'https://updates.clinic.example/companion/' } }
    const file = write('feed.json', JSON.stringify(policy))
    expect(readPolicyFile({ file, source: 'env' })).toEqual({ status: 'loaded', file, policy })
  })

  it.each([
    ['http://updates.clinic.example/companion/', /https:\/\//],
    ['file:///srv/updates/', /https:\/\//],
    ['https://user:secret@updates.clinic.example/companion/', /user name or password/],
    ['https://updates.clinic.example/companion/?token=abc', /query or fragment/],
    ['updates.clinic.example/companion', /not a URL/],
    ['', /empty/]
  ])('refuses %s, naming the file and the field', (feedUrl, why) => {
    const file = write('bad-feed.json', JSON.stringify({ updates: { feedUrl } }))
    const reading = readPolicyFile({ file, source: 'env' })
    expect(reading).toMatchObject({ status: 'invalid', file })
    expect(issuesOf(reading)).toEqual([{ field: 'updates.feedUrl', message: expect.stringMatching(why) }])
  })

  it('refuses an unknown key beside the feed and an updates block without one', () => {
    const extra = write('extra.json', JSON.stringify({ updates: { feedUrl: 'https://updates.clinic.example/', channel: 'beta' } }))
    expect(issuesOf(readPolicyFile({ file: extra, source: 'env' }))).toEqual([{ field: 'updates.channel', message: 'unknown key (not a policy field)' }])
    const empty = write('empty-updates.json', JSON.stringify({ updates: {} }))
    expect(issuesOf(readPolicyFile({ file: empty, source: 'env' }))[0]).toMatchObject({ field: 'updates.feedUrl' })
  })
})
