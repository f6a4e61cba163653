import { intakeSchema, type IntakeResponse } from '#shared/schemas/intake'
import { findSiteByKey, intakeCors, intakeRetryAfter, logIntake, readIntakeBody, siteKeyOf, submitIntake, tooManyRequests } from '../../services/intake'

/**
 * Web-to-lead from the school's landing pages: public, authenticated by a site key, rate limited per client
 * address and per key, with a honeypot. Order matters: every request is logged (and so counted) before anything
 * else, a bot filling the honeypot learns nothing, and only then is the form validated.
 */
export default defineEventHandler(async (event): Promise<IntakeResponse | undefined> => {
  if (intakeCors(event)) return
  const body = await readIntakeBody(event)
  const meta = requestMeta(event)
  const db = useDb()
  const site = await findSiteByKey(db, siteKeyOf(event, body))
  await logIntake(db, site?.id ?? null, meta, { site: site?.name ?? null })
  const retryAfter = await intakeRetryAfter(db, site?.id ?? null, meta.ip)
  if (retryAfter) throw tooManyRequests(event, retryAfter)
  if (!site) throw createError({ statusCode: 401, statusMessage: 'Unauthorized', message: 'Kunci situs tidak valid.' })

  if (typeof body.website === 'string' ? body.website.trim() : body.website) {
    await logIntake(db, site.id, meta, { honeypot: true }, 'intake_honeypot')
    return { ok: true }
  }
  const input = parseInput(intakeSchema, body)
  const { id, duplicate } = await submitIntake(db, site, input, meta)
  if (duplicate) return { ok: true, duplicate: true }
  setResponseStatus(event, 201)
  return { ok: true, id }
})
