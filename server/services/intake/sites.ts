import { eq } from 'drizzle-orm'
import type { IntakeSiteCreated, IntakeSitePublic } from '../../../shared/schemas/intake'
import { appSettings } from '../../db/schema'
import { randomToken, sha256Hex } from '../../utils/crypto'
import type { DbOrTx } from '../../utils/db'
import type { RequestMeta } from '../../utils/request'
import { notFound } from '../../utils/validation'
import { audit } from '../audit'
import type { SessionUser } from '../auth/sessions'

export const SITES_KEY = 'intake.sites'

export interface IntakeSite extends IntakeSitePublic {
  /** SHA-256 (hex) of the key; the key itself is shown once and never stored. */
  keyHash: string
}

async function readSites(db: DbOrTx, lock = false): Promise<IntakeSite[]> {
  const query = db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, SITES_KEY))
  const [row] = lock ? await query.for('update') : await query
  return Array.isArray(row?.value) ? row.value as IntakeSite[] : []
}

async function writeSites(tx: DbOrTx, user: SessionUser, sites: IntakeSite[]): Promise<void> {
  const now = new Date()
  await tx.insert(appSettings).values({ key: SITES_KEY, value: sites, updatedBy: user.id, updatedAt: now })
    .onDuplicateKeyUpdate({ set: { value: sites, updatedBy: user.id, updatedAt: now } })
}

const toPublic = ({ keyHash: _, ...site }: IntakeSite): IntakeSitePublic => site

export async function listIntakeSites(db: DbOrTx): Promise<IntakeSitePublic[]> {
  return (await readSites(db)).map(toPublic)
}

/** A new site and its key, returned in clear this once. */
export async function createIntakeSite(db: DbOrTx, user: SessionUser, name: string, meta: RequestMeta): Promise<IntakeSiteCreated> {
  return db.transaction(async (tx) => {
    const sites = await readSites(tx, true)
    const key = `sk_${randomToken(24)}`
    const site: IntakeSite = { id: `site_${randomToken(6)}`, name, keyHash: sha256Hex(key), active: true, createdAt: new Date().toISOString() }
    await writeSites(tx, user, [...sites, site])
    await audit(tx, user, meta, { action: 'create', entity: 'intake_site', entityId: site.id, after: toPublic(site) as unknown as Record<string, unknown> })
    return { ...toPublic(site), key }
  })
}

/** Revoked sites stay listed (inactive), so old leads' audit entries still name them. */
export async function revokeIntakeSite(db: DbOrTx, user: SessionUser, id: string, meta: RequestMeta): Promise<IntakeSitePublic> {
  return db.transaction(async (tx) => {
    const sites = await readSites(tx, true)
    const site = sites.find(s => s.id === id)
    if (!site) throw notFound('Situs tidak ditemukan.')
    if (site.active) {
      site.active = false
      await writeSites(tx, user, sites)
      await audit(tx, user, meta, { action: 'revoke', entity: 'intake_site', entityId: id, before: { active: true }, after: { active: false } })
    }
    return toPublic(site)
  })
}

/** The active site a key belongs to, or null. */
export async function findSiteByKey(db: DbOrTx, key: string | null | undefined): Promise<IntakeSite | null> {
  if (!key || key.length > 200) return null
  const hash = sha256Hex(key)
  return (await readSites(db)).find(s => s.active && s.keyHash === hash) ?? null
}
