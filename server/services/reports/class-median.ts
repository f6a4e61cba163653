import type { DbOrTx } from '../../utils/db'

/**
 * Exact medians without ranking every value. A summary counts the values per length class (a whole hour, a log-scale
 * bucket); from the counts each group knows in which class its middle value(s) fall and at which rank inside it, so
 * only those classes' values are read and the one at that rank taken. The two reads must see one snapshot (a write
 * between them would move the ranks): `inSnapshot`. Used by the team's first response, the funnel's stays and the
 * conversion's time to close.
 */

/** The 1-based ranks of the middle value(s) of n sorted values: one for odd n, two for even n (their mean is the median). */
export const middleRanks = (n: number): number[] => (n % 2 ? [(n + 1) / 2] : [n / 2, n / 2 + 1])

/** Where a group's middle rank falls: the class, and the 1-based rank inside it. */
export interface MiddlePlace<K> { key: K, cls: number, k: number }

/** Per group (its counts per class), its total and where each of its middle ranks falls. */
export function locateMiddles<K>(counts: Map<K, Map<number, number>>): { totals: Map<K, number>, wanted: MiddlePlace<K>[] } {
  const totals = new Map<K, number>()
  const wanted: MiddlePlace<K>[] = []
  for (const [key, byClass] of counts) {
    const classes = [...byClass].sort((a, b) => a[0] - b[0])
    const n = classes.reduce((t, [, c]) => t + c, 0)
    totals.set(key, n)
    for (const rank of middleRanks(n)) {
      let before = 0
      for (const [cls, inClass] of classes) {
        if (rank <= before + inClass) {
          wanted.push({ key, cls, k: rank - before })
          break
        }
        before += inClass
      }
    }
  }
  return { totals, wanted }
}

/** Adds `n` values of class `cls` to group `key`'s counts. */
export function countInto<K>(counts: Map<K, Map<number, number>>, key: K, cls: number, n: number): void {
  const byClass = counts.get(key) ?? new Map<number, number>()
  byClass.set(cls, (byClass.get(cls) ?? 0) + n)
  counts.set(key, byClass)
}

/** Reads in one snapshot: a read-only transaction of their own, or the caller's transaction. */
export function inSnapshot<T>(db: DbOrTx, read: (tx: DbOrTx) => Promise<T>): Promise<T> {
  return 'rollback' in db ? read(db) : db.transaction(read, { isolationLevel: 'repeatable read', accessMode: 'read only' })
}
