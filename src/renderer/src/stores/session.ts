/**
 * Who is signed in, to which server, where the key is kept, and the onboarding steps that
 * set these up (also used later to change key, server or identity, and to sign out). The sign-in
 * itself is applied only from `auth.changed` (and `app.getState`); the commands answer with the
 * key check's outcome or "done", and a step moves on once the event shows the change.
 */
import { t } from '../strings'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import {
  DEFAULT_BASE_URL,
  type AuthState,
  type IdentityCandidate,
  type KeyProblem,
  type ShellKind
} from '@shared/ipc/contract'
import { useBridge } from '../bridge'
import { errorMessage } from '../lib/errors'
import { useNoticesStore } from './notices'
import { whenShown } from '../lib/when-shown'

export type OnboardingStep = 'connect' | 'identity'

/** The local sandbox address offered as a one-click choice for the demo. */
export const SANDBOX_BASE_URL = 'http://127.0.0.1:4010'

const EMPTY_AUTH: AuthState = {
  baseUrl: DEFAULT_BASE_URL,
  hasKey: false,
  identity: null,
  keyStorage: { kind: 'none', label: t('session.storageNotKnown'), problem: null, fallbackNeedsConsent: false }
}

export interface KeyFeedback {
  problem: KeyProblem | 'other'
  message: string
}

export const useSessionStore = defineStore('session', () => {
  const loaded = ref(false)
  const shell = ref<ShellKind>('web')
  const version = ref('')
  const auth = ref<AuthState>(EMPTY_AUTH)
  /** Set when a signed-in user chose to change key/server/identity; null otherwise. */
  const changing = ref<OnboardingStep | null>(null)
  const busy = ref(false)
  const keyFeedback = ref<KeyFeedback | null>(null)
  const identityError = ref<string | null>(null)
  const candidates = ref<IdentityCandidate[] | null>(null)

  const step = computed<OnboardingStep | null>(() => {
    if (!auth.value.hasKey) return 'connect'
    if (!auth.value.identity) return 'identity'
    return changing.value
  })
  const onboarding = computed(() => loaded.value && step.value !== null)
  const storageNeedsConsent = computed(() => auth.value.keyStorage.fallbackNeedsConsent)

  function apply(next: AuthState): void {
    auth.value = next
  }

  function beginChange(which: OnboardingStep): void {
    keyFeedback.value = null
    identityError.value = null
    candidates.value = null
    changing.value = which
  }
  function cancelChange(): void {
    changing.value = null
  }

  /** Checks the key against the server, then keeps it (auth.saveKey checks before it stores). */
  async function saveKey(baseUrl: string, apiKey: string, allowFallbackStorage: boolean): Promise<boolean> {
    busy.value = true
    keyFeedback.value = null
    try {
      const result = await useBridge().invoke('auth.saveKey', {
        baseUrl,
        apiKey,
        ...(allowFallbackStorage ? { allowFallbackStorage: true } : {})
      })
      if (!result.ok) {
        keyFeedback.value = { problem: result.problem, message: result.message }
        return false
      }
      // The engine's words about the key as typed (e.g. a line break pasted inside it was removed).
      if (result.note) useNoticesStore().polite(result.note)
      await whenShown(() => auth.value.hasKey)
      // A new key keeps the identity only if the core kept it; otherwise the identity step follows.
      changing.value = result.needsIdentity ? 'identity' : null
      return true
    } catch (err) {
      keyFeedback.value = { problem: 'other', message: errorMessage(err) }
      return false
    } finally {
      busy.value = false
    }
  }

  async function findUsers(query: string): Promise<void> {
    busy.value = true
    identityError.value = null
    try {
      candidates.value = await useBridge().invoke('auth.findUsers', { query })
      if (candidates.value.length === 0) {
        identityError.value = query.trim() ? t('session.noUserFound', { query: query.trim() }) : t('session.noUsers')
      }
    } catch (err) {
      identityError.value = errorMessage(err)
    } finally {
      busy.value = false
    }
  }

  async function setIdentity(userId: string): Promise<boolean> {
    busy.value = true
    identityError.value = null
    try {
      await useBridge().invoke('auth.setIdentity', { userId })
      await whenShown(() => auth.value.identity?.userId === userId)
      changing.value = null
      candidates.value = null
      return true
    } catch (err) {
      identityError.value = errorMessage(err)
      return false
    } finally {
      busy.value = false
    }
  }

  async function signOut(): Promise<void> {
    busy.value = true
    try {
      await useBridge().invoke('auth.signOut', {})
      await whenShown(() => !auth.value.hasKey)
      changing.value = null
      candidates.value = null
      keyFeedback.value = null
    } finally {
      busy.value = false
    }
  }

  return {
    loaded,
    shell,
    version,
    auth,
    changing,
    busy,
    keyFeedback,
    identityError,
    candidates,
    step,
    onboarding,
    storageNeedsConsent,
    apply,
    beginChange,
    cancelChange,
    saveKey,
    findUsers,
    setIdentity,
    signOut
  }
})
