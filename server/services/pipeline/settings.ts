import { eq } from 'drizzle-orm'
import type { PipelineSettingsInput } from '../../../shared/schemas/pipeline-move'
import type { PipelineSettings } from '../../../shared/types/board'
import { appSettings } from '../../db/schema'
import type { Database, DbOrTx } from '../../utils/db'
import type { RequestMeta } from '../../utils/request'
import { audit } from '../audit'
import type { SessionUser } from '../auth/sessions'

export const STALE_DAYS_KEY = 'pipeline.staleDays'
export const DEFAULT_STALE_DAYS = 7

/** The board's settings from app_settings; a missing or malformed value reads as the default. */
export async function getPipelineSettings(db: DbOrTx): Promise<PipelineSettings> {
  const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, STALE_DAYS_KEY)).limit(1)
  const days = Number(row?.value)
  return { staleDays: Number.isInteger(days) && days > 0 ? days : DEFAULT_STALE_DAYS }
}

export async function updatePipelineSettings(db: Database, user: SessionUser, input: PipelineSettingsInput, meta: RequestMeta): Promise<PipelineSettings> {
  return db.transaction(async (tx) => {
    const before = await getPipelineSettings(tx)
    const now = new Date()
    await tx.insert(appSettings).values({ key: STALE_DAYS_KEY, value: input.staleDays, updatedBy: user.id, updatedAt: now })
      .onDuplicateKeyUpdate({ set: { value: input.staleDays, updatedBy: user.id, updatedAt: now } })
    await audit(tx, user, meta, { action: 'update', entity: 'app_setting', entityId: STALE_DAYS_KEY, before: { ...before }, after: { ...input } })
    return { staleDays: input.staleDays }
  })
}
