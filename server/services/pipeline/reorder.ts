import { createError } from 'h3'
import { inArray, sql } from 'drizzle-orm'
import type { StageDto } from '../../../shared/types/pipeline'
import { pipelineStages } from '../../db/schema'
import type { Database } from '../../utils/db'
import type { RequestMeta } from '../../utils/request'
import { audit } from '../audit'
import type { SessionUser } from '../auth/sessions'
import { listStages, lockStages } from './stages'

function invalidOrder(message: string) {
  return createError({ statusCode: 400, statusMessage: 'Bad Request', message, data: { fieldErrors: { ids: [message] } } })
}

/**
 * The new board order in one transaction: `ids` must be every active stage, once. Active stages
 * get positions 1..n in that order; inactive ones keep their relative order after them.
 */
export async function reorderStages(db: Database, actor: SessionUser, ids: number[], meta: RequestMeta): Promise<StageDto[]> {
  return db.transaction(async (tx) => {
    const all = await lockStages(tx)
    const active = all.filter(s => s.active)
    const activeIds = new Set(active.map(s => s.id))
    const unknown = ids.filter(id => !activeIds.has(id))
    if (unknown.length) throw invalidOrder(`Tahap ${unknown.join(', ')} tidak ada atau tidak aktif.`)
    const missing = active.filter(s => !ids.includes(s.id))
    if (missing.length) throw invalidOrder(`Urutan harus memuat semua tahap aktif; yang belum ada: ${missing.map(s => s.name).join(', ')}.`)

    const before = active.map(s => s.id)
    if (before.every((id, i) => id === ids[i])) return all
    const order = [...ids, ...all.filter(s => !s.active).map(s => s.id)]
    const cases = sql.join(order.map((id, i) => sql`WHEN ${id} THEN ${i + 1}`), sql` `)
    await tx.update(pipelineStages).set({ position: sql`CASE ${pipelineStages.id} ${cases} END` }).where(inArray(pipelineStages.id, order))
    await audit(tx, actor, meta, { action: 'reorder', entity: 'pipeline_stage', entityId: 'order', before: { order: before }, after: { order: ids } })
    return listStages(tx)
  })
}
