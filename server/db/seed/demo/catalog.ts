/** What the generator needs from the reference tables: stages, channels, programs, staff, ad campaigns. */
import { asc, eq } from 'drizzle-orm'
import type { Role } from '../../../../shared/enums/roles'
import type { SourceType } from '../../../../shared/enums/catalog'
import type { Database } from '../../client'
import { channels, pipelineStages, programs, users } from '../../schema'
import { Rng, Weighted } from './random'
import { CAMPAIGN_KINDS, CAMPAIGN_THEMES, MONTHS_ID } from './texts'

export interface ChannelInfo { id: number, code: string, name: string, sourceType: SourceType, platform: string | null }
export interface ProgramInfo { id: number, code: string, name: string, level: string, price: number }
export interface StaffUser { id: number, name: string, role: Role, capacity: number }
export interface StageSet { open: number[], won: number, lost: number }
export type CampaignLevel = typeof CAMPAIGN_THEMES[number]['level']
export interface Campaign { name: string, level: CampaignLevel, weight: number }

/** Share of all leads by channel code; channels the list does not know get a share by source type. */
const CHANNEL_SHARE: Record<string, number> = {
  tiktok_ads: 24, instagram_ads: 17, meta_ads: 13, organic_social: 9, website: 6, whatsapp: 10, referral: 9, school_event: 7, walk_in: 5, other: 1,
}
const SOURCE_SHARE: Record<SourceType, number> = { ads: 12, organic: 6, referral: 8, event: 5, other: 4 }

export interface Catalog {
  stages: StageSet
  channels: Weighted<ChannelInfo>
  adsChannels: ChannelInfo[]
  programs: ProgramPicker
  programList: ProgramInfo[]
  staff: StaffUser[]
  assignees: Weighted<StaffUser> | null
  managers: StaffUser[]
  everyone: StaffUser[]
}

export async function loadCatalog(db: Database): Promise<Catalog> {
  const stageRows = await db.select().from(pipelineStages).where(eq(pipelineStages.active, true)).orderBy(asc(pipelineStages.position))
  const open = stageRows.filter(s => s.kind === 'open').map(s => s.id)
  const won = stageRows.find(s => s.kind === 'won')?.id
  const lost = stageRows.find(s => s.kind === 'lost')?.id
  if (!open.length || won === undefined || lost === undefined)
    throw new Error('demo data: the pipeline needs at least one open, one won and one lost stage (run the base seed first)')

  const channelRows: ChannelInfo[] = (await db.select().from(channels).where(eq(channels.active, true)).orderBy(asc(channels.sortOrder)))
    .map(c => ({ id: c.id, code: c.code, name: c.name, sourceType: c.sourceType, platform: c.platform }))
  if (!channelRows.length) throw new Error('demo data: no active channels (run the base seed first)')

  const programList: ProgramInfo[] = (await db.select().from(programs).where(eq(programs.active, true)).orderBy(asc(programs.id)))
    .map(p => ({ id: p.id, code: p.code, name: p.name, level: p.level, price: p.price }))

  const everyone: StaffUser[] = (await db.select().from(users).where(eq(users.active, true)).orderBy(asc(users.id)))
    .map(u => ({ id: u.id, name: u.name, role: u.role, capacity: u.capacity }))
  const staff = everyone.filter(u => u.role === 'admin' || u.role === 'sales')

  return {
    stages: { open, won, lost },
    channels: new Weighted(channelRows, channelRows.map(c => CHANNEL_SHARE[c.code] ?? SOURCE_SHARE[c.sourceType])),
    adsChannels: channelRows.filter(c => c.sourceType === 'ads'),
    programs: new ProgramPicker(programList),
    programList,
    staff,
    assignees: staff.length ? new Weighted(staff, staff.map(u => Math.max(1, u.capacity))) : null,
    managers: everyone.filter(u => u.role === 'manager' || u.role === 'owner'),
    everyone,
  }
}

/** Picks a program that fits the student's grade: UTBK for grade 12 and alumni, ANBK for grade 9 ... */
export class ProgramPicker {
  private readonly groups: Record<'sd' | 'smp' | 'anbk' | 'sma' | 'utbk' | 'all', ProgramInfo[]> = { sd: [], smp: [], anbk: [], sma: [], utbk: [], all: [] }

  constructor(private readonly list: ProgramInfo[]) {
    for (const p of list) {
      const tag = `${p.code} ${p.name}`
      const level = p.level.toUpperCase()
      if (/UTBK|SNBT/i.test(tag) || level.startsWith('ALUMNI')) this.groups.utbk.push(p)
      else if (/ANBK/i.test(tag)) this.groups.anbk.push(p)
      else if (level === 'SD') this.groups.sd.push(p)
      else if (level === 'SMP') this.groups.smp.push(p)
      else if (level === 'SMA') this.groups.sma.push(p)
      else this.groups.all.push(p)
    }
  }

  pick(rng: Rng, grade: string): ProgramInfo | null {
    const n = Number(grade.replace(/\D/g, '') || 0)
    const weights: [keyof ProgramPicker['groups'], number][] = grade.startsWith('SD')
      ? [['sd', 85], ['all', 15]]
      : grade.startsWith('SMP')
        ? (n === 9 ? [['anbk', 50], ['smp', 38], ['all', 12]] : [['smp', 80], ['anbk', 5], ['all', 15]])
        : grade.startsWith('SMA')
          ? (n === 12 ? [['utbk', 75], ['sma', 15], ['all', 10]] : [['sma', 85], ['all', 15]])
          : [['utbk', 95], ['all', 5]]
    const usable = weights.filter(([g]) => this.groups[g].length)
    if (usable.length) return rng.pick(this.groups[Weighted.of(usable).pick(rng)])
    return this.list.length ? rng.pick(this.list) : null
  }
}

function hash(text: string): number {
  let h = 2166136261
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619)
  return h >>> 0
}

/** 2-4 campaigns per ads channel and Jakarta month, the same for a seed whatever order they are asked for. */
export class Campaigns {
  private readonly cache = new Map<string, Weighted<Campaign>>()
  constructor(private readonly seed: number) {}

  for(channelId: number, month: string): Weighted<Campaign> {
    const key = `${channelId}|${month}`
    let found = this.cache.get(key)
    if (!found) {
      const rng = new Rng(this.seed ^ hash(key))
      const [year, mon] = month.split('-').map(Number) as [number, number]
      const utbkYear = mon >= 6 ? year + 1 : year
      const themes = Weighted.of(CAMPAIGN_THEMES.map(t => [t, t.weight] as const))
      const list: Campaign[] = []
      const count = rng.int(2, 4)
      for (let tries = 0; list.length < count && tries < 20; tries++) {
        const theme = themes.pick(rng)
        const name = `${theme.tag.replace('{Y}', String(utbkYear))}_${rng.pick(CAMPAIGN_KINDS)}_${MONTHS_ID[mon - 1]}`
        if (!list.some(c => c.name === name)) list.push({ name, level: theme.level, weight: rng.float(0.5, 2) })
      }
      found = new Weighted(list, list.map(c => c.weight))
      this.cache.set(key, found)
    }
    return found
  }
}
