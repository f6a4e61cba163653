import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { call, login } from '../support/http'
import { close, launch, newPage, signIn } from './browser'

/**
 * The whole reminder path in the browser: the test server runs the scheduler every second, so a
 * to-do whose remind time comes raises the bell without a reload and sends its e-mail.
 */
beforeAll(launch)
afterAll(close)

const stamp = Date.now().toString(36)
const sinkSubjects = async (): Promise<string[]> => ((await (await fetch(`${inject('mailSinkURL')}/messages`)).json()) as { subject: string }[]).map(m => m.subject)

describe('reminders', () => {
  it('a due to-do raises the bell count without a reload and arrives by e-mail', async () => {
    const owner = await login('owner@demo.test')
    const email = `remind-e2e-${stamp}@demo.test`
    const created = await call('POST', '/api/users', { token: owner, body: { name: 'Pengingat Uji', email, role: 'sales', password: 'rahasia123' } })
    expect(created.status).toBe(201)
    const token = await login(email, 'rahasia123')

    const page = await newPage()
    await signIn(page, email, 'rahasia123')
    await page.waitForSelector('[data-testid="notifications-button"][data-live="live"]')
    expect(await page.getByTestId('notifications-count').count()).toBe(0)

    const title = `Telepon balik orang tua ${stamp}`
    const due = new Date(Date.now() + 4000)
    const todo = await call('POST', '/api/todos', { token, body: { title, priority: 3, dueAt: due.toISOString().replace('Z', '+00:00') } })
    expect(todo.status).toBe(201)
    // Not before its time...
    await new Promise(r => setTimeout(r, 1500))
    expect(await page.getByTestId('notifications-count').count()).toBe(0)
    // ...and then at once, without a reload.
    await expect.poll(() => page.getByTestId('notifications-count').textContent(), { timeout: 15_000 }).toBe('1')
    await page.getByTestId('notifications-button').click()
    await page.getByTestId('notifications-latest').getByText(`Pengingat tugas: ${title}`).waitFor()
    await expect.poll(sinkSubjects, { timeout: 15_000 }).toContain(`Pengingat tugas: ${title}`)
  })
})
