import { eq } from 'drizzle-orm'
import { ASSIGNMENT_DEFAULTS, assignmentSettingsSchema, type AssignmentSettings, type AssignmentSettingsUpdate } from '../../../shared/schemas/assignment'
import { appSettings } from '../../db/schema'
import type { DbOrTx } from '../../utils/db'
import type { RequestMeta } from '../../utils/request'
import { audit } from '../audit'
import type { SessionUser } from '../auth/sessions'

export const ASSIGNMENT_KEY = 'assignment'

/** The stored settings over the defaults; a malformed stored value reads as the defaults. */
export async function getAssignmentSettings(db: DbOrTx): Promise<AssignmentSettings> {
  const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, ASSIGNMENT_KEY))
  const parsed = assignmentSettingsSchema.partial().safeParse(row?.value ?? {})
  return { ...ASSIGNMENT_DEFAULTS, ...(parsed.success ? parsed.data : {}) }
}

export async function updateAssignmentSettings(db: DbOrTx, user: SessionUser, input: AssignmentSettingsUpdate, meta: RequestMeta): Promise<AssignmentSettings> {
  return db.transaction(async (tx) => {
    const before = await getAssignmentSettings(tx)
    const after: AssignmentSettings = { ...before, ...input }
    const now = new Date()
    await tx.insert(appSettings).values({ key: ASSIGNMENT_KEY, value: after, updatedBy: user.id, updatedAt: now })
      .onDuplicateKeyUpdate({ set: { value: after, updatedBy: user.id, updatedAt: now } })
    await audit(tx, user, meta, { action: 'update', entity: 'setting', entityId: ASSIGNMENT_KEY, before: { ...before }, after: { ...after } })
    return after
  })
}
