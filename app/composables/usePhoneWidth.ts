import { useMediaQuery } from '@vueuse/core'

/**
 * True on a phone (below Tailwind's `sm`), for the layouts CSS alone cannot switch: another component, another hint.
 * The server cannot know the width, so it renders the wide layout and this turns true only once mounted: the first
 * paint matches the server's and hydration never mismatches.
 */
export function usePhoneWidth() {
  const narrow = useMediaQuery('(max-width: 639px)')
  const mounted = ref(false)
  onMounted(() => (mounted.value = true))
  return computed(() => mounted.value && narrow.value)
}
