/** `npm run sandbox -- ...`: runs the sandbox until SIGINT/SIGTERM. */
import { parseCliArgs, USAGE } from './cli-args'
import { DEFAULT_DB_FILE, startSandbox, type RunningSandbox } from './server'

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
  for (const warning of parsed.warnings ?? []) console.error(`sandbox: warning: ${warning}`)
  // Handlers go in first: a signal that arrives while starting must still close the database.
  const started: { sandbox?: RunningSandbox } = {}
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`\n${signal}: closing the sandbox`)
    const closing = started.sandbox ? started.sandbox.close() : Promise.resolve()
    closing.then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error)
        process.exit(1)
      }
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))

  const running = await startSandbox(options)
  started.sandbox = running
  if (stopping) {
    await running.close()
    process.exit(0)
  }
  const storage = options.dbFile === null ? 'in memory (nothing is kept)' : (options.dbFile ?? DEFAULT_DB_FILE)
  console.log(`Avara sandbox listening on ${running.baseURL}`)
  console.log(`  AVARA_BASE_URL=${running.baseURL}`)
  console.log(`  AVARA_API_KEY=${running.apiKey}`)
  console.log(`  clinic: ${running.clinicName}`)
  console.log(`  owner: ${running.owner.firstName} ${running.owner.lastName} <${running.owner.email}> (${running.owner.userId})`)
  if (running.demoRadiologistEmail) console.log(`  demo radiologist: ${running.demoRadiologistEmail}`)
  console.log(`  database: ${storage}`)
  console.log(`  OpenAPI: ${running.baseURL}/openapi.json`)
  if (options.simulate) console.log(`  simulating ${options.simulate} new studies per minute`)
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error)
  console.error(`sandbox: could not start: ${message}`)
  process.exit(1)
})
