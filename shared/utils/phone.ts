/**
 * Indonesian phone numbers to E.164. `0812…`, `+62 812…`, `62812…`, `0812-…`, `(0812) …`
 * are one number: +62812…. Returns null for anything that is not a plausible Indonesian number.
 */
export function normalizePhoneId(input: string | null | undefined): string | null {
  if (!input) return null
  const trimmed = input.trim()
  if (!/^[+\d\s().-]+$/.test(trimmed)) return null
  let digits = trimmed.replace(/\D/g, '')
  if (trimmed.startsWith('+') && !digits.startsWith('62')) return null
  if (digits.startsWith('0062')) digits = digits.slice(4)
  else if (digits.startsWith('62')) digits = digits.slice(2)
  else if (digits.startsWith('0')) digits = digits.slice(1)
  else if (!digits.startsWith('8')) return null
  // Mobile numbers (8xx) carry 9–12 digits after the country code; landlines 2x..9x with 7–10.
  const mobile = /^8\d{8,11}$/.test(digits)
  const landline = /^[2-79]\d{6,9}$/.test(digits)
  if (!mobile && !landline) return null
  return `+62${digits}`
}

/** `+6281234567890` -> `0812-3456-7890`, the way Indonesians write their numbers. */
export function formatPhoneId(e164: string): string {
  const local = `0${e164.replace(/^\+62/, '')}`
  // 0812-3456-7890 for 12 digits, 0812-345-6789 for 11, 0812-345-678 for 10: the last group keeps 3–5.
  const rest = local.slice(4)
  const middle = rest.length <= 7 ? 3 : 4
  return rest.length > middle ? `${local.slice(0, 4)}-${rest.slice(0, middle)}-${rest.slice(middle)}` : local
}
