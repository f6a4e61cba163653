import { createError } from 'h3'
import { asc, eq } from 'drizzle-orm'
import type { ChannelCreateInput, ChannelUpdateInput } from '../../../shared/schemas/channels'
import type { ChannelDto } from '../../../shared/types/channels'
import { channels } from '../../db/schema'
import { codeFromName } from '../../utils/code'
import type { Database, DbOrTx, Tx } from '../../utils/db'
import type { RequestMeta } from '../../utils/request'
import { audit } from '../audit'
import type { SessionUser } from '../auth/sessions'
import { invalidateUtmRules, OTHER_CHANNEL_CODE } from './utm'

export const channelColumns = {
  id: channels.id,
  code: channels.code,
  name: channels.name,
  sourceType: channels.sourceType,
  platform: channels.platform,
  active: channels.active,
  sortOrder: channels.sortOrder,
}

export async function listChannels(db: DbOrTx): Promise<ChannelDto[]> {
  return db.select(channelColumns).from(channels).orderBy(asc(channels.sortOrder), asc(channels.name))
}

export async function getChannel(db: DbOrTx, id: number): Promise<ChannelDto | null> {
  const [row] = await db.select(channelColumns).from(channels).where(eq(channels.id, id)).limit(1)
  return row ?? null
}

/** Every channel, locked: name uniqueness and codes are decided on one consistent set. */
async function lockChannels(tx: Tx): Promise<ChannelDto[]> {
  return tx.select(channelColumns).from(channels).for('update')
}

function assertNameFree(all: ChannelDto[], name: string, exceptId?: number) {
  const key = name.trim().toLowerCase()
  if (all.some(c => c.id !== exceptId && c.name.trim().toLowerCase() === key))
    throw createError({ statusCode: 409, statusMessage: 'Conflict', message: 'Nama channel sudah dipakai.', data: { fieldErrors: { name: ['Nama channel sudah dipakai'] } } })
}

export async function createChannel(db: Database, actor: SessionUser, input: ChannelCreateInput, meta: RequestMeta): Promise<ChannelDto> {
  return db.transaction(async (tx) => {
    const all = await lockChannels(tx)
    assertNameFree(all, input.name)
    const code = codeFromName(input.name, all.map(c => c.code))
    // New channels line up after the others but before 'Other', which closes every list.
    const sortOrder = Math.max(0, ...all.filter(c => c.code !== OTHER_CHANNEL_CODE).map(c => c.sortOrder)) + 1
    const [{ id }] = await tx.insert(channels).values({ ...input, platform: input.platform ?? null, code, sortOrder }).$returningId() as [{ id: number }]
    const created = (await getChannel(tx, id))!
    await audit(tx, actor, meta, { action: 'create', entity: 'channel', entityId: id, after: { ...created } })
    return created
  })
}

export async function updateChannel(db: Database, actor: SessionUser, id: number, input: ChannelUpdateInput, meta: RequestMeta): Promise<ChannelDto | null> {
  const updated = await db.transaction(async (tx) => {
    const all = await lockChannels(tx)
    const before = all.find(c => c.id === id)
    if (!before) return null
    if (input.name !== undefined) assertNameFree(all, input.name, id)
    if (before.code === OTHER_CHANNEL_CODE && input.active === false) {
      const message = 'Channel ini menampung nilai UTM yang belum dipetakan dan tidak bisa dinonaktifkan.'
      throw createError({ statusCode: 400, statusMessage: 'Bad Request', message, data: { fieldErrors: { active: [message] } } })
    }
    await tx.update(channels).set(input).where(eq(channels.id, id))
    const after = (await getChannel(tx, id))!
    const action = before.active && !after.active ? 'deactivate' : !before.active && after.active ? 'reactivate' : 'update'
    await audit(tx, actor, meta, { action, entity: 'channel', entityId: id, before: { ...before }, after: { ...after } })
    return after
  })
  // An inactive channel's aliases stop matching; its source type decides the organic-social rule.
  invalidateUtmRules()
  return updated
}
