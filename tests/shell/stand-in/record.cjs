/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: it stands in for CommonJS modules and must load without hooks of its own. */
/**
 * Where the stand-ins report: one JSON line per call in RRC_STANDIN_RECORD (kept for reading after
 * a failure) and the same record over the IPC channel to the test, when there is one.
 */
const fs = require('node:fs')

const file = process.env.RRC_STANDIN_RECORD
let sequence = 0

function record(type, data = {}) {
  const entry = { seq: ++sequence, type, data }
  if (file) fs.appendFileSync(file, `${JSON.stringify(entry)}\n`)
  if (process.send && process.connected) process.send({ kind: 'record', entry })
}

module.exports = { record }
