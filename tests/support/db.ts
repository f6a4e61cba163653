import { inject } from 'vitest'
import { createDb } from '../../server/db/client'

/** A direct connection to the test server's database, to check what a request wrote. */
export function testDb() {
  return createDb(inject('databaseURL'), 2)
}
