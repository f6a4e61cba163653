import type { FetchError } from 'ofetch'

/** The message and field errors of a failed $fetch, in the shape our API answers with. */
export function apiError(error: unknown): { message: string, fieldErrors: Record<string, string[]> } {
  const e = error as FetchError<{ message?: string, data?: { fieldErrors?: Record<string, string[]> } }>
  return {
    message: e?.data?.message ?? e?.message ?? 'Error',
    fieldErrors: e?.data?.data?.fieldErrors ?? {},
  }
}
