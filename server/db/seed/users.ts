import { sql } from 'drizzle-orm'
import type { Role } from '../../../shared/enums/roles'
import { hashPassword } from '../../utils/password'
import type { Database } from '../client'
import { users } from '../schema'

export const DEMO_PASSWORD = 'demo12345'

export const DEMO_USERS: { name: string, email: string, role: Role, capacity?: number }[] = [
  { name: 'Ibu Ratna Owner', email: 'owner@demo.test', role: 'owner' },
  { name: 'Pak Hendra Manager', email: 'manager@demo.test', role: 'manager' },
  { name: 'Dewi Admin', email: 'admin@demo.test', role: 'admin', capacity: 400 },
  { name: 'Rizky Admin', email: 'admin2@demo.test', role: 'admin', capacity: 400 },
  { name: 'Sari Admin', email: 'admin3@demo.test', role: 'admin', capacity: 300 },
  { name: 'Budi Sales', email: 'sales@demo.test', role: 'sales', capacity: 250 },
  { name: 'Putri Sales', email: 'sales2@demo.test', role: 'sales', capacity: 250 },
  { name: 'Agus Sales', email: 'sales3@demo.test', role: 'sales', capacity: 200 },
  { name: 'Nadia CS', email: 'sales4@demo.test', role: 'sales', capacity: 200 },
]

/** Demo accounts, one per role and a few more; existing accounts are left untouched. */
export async function seedDemoUsers(db: Database): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  await db.insert(users)
    .values(DEMO_USERS.map(u => ({ ...u, passwordHash, capacity: u.capacity ?? 200 })))
    .onDuplicateKeyUpdate({ set: { email: sql`email` } })
}
