/**
 * The headline above the engine's message when a key is refused, for first sign-in and for adding
 * an account (the message after it is the engine's own words).
 */
import { t } from '../strings'

const HEADLINES: Record<string, () => string> = {
  'key-rejected': () => t('connectStep.headline.keyRejected'),
  unreachable: () => t('connectStep.headline.unreachable'),
  'invalid-url': () => t('connectStep.headline.invalidUrl'),
  'server-error': () => t('connectStep.headline.serverError'),
  'rate-limited': () => t('connectStep.headline.rateLimited'),
  'storage-unavailable': () => t('connectStep.headline.storageUnavailable'),
  'account-limit': () => t('accounts.headline.accountLimit'),
  duplicate: () => t('accounts.headline.duplicate'),
  'identity-not-found': () => t('accounts.headline.identityNotFound')
}

export const keyProblemHeadline = (problem: string): string => (HEADLINES[problem] ?? (() => t('connectStep.headline.other')))()
