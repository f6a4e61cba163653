import { describe, expect, it } from 'vitest'
import { VersionedCache } from '../../server/services/dashboard/cache'
import { classifyStatement } from '../../server/db/versions'

describe('which statements bump a data version', () => {
  it('marks writes that name a table the dashboard reads, as drizzle and raw SQL spell them', () => {
    for (const sql of [
      'insert into `leads` (`student_name`, `stage_id`) values (?, ?)',
      'update `leads` set `stage_id` = ? where `leads`.`id` = ?',
      'delete from `enrollments` where `enrollments`.`id` = ?',
      'INSERT INTO `lead_stage_history` (`lead_id`) VALUES ?',
      '  /* bulk */ UPDATE targets SET revenue = 1',
      'replace into `programs` values (?)',
      'TRUNCATE TABLE `leads`',
      'insert into `users` (`name`) values (?) on duplicate key update `name` = values(`name`)',
      { sql: 'update `pipeline_stages` set `position` = ?' },
      'update `channels` set `name` = ?',
      // Writes elsewhere that merely read a watched table: a cache miss at worst, never a stale answer.
      'INSERT INTO reminders (kind, subject_id) SELECT \'follow_up\', id FROM leads',
    ]) expect(classifyStatement(sql), JSON.stringify(sql)).toMatchObject({ kind: 'write', versions: expect.arrayContaining(['dashboard']) })
  })

  it('lets the day\'s follow-up bookkeeping and sign-ins leave the month figures alone, and only them', () => {
    const versions = (sql: string) => {
      const c = classifyStatement(sql)
      return c.kind === 'write' ? c.versions : []
    }
    // An activity logged or a follow-up moved: only the overdue counts can change.
    expect(versions('update `leads` set `last_activity_at` = ?, `next_follow_up_at` = ?, `follow_up_status` = ?, `updated_at` = ? where `leads`.`id` = ?')).toEqual(['followups'])
    // A form sent again: nothing the dashboard shows.
    expect(versions('update `leads` set `updated_at` = ?, `last_activity_at` = ? where `leads`.`id` = ?')).toEqual([])
    expect(versions('update `users` set `last_login_at` = ? where `users`.`id` = ?')).toEqual([])
    // Anything more, or anything it cannot read for sure, counts.
    expect(versions('update `leads` set `stage_id` = ?, `updated_at` = ? where `leads`.`id` = ?')).toEqual(['dashboard', 'followups'])
    expect(versions('update `leads` set `assigned_to` = ? where `leads`.`id` in (?, ?)')).toEqual(['dashboard', 'followups'])
    expect(versions('update `users` set `name` = ?, `updated_at` = ? where `users`.`id` = ?')).toEqual(['dashboard'])
    expect(versions('update `leads` set `next_follow_up_at` = coalesce(?, `next_follow_up_at`) where `id` = ?')).toEqual(['dashboard', 'followups'])
    expect(versions('update `leads` set `next_follow_up_at` = ? where `id` in (select `lead_id` from `enrollments`)')).toEqual(['dashboard', 'followups'])
    expect(versions('update `leads` l join `users` u on u.id = l.assigned_to set l.updated_at = ?')).toEqual(['dashboard', 'followups'])
    expect(versions('update `pipeline_stages` set `name` = ? where `id` = ?')).toEqual(['dashboard', 'followups'])
  })

  it('leaves reads, other tables and names that only look alike alone', () => {
    for (const sql of [
      'select count(*) from `leads` where `deleted_at` is null',
      'select * from `leads` for update',
      'insert into `audit_logs` (`entity`) values (?)',
      'update `sessions` set `last_seen_at` = ? where `id` = ?',
      'insert into `outbox` (`kind`) values (?)',
      'update `activities` set `lead_ids` = ?',
      'insert into `ad_spend` (`platform_leads`) values (?)',
      'delete from `user_preferences` where `user_id` = ?',
    ]) expect(classifyStatement(sql), sql).toEqual({ kind: 'other' })
  })

  it('sees the transaction boundaries drizzle sends, and keeps a savepoint rollback inside the transaction', () => {
    expect(classifyStatement({ sql: 'begin' })).toEqual({ kind: 'begin' })
    expect(classifyStatement('START TRANSACTION')).toEqual({ kind: 'begin' })
    expect(classifyStatement({ sql: 'commit' })).toEqual({ kind: 'commit' })
    expect(classifyStatement('rollback')).toEqual({ kind: 'rollback' })
    expect(classifyStatement('rollback to savepoint sp1')).toEqual({ kind: 'other' })
  })
})

describe('VersionedCache', () => {
  it('reuses an answer only under the version it was computed under, and shares a computation in flight', async () => {
    const cache = new VersionedCache<number>(10)
    let runs = 0
    const compute = async () => ++runs
    const [a, b] = await Promise.all([cache.get('k', 1, compute), cache.get('k', 1, compute)])
    expect([a, b, runs]).toEqual([1, 1, 1])
    expect(await cache.get('k', 2, compute)).toBe(2)
    // A request that read an older version computes its own answer and keeps the newer one in place.
    expect(await cache.get('k', 1, compute)).toBe(3)
    expect(await cache.get('k', 2, compute)).toBe(2)
    // No version yet: never kept.
    expect(await cache.get('k', null, compute)).toBe(4)
    expect(await cache.get('k', null, compute)).toBe(5)
  })

  it('forgets a failed computation and drops the least recently used entry when full', async () => {
    const cache = new VersionedCache<string>(2)
    await expect(cache.get('x', 1, () => Promise.reject(new Error('db down')))).rejects.toThrow('db down')
    expect(await cache.get('x', 1, async () => 'ok')).toBe('ok')
    await cache.get('y', 1, async () => 'y')
    await cache.get('x', 1, async () => 'x again')
    await cache.get('z', 1, async () => 'z')
    expect(await cache.get('x', 1, async () => 'recomputed')).toBe('ok')
    expect(await cache.get('y', 1, async () => 'recomputed')).toBe('recomputed')
  })
})
