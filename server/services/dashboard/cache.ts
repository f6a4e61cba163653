/**
 * Computed answers kept per process and reused only under the data version they were computed under
 * (server/db/versions.ts): the version is read before computing, so an answer reflects at least every write
 * committed before that read, and any later write moves the version on. No version (the counter not created
 * yet): nothing is kept. Requests that miss together share one computation.
 */
export class VersionedCache<T> {
  private readonly entries = new Map<string, { version: number, value: Promise<T> }>()

  constructor(private readonly maxEntries: number) {}

  get(key: string, version: number | null, compute: () => Promise<T>): Promise<T> {
    if (version == null) return compute()
    const hit = this.entries.get(key)
    if (hit && hit.version === version) {
      // Most recently used last: the first entry is the one to drop when full.
      this.entries.delete(key)
      this.entries.set(key, hit)
      return hit.value
    }
    // A request that read an older version than the one kept (it started before a write) must not replace it.
    if (hit && hit.version > version) return compute()
    const value = compute()
    const entry = { version, value }
    this.entries.delete(key)
    this.entries.set(key, entry)
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!)
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key)
    })
    return value
  }

  clear(): void {
    this.entries.clear()
  }
}
