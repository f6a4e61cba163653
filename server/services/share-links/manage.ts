import { and, desc, eq } from 'drizzle-orm'
import type { ShareableReport } from '../../../shared/enums/reports'
import type { ShareLinkCreateInput } from '../../../shared/schemas/reports'
import { shareLinkCreateSchema } from '../../../shared/schemas/reports'
import type { ShareLinkCreated, ShareLinkDto } from '../../../shared/types/share-links'
import { shareLinks, type ShareLink } from '../../db/schema'
import type { Database } from '../../utils/db'
import type { RequestMeta } from '../../utils/request'
import { notFound, parseInput } from '../../utils/validation'
import { audit } from '../audit'
import type { SessionUser } from '../auth/sessions'
import { normaliseShareParams } from './render'
import { newShareToken } from './tokens'

const DAY = 86_400_000

export function shareLinkState(link: Pick<ShareLink, 'revokedAt' | 'expiresAt'>, now = new Date()): ShareLinkDto['state'] {
  if (link.revokedAt) return 'revoked'
  return link.expiresAt <= now ? 'expired' : 'active'
}

export function toShareLinkDto(link: ShareLink, now = new Date()): ShareLinkDto {
  return {
    id: link.id,
    report: link.report as ShareableReport,
    params: link.params,
    createdAt: link.createdAt.toISOString(),
    expiresAt: link.expiresAt.toISOString(),
    revokedAt: link.revokedAt?.toISOString() ?? null,
    views: link.views,
    lastViewedAt: link.lastViewedAt?.toISOString() ?? null,
    state: shareLinkState(link, now),
  }
}

/**
 * Make a link to a report with its filters. The filters are checked now, as the report's page would (a 400 with
 * field errors), and kept as the report understood them, so the link shows the same period tomorrow.
 */
export async function createShareLink(
  db: Database, user: SessionUser, input: ShareLinkCreateInput, origin: string, meta: RequestMeta, now = new Date(),
): Promise<ShareLinkCreated> {
  const body = parseInput(shareLinkCreateSchema, input)
  const params = await normaliseShareParams(db, body.report, user, body.params, now)
  const { token, hash } = newShareToken()
  const expiresAt = new Date(now.getTime() + body.expiresInDays * DAY)
  const id = await db.transaction(async (tx) => {
    const [row] = await tx.insert(shareLinks).values({ tokenHash: hash, report: body.report, params, createdBy: user.id, createdAt: now, expiresAt }).$returningId()
    await audit(tx, user, meta, { action: 'share_link.create', entity: 'share_link', entityId: row!.id, after: { report: body.report, params, expiresAt } })
    return row!.id
  })
  return { id, url: `${origin}/r/${token}`, expiresAt: expiresAt.toISOString() }
}

/** The links a user made, newest first (optionally of one report). */
export async function listShareLinks(db: Database, user: SessionUser, report?: ShareableReport, now = new Date()): Promise<ShareLinkDto[]> {
  const rows = await db.select().from(shareLinks)
    .where(and(eq(shareLinks.createdBy, user.id), report ? eq(shareLinks.report, report) : undefined))
    .orderBy(desc(shareLinks.createdAt), desc(shareLinks.id)).limit(200)
  return rows.map(r => toShareLinkDto(r, now))
}

/** Revoke one of one's own links (someone else's is a 404). Revoking twice changes nothing. */
export async function revokeShareLink(db: Database, user: SessionUser, id: number, meta: RequestMeta, now = new Date()): Promise<ShareLinkDto> {
  return db.transaction(async (tx) => {
    const [link] = await tx.select().from(shareLinks).where(and(eq(shareLinks.id, id), eq(shareLinks.createdBy, user.id))).for('update')
    if (!link) throw notFound('Tautan tidak ditemukan.')
    if (link.revokedAt) return toShareLinkDto(link, now)
    await tx.update(shareLinks).set({ revokedAt: now }).where(eq(shareLinks.id, id))
    await audit(tx, user, meta, { action: 'share_link.revoke', entity: 'share_link', entityId: id, before: { revokedAt: null }, after: { revokedAt: now } })
    return toShareLinkDto({ ...link, revokedAt: now }, now)
  })
}
