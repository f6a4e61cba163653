import type { FormError } from '@nuxt/ui'

/**
 * Field errors from the API (409 duplicate e-mail, wrong current password ...) that stay on a
 * field until its value changes. UForm re-validates as the user types and would otherwise wipe
 * them, because the client-side schema has no way to know the server said no.
 */
export function useServerErrors<T extends object>(state: T) {
  const errors = ref<{ name: string, message: string, value: unknown }[]>([])

  function set(fieldErrors: Record<string, string[] | undefined>) {
    errors.value = Object.entries(fieldErrors).flatMap(([name, messages]) =>
      (messages ?? []).map(message => ({ name, message, value: (state as Record<string, unknown>)[name] })))
  }

  /** Pass as UForm's `:validate`: the server errors whose field still holds the refused value. */
  function validate(): FormError[] {
    return errors.value
      .filter(e => (state as Record<string, unknown>)[e.name] === e.value)
      .map(({ name, message }) => ({ name, message }))
  }

  function clear() {
    errors.value = []
  }

  return { set, validate, clear }
}
