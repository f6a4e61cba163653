import type { PoolConnection } from 'mysql2/promise'

/** `work` on `conn` in one transaction: committed when it resolves, rolled back (and rethrown) when it throws. */
export async function inTransaction(conn: PoolConnection, work: () => Promise<void>): Promise<void> {
  await conn.beginTransaction()
  try {
    await work()
    await conn.commit()
  }
  catch (error) {
    await conn.rollback()
    throw error
  }
}
