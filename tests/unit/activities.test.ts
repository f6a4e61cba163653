import { describe, expect, it } from 'vitest'
import { activityCreateSchema, activityUpdateSchema } from '#shared/schemas/activities'
import { fromJakartaLocal, jakartaDate, quickPick, toJakartaLocal } from '#shared/utils/jakarta'

describe('Jakarta wall-clock helpers', () => {
  it('turn instants into datetime-local values in WIB and back', () => {
    expect(toJakartaLocal('2026-11-25T17:30:00Z')).toBe('2026-11-26T00:30')
    expect(fromJakartaLocal('2026-11-26T00:30')).toBe('2026-11-26T00:30:00+07:00')
    expect(new Date(fromJakartaLocal('2026-11-26T00:30')!).toISOString()).toBe('2026-11-25T17:30:00.000Z')
    expect(toJakartaLocal(null)).toBe('')
    expect(fromJakartaLocal('')).toBeNull()
    expect(jakartaDate(new Date('2026-11-25T16:59:59Z'))).toBe('2026-11-25')
    expect(jakartaDate(new Date('2026-11-25T17:00:00Z'))).toBe('2026-11-26')
  })

  it('quick picks land on 09:00 WIB: tomorrow, in three days, next Monday, by the Jakarta date', () => {
    // Wednesday 25 Nov 2026, 23:30 WIB = 16:30 UTC.
    const wed = new Date('2026-11-25T16:30:00Z')
    expect(quickPick('tomorrow', wed)).toBe('2026-11-26T09:00:00+07:00')
    expect(quickPick('in3days', wed)).toBe('2026-11-28T09:00:00+07:00')
    expect(quickPick('nextWeek', wed)).toBe('2026-11-30T09:00:00+07:00')
    // 00:30 WIB Thursday is still 17:30 UTC Wednesday: "tomorrow" is Friday in Jakarta.
    expect(quickPick('tomorrow', new Date('2026-11-25T17:30:00Z'))).toBe('2026-11-27T09:00:00+07:00')
    // On a Monday, next week is the Monday after.
    expect(quickPick('nextWeek', new Date('2026-11-30T03:00:00Z'))).toBe('2026-12-07T09:00:00+07:00')
  })
})

describe('activity schema', () => {
  const past = '2026-01-05T10:00:00+07:00'
  it('needs an outcome for a call, chat or meeting but not for a note', () => {
    expect(activityCreateSchema.safeParse({ type: 'note' }).success).toBe(true)
    const call = activityCreateSchema.safeParse({ type: 'call' })
    expect(call.success).toBe(false)
    expect(call.error!.issues[0]!.path).toEqual(['outcome'])
    expect(activityCreateSchema.safeParse({ type: 'meeting', outcome: 'interested' }).success).toBe(true)
  })

  it('needs a due time for a next action, after the activity, with an offset', () => {
    const paths = (input: unknown) => activityCreateSchema.safeParse(input).error?.issues.map(i => i.path.join('.'))
    expect(paths({ type: 'note', nextAction: 'Telepon lagi' })).toEqual(['nextDueAt'])
    expect(paths({ type: 'note', happenedAt: past, nextDueAt: '2026-01-05T09:00:00+07:00' })).toEqual(['nextDueAt'])
    expect(paths({ type: 'note', nextDueAt: '2030-01-05T09:00:00' })).toEqual(['nextDueAt'])
    expect(paths({ type: 'note', happenedAt: past, nextAction: 'Kirim brosur', nextDueAt: '2026-01-06T09:00:00+07:00' })).toBeUndefined()
  })

  it('checks a partial edit only on what it carries', () => {
    expect(activityUpdateSchema.safeParse({ notes: 'x' }).success).toBe(true)
    expect(activityUpdateSchema.safeParse({ nextDueAt: '2026-01-06T09:00:00+07:00' }).success).toBe(true)
    expect(activityUpdateSchema.safeParse({}).success).toBe(false)
    expect(activityUpdateSchema.safeParse({ type: 'call', outcome: null }).success).toBe(false)
  })
})
