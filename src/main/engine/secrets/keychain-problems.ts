/**
 * Turns keychain failures (mostly libsecret over D-Bus on Linux) into a reason and a fix a user can
 * act on. The raw backend message is only matched, never shown: it may name paths or services but
 * it is not written for users.
 */
export interface KeychainProblem {
  reason: string
  fix: string
}

const RESTART = 'then restart Reading Room Companion.'

const KNOWN: ReadonlyArray<{ test: RegExp; problem: KeychainProblem }> = [
  {
    test: /cannot autolaunch d-bus|x11 \$?display/i,
    problem: {
      reason: 'No D-Bus session is running, so the system keychain (Secret Service) cannot be reached.',
      fix: `Sign in to a desktop session (or start one with dbus-run-session) where gnome-keyring or KWallet runs, ${RESTART}`
    }
  },
  {
    test: /could not connect|failed to connect to socket|no such file or directory|connection refused/i,
    problem: {
      reason: 'The D-Bus session bus named by DBUS_SESSION_BUS_ADDRESS cannot be reached, so the system keychain (Secret Service) is out of reach.',
      fix: `Start the app from your desktop session (so DBUS_SESSION_BUS_ADDRESS points to a running bus) with gnome-keyring or KWallet running, ${RESTART}`
    }
  },
  {
    test: /org\.freedesktop\.secrets.*not provided|was not provided by any \.service files|serviceunknown/i,
    problem: {
      reason: 'No Secret Service is running (org.freedesktop.secrets was not provided by any .service files).',
      fix: `Install and start gnome-keyring or KWallet (with its Secret Service integration enabled), ${RESTART}`
    }
  },
  {
    test: /object does not exist at path|collection\/login|is locked|prompt.*dismissed|no such object|unlock/i,
    problem: {
      reason: 'The keyring exists but its default ("login") collection is locked or missing.',
      fix: `Unlock your login keyring (for example in Seahorse, "Passwords and Keys", or KWallet Manager), or create a default keyring, ${RESTART}`
    }
  }
]

export const KEYTAR_MISSING: KeychainProblem = {
  reason: 'The keychain module (keytar) is not installed or could not be loaded on this system.',
  fix: 'Reinstall the app; on Linux install libsecret (e.g. `sudo apt install libsecret-1-0`), then restart.'
}

export const KEYCHAIN_TIMEOUT: KeychainProblem = {
  reason: 'The system keychain did not answer in time.',
  fix: `Check that gnome-keyring, KWallet or your OS keychain is running and not waiting for a password prompt, ${RESTART}`
}

export function describeKeychainFailure(error: unknown, platform: NodeJS.Platform = process.platform): KeychainProblem {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : ''
  if (/cannot find (module|package)|err_module_not_found|libsecret-1\.so|cannot open shared object/i.test(message)) return KEYTAR_MISSING
  if (platform === 'linux') {
    for (const { test, problem } of KNOWN) if (test.test(message)) return problem
  }
  return {
    reason: `The ${keychainLabel(platform)} refused the request.`,
    fix: `Check that the ${keychainLabel(platform)} is unlocked and that Reading Room Companion may use it, ${RESTART}`
  }
}

export function keychainLabel(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return 'macOS Keychain'
  if (platform === 'win32') return 'Windows Credential Manager'
  return 'system keyring (Secret Service: GNOME Keyring or KWallet)'
}
