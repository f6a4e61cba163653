/** Formatters shared by the UI, e-mails and exports. Time zone: Asia/Jakarta; money: whole Rupiah. */
export const TIME_ZONE = 'Asia/Jakarta'

const localeTag = (locale: string) => (locale === 'en' ? 'en-GB' : 'id-ID')

// Building an Intl formatter costs far more than using one (a dashboard render formats hundreds of figures):
// one per locale and kind, made on first use.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>()
function formatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = formatters.get(key) as T | undefined
  if (!f) formatters.set(key, f = make())
  return f
}

export function formatDateTime(value: string | Date | null | undefined, locale = 'id'): string {
  if (!value) return '—'
  return formatter(`dt:${localeTag(locale)}`, () => new Intl.DateTimeFormat(localeTag(locale), { timeZone: TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' })).format(new Date(value))
}

export function formatDate(value: string | Date | null | undefined, locale = 'id'): string {
  if (!value) return '—'
  return formatter(`d:${localeTag(locale)}`, () => new Intl.DateTimeFormat(localeTag(locale), { timeZone: TIME_ZONE, dateStyle: 'medium' })).format(new Date(value))
}

export function formatRupiah(value: number, locale = 'id'): string {
  return formatter(`idr:${localeTag(locale)}`, () => new Intl.NumberFormat(localeTag(locale), { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 })).format(value)
}

export function formatNumber(value: number, locale = 'id'): string {
  return formatter(`n:${localeTag(locale)}`, () => new Intl.NumberFormat(localeTag(locale))).format(value)
}
