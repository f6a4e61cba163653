import { createError } from 'h3'
import { eq, sql } from 'drizzle-orm'
import type { ShareableReport } from '../../../shared/enums/reports'
import type { ShareLinkClosedReason, SharedReport } from '../../../shared/types/share-links'
import { shareLinks, shareLinkViews, users } from '../../db/schema'
import type { Database } from '../../utils/db'
import type { RequestMeta } from '../../utils/request'
import { notFound } from '../../utils/validation'
import { shareLinkState } from './manage'
import { renderShareable } from './render'
import { hashShareToken } from './tokens'

const closed = (reason: ShareLinkClosedReason) => createError({
  statusCode: 410,
  statusMessage: 'Gone',
  message: reason === 'expired' ? 'Tautan ini sudah kedaluwarsa.' : 'Tautan ini sudah dicabut.',
  data: { reason },
})

/**
 * Open a shared link without a session: the report as its creator sees it today (their scope, their role's money
 * rule), the view counted and logged. Unknown token: 404; expired or revoked (or its creator deactivated): 410
 * with the reason. Reports carry aggregates only, never a lead's name or number.
 */
export async function openSharedReport(db: Database, token: string, meta: RequestMeta, now = new Date()): Promise<SharedReport> {
  const [row] = await db.select({ link: shareLinks, creator: { id: users.id, role: users.role, name: users.name, active: users.active } })
    .from(shareLinks).innerJoin(users, eq(users.id, shareLinks.createdBy))
    .where(eq(shareLinks.tokenHash, hashShareToken(token)))
  if (!row) throw notFound('Tautan tidak ditemukan.')
  const state = shareLinkState(row.link, now)
  if (state !== 'active') throw closed(state)
  if (!row.creator.active) throw closed('revoked')

  const report = row.link.report as ShareableReport
  const response = await renderShareable(db, report, row.creator, row.link.params, now)
  await db.transaction(async (tx) => {
    await tx.update(shareLinks).set({ views: sql`${shareLinks.views} + 1`, lastViewedAt: now }).where(eq(shareLinks.id, row.link.id))
    await tx.insert(shareLinkViews).values({ linkId: row.link.id, viewedAt: now, ip: meta.ip, userAgent: meta.userAgent })
  })
  return { report, response, sharedBy: row.creator.name, expiresAt: row.link.expiresAt.toISOString() }
}
