/**
 * A large state document (a cached queue of 10,000 studies is about 9 MiB) serialised and written
 * without blocking the event loop: the study lists are turned into JSON a slice at a time with a
 * turn of the loop between slices, and the file is written asynchronously to a temporary file and
 * renamed over the old one (atomic, like conf). docs/core.md, "Figures".
 */
import fs from 'node:fs'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { takeOutCachedLists } from './cached-lists'

/** Studies serialised per turn of the event loop (a millisecond or two on a slow core). */
export const STUDIES_PER_TURN = 250

/** Characters turned into bytes and written per turn (the text is JSON: one byte each, mostly). */
const CHARS_PER_WRITE = 256 * 1024

/** Called with each study before it is serialised, and its path in the document; may throw to stop the write. */
export type StudyCheck = (study: unknown, path: string) => void

/** The list's JSON as pieces, one slice of studies per turn. */
async function listJson(list: readonly unknown[], path: string, pieces: string[], check: StudyCheck): Promise<void> {
  pieces.push('[')
  for (let start = 0; start < list.length; start += STUDIES_PER_TURN) {
    if (start > 0) await nextTurn()
    const slice = list
      .slice(start, start + STUDIES_PER_TURN)
      .map((item, offset) => {
        check(item, `${path}[${start + offset}]`)
        return JSON.stringify(item)
      })
      .join(',')
    pieces.push(start > 0 ? `,${slice}` : slice)
  }
  pieces.push(']')
}

/**
 * The same text as `JSON.stringify(document)`, built over several turns of the event loop, as
 * pieces in order. Never joined: one 7 MiB string made of them is flattened in one go when it is
 * first sliced or written, which blocked the loop for tens of milliseconds at 10,000 studies.
 * `check` sees each study first (the secret guard: its walk is spread over the same turns).
 */
export async function stringifyInTurns(document: Record<string, unknown>, check: StudyCheck = () => undefined): Promise<string[]> {
  // Each study list is replaced by a placeholder no study can contain (a fresh token per call).
  const token = `\u0000rrc-list-${Math.random().toString(36).slice(2)}-`
  const { rest, lists } = takeOutCachedLists(document, (n) => `${token}${n}`)
  const shell = JSON.stringify(rest)
  const opening = JSON.stringify(token).slice(0, -1)
  const found = lists
    .map(({ list, path }, index) => {
      const placeholder = `${opening}${index}"`
      return { list, path, at: shell.indexOf(placeholder), length: placeholder.length }
    })
    .sort((a, b) => a.at - b.at)
  const pieces: string[] = []
  let from = 0
  for (const { list, path, at, length } of found) {
    pieces.push(shell.slice(from, at))
    await listJson(list, path, pieces, check)
    from = at + length
  }
  pieces.push(shell.slice(from))
  return pieces
}

/** Write the text made of `pieces` to `file` atomically without blocking: a temporary file, flushed, renamed over it. */
export async function writeFileInBackground(file: string, pieces: readonly string[]): Promise<void> {
  const temporary = `${file}.${process.pid}.bg.tmp`
  try {
    const handle = await fs.promises.open(temporary, 'w', 0o600)
    try {
      // A bounded slice per write: turning the whole text into bytes at once blocked the loop for ~50 ms at 10,000 studies.
      for (const piece of pieces) {
        for (let start = 0; start < piece.length; start += CHARS_PER_WRITE) await handle.write(piece.slice(start, start + CHARS_PER_WRITE))
      }
      await handle.sync()
    } finally {
      await handle.close()
    }
    await fs.promises.rename(temporary, file)
  } catch (error) {
    await fs.promises.rm(temporary, { force: true })
    throw error
  }
}
