/**
 * A refused write in the user's words, by the system's error code: the one table the state store
 * (a save that cannot land) and the web shell's profile lock (a start that cannot lock) both use.
 */
const WRITE_PROBLEMS: Readonly<Record<string, string>> = {
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EIO: 'the disk reported an input/output error',
  EISDIR: 'a folder is in the place of the settings file',
  ENOTDIR: 'a file is in the place of the profile folder'
}

/** True when `code` means the folder cannot be written (as opposed to a passing or unknown fault). */
export function isWriteProblem(code: string | null | undefined): code is string {
  return typeof code === 'string' && Object.hasOwn(WRITE_PROBLEMS, code)
}

export function describeWriteProblem(code: string | null | undefined): string {
  return isWriteProblem(code) ? WRITE_PROBLEMS[code]! : `the system refused (${code ?? 'unknown error'})`
}
