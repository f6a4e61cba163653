import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest'
import { outbox } from '../../server/db/schema'
import { testDb } from '../support/db'
import { close, launch, newPage, PHONE, signIn, visit } from './browser'

beforeAll(launch)
afterAll(close)

interface SinkMessage { subject: string, to: string[] }
const sinkMessages = async (): Promise<SinkMessage[]> => (await fetch(`${inject('mailSinkURL')}/messages`)).json()

describe('Settings > Deliveries as Owner', () => {
  const { db, pool } = testDb()
  afterAll(() => pool.end())

  it('shows a failed e-mail with its error and sends it again with one click', async () => {
    const subject = `Pengingat gagal ${Date.now().toString(36)}`
    const [row] = await db.insert(outbox).values({
      channel: 'email',
      kind: 'follow_up_due',
      idempotencyKey: `e2e:${subject}`,
      recipient: 'admin@demo.test',
      payload: { to: 'admin@demo.test', subject, text: 'Halo', html: '<p>Halo</p>' },
      status: 'failed',
      attempts: 8,
      lastError: '550 5.1.1 mailbox unavailable',
      nextAttemptAt: new Date(),
    })
    const page = await newPage()
    await signIn(page, 'owner@demo.test')
    await visit(page, '/settings/deliveries')
    const table = page.getByTestId('outbox-table')
    const line = table.getByRole('row').filter({ hasText: subject })
    await expect.poll(() => line.count()).toBe(1)
    expect(await line.getByTestId('outbox-error').textContent()).toBe('550 5.1.1 mailbox unavailable')
    expect(await line.textContent()).toContain('Gagal')
    await page.screenshot({ path: 'test-results/settings-deliveries.png', fullPage: true })

    await line.getByTestId('outbox-retry-one').click()
    // The toast (Nuxt UI may also echo it in a live region for screen readers).
    await page.getByText('1 pengiriman dijadwalkan ulang').first().waitFor()
    // The scheduler of the test server picks it up and the SMTP server receives it.
    await expect.poll(async () => (await sinkMessages()).filter(m => m.subject === subject).length, { timeout: 15_000 }).toBe(1)
    await expect.poll(async () => (await db.select({ status: outbox.status }).from(outbox).where(eq(outbox.id, row.insertId)))[0]!.status, { timeout: 10_000 }).toBe('sent')

    await page.getByTestId('outbox-views').getByRole('tab', { name: /Terkirim/ }).click()
    await expect.poll(() => table.getByRole('row').filter({ hasText: subject }).count()).toBe(1)
  })

  it('is not offered to a Manager', async () => {
    const page = await newPage(PHONE)
    await signIn(page, 'manager@demo.test')
    await visit(page, '/settings')
    await page.getByTestId('settings-tabs').waitFor()
    expect(await page.getByTestId('settings-tabs').getByRole('link', { name: 'Pengiriman' }).count()).toBe(0)
    await visit(page, '/settings/deliveries')
    await page.getByText('403').first().waitFor()
  })
})
