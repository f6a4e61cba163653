/** Formatters shared by the UI, e-mails and exports. Time zone: Asia/Jakarta; money: whole Rupiah. */
export const TIME_ZONE = 'Asia/Jakarta'

const localeTag = (locale: string) => (locale === 'en' ? 'en-GB' : 'id-ID')

export function formatDateTime(value: string | Date | null | undefined, locale = 'id'): string {
  if (!value) return '—'
  return new Intl.DateTimeFormat(localeTag(locale), { timeZone: TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value))
}

export function formatDate(value: string | Date | null | undefined, locale = 'id'): string {
  if (!value) return '—'
  return new Intl.DateTimeFormat(localeTag(locale), { timeZone: TIME_ZONE, dateStyle: 'medium' }).format(new Date(value))
}

export function formatRupiah(value: number, locale = 'id'): string {
  return new Intl.NumberFormat(localeTag(locale), { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 }).format(value)
}

export function formatNumber(value: number, locale = 'id'): string {
  return new Intl.NumberFormat(localeTag(locale)).format(value)
}
