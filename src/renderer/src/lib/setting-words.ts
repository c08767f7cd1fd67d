/**
 * A setting an account may set for itself, named as its control names it (the words of
 * settings/SettingControls.vue), for the summary of an account's own settings.
 */
import type { SettingPath } from '@shared/ipc/managed-policy'
import { t } from '../strings'

export function settingWord(path: SettingPath): string {
  switch (path) {
    case 'queueIntervalSec':
      return t('settingsPanel.checkTheWholeQueue')
    case 'statLaneEnabled':
      return t('settingsPanel.fastStatLaneChecks')
    case 'statIntervalSec':
      return t('settingsPanel.checkForStatStudies')
    case 'includeUnassignedStat':
      return t('settingsPanel.watchTheUnassignedStat')
    case 'alerts.high':
      return t('settingsPanel.alertForHighSeverity')
    case 'alerts.sound':
      return t('settingsPanel.playASound')
    case 'alerts.doNotDisturb':
      return t('settingsPanel.doNotDisturbHolds')
    case 'alerts.holdStat':
      return t('settingsPanel.doNotDisturbAnd')
    case 'alerts.reAlertPool':
      return t('settingsPanel.remindMeOfUnassigned')
    case 'alerts.reAlertMinutes':
      return t('settingsPanel.remindMeOfAn')
    case 'alerts.reAlertMax':
      return t('settingsPanel.atMostThisMany')
    case 'normalRefreshEvery':
      return t('accountOwnSettings.normalRefreshEvery')
    default:
      return path
  }
}
