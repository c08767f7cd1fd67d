/**
 * Test-only loader: `node --import ./tests/shell/stand-in/register.mjs out/main/index.js` runs the
 * built main bundle under plain Node with `electron` and `keytar` replaced by recording stand-ins
 * (the OS edges that cannot run here). ESM imports go through a resolve hook; CommonJS requires
 * (electron-log uses one) through Module._resolveFilename.
 */
import Module, { register } from 'node:module'
import { fileURLToPath } from 'node:url'

const stands = {
  electron: new URL('./electron.cjs', import.meta.url),
  keytar: new URL('./keytar.cjs', import.meta.url)
}

register(new URL('./hooks.mjs', import.meta.url), {
  data: Object.fromEntries(Object.entries(stands).map(([name, url]) => [name, url.href]))
})

const originalResolve = Module._resolveFilename
Module._resolveFilename = function resolveStandIn(request, ...rest) {
  if (Object.hasOwn(stands, request)) return fileURLToPath(stands[request])
  return originalResolve.call(this, request, ...rest)
}
