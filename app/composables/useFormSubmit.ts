import type { FormError } from '@nuxt/ui'

export interface FormHandle { setErrors: (errors: FormError[]) => void }

/**
 * The submit of a modal form: a saving flag, a success toast, and on failure the server's field
 * errors under the fields (kept until the value changes, see useServerErrors) plus an error toast.
 * `submit` answers whether the action went through, so the caller can close the modal.
 */
export function useFormSubmit<T extends object>(state: T, form: Readonly<Ref<FormHandle | null | undefined>>) {
  const toast = useToast()
  const saving = ref(false)
  const serverErrors = useServerErrors(state)

  async function submit(action: () => Promise<unknown>, successTitle: string): Promise<boolean> {
    saving.value = true
    try {
      await action()
      toast.add({ title: successTitle, color: 'success', icon: 'i-lucide-check' })
      return true
    }
    catch (error) {
      const { message, fieldErrors } = apiError(error)
      serverErrors.set(fieldErrors)
      form.value?.setErrors(serverErrors.validate())
      toast.add({ title: message, color: 'error', icon: 'i-lucide-circle-alert' })
      return false
    }
    finally {
      saving.value = false
    }
  }

  return { saving, serverErrors, submit }
}
