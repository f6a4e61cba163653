import { createError } from 'h3'
import { and, asc, desc, eq, gte, like, lte, or, sql, type SQL } from 'drizzle-orm'
import { z } from 'zod'
import { AD_SPEND_PAGE_SIZE, type AdSpendCreateInput, type AdSpendListQuery, type AdSpendUpdateInput } from '../../../shared/schemas/ad-spend'
import type { AdSpendDto, AdSpendListResponse } from '../../../shared/types/reports'
import { jakartaMonth, lastDayOfMonth } from '../../../shared/utils/months'
import { adSpend, channels, type AdSpend } from '../../db/schema'
import type { Database, DbOrTx } from '../../utils/db'
import type { RequestMeta } from '../../utils/request'
import { notFound, validationError } from '../../utils/validation'
import { audit } from '../audit'
import type { SessionUser } from '../auth/sessions'

/** Where ads are paid for: the ads channels (TikTok, Instagram, Meta ...) and 'Lainnya' for anything else. */
const isPlatform = or(eq(channels.sourceType, 'ads'), eq(channels.code, 'other'))!

const adSpendNotFound = () => notFound('Data biaya iklan tidak ditemukan.')
const fieldError = (path: string, message: string, input: unknown) =>
  validationError(new z.ZodError([{ code: 'custom', path: [path], message, input }]))

const snapshot = (r: AdSpend) => ({
  day: r.day, channelId: r.channelId, campaign: r.campaign, spend: r.spend,
  impressions: r.impressions, clicks: r.clicks, platformLeads: r.platformLeads,
})

export async function listPlatforms(db: DbOrTx): Promise<{ id: number, name: string }[]> {
  return db.select({ id: channels.id, name: channels.name }).from(channels)
    .where(and(isPlatform, eq(channels.active, true))).orderBy(asc(channels.sortOrder), asc(channels.name))
}

function selectRows(db: DbOrTx) {
  return db.select({ row: adSpend, channelName: channels.name }).from(adSpend).innerJoin(channels, eq(channels.id, adSpend.channelId))
}

const toDto = ({ row: r, channelName }: { row: AdSpend, channelName: string }): AdSpendDto => ({
  id: r.id, day: r.day, channel: { id: r.channelId, name: channelName }, campaign: r.campaign,
  spend: r.spend, impressions: r.impressions, clicks: r.clicks, platformLeads: r.platformLeads,
})

/** A month's rows (the current Jakarta month by default), newest day first, with the month's totals for the filters. */
export async function listAdSpend(db: DbOrTx, q: AdSpendListQuery): Promise<AdSpendListResponse> {
  const month = q.month ?? jakartaMonth()
  const where: SQL[] = [gte(adSpend.day, `${month}-01`), lte(adSpend.day, lastDayOfMonth(month))]
  if (q.channelId) where.push(eq(adSpend.channelId, q.channelId))
  if (q.campaign) where.push(like(adSpend.campaign, `%${q.campaign.replace(/[\\%_]/g, m => `\\${m}`)}%`))
  const [rows, [totals], platforms] = await Promise.all([
    selectRows(db).where(and(...where)).orderBy(desc(adSpend.day), asc(channels.sortOrder), asc(adSpend.campaign), asc(adSpend.id))
      .limit(AD_SPEND_PAGE_SIZE).offset((q.page - 1) * AD_SPEND_PAGE_SIZE),
    db.select({
      rows: sql<number>`COUNT(*)`,
      spend: sql<string>`COALESCE(SUM(${adSpend.spend}), 0)`,
      impressions: sql<string>`COALESCE(SUM(${adSpend.impressions}), 0)`,
      clicks: sql<string>`COALESCE(SUM(${adSpend.clicks}), 0)`,
      platformLeads: sql<string>`COALESCE(SUM(${adSpend.platformLeads}), 0)`,
    }).from(adSpend).where(and(...where)),
    listPlatforms(db),
  ])
  const t = {
    rows: Number(totals?.rows ?? 0), spend: Number(totals?.spend ?? 0), impressions: Number(totals?.impressions ?? 0),
    clicks: Number(totals?.clicks ?? 0), platformLeads: Number(totals?.platformLeads ?? 0),
  }
  return { month, items: rows.map(toDto), total: t.rows, totals: t, platforms }
}

async function assertPlatform(tx: DbOrTx, channelId: number): Promise<void> {
  const [row] = await tx.select({ id: channels.id }).from(channels).where(and(eq(channels.id, channelId), isPlatform)).limit(1)
  if (!row) throw fieldError('channelId', 'Pilih platform iklan', channelId)
}

/** One row per day, platform and campaign: a second one is refused as a field error on the campaign. */
async function assertUnique(tx: DbOrTx, v: Pick<AdSpend, 'day' | 'channelId' | 'campaign'>, exceptId?: number): Promise<void> {
  const [row] = await tx.select({ id: adSpend.id }).from(adSpend)
    .where(and(eq(adSpend.day, v.day), eq(adSpend.channelId, v.channelId), eq(adSpend.campaign, v.campaign))).limit(1)
  if (row && row.id !== exceptId) {
    throw createError({
      statusCode: 409, statusMessage: 'Conflict', message: 'Kampanye ini sudah tercatat untuk tanggal dan platform tersebut.',
      data: { fieldErrors: { campaign: ['Sudah ada untuk tanggal dan platform ini'] }, formErrors: [] },
    })
  }
}

async function getRow(db: DbOrTx, id: number): Promise<AdSpendDto> {
  const [row] = await selectRows(db).where(eq(adSpend.id, id)).limit(1)
  if (!row) throw adSpendNotFound()
  return toDto(row)
}

export async function createAdSpend(db: Database, user: SessionUser, input: AdSpendCreateInput, meta: RequestMeta): Promise<AdSpendDto> {
  return db.transaction(async (tx) => {
    await assertPlatform(tx, input.channelId)
    await assertUnique(tx, input)
    const [{ id }] = await tx.insert(adSpend).values(input).$returningId() as [{ id: number }]
    const [row] = await tx.select().from(adSpend).where(eq(adSpend.id, id))
    await audit(tx, user, meta, { action: 'create', entity: 'ad_spend', entityId: id, after: snapshot(row!) })
    return getRow(tx, id)
  })
}

export async function updateAdSpend(db: Database, user: SessionUser, id: number, input: AdSpendUpdateInput, meta: RequestMeta): Promise<AdSpendDto> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(adSpend).where(eq(adSpend.id, id)).limit(1).for('update')
    if (!before) throw adSpendNotFound()
    const next = { ...snapshot(before), ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as ReturnType<typeof snapshot>
    if (input.channelId !== undefined && input.channelId !== before.channelId) await assertPlatform(tx, input.channelId)
    await assertUnique(tx, next, id)
    if (JSON.stringify(next) !== JSON.stringify(snapshot(before))) {
      await tx.update(adSpend).set({ ...next, updatedAt: new Date() }).where(eq(adSpend.id, id))
      await audit(tx, user, meta, { action: 'update', entity: 'ad_spend', entityId: id, before: snapshot(before), after: next })
    }
    return getRow(tx, id)
  })
}

export async function deleteAdSpend(db: Database, user: SessionUser, id: number, meta: RequestMeta): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(adSpend).where(eq(adSpend.id, id)).limit(1).for('update')
    if (!before) throw adSpendNotFound()
    await tx.delete(adSpend).where(eq(adSpend.id, id))
    await audit(tx, user, meta, { action: 'delete', entity: 'ad_spend', entityId: id, before: snapshot(before) })
  })
}
