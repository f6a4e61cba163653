/**
 * Rows read by `WHERE id IN (...)` put back in the order of the ids they were asked for (a page found off an index
 * in its sort order, then loaded with its joins); an id whose row has gone since is left out.
 */
export function inIdOrder<T>(ids: number[], rows: T[], idOf: (row: T) => number): T[] {
  const byId = new Map(rows.map(r => [idOf(r), r]))
  return ids.map(id => byId.get(id)).filter((r): r is T => r !== undefined)
}
