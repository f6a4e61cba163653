import { createError } from 'h3'
import { asc, eq } from 'drizzle-orm'
import type { UtmField } from '../../../shared/enums/catalog'
import type { AliasCreateInput } from '../../../shared/schemas/channels'
import type { ChannelAliasDto } from '../../../shared/types/channels'
import { channelAliases, channels } from '../../db/schema'
import type { Database, DbOrTx, Tx } from '../../utils/db'
import type { RequestMeta } from '../../utils/request'
import { audit } from '../audit'
import type { SessionUser } from '../auth/sessions'
import { invalidateUtmRules, normalizeUtmValue } from './utm'

const aliasColumns = { id: channelAliases.id, channelId: channelAliases.channelId, field: channelAliases.field, value: channelAliases.value }

export async function listAliases(db: DbOrTx): Promise<ChannelAliasDto[]> {
  return db.select(aliasColumns).from(channelAliases).orderBy(asc(channelAliases.channelId), asc(channelAliases.field), asc(channelAliases.value))
}

/** The alias that already claims this value, however it was spelled when stored. */
export async function findAlias(db: DbOrTx, field: UtmField, value: string): Promise<(ChannelAliasDto & { channelName: string }) | null> {
  const key = normalizeUtmValue(value)
  const rows = await db.select({ ...aliasColumns, channelName: channels.name }).from(channelAliases)
    .innerJoin(channels, eq(channels.id, channelAliases.channelId))
    .where(eq(channelAliases.field, field))
    .orderBy(asc(channelAliases.id))
  return rows.find(r => normalizeUtmValue(r.value) === key) ?? null
}

function aliasTaken(channelName: string) {
  const message = `Nilai ini sudah dipetakan ke ${channelName}.`
  return createError({ statusCode: 409, statusMessage: 'Conflict', message, data: { fieldErrors: { value: [message] } } })
}

/** Insert an alias (value already normalised), refusing a spelling another alias of the field already has. */
export async function insertAlias(tx: Tx, channelId: number, input: AliasCreateInput): Promise<ChannelAliasDto> {
  const existing = await findAlias(tx, input.field, input.value)
  if (existing) throw aliasTaken(existing.channelName)
  try {
    const [{ id }] = await tx.insert(channelAliases).values({ channelId, field: input.field, value: input.value }).$returningId() as [{ id: number }]
    return { id, channelId, field: input.field, value: input.value }
  }
  catch (error) {
    // Two requests racing for one value: the unique index decides, the loser gets the same 409.
    if ((error as { cause?: { code?: string } }).cause?.code === 'ER_DUP_ENTRY' || (error as { code?: string }).code === 'ER_DUP_ENTRY') throw aliasTaken('channel lain')
    throw error
  }
}

export async function addAlias(db: Database, actor: SessionUser, channelId: number, input: AliasCreateInput, meta: RequestMeta): Promise<ChannelAliasDto | null> {
  const alias = await db.transaction(async (tx) => {
    const [channel] = await tx.select({ id: channels.id }).from(channels).where(eq(channels.id, channelId)).for('update')
    if (!channel) return null
    const created = await insertAlias(tx, channelId, input)
    await audit(tx, actor, meta, { action: 'create', entity: 'channel_alias', entityId: created.id, after: { ...created } })
    return created
  })
  invalidateUtmRules()
  return alias
}

export async function deleteAlias(db: Database, actor: SessionUser, aliasId: number, meta: RequestMeta): Promise<boolean> {
  const deleted = await db.transaction(async (tx) => {
    const [before] = await tx.select(aliasColumns).from(channelAliases).where(eq(channelAliases.id, aliasId)).for('update')
    if (!before) return false
    await tx.delete(channelAliases).where(eq(channelAliases.id, aliasId))
    await audit(tx, actor, meta, { action: 'delete', entity: 'channel_alias', entityId: aliasId, before: { ...before } })
    return true
  })
  invalidateUtmRules()
  return deleted
}
