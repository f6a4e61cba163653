import { watchDebounced } from '@vueuse/core'
import type { CheckPhoneResponse, LeadDuplicateRef } from '#shared/types/leads'
import { normalizePhoneId } from '#shared/utils/phone'

/**
 * Does the WhatsApp number being typed already belong to a lead? Asked as the user pauses typing, so the
 * form can say so (with a link) before anything is saved. Only the latest answer counts.
 */
export function useLeadsPhoneCheck(value: () => string | null | undefined, exceptId: () => number | undefined) {
  const { checkPhone } = useLeadActions()
  const result = ref<{ number: string, taken: boolean, duplicate: LeadDuplicateRef | null } | null>(null)
  const checking = ref(false)
  let seq = 0

  const normalized = computed(() => normalizePhoneId(value() ?? ''))

  watchDebounced(normalized, async (e164) => {
    const mine = ++seq
    if (!e164) {
      result.value = null
      return
    }
    if (result.value?.number === e164) return
    checking.value = true
    try {
      const answer: CheckPhoneResponse = await checkPhone(e164, exceptId())
      if (mine === seq) result.value = { number: e164, taken: answer.taken, duplicate: answer.duplicate }
    }
    catch {
      // The hint is a courtesy: the server still refuses a duplicate on save.
      if (mine === seq) result.value = null
    }
    finally {
      if (mine === seq) checking.value = false
    }
  }, { debounce: 400, immediate: true })

  /** The server's 409 on save says the same thing, perhaps about a number typed faster than the check. */
  function setConflict(duplicate: LeadDuplicateRef | null) {
    if (normalized.value) result.value = { number: normalized.value, taken: true, duplicate }
  }

  /** The hint applies only while the field still holds the number it was about. */
  const current = computed(() => (result.value && result.value.number === normalized.value ? result.value : null))
  return { result: current, checking, setConflict }
}
