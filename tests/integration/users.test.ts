import { and, desc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLogs, users } from '../../server/db/schema'
import { testDb } from '../support/db'
import { call, login } from '../support/http'

const { db, pool } = testDb()
afterAll(() => pool.end())

let owner: string
let manager: string
let admin: string
let sales: string
beforeAll(async () => {
  owner = await login('owner@demo.test')
  manager = await login('manager@demo.test')
  admin = await login('admin@demo.test')
  sales = await login('sales@demo.test')
})

let seq = 0
const newUser = (role: string, extra: Record<string, unknown> = {}) => ({ name: `Uji ${role} ${++seq}`, email: `uji-${role}-${seq}-${Date.now()}@demo.test`, role, password: 'rahasia123', ...extra })

async function lastAudit(entityId: number) {
  const [row] = await db.select().from(auditLogs).where(and(eq(auditLogs.entity, 'user'), eq(auditLogs.entityId, String(entityId)))).orderBy(desc(auditLogs.id)).limit(1)
  return row
}

describe('who may see and manage users', () => {
  it('Admin and Sales/CS get 403 on /api/users', async () => {
    expect((await call('GET', '/api/users', { token: admin })).status).toBe(403)
    expect((await call('GET', '/api/users', { token: sales })).status).toBe(403)
    expect((await call('POST', '/api/users', { token: sales, body: newUser('sales') })).status).toBe(403)
  })

  it('Owner lists everyone without password hashes, filtered by role and text', async () => {
    const res = await call('GET', '/api/users?role=admin', { token: owner })
    expect(res.status).toBe(200)
    expect(res.body.length).toBeGreaterThanOrEqual(3)
    expect(res.body.every((u: any) => u.role === 'admin' && !('passwordHash' in u))).toBe(true)
    const q = await call('GET', '/api/users?q=Budi', { token: owner })
    expect(q.body.map((u: any) => u.email)).toEqual(['sales@demo.test'])
  })

  it('Manager may create Admin and Sales/CS, not Manager or Owner', async () => {
    expect((await call('POST', '/api/users', { token: manager, body: newUser('sales') })).status).toBe(201)
    expect((await call('POST', '/api/users', { token: manager, body: newUser('admin') })).status).toBe(201)
    expect((await call('POST', '/api/users', { token: manager, body: newUser('manager') })).status).toBe(403)
    expect((await call('POST', '/api/users', { token: manager, body: newUser('owner') })).status).toBe(403)
  })

  it('Manager may not edit the Owner nor promote someone to Manager', async () => {
    const [ownerRow] = await db.select().from(users).where(eq(users.email, 'owner@demo.test'))
    expect((await call('PATCH', `/api/users/${ownerRow!.id}`, { token: manager, body: { name: 'Hacked' } })).status).toBe(403)
    const created = await call('POST', '/api/users', { token: manager, body: newUser('sales') })
    expect((await call('PATCH', `/api/users/${created.body.id}`, { token: manager, body: { role: 'manager' } })).status).toBe(403)
    const [after] = await db.select().from(users).where(eq(users.id, ownerRow!.id))
    expect(after!.name).toBe(ownerRow!.name)
  })
})

describe('create, edit, change role, deactivate, reactivate, reset password', () => {
  it('creates with argon2id, a normalised phone and an audit entry without secrets', async () => {
    const body = newUser('sales', { phone: '0812-3456-7890', capacity: 120 })
    const res = await call('POST', '/api/users', { token: owner, body })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ email: body.email, role: 'sales', phone: '+6281234567890', capacity: 120, active: true })
    const [row] = await db.select().from(users).where(eq(users.id, res.body.id))
    expect(row!.passwordHash.startsWith('$argon2id$')).toBe(true)
    const entry = await lastAudit(res.body.id)
    expect(entry).toMatchObject({ action: 'create', entity: 'user' })
    const text = JSON.stringify(entry)
    expect(text).not.toContain('argon2')
    expect(text).not.toContain('81234567890')
    expect(text).toContain('•••7890')
    // The new account can sign in.
    expect(await login(body.email, 'rahasia123')).toBeTruthy()
  })

  it('rejects bad input with field errors and writes nothing', async () => {
    const before = await db.$count(users)
    const res = await call('POST', '/api/users', { token: owner, body: { name: 'X', email: 'bad', role: 'ceo', password: '123', phone: '12ab' } })
    expect(res.status).toBe(400)
    expect(Object.keys(res.body.data.fieldErrors).sort()).toEqual(['email', 'name', 'password', 'phone', 'role'])
    expect(await db.$count(users)).toBe(before)
  })

  it('refuses a duplicate e-mail with 409 and a field error', async () => {
    const res = await call('POST', '/api/users', { token: owner, body: newUser('sales', { email: 'admin@demo.test' }) })
    expect(res.status).toBe(409)
    expect(res.body.data.fieldErrors.email).toBeDefined()
  })

  it('404 for a user that does not exist', async () => {
    expect((await call('PATCH', '/api/users/999999', { token: owner, body: { name: 'Nobody' } })).status).toBe(404)
    expect((await call('GET', '/api/users/abc', { token: owner })).status).toBe(400)
  })

  it('a role change takes effect on the next request', async () => {
    const body = newUser('sales')
    const { body: created } = await call('POST', '/api/users', { token: owner, body })
    const token = await login(body.email, body.password)
    expect((await call('GET', '/api/users', { token })).status).toBe(403)
    const res = await call('PATCH', `/api/users/${created.id}`, { token: owner, body: { role: 'manager' } })
    expect(res.status).toBe(200)
    expect((await call('GET', '/api/users', { token })).status).toBe(200)
    expect((await call('GET', '/api/auth/session', { token })).body.role).toBe('manager')
    expect((await lastAudit(created.id))).toMatchObject({ action: 'change_role', before: { role: 'sales' }, after: { role: 'manager' } })
  })

  it('deactivation ends the sessions at once and blocks sign-in; reactivation restores it', async () => {
    const body = newUser('admin')
    const { body: created } = await call('POST', '/api/users', { token: manager, body })
    const token = await login(body.email, body.password)
    expect((await call('PATCH', `/api/users/${created.id}`, { token: manager, body: { active: false } })).status).toBe(200)
    expect((await call('GET', '/api/auth/session', { token })).status).toBe(401)
    expect((await call('POST', '/api/auth/login', { body: { email: body.email, password: body.password }, headers: { 'x-forwarded-for': '10.200.0.1' } })).status).toBe(401)
    expect((await lastAudit(created.id))!.action).toBe('deactivate')
    expect((await call('PATCH', `/api/users/${created.id}`, { token: manager, body: { active: true } })).status).toBe(200)
    expect((await lastAudit(created.id))!.action).toBe('reactivate')
    expect(await login(body.email, body.password)).toBeTruthy()
  })

  it('nobody deactivates or demotes themselves', async () => {
    const [me] = await db.select().from(users).where(eq(users.email, 'owner@demo.test'))
    const res = await call('PATCH', `/api/users/${me!.id}`, { token: owner, body: { active: false } })
    expect(res.status).toBe(400)
    expect(res.body.data.fieldErrors.active).toBeDefined()
    expect((await call('PATCH', `/api/users/${me!.id}`, { token: owner, body: { role: 'sales' } })).status).toBe(400)
  })

  it('a password reset ends the old sessions; the new password works, the old does not', async () => {
    const body = newUser('sales')
    const { body: created } = await call('POST', '/api/users', { token: owner, body })
    const token = await login(body.email, body.password)
    const bad = await call('POST', `/api/users/${created.id}/password`, { token: owner, body: { password: 'short' } })
    expect(bad.status).toBe(400)
    expect((await call('POST', `/api/users/${created.id}/password`, { token: owner, body: { password: 'baru-rahasia-1' } })).status).toBe(200)
    expect((await call('GET', '/api/auth/session', { token })).status).toBe(401)
    expect((await call('POST', '/api/auth/login', { body: { email: body.email, password: body.password }, headers: { 'x-forwarded-for': '10.201.0.1' } })).status).toBe(401)
    expect(await login(body.email, 'baru-rahasia-1')).toBeTruthy()
    expect((await lastAudit(created.id))!.action).toBe('reset_password')
  })
})

describe('own profile', () => {
  it('changes name and language, and the password with the current one', async () => {
    const body = newUser('sales')
    await call('POST', '/api/users', { token: owner, body })
    const token = await login(body.email, body.password)
    const other = await login(body.email, body.password)
    const patched = await call('PATCH', '/api/me', { token, body: { name: 'Nama Baru', locale: 'en' } })
    expect(patched.body).toMatchObject({ name: 'Nama Baru', locale: 'en' })
    expect(patched.body.passwordHash).toBeUndefined()
    const wrong = await call('POST', '/api/me/password', { token, body: { currentPassword: 'salah-salah', newPassword: 'baru-rahasia-2' } })
    expect(wrong.status).toBe(400)
    expect(wrong.body.data.fieldErrors.currentPassword).toBeDefined()
    expect((await call('POST', '/api/me/password', { token, body: { currentPassword: body.password, newPassword: 'baru-rahasia-2' } })).status).toBe(200)
    // This session stays, the other one ends.
    expect((await call('GET', '/api/auth/session', { token })).status).toBe(200)
    expect((await call('GET', '/api/auth/session', { token: other })).status).toBe(401)
  })
})

describe('on leave', () => {
  it('is a flag a manager sets without deactivating anyone', async () => {
    const body = newUser('sales')
    const { body: created } = await call('POST', '/api/users', { token: manager, body })
    expect(created.onLeave).toBe(false)
    const res = await call('PATCH', `/api/users/${created.id}`, { token: manager, body: { onLeave: true } })
    expect(res.body).toMatchObject({ onLeave: true, active: true })
    expect(await login(body.email, body.password)).toBeTruthy()
  })
})
