import { describe, expect, it } from 'vitest'
import { codeFromName } from '../../server/utils/code'

describe('codeFromName', () => {
  it('turns a display name into a stable code', () => {
    expect(codeFromName('Survei Lokasi', [])).toBe('survei_lokasi')
    expect(codeFromName('  Event Sekolah (SMA) ', [])).toBe('event_sekolah_sma')
    expect(codeFromName('Café Édukasi', [])).toBe('cafe_edukasi')
  })

  it('adds a suffix while the code is taken, within the length limit', () => {
    expect(codeFromName('Referral', ['referral'])).toBe('referral_2')
    expect(codeFromName('Referral', ['referral', 'referral_2'])).toBe('referral_3')
    const long = 'x'.repeat(60)
    const code = codeFromName(long, ['x'.repeat(40)])
    expect(code).toBe(`${'x'.repeat(38)}_2`)
  })

  it('never answers an empty code', () => {
    expect(codeFromName('!!!', [])).toBe('item')
  })
})
