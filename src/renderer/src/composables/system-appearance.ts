/** The operating system's appearance wishes as reactive state, kept current by media-query events. */
import { onBeforeUnmount, reactive } from 'vue'
import { UNKNOWN_SYSTEM_APPEARANCE, type SystemAppearance } from '../lib/theme'

const QUERIES: Record<keyof SystemAppearance, string> = {
  dark: '(prefers-color-scheme: dark)',
  forcedColors: '(forced-colors: active)',
  moreContrast: '(prefers-contrast: more)'
}

export function useSystemAppearance(): Readonly<SystemAppearance> {
  const appearance = reactive<SystemAppearance>({ ...UNKNOWN_SYSTEM_APPEARANCE })
  if (typeof window.matchMedia !== 'function') return appearance
  const stops: Array<() => void> = []
  for (const key of Object.keys(QUERIES) as Array<keyof SystemAppearance>) {
    const query = window.matchMedia(QUERIES[key])
    appearance[key] = query.matches
    const follow = (event: MediaQueryListEvent) => (appearance[key] = event.matches)
    query.addEventListener('change', follow)
    stops.push(() => query.removeEventListener('change', follow))
  }
  onBeforeUnmount(() => stops.forEach((stop) => stop()))
  return appearance
}
