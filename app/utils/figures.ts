/** How a report cell reads: counts and money right-aligned in tabular figures, "—" for what has no value. */
export type FigureKind = 'text' | 'count' | 'money' | 'pct' | 'days' | 'hours' | 'ratio'

export function formatFigure(value: unknown, kind: FigureKind, locale: string): string {
  if (value === null || value === undefined || value === '') return '—'
  if (kind === 'text') return String(value)
  const n = Number(value)
  if (!Number.isFinite(n)) return '—'
  switch (kind) {
    case 'money': return formatRupiah(n, locale)
    case 'pct': return `${new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'id-ID', { maximumFractionDigits: 1 }).format(n)}%`
    case 'days': return `${new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'id-ID', { maximumFractionDigits: 1 }).format(n)} ${locale === 'en' ? 'd' : 'hr'}`
    case 'hours': return `${new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'id-ID', { maximumFractionDigits: 1 }).format(n)} ${locale === 'en' ? 'h' : 'jam'}`
    case 'ratio': return `${new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n)}×`
    default: return formatNumber(n, locale)
  }
}

/** Short axis ticks: 1,2 jt / 1.2M for money, plain counts otherwise. */
export function formatTick(value: number, kind: FigureKind, locale: string): string {
  if (kind === 'money') return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'id-ID', { notation: 'compact', maximumFractionDigits: 1 }).format(value)
  if (kind === 'pct') return `${formatNumber(value, locale)}%`
  return formatNumber(value, locale)
}

/** A column of a report table (components/reports/Table.vue). */
export interface ReportColumn {
  key: string
  label: string
  kind: FigureKind
  /** Hidden below this breakpoint (the figure stays in the chart and the totals). */
  hideBelow?: 'sm' | 'md' | 'lg'
  /** Emphasised (the figure the report is about). */
  strong?: boolean
}

/** A series of a report chart (components/reports/Chart.vue). */
export interface ReportSeries {
  label: string
  data: (number | null)[]
  /** real: yellow; target: dashed navy line; base: solid navy; accent: sky; muted: grey. */
  tone: 'real' | 'target' | 'base' | 'accent' | 'muted'
  type?: 'bar' | 'line'
  /** On the right-hand axis (rates, ratios); vertical charts only. */
  secondary?: boolean
  /** A colour of its own instead of the tone's (many groups side by side or stacked). */
  color?: string
}
