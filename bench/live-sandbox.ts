/**
 * Shared by the live benchmarks (engine-live.ts, scroll-frames.ts): the sandbox in its own process
 * (so the measured process's event loop is the companion's alone), a radiologist to follow, and a
 * queue of N assigned studies.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import Avara from '@shared/avara'

export interface LiveSandbox {
  baseURL: string
  apiKey: string
  child: ChildProcess
  admin: InstanceType<typeof Avara>
  stop(): void
}

/**
 * The sandbox CLI in a child process, empty, in memory. `SANDBOX_NODE` runs it on another Node
 * binary: to measure the companion on one Node while the sandbox's native module (better-sqlite3)
 * is built for the other.
 */
export async function startSandboxProcess(): Promise<LiveSandbox> {
  const child = spawn(process.env.SANDBOX_NODE ?? process.execPath, ['--import', 'tsx', 'src/sandbox/cli.ts', '--port', '0', '--memory', '--seed', 'empty'], { stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  const { baseURL, apiKey } = await new Promise<{ baseURL: string; apiKey: string }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`sandbox exited (${code})`)))
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const baseURL = /AVARA_BASE_URL=(\S+)/.exec(out)?.[1]
      const apiKey = /AVARA_API_KEY=(\S+)/.exec(out)?.[1]
      if (baseURL && apiKey) resolve({ baseURL, apiKey })
    })
  })
  return {
    baseURL,
    apiKey,
    child,
    admin: new Avara({ apiKey, baseURL, maxRetries: 3, logLevel: 'off' }),
    stop() {
      child.removeAllListeners('exit')
      child.kill('SIGTERM')
    }
  }
}

/** A radiologist to follow. */
export function inviteRadiologist(sandbox: LiveSandbox, email: string) {
  return sandbox.admin.viewer.users.invite({
    email, firstName: 'Bench', lastName: 'Live', clinicRole: 'Radiologist', level: 'member', canManageStudies: true, hasDashboardAccess: true
  })
}

/** `n` studies assigned to `userId` (1 in 200 stat, 1 in 4 high), 20 requests at a time. */
export async function fillQueue(sandbox: LiveSandbox, userId: string, n: number): Promise<void> {
  for (let start = 0; start < n; start += 20) {
    await Promise.all(
      Array.from({ length: Math.min(20, n - start) }, (_, k) => {
        const i = start + k
        return sandbox.admin.viewer.studies.create({
          severity: i % 200 === 0 ? 'stat' : i % 4 === 0 ? 'high' : 'normal',
          studyDescription: `CT Abdomen and Pelvis with contrast ${i}`,
          studyInstanceUid: `1.2.826.0.1.3680043.${i + 1}`,
          assignedTo: userId,
          metadata: { accession: `ACC${i}`, site: 'Main' }
        })
      })
    )
  }
}

let changeNo = 0
/**
 * One realistic change to the queue: a new study (every fourth one stat), and every other time a
 * study of the queue completed elsewhere or its severity changed.
 */
export async function changeSomething(sandbox: LiveSandbox, userId: string, someStudyId: () => string | null): Promise<void> {
  const i = ++changeNo
  await sandbox.admin.viewer.studies.create({
    severity: i % 4 === 0 ? 'stat' : i % 2 === 0 ? 'high' : 'normal',
    studyDescription: `Arrival ${i}`,
    studyInstanceUid: `1.2.826.0.7.${Date.now()}.${i}`,
    assignedTo: userId
  })
  const other = someStudyId()
  if (other === null) return
  if (i % 4 === 1) await sandbox.admin.viewer.studies.update(other, { studyViewerStatus: 'complete' })
  else if (i % 4 === 3) await sandbox.admin.viewer.studies.update(other, { severity: 'high' })
}
