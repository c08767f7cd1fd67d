/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: it stands in for CommonJS modules and must load without hooks of its own. */
/**
 * Stand-in for keytar: an in-memory keychain seeded from the JSON file RRC_STANDIN_KEYCHAIN
 * ({ "<service>\u0000<account>": "<secret>" }). Records calls, never the secrets.
 */
const fs = require('node:fs')
const { record } = require('./record.cjs')

const file = process.env.RRC_STANDIN_KEYCHAIN
const entries = new Map(file && fs.existsSync(file) ? Object.entries(JSON.parse(fs.readFileSync(file, 'utf8'))) : [])
const keyOf = (service, account) => `${service}\u0000${account}`

async function getPassword(service, account) {
  record('keytar.getPassword', { service, account, found: entries.has(keyOf(service, account)) })
  return entries.get(keyOf(service, account)) ?? null
}
async function setPassword(service, account, password) {
  record('keytar.setPassword', { service, account, length: password.length })
  entries.set(keyOf(service, account), password)
}
async function deletePassword(service, account) {
  record('keytar.deletePassword', { service, account })
  return entries.delete(keyOf(service, account))
}

exports.getPassword = getPassword
exports.setPassword = setPassword
exports.deletePassword = deletePassword
