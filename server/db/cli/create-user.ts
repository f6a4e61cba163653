/**
 * `npm run user:create -- --email a@b.id --name "Nama" --role owner [--password ...]`
 * The way into a fresh production install, where db:setup creates no accounts. Without
 * --password a strong one is generated and printed once.
 */
import { parseArgs } from 'node:util'
import { randomBytes } from 'node:crypto'
import { userCreateSchema } from '../../../shared/schemas/users'
import { parseEnv } from '../../utils/env'
import { hashPassword } from '../../utils/password'
import { createDb } from '../client'
import { auditLogs, users } from '../schema'

async function main() {
  const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', default: 'owner' }, password: { type: 'string' } } })
  const generated = !values.password
  const password = values.password ?? randomBytes(12).toString('base64url')
  const parsed = userCreateSchema.safeParse({ ...values, password })
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`--${issue.path.join('.')}: ${issue.message}`)
    process.exit(2)
  }
  const env = parseEnv(process.env)
  const { db, pool } = createDb(env.DATABASE_URL, 1)
  try {
    const { password: _, ...fields } = parsed.data
    await db.transaction(async (tx) => {
      const [{ id }] = await tx.insert(users).values({ ...fields, passwordHash: await hashPassword(password), passwordChangedAt: new Date() }).$returningId() as [{ id: number }]
      await tx.insert(auditLogs).values({ action: 'create', entity: 'user', entityId: String(id), after: { email: fields.email, role: fields.role, via: 'cli' } })
    })
    console.log(`user:create: ${fields.email} (${fields.role}) created${generated ? `, password: ${password}` : ''}`)
  }
  finally {
    await pool.end()
  }
}

main().catch((error) => {
  console.error((error?.cause?.code ?? error?.code) === 'ER_DUP_ENTRY' ? 'user:create: that e-mail is already taken' : error instanceof Error ? error.message : error)
  process.exit(1)
})
