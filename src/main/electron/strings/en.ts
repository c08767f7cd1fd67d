/**
 * The user-visible words of the Electron shell's tray and application menu, in English. One
 * catalogue per language, in vue-i18n's message syntax (`{name}` placeholders), so the same
 * messages can later be loaded by vue-i18n; until then strings/format.ts fills the placeholders.
 * The renderer's words live in src/renderer; notification texts are the core's. The tray's facts
 * (counts, the newest stat study, whether it escalated) are the core's TraySummary; these are its words.
 */
export const en = {
  tray: {
    tooltip: 'Reading Room Companion: {stat} stat, {high} high, {normal} normal',
    tooltipOffline: 'Reading Room Companion: {stat} stat, {high} high, {normal} normal (offline)',
    newestStat: 'Newest stat: {study}',
    newestEscalated: 'Newest stat: {study}, escalated to stat from {from}',
    newestOthers: '{newest} (+{count} more)',
    severityHigh: 'high',
    severityNormal: 'normal',
    statWaiting: 'Stat waiting ({count})',
    statStudy: 'Stat study',
    openQueue: 'Open queue',
    refresh: 'Refresh now',
    pauseAlerts: 'Pause alerts {minutes} min',
    resumeAlerts: 'Resume alerts (paused until {time})',
    quit: 'Quit',
    waitMinutes: '{minutes} min',
    waitHours: '{hours} h {minutes} min'
  },
  menu: {
    file: 'File',
    settings: 'Settings…',
    closeWindow: 'Close window',
    quit: 'Quit',
    edit: 'Edit',
    search: 'Search queue',
    view: 'View',
    developer: 'Developer',
    window: 'Window',
    help: 'Help',
    keyboardShortcuts: 'Keyboard shortcuts',
    userGuide: 'User guide',
    about: 'About {app}'
  }
} as const

/** The shape every language's catalogue has: the same keys, any words. */
export type ShellMessages = { [Section in keyof typeof en]: { [Key in keyof (typeof en)[Section]]: string } }
