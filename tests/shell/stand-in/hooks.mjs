/** Module-resolution hook for register.mjs: bare `electron` / `keytar` resolve to the stand-ins. */
let stands = {}

export function initialize(data) {
  stands = data
}

export async function resolve(specifier, context, nextResolve) {
  if (Object.hasOwn(stands, specifier)) return { url: stands[specifier], format: 'commonjs', shortCircuit: true }
  return nextResolve(specifier, context)
}
