/**
 * Minimal levelled logging, configured like the SDK (`logLevel` option or `AVARA_LOG`, default
 * `warn`). Log lines name the operation, path and status only: never headers, query values or bodies.
 */

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'off'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

type LogFn = (message: string, ...rest: unknown[]) => void
export interface Logger {
  debug: LogFn
  info: LogFn
  warn: LogFn
  error: LogFn
}

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, off: 4 }
const noop: LogFn = () => {}

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && (LOG_LEVELS as readonly string[]).includes(value)
}

/** A logger that drops messages below `level`. */
export function levelledLogger(level: LogLevel, target: Logger): Logger {
  const pick = (name: Exclude<LogLevel, 'off'>): LogFn => (RANK[name] >= RANK[level] ? (m, ...r) => target[name](m, ...r) : noop)
  return { debug: pick('debug'), info: pick('info'), warn: pick('warn'), error: pick('error') }
}
