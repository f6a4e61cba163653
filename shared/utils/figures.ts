/**
 * The arithmetic of report figures, one way everywhere: percentages to one decimal, money in whole Rupiah,
 * ratios null (shown "—") when the divisor is zero or missing, never Infinity or NaN.
 */

/** x / y × 100, one decimal; null without a divisor. */
export function percent(x: number, y: number | null | undefined): number | null {
  return y ? Math.round((x / y) * 1000) / 10 : null
}

/** x / y rounded to whole Rupiah (cost per lead, cost per click…); null without a divisor. */
export function perUnit(x: number, y: number | null | undefined): number | null {
  return y ? Math.round(x / y) : null
}

/** x / y to two decimals (ROAS); null without a divisor. */
export function ratio(x: number, y: number | null | undefined): number | null {
  return y ? Math.round((x / y) * 100) / 100 : null
}

/** The median of some numbers (the mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** Milliseconds as days, one decimal (median days to close, time in a stage). */
export function days(ms: number | null): number | null {
  return ms == null ? null : Math.round(ms / 8_640_000) / 10
}

/** Milliseconds as hours, one decimal (time to first response). */
export function hours(ms: number | null): number | null {
  return ms == null ? null : Math.round(ms / 360_000) / 10
}
