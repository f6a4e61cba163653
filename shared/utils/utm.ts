/**
 * One spelling for a raw UTM value, so aliases match however a landing page or an ad platform
 * wrote it: `TikTok Ads`, `tiktok_ads`, `tiktok-ads` and `tiktok+ads` are all `tiktok ads`.
 * Lower-cased, trimmed, runs of spaces, underscores, hyphens and pluses collapsed to one space;
 * a percent-encoded value is decoded first. Empty becomes null.
 */
export function normalizeUtmValue(value: string | null | undefined): string | null {
  if (value == null) return null
  let text = String(value)
  if (/%[0-9a-f]{2}/i.test(text)) {
    try {
      text = decodeURIComponent(text)
    }
    catch { /* not really encoded: keep it as it came */ }
  }
  const normalized = text.normalize('NFKC').toLowerCase().replace(/[\s_+-]+/g, ' ').trim()
  return normalized || null
}
