import { createError } from 'h3'
import { eq, sql } from 'drizzle-orm'
import { STAGE_KINDS, type StageKind } from '../../../shared/enums/catalog'
import { leads } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'

const KIND_LABELS: Record<StageKind, string> = { open: 'Terbuka', won: 'Menang (daftar)', lost: 'Kalah (batal)' }

interface StageLike { id: number, name: string, kind: StageKind, active: boolean }

/**
 * The board, the won/lost dialogs and the reports need an active stage of every kind. A change
 * may not take away the last one; a set that already lacks a kind (edited by hand) can still be
 * changed, so it can be repaired.
 */
export function assertKindsRemain(before: StageLike[], after: StageLike[], field: 'kind' | 'active') {
  for (const kind of STAGE_KINDS) {
    const had = before.some(s => s.active && s.kind === kind)
    const has = after.some(s => s.active && s.kind === kind)
    if (had && !has) {
      const message = `Harus tetap ada minimal satu tahap aktif berjenis ${KIND_LABELS[kind]}.`
      throw createError({ statusCode: 400, statusMessage: 'Bad Request', message, data: { fieldErrors: { [field]: [message] } } })
    }
  }
}

/** Stage names are what people see on the board: two with one name would be a trap. */
export function assertNameFree(stages: StageLike[], name: string, exceptId?: number) {
  const key = name.trim().toLowerCase()
  if (stages.some(s => s.id !== exceptId && s.name.trim().toLowerCase() === key))
    throw createError({ statusCode: 409, statusMessage: 'Conflict', message: 'Nama tahap sudah dipakai.', data: { fieldErrors: { name: ['Nama tahap sudah dipakai'] } } })
}

/**
 * A stage that still holds leads stays active: its leads would vanish from the board. Soft-deleted
 * leads count too, since a restore brings them back into this stage.
 */
export async function assertStageEmpty(tx: DbOrTx, stageId: number) {
  const [row] = await tx
    .select({ total: sql<number>`COUNT(*)`, deleted: sql<number>`COALESCE(SUM(${leads.deletedAt} IS NOT NULL), 0)` })
    .from(leads)
    .where(eq(leads.stageId, stageId))
  const total = Number(row?.total ?? 0)
  if (!total) return
  const deleted = Number(row?.deleted ?? 0)
  const message = `Tahap ini masih berisi ${total} prospek${deleted ? ` (${deleted} di antaranya di tempat sampah)` : ''}. Pindahkan prospeknya ke tahap lain dulu.`
  throw createError({ statusCode: 409, statusMessage: 'Conflict', message, data: { leads: total, fieldErrors: { active: [message] } } })
}
