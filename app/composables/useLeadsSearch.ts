import { watchDebounced } from '@vueuse/core'

/**
 * The search box's text, kept in step with the `q` URL parameter both ways: typing reaches the
 * URL 300 ms after the last key; a URL change (back button, chip removed) refills the box.
 */
export function useLeadsSearch() {
  const { state, update } = useLeadsQuery()
  const q = ref(state.value.q ?? '')
  watch(() => state.value.q, (v) => {
    if ((v ?? '') !== q.value.trim()) q.value = v ?? ''
  })
  watchDebounced(q, (v) => {
    if ((state.value.q ?? '') !== v.trim()) update({ q: v.trim() || undefined })
  }, { debounce: 300 })
  return q
}
