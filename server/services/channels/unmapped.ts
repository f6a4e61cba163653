import { createError } from 'h3'
import { and, desc, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm'
import { UTM_FIELDS, type UtmField } from '../../../shared/enums/catalog'
import type { UnmappedMapInput } from '../../../shared/schemas/channels'
import type { UnmappedUtmList, UnmappedUtmValue, UtmMapResult } from '../../../shared/types/channels'
import { channels, leads } from '../../db/schema'
import type { Database } from '../../utils/db'
import type { RequestMeta } from '../../utils/request'
import { audit } from '../audit'
import type { SessionUser } from '../auth/sessions'
import { findAlias, insertAlias, listAliases } from './aliases'
import { invalidateUtmRules, loadUtmRules, normalizeUtmValue, resolveWithRules } from './utm'

const COLUMNS = { source: leads.utmSource, medium: leads.utmMedium, campaign: leads.utmCampaign } as const
const RAW_KEYS = { source: 'utmSource', medium: 'utmMedium', campaign: 'utmCampaign' } as const
/** The list reads at most this many of the newest unmapped leads: enough to see what is frequent, bounded at any size. */
export const UNMAPPED_SCAN_CAP = 5_000
const UPDATE_BATCH = 1_000

/**
 * UTM values carried by live leads on the 'other' channel, per field, most leads first. One pass
 * over the newest UNMAPPED_SCAN_CAP of them, read backwards along leads_channel_created_idx
 * (channel_id, deleted_at, created_at), so the cost follows the unmapped leads, never the table.
 */
export async function listUnmapped(db: Database, limit: number): Promise<UnmappedUtmList> {
  const rules = await loadUtmRules(db)
  const newest = db.select({ utmSource: leads.utmSource, utmMedium: leads.utmMedium, utmCampaign: leads.utmCampaign }).from(leads)
    .where(and(eq(leads.channelId, rules.otherId), isNull(leads.deletedAt), or(...UTM_FIELDS.map(f => isNotNull(COLUMNS[f])))))
    .orderBy(desc(leads.createdAt))
    .limit(UNMAPPED_SCAN_CAP)
    .as('newest')
  const [combos, aliases] = await Promise.all([
    db.select({ utmSource: newest.utmSource, utmMedium: newest.utmMedium, utmCampaign: newest.utmCampaign, leads: sql<number>`COUNT(*)` })
      .from(newest).groupBy(newest.utmSource, newest.utmMedium, newest.utmCampaign),
    listAliases(db),
  ])
  const aliasOf = new Map(aliases.map(a => [`${a.field}:${normalizeUtmValue(a.value)}`, a.channelId]))
  const merged = new Map<string, UnmappedUtmValue>()
  let scanned = 0
  for (const combo of combos) {
    const count = Number(combo.leads)
    scanned += count
    for (const field of UTM_FIELDS) {
      const raw = combo[RAW_KEYS[field]]
      const value = normalizeUtmValue(raw)
      if (!raw || !value) continue
      const key = `${field}:${value}`
      const item = merged.get(key) ?? { field, value, spellings: [], leads: 0, aliasChannelId: aliasOf.get(key) ?? null }
      item.leads += count
      if (item.spellings.length < 3 && !item.spellings.includes(raw)) item.spellings.push(raw)
      merged.set(key, item)
    }
  }
  const fieldOrder = (f: UtmField) => UTM_FIELDS.indexOf(f)
  const items = [...merged.values()].sort((a, b) => b.leads - a.leads || fieldOrder(a.field) - fieldOrder(b.field) || a.value.localeCompare(b.value))
  return { items: items.slice(0, limit), otherChannelId: rules.otherId, scanned, truncated: scanned >= UNMAPPED_SCAN_CAP || items.length > limit }
}

function badRequest(field: string, message: string) {
  return createError({ statusCode: 400, statusMessage: 'Bad Request', message, data: { fieldErrors: { [field]: [message] } } })
}

/**
 * One click in the unmapped list: the value becomes an alias of the channel (or an existing alias
 * of that channel is reused) and the leads on 'other' that now resolve to the channel move there,
 * all in one transaction with one audit entry. Soft-deleted leads move too, so a restore brings
 * them back on the right channel. updated_at is left alone: this corrects where a lead
 * came from, it is not work done on the lead, and the board orders by updated_at.
 */
export async function mapUnmapped(db: Database, actor: SessionUser, input: UnmappedMapInput, meta: RequestMeta): Promise<UtmMapResult | null> {
  const result = await db.transaction(async (tx) => {
    const [channel] = await tx.select({ id: channels.id, name: channels.name, active: channels.active }).from(channels).where(eq(channels.id, input.channelId)).for('update')
    if (!channel) return null
    if (!channel.active) throw badRequest('channelId', 'Channel ini nonaktif; aktifkan dulu atau pilih channel lain.')
    const { otherId } = await loadUtmRules(tx)
    if (channel.id === otherId) throw badRequest('channelId', 'Pilih channel selain Lainnya.')

    const existing = await findAlias(tx, input.field, input.value)
    if (existing && existing.channelId !== channel.id) {
      const message = `Nilai ini sudah dipetakan ke ${existing.channelName}.`
      throw createError({ statusCode: 409, statusMessage: 'Conflict', message, data: { fieldErrors: { value: [message] } } })
    }
    const alias = existing
      ? { id: existing.id, channelId: existing.channelId, field: existing.field, value: existing.value }
      : await insertAlias(tx, channel.id, { field: input.field, value: input.value })

    // Resolve every lead on 'other' that carries a value in this field with the rules as they are now.
    const rules = await loadUtmRules(tx)
    const column = COLUMNS[input.field]
    const candidates = await tx.select({ id: leads.id, utmSource: leads.utmSource, utmMedium: leads.utmMedium, utmCampaign: leads.utmCampaign })
      .from(leads).where(and(eq(leads.channelId, rules.otherId), isNotNull(column)))
    const ids = candidates.filter(lead => resolveWithRules(rules, lead) === channel.id).map(lead => lead.id)
    let remapped = 0
    for (let i = 0; i < ids.length; i += UPDATE_BATCH) {
      const [res] = await tx.update(leads)
        .set({ channelId: channel.id, updatedAt: sql`${leads.updatedAt}` })
        .where(and(inArray(leads.id, ids.slice(i, i + UPDATE_BATCH)), eq(leads.channelId, rules.otherId)))
      remapped += res.affectedRows
    }
    await audit(tx, actor, meta, {
      action: 'map_utm',
      entity: 'channel_alias',
      entityId: alias.id,
      after: { channelId: channel.id, channel: channel.name, field: alias.field, value: alias.value, aliasCreated: !existing, remapped },
    })
    return { alias, created: !existing, remapped }
  })
  invalidateUtmRules()
  return result
}
