import { describe, expect, it } from 'vitest'
import { ROLES } from '#shared/enums/roles'
import { PERMISSIONS, ROLE_PERMISSIONS, can, canManageRole, canSeeMoney, leadScopeIsOwn } from '#shared/utils/permissions'

describe('permission matrix', () => {
  it('gives the Owner everything', () => {
    for (const p of PERMISSIONS) expect(can('owner', p)).toBe(true)
  })

  it('keeps user management to Owner and Manager', () => {
    expect(ROLES.filter(r => can(r, 'users:manage'))).toEqual(['owner', 'manager'])
    expect(ROLES.filter(r => can(r, 'settings:manage'))).toEqual(['owner'])
  })

  it('lets every role work its leads', () => {
    for (const r of ROLES) expect(can(r, 'leads:update')).toBe(true)
    expect(can('sales', 'leads:delete')).toBe(false)
  })

  it('opens reports (their own figures) and shared links to every role; money never to Admin', () => {
    for (const r of ROLES) expect(can(r, 'reports:view') && can(r, 'reports:share')).toBe(true)
    expect(ROLES.filter(r => canSeeMoney(r))).toEqual(['owner', 'manager', 'sales'])
  })

  it('keeps targets and ad spend to Owner and Manager; cancelling an enrolment to Admin and up', () => {
    expect(ROLES.filter(r => can(r, 'targets:manage'))).toEqual(['owner', 'manager'])
    expect(ROLES.filter(r => can(r, 'adspend:manage'))).toEqual(['owner', 'manager'])
    expect(ROLES.filter(r => can(r, 'enrollments:cancel'))).toEqual(['owner', 'manager', 'admin'])
  })

  it('denies without a role', () => {
    expect(can(undefined, 'dashboard:view')).toBe(false)
  })

  it('has no unknown permissions', () => {
    for (const r of ROLES) for (const p of ROLE_PERMISSIONS[r]) expect(PERMISSIONS).toContain(p)
  })

  it('lets Managers manage only Admin and Sales/CS', () => {
    expect(ROLES.filter(r => canManageRole('manager', r))).toEqual(['admin', 'sales'])
    expect(ROLES.filter(r => canManageRole('owner', r))).toEqual([...ROLES])
    expect(ROLES.filter(r => canManageRole('admin', r))).toEqual([])
  })

  it('scopes Sales/CS to their own leads', () => {
    expect(ROLES.filter(leadScopeIsOwn)).toEqual(['sales'])
  })
})
