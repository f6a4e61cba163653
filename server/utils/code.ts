/**
 * A stable machine code from a display name (`Survei Lokasi` -> `survei_lokasi`), unique among
 * `taken` by a numeric suffix. Codes never change on rename, so code that refers to a stage or
 * channel by code keeps working.
 */
export function codeFromName(name: string, taken: Iterable<string>, max = 40): string {
  const used = new Set(taken)
  const base = name.normalize('NFKD').replace(/[\u0300-\u036F]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, max) || 'item'
  if (!used.has(base)) return base
  for (let n = 2; ; n++) {
    const suffix = `_${n}`
    const candidate = `${base.slice(0, max - suffix.length)}${suffix}`
    if (!used.has(candidate)) return candidate
  }
}
