import { z } from 'zod'

/**
 * The environment, validated once. Defaults make a local run work with no .env at all;
 * the development keys below are refused when NODE_ENV=production.
 */
const DEV_ENCRYPTION_KEY = 'dev1:ZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzItYnl0ZXM='
const DEV_BLIND_INDEX_KEY = 'dev-only-blind-index-key-change-me-in-production'

const encryptionKeys = z.string().transform((value, ctx) => {
  const keys = new Map<string, Buffer>()
  for (const part of value.split(',').map(s => s.trim()).filter(Boolean)) {
    const [kid, b64] = part.split(':')
    const key = b64 ? Buffer.from(b64, 'base64') : undefined
    if (!kid || !/^[a-z0-9]{1,8}$/i.test(kid) || !key || key.length !== 32) {
      ctx.addIssue({ code: 'custom', message: 'expected "keyId:base64-of-32-bytes[,keyId:...]"; the first key encrypts, all decrypt' })
      return z.NEVER
    }
    keys.set(kid, key)
  }
  if (!keys.size) {
    ctx.addIssue({ code: 'custom', message: 'at least one key is required' })
    return z.NEVER
  }
  return { current: [...keys.keys()][0]!, keys }
})

const bool = z.enum(['true', 'false', '1', '0']).transform(v => v === 'true' || v === '1')

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.url({ protocol: /^mysql$/, error: 'expected mysql://user:password@host:port/database' })
    .default('mysql://root@127.0.0.1:3306/crm'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  APP_URL: z.url().default('http://localhost:3000'),
  ENCRYPTION_KEYS: encryptionKeys.prefault(DEV_ENCRYPTION_KEY),
  BLIND_INDEX_KEY: z.string().min(32, 'must be at least 32 characters').default(DEV_BLIND_INDEX_KEY),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 14),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().min(3).default('CRM Marketing <no-reply@crm.local>'),
  SCHEDULER_ENABLED: bool.default(true),
  /** How often the scheduler runs in this process: the Nitro cron ticks every 60 s; less runs it more often. */
  SCHEDULER_TICK_SECONDS: z.coerce.number().min(0.2).max(60).default(60),
  /** Delivery attempts before an outbox row is marked failed (an Owner can retry it). */
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /** First retry delay; each further attempt doubles it (capped at one hour). */
  OUTBOX_RETRY_BASE_SECONDS: z.coerce.number().min(0.1).max(3600).default(30),
  /** How long a claimed delivery is held by one process before another may take it over. */
  OUTBOX_LEASE_SECONDS: z.coerce.number().min(1).max(3600).default(120),
  /** Messages sent at once by one process. */
  OUTBOX_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  TRUST_PROXY: bool.default(false),
}).superRefine((env, ctx) => {
  if (env.NODE_ENV !== 'production') return
  if (env.ENCRYPTION_KEYS.keys.has('dev1'))
    ctx.addIssue({ code: 'custom', path: ['ENCRYPTION_KEYS'], message: 'the development key must not be used in production' })
  if (env.BLIND_INDEX_KEY === DEV_BLIND_INDEX_KEY)
    ctx.addIssue({ code: 'custom', path: ['BLIND_INDEX_KEY'], message: 'the development key must not be used in production' })
})

export type Env = z.output<typeof envSchema>

export class EnvError extends Error {}

/** Parse an environment; the error names every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''))
  const result = envSchema.safeParse(cleaned)
  if (!result.success) {
    const lines = result.error.issues.map(i => `  ${i.path.join('.') || '(env)'}: ${i.message}`)
    throw new EnvError(`Invalid environment:\n${lines.join('\n')}`)
  }
  return result.data
}

let cached: Env | undefined
export function useEnv(): Env {
  cached ??= parseEnv(process.env)
  return cached
}
