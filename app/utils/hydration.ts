import type { FunctionalComponent } from 'vue'

/**
 * Renders its default slot and nothing else. It stands in, on the server and in the first browser render, for an
 * interactive wrapper that shows nothing until used (a tooltip, a dropdown menu, a dialog around its trigger):
 * `<component :is="hydrated ? UDropdownMenu : Passthrough">`. Those wrappers cost a server render a millisecond or
 * more each and add no markup there; in the browser they take over once the page is hydrated.
 */
export const Passthrough: FunctionalComponent = (_, { slots }) => slots.default?.()
Passthrough.inheritAttrs = false

/** False on the server and during hydration, true once the component is mounted in the browser. */
export function useHydrated() {
  const hydrated = ref(false)
  onMounted(() => {
    hydrated.value = true
  })
  return hydrated
}
