/**
 * Runs `scripts/demo.ts` as a user would (its own process, its own sandbox process) and reads what
 * it prints. The build is made beforehand (`npm test` builds first), so the demo is told to skip it.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'

const ROOT = path.resolve(import.meta.dirname, '..', '..')

export interface RunningDemo {
  child: ChildProcess
  url: string
  lines: string[]
  /** Ctrl-C, then the exit code. */
  interrupt(): Promise<number | null>
}

export async function runDemo(env: NodeJS.ProcessEnv = process.env, args: readonly string[] = []): Promise<RunningDemo> {
  if (!existsSync(path.join(ROOT, 'out', 'renderer', 'index.html'))) {
    throw new Error('out/renderer is missing: run `npm run build` first (npm test does)')
  }
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'demo.ts'), ...args], {
    cwd: ROOT,
    env: { ...env, RRC_DEMO_SKIP_BUILD: '1', RRC_DEMO_PROFILE: mkdtempSync(path.join(tmpdir(), 'rrc-demo-')) },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const lines: string[] = []
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  child.stderr!.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line within 90 s:\n${lines.join('\n')}`)), 90_000)
    void exited.then((code) => reject(new Error(`the demo exited early (${code}):\n${lines.join('\n')}`)))
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line)
      const match = /^Reading Room Companion \(web\) ready: (\S+)$/.exec(line)
      if (match) {
        clearTimeout(timer)
        resolve(match[1]!)
      }
    })
  })
  return {
    child,
    url,
    lines,
    async interrupt() {
      child.kill('SIGINT')
      return exited
    }
  }
}

/** One bridge call through the web shell the demo serves. */
export async function callWeb<T>(pageUrl: string, name: string, request: object = {}): Promise<T> {
  const response = await fetch(new URL(`api/call/${name}`, pageUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request)
  })
  const result = (await response.json()) as { ok: true; value: T } | { ok: false; error: { message: string } }
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

/** The demo run to its end with arguments it refuses: exit code and everything it printed. */
export function runDemoExpectingExit(args: readonly string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'demo.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, RRC_DEMO_SKIP_BUILD: '1', RRC_DEMO_PROFILE: mkdtempSync(path.join(tmpdir(), 'rrc-demo-')) },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, output })))
}
