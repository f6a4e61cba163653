/**
 * `npm run db:seed:demo -- --leads N [--seed S]`: migrate, load base data and demo users, then
 * replace the demo data with N generated leads (default 3000, at most 1,000,000). Refused in production.
 */
import { parseEnv } from '../../utils/env'
import { prepareDatabase } from '../migrate'
import { generateDemoData, MAX_DEMO_LEADS } from '../seed/demo-data'
import { seedDemoUsers } from '../seed/users'

const DEFAULT_LEADS = 3000
const USAGE = `usage: npm run db:seed:demo -- [--leads N] [--seed S]   (N: 0..${MAX_DEMO_LEADS.toLocaleString('en')}, default ${DEFAULT_LEADS})`

class UsageError extends Error {}

/** `--name value` or `--name=value`; undefined when absent. */
function option(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === `--${name}`) {
      const value = args[i + 1]
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`)
      return value
    }
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3)
  }
  return undefined
}

function wholeNumber(raw: string, name: string, max: number): number {
  const cleaned = raw.replace(/[_,]/g, '')
  if (!/^\d+$/.test(cleaned)) throw new UsageError(`--${name} must be a whole number, got "${raw}"`)
  const value = Number(cleaned)
  if (value > max) throw new UsageError(`--${name} must be at most ${max.toLocaleString('en')}, got ${value.toLocaleString('en')}`)
  return value
}

export function parseArgs(args: string[]): { leads: number, seed?: number } {
  const known = new Set(['--leads', '--seed'])
  for (const arg of args) {
    if (arg.startsWith('--') && !known.has(arg.split('=')[0]!)) throw new UsageError(`unknown option ${arg}`)
  }
  const leads = option(args, 'leads')
  const seed = option(args, 'seed')
  return {
    leads: leads === undefined ? DEFAULT_LEADS : wholeNumber(leads, 'leads', MAX_DEMO_LEADS),
    ...(seed === undefined ? {} : { seed: wholeNumber(seed, 'seed', 0xFFFFFFFF) }),
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2))
  const refusal = 'refusing to run with NODE_ENV=production: demo data replaces every lead'
  if (process.env.NODE_ENV === 'production') throw new Error(refusal)
  const env = parseEnv(process.env)
  if (env.NODE_ENV === 'production') throw new Error(refusal)
  const started = Date.now()
  const { name, db, pool } = await prepareDatabase(env.DATABASE_URL)
  try {
    await seedDemoUsers(db)
    console.log(`db:seed:demo: database "${name}" migrated, base data and demo users in place`)
    const result = await generateDemoData(db, { ...args, log: m => console.log(`db:seed:demo: ${m}`) })
    const rate = result.seconds > 0 ? Math.round(result.leads / result.seconds) : result.leads
    console.log(`db:seed:demo: ${result.leads.toLocaleString('en')} leads, ${result.stageHistory.toLocaleString('en')} stage changes, `
      + `${result.activities.toLocaleString('en')} activities, ${result.enrollments.toLocaleString('en')} enrolments, ${result.todos} to-dos `
      + `in ${result.seconds} s (${rate.toLocaleString('en')} leads/s)`)
    console.log(`db:seed:demo: done in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  }
  finally {
    await pool.end()
  }
}

main().catch((error) => {
  console.error(`db:seed:demo: ${error instanceof Error ? error.message : String(error)}`)
  if (error instanceof UsageError) console.error(USAGE)
  process.exit(error instanceof UsageError ? 2 : 1)
})
