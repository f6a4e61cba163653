import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { WorkloadItem } from '../../shared/schemas/assignment'
import { formatNumber } from '../../shared/utils/format'
import { catalogHelpers } from '../support/catalog'
import { testDb } from '../support/db'
import { call, login } from '../support/http'
import { close, launch, newPage, signIn, visit } from './browser'

const { db, pool } = testDb()
const { insertLead } = catalogHelpers(db)
beforeAll(launch)
afterAll(async () => {
  await close()
  await pool.end()
})

let manager: string
let busyId: number | undefined
beforeAll(async () => {
  manager = await login('manager@demo.test')
})
/** The user made here leaves the assignment pool (and the other tests' workload) afterwards. */
afterAll(async () => {
  if (busyId) await call('PATCH', `/api/users/${busyId}`, { token: manager, body: { active: false } })
})

/** A Sales/CS user at full capacity and on leave, so nobody's automatic assignment ever picks them. */
async function fullUserOnLeave(): Promise<number> {
  const stamp = Date.now().toString(36)
  const res = await call('POST', '/api/users', { token: manager, body: { name: `Beban Penuh ${stamp}`, email: `beban.${stamp}@sekolah.test`, role: 'sales', capacity: 1, password: 'demo12345' } })
  expect(res.status).toBe(201)
  const id = res.body.id as number
  await insertLead({ studentName: `Beban ${stamp}`, assignedTo: id })
  expect((await call('PATCH', `/api/users/${id}`, { token: manager, body: { onLeave: true } })).status).toBe(200)
  return id
}

async function shown(page: Page) {
  return page.getByTestId('workload-item').evaluateAll(els => els.map(el => ({
    id: Number(el.getAttribute('data-user-id')),
    numbers: el.querySelector('[data-testid="workload-numbers"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
    leave: !!el.querySelector('[data-testid="workload-leave"]'),
    warning: !!el.querySelector('[data-testid="workload-percent"]')?.className.includes('text-warning'),
  })))
}

const expected = (items: WorkloadItem[]) => items.map(w => ({
  id: w.id,
  numbers: `${formatNumber(w.openLeads)} / ${formatNumber(w.capacity)} · ${formatNumber(w.percent)}%`,
  leave: w.onLeave,
  warning: w.percent > 90,
}))

describe('workload on the Team page', () => {
  it('shows open leads against capacity as in GET /api/assignment/workload', async () => {
    busyId = await fullUserOnLeave()
    const page = await newPage()
    await signIn(page, 'manager@demo.test')
    await visit(page, '/team')
    await page.getByTestId('workload-item').first().waitFor()

    // Other test files add leads meanwhile: the page and the API must agree on one reading.
    let match = false
    for (let attempt = 0; attempt < 4 && !match; attempt++) {
      if (attempt) {
        await page.reload()
        await page.getByTestId('workload-item').first().waitFor()
      }
      const api = (await call<{ items: WorkloadItem[] }>('GET', '/api/assignment/workload', { token: manager })).body.items
      const ui = await shown(page)
      match = JSON.stringify(ui) === JSON.stringify(expected(api))
      if (attempt === 3) expect(ui).toEqual(expected(api))
    }
    const busy = (await shown(page)).find(w => w.id === busyId)
    expect(busy).toEqual({ id: busyId, numbers: '1 / 1 · 100%', leave: true, warning: true })
    expect(await page.getByTestId('workload').getByText('Cuti', { exact: true }).count()).toBeGreaterThan(0)
  })

  it('is not for Admin: the Team page answers 403', async () => {
    const page = await newPage()
    await signIn(page, 'admin@demo.test')
    expect((await page.goto('/team'))?.status()).toBe(403)
  })
})
