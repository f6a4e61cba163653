/**
 * `npm run db:setup`: create the database if missing, apply migrations, load base data and,
 * outside production, the demo accounts and a modest demo data set. Safe to run again.
 */
import { count } from 'drizzle-orm'
import { parseEnv } from '../../utils/env'
import { prepareDatabase } from '../migrate'
import { leads } from '../schema'
import { generateDemoData } from '../seed/demo-data'
import { seedDemoUsers } from '../seed/users'

const DEFAULT_DEMO_LEADS = 3000

function demoLeads(): number {
  const i = process.argv.indexOf('--demo-leads')
  const n = i >= 0 ? Number(process.argv[i + 1]) : DEFAULT_DEMO_LEADS
  if (!Number.isInteger(n) || n < 0 || n > 1_000_000) throw new Error('--demo-leads expects a whole number from 0 to 1000000')
  return n
}

async function main() {
  const env = parseEnv(process.env)
  const started = Date.now()
  const { name, db, pool } = await prepareDatabase(env.DATABASE_URL)
  try {
    console.log(`db:setup: database "${name}" migrated, base data loaded`)
    if (env.NODE_ENV !== 'production' && !process.argv.includes('--no-demo')) {
      await seedDemoUsers(db)
      const [row] = await db.select({ n: count() }).from(leads)
      const existing = row?.n ?? 0
      const wanted = demoLeads()
      if (!existing && wanted > 0) {
        await generateDemoData(db, { leads: wanted, log: m => console.log(`db:setup: ${m}`) })
      }
      else {
        console.log(`db:setup: demo data already present (${existing} leads), left as it is`)
      }
    }
    console.log(`db:setup: done in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  }
  finally {
    await pool.end()
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
