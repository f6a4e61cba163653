import { sql } from 'drizzle-orm'
import type { Database } from '../client'
import { channelAliases, channels, pipelineStages, programs } from '../schema'
import { VERSIONED } from '../versions'

/** Reference data every installation needs. Upserts by code, so running it again changes nothing. */
export const BASE_STAGES = [
  { code: 'prospect', name: 'Prospek', kind: 'open', probability: 10, position: 1, color: 'neutral' },
  { code: 'follow_up', name: 'Follow-up', kind: 'open', probability: 25, position: 2, color: 'info' },
  { code: 'interested', name: 'Tertarik', kind: 'open', probability: 50, position: 3, color: 'primary' },
  { code: 'negotiation', name: 'Negosiasi', kind: 'open', probability: 75, position: 4, color: 'warning' },
  { code: 'won', name: 'Daftar (Won)', kind: 'won', probability: 100, position: 5, color: 'success' },
  { code: 'lost', name: 'Batal (Lost)', kind: 'lost', probability: 0, position: 6, color: 'error' },
] as const

export const BASE_CHANNELS = [
  { code: 'tiktok_ads', name: 'TikTok Ads', sourceType: 'ads', platform: 'tiktok', sortOrder: 1 },
  { code: 'instagram_ads', name: 'Instagram Ads', sourceType: 'ads', platform: 'instagram', sortOrder: 2 },
  { code: 'meta_ads', name: 'Meta Ads', sourceType: 'ads', platform: 'meta', sortOrder: 3 },
  { code: 'organic_social', name: 'Organik (Media Sosial)', sourceType: 'organic', platform: null, sortOrder: 4 },
  { code: 'website', name: 'Website / SEO', sourceType: 'organic', platform: null, sortOrder: 5 },
  { code: 'whatsapp', name: 'WhatsApp', sourceType: 'organic', platform: null, sortOrder: 6 },
  { code: 'referral', name: 'Referral', sourceType: 'referral', platform: null, sortOrder: 7 },
  { code: 'school_event', name: 'Event Sekolah', sourceType: 'event', platform: null, sortOrder: 8 },
  { code: 'walk_in', name: 'Walk-in', sourceType: 'other', platform: null, sortOrder: 9 },
  // Where UTM values no alias maps end up, until someone maps them.
  { code: 'other', name: 'Lainnya', sourceType: 'other', platform: null, sortOrder: 99 },
] as const

/** Raw UTM values seen in the wild, mapped onto the channels above. */
export const BASE_ALIASES: { channel: typeof BASE_CHANNELS[number]['code'], field: 'source' | 'medium' | 'campaign', value: string }[] = [
  { channel: 'tiktok_ads', field: 'source', value: 'tiktok' },
  { channel: 'tiktok_ads', field: 'source', value: 'tiktok_ads' },
  { channel: 'tiktok_ads', field: 'source', value: 'tt' },
  { channel: 'instagram_ads', field: 'source', value: 'instagram' },
  { channel: 'instagram_ads', field: 'source', value: 'ig' },
  { channel: 'meta_ads', field: 'source', value: 'facebook' },
  { channel: 'meta_ads', field: 'source', value: 'fb' },
  { channel: 'meta_ads', field: 'source', value: 'meta' },
  { channel: 'website', field: 'source', value: 'google' },
  { channel: 'website', field: 'medium', value: 'organic' },
  { channel: 'whatsapp', field: 'source', value: 'whatsapp' },
  { channel: 'whatsapp', field: 'source', value: 'wa' },
  { channel: 'referral', field: 'medium', value: 'referral' },
  { channel: 'school_event', field: 'medium', value: 'event' },
]

export const BASE_PROGRAMS = [
  { code: 'SD-REG', name: 'Reguler SD (Kelas 4–6)', level: 'SD', price: 2_400_000, durationMonths: 6 },
  { code: 'SMP-REG', name: 'Reguler SMP', level: 'SMP', price: 3_600_000, durationMonths: 6 },
  { code: 'SMP-ANBK', name: 'Persiapan ANBK & Ujian SMP', level: 'SMP', price: 2_750_000, durationMonths: 3 },
  { code: 'SMA-REG', name: 'Reguler SMA', level: 'SMA', price: 4_800_000, durationMonths: 6 },
  { code: 'UTBK-INT', name: 'Intensif UTBK-SNBT', level: 'SMA', price: 7_500_000, durationMonths: 4 },
  { code: 'PRIVAT', name: 'Les Privat (12 sesi)', level: 'Semua', price: 3_000_000, durationMonths: 2 },
] as const

export async function seedBase(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    // Data versions start from the clock (microseconds), as every bump does (server/db/versions.ts): a database made
    // afresh never hands out a version a running process may still hold from before.
    for (const name of Object.keys(VERSIONED))
      await tx.execute(sql`INSERT IGNORE INTO data_versions (name, version) VALUES (${name}, FLOOR(UNIX_TIMESTAMP(NOW(6)) * 1000000))`)
    await tx.insert(pipelineStages).values(BASE_STAGES.map(s => ({ ...s })))
      .onDuplicateKeyUpdate({ set: { code: sql`code` } })
    await tx.insert(channels).values(BASE_CHANNELS.map(c => ({ ...c })))
      .onDuplicateKeyUpdate({ set: { code: sql`code` } })
    await tx.insert(programs).values(BASE_PROGRAMS.map(p => ({ ...p })))
      .onDuplicateKeyUpdate({ set: { code: sql`code` } })
    const rows = await tx.select({ id: channels.id, code: channels.code }).from(channels)
    const byCode = new Map(rows.map(r => [r.code, r.id]))
    await tx.insert(channelAliases)
      .values(BASE_ALIASES.map(a => ({ channelId: byCode.get(a.channel)!, field: a.field, value: a.value })))
      .onDuplicateKeyUpdate({ set: { value: sql`value` } })
  })
}
