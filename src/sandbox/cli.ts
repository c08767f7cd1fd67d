/** `npm run sandbox -- ...`: runs the sandbox until SIGINT/SIGTERM. */
import { parseCliArgs, USAGE } from './cli-args'
import { DEFAULT_DB_FILE, startSandbox } from './server'

async function main(): Promise<void> {
  const parsed = parseCliArgs(process.argv.slice(2))
  if (parsed.kind === 'help') {
    console.log(USAGE)
    return
  }
  if (parsed.kind === 'error') {
    console.error(`sandbox: ${parsed.message}\n\n${USAGE}`)
    process.exit(2)
  }
  const options = parsed.options
  const sandbox = await startSandbox(options)
  const storage = options.dbFile === null ? 'in memory (nothing is kept)' : (options.dbFile ?? DEFAULT_DB_FILE)
  console.log(`Avara sandbox listening on ${sandbox.baseURL}`)
  console.log(`  AVARA_BASE_URL=${sandbox.baseURL}`)
  console.log(`  AVARA_API_KEY=${sandbox.apiKey}`)
  console.log(`  owner: ${sandbox.owner.firstName} ${sandbox.owner.lastName} <${sandbox.owner.email}> (${sandbox.owner.userId})`)
  if (sandbox.demoRadiologistEmail) console.log(`  demo radiologist: ${sandbox.demoRadiologistEmail}`)
  console.log(`  database: ${storage}`)
  console.log(`  OpenAPI: ${sandbox.baseURL}/openapi.json`)
  if (options.simulate) console.log(`  simulating ${options.simulate} new studies per minute`)

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`\n${signal}: closing the sandbox`)
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error)
        process.exit(1)
      }
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error)
  console.error(`sandbox: could not start: ${message}`)
  process.exit(1)
})
