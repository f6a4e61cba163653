import { describe, expect, it } from 'vitest'
import { notificationText } from '../../server/services/notifications/messages'

describe('notification texts', () => {
  it('names what changed on a lead in the recipient\'s language', () => {
    const params = { leadName: 'Rahma', actorName: 'Dewi Admin', changes: ['school', 'stageId', 'utmSource', 'utmMedium'] }
    expect(notificationText('lead_changed', params, 'id')).toEqual({ title: 'Prospek diubah: Rahma', body: 'Dewi Admin mengubah sekolah, tahap, UTM.' })
    expect(notificationText('lead_changed', params, 'en')).toEqual({ title: 'Lead changed: Rahma', body: 'Dewi Admin changed the school, the stage, UTM.' })
    expect(notificationText('lead_changed', { leadName: 'Rahma', actorName: 'Dewi Admin', changes: ['activity:call'] }, 'en').body).toBe('Dewi Admin logged a call.')
    expect(notificationText('lead_changed', { leadName: 'Rahma', actorName: 'Dewi Admin', changes: ['activity:call'] }, 'id').body).toBe('Dewi Admin mencatat aktivitas baru: telepon.')
    expect(notificationText('lead_changed', { leadName: 'Rahma', changes: ['nextFollowUpAt', 'activity:note'] }, 'id').body).toBe('Seseorang mengubah jadwal tindak lanjut dan mencatat aktivitas baru: catatan.')
  })

  it('tells a due time in Jakarta time', () => {
    const dueAt = new Date('2026-12-01T02:00:00Z')
    expect(notificationText('follow_up_due', { leadName: 'Rahma', dueAt }, 'id').body).toContain('09.00')
    expect(notificationText('todo_due', { todoTitle: 'Telepon', dueAt }, 'en').title).toBe('To-do reminder: Telepon')
  })
})
