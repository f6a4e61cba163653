import { createDb } from '../db/client'
import type { Database } from '../db/client'
import { useEnv } from './env'

export type { Database, DbOrTx, Tx } from '../db/client'

let instance: ReturnType<typeof createDb> | undefined

export function useDb(): Database {
  instance ??= createDb(useEnv().DATABASE_URL, useEnv().DATABASE_POOL_SIZE)
  return instance.db
}

export async function closeDb(): Promise<void> {
  await instance?.pool.end()
  instance = undefined
}
