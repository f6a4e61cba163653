/** A prospective student: names, school, grade, WhatsApp number and e-mail, drawn from the word lists. */
import {
  CHAINS_SD, CHAINS_SMA, CHAINS_SMP, CITIES, EMAIL_DOMAINS, MODERN_FEMALE, MODERN_MALE, MODERN_MIDDLE_FEMALE,
  MODERN_MIDDLE_MALE, NAME_GROUPS, PHONE_PREFIXES, REGION_GROUPS,
} from './names'
import type { City, GroupKey, NameGroup, RegionKey } from './names'
import { Weighted } from './random'
import type { Rng } from './random'

export type Level = 'SD' | 'SMP' | 'SMA' | 'Alumni'

export interface Person {
  studentName: string
  parentName: string | null
  school: string
  city: string
  phone: string | null
  email: string | null
}

const cityPicker = new Weighted(CITIES, CITIES.map(c => c.weight))
const groupPickers = Object.fromEntries(
  (Object.keys(REGION_GROUPS) as RegionKey[]).map((region) => {
    const entries = Object.entries(REGION_GROUPS[region]) as [GroupKey, number][]
    return [region, Weighted.of(entries.map(([k, v]) => [NAME_GROUPS[k], v] as const))]
  }),
) as Record<RegionKey, Weighted<NameGroup>>
const phonePrefixes = Weighted.of(PHONE_PREFIXES)
const emailDomains = Weighted.of(EMAIL_DOMAINS)

export function levelOfGrade(grade: string): Level {
  if (grade.startsWith('SD')) return 'SD'
  if (grade.startsWith('SMP')) return 'SMP'
  if (grade.startsWith('SMA')) return 'SMA'
  return 'Alumni'
}

function pickOther(rng: Rng, list: readonly string[], not: string | null): string {
  const first = rng.pick(list)
  return first === not && list.length > 1 ? rng.pick(list.filter(x => x !== not)) : first
}

function school(rng: Rng, level: Level, city: City): string {
  const x = rng.next()
  const chains = level === 'SD' ? CHAINS_SD : level === 'SMP' ? CHAINS_SMP : CHAINS_SMA
  const prefix = level === 'SD' ? 'SD' : level === 'SMP' ? 'SMP' : 'SMA'
  const publicMax = level === 'SD' ? city.sma * 6 : level === 'SMP' ? Math.round(city.sma * 2.5) : city.sma
  if (x < 0.58) return `${prefix} Negeri ${rng.int(1, publicMax)} ${city.name}`
  if (x < 0.66) {
    if (level === 'SMA' && rng.chance(0.5)) return `SMK Negeri ${rng.int(1, Math.max(3, Math.round(city.sma / 3)))} ${city.name}`
    const islamic = level === 'SD' ? 'MI Negeri' : level === 'SMP' ? 'MTs Negeri' : 'MAN'
    return `${islamic} ${rng.int(1, Math.max(2, Math.round(city.sma / 5)))} ${city.name}`
  }
  if (x < 0.82) {
    const chain = rng.pick(chains)
    return /Al-Azhar|Muhammadiyah/.test(chain) ? `${chain} ${rng.int(1, 12)} ${city.name}` : `${chain} ${city.name}`
  }
  return `${prefix} ${rng.pick(city.privates)}`
}

function lowerAscii(s: string): string {
  return s.toLowerCase().normalize('NFKD').replace(/[^a-z]/g, '')
}

function email(rng: Rng, name: string, birthYear: number): string {
  const parts = name.replace(/^(Bapak|Ibu|Pak|Bu) /, '').split(' ').map(lowerAscii).filter(Boolean)
  const first = parts[0] ?? 'siswa'
  const last = parts.length > 1 ? parts[parts.length - 1]! : ''
  const style = rng.int(0, 3)
  const local = style === 0
    ? `${first}.${last || birthYear}`
    : style === 1
      ? `${first}${last}${rng.int(1, 99)}`
      : style === 2
        ? `${first}${birthYear % 100}`
        : `${first}_${last || rng.digits(3)}`
  return `${local}@${emailDomains.pick(rng)}`
}

function phone(rng: Rng): string {
  return phonePrefixes.pick(rng) + rng.digits(rng.chance(0.6) ? 8 : 7)
}

export function makePerson(rng: Rng, grade: string, year: number): Person {
  const level = levelOfGrade(grade)
  const city = cityPicker.pick(rng)
  const g = groupPickers[city.region].pick(rng)
  const male = rng.chance(0.5)
  const modern = rng.chance(g.modernRate)
  const firstPool = modern ? (male ? MODERN_MALE : MODERN_FEMALE) : (male ? g.male : g.female)
  const first = rng.pick(firstPool)
  const parts = [first]
  if (rng.chance(g.family ? 0.25 : 0.4)) {
    const middlePool = g.family ? (male ? g.male : g.female) : (male ? MODERN_MIDDLE_MALE : MODERN_MIDDLE_FEMALE)
    parts.push(pickOther(rng, middlePool, first))
  }
  const family = g.family ? rng.pick(g.lastMale) : null
  const hasLast = rng.chance(g.lastRate)
  if (hasLast) {
    const last = family ?? rng.pick(male || !g.lastFemale.length ? g.lastMale : g.lastFemale)
    if (!parts.includes(last)) parts.push(g.key === 'batak' && !male && rng.chance(0.3) ? `br. ${last}` : last)
  }

  let parentName: string | null = null
  if (rng.chance(0.86)) {
    const father = rng.chance(0.55)
    let name = rng.pick(father ? g.male : g.female)
    if (father && family && rng.chance(0.85)) name += ` ${family}`
    else if (!father && g.key === 'batak' && rng.chance(0.6)) name += ` br. ${pickOther(rng, g.lastMale, family)}`
    else if (rng.chance(0.45)) name += ` ${rng.pick(father || !g.lastFemale.length ? g.lastMale : g.lastFemale)}`
    const style = rng.next()
    parentName = style < 0.6 ? `${father ? 'Bapak' : 'Ibu'} ${name}` : style < 0.7 ? `${father ? 'Pak' : 'Bu'} ${name}` : name
  }

  const studentName = parts.join(' ')
  const age = level === 'Alumni' ? 19 : 6 + Number(grade.replace(/\D/g, '') || 12)
  const mail = rng.chance(0.32) ? email(rng, parentName && rng.chance(0.45) ? parentName : studentName, year - age) : null
  return { studentName, parentName, school: school(rng, level, city), city: city.name, phone: rng.chance(0.97) ? phone(rng) : null, email: mail }
}
