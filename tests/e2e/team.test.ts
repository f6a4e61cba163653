import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { call, login } from '../support/http'
import { close, launch, newPage, pageTitle, PHONE, signIn, submitLogin, visit } from './browser'

beforeAll(launch)
afterAll(close)

let seq = 0
/** An e-mail no other test uses, so tests do not depend on order or on earlier runs. */
const uniqueEmail = (tag: string) => `${tag}.${Date.now().toString(36)}${++seq}@sekolah.test`

async function openTeam(page: Page, email: string) {
  await signIn(page, email)
  await visit(page, '/team')
  await expect.poll(() => pageTitle(page).textContent()).toBe('Tim')
  await page.getByTestId('users-table').getByRole('row').nth(1).waitFor()
}

/** The table row that shows this e-mail. */
const rowOf = (page: Page, email: string) => page.getByTestId('users-table').getByRole('row').filter({ hasText: email })

async function openAddUser(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Tambah pengguna' }).click()
  const dialog = page.getByRole('dialog', { name: 'Tambah pengguna' })
  await dialog.waitFor()
  return dialog
}

async function chooseRole(page: Page, dialog: Locator, role: string) {
  await dialog.getByRole('combobox', { name: 'Peran' }).click()
  await page.getByRole('option', { name: role, exact: true }).click()
  await expect.poll(() => dialog.getByRole('combobox', { name: 'Peran' }).innerText()).toContain(role)
}

/** Watch the page's POSTs to the users API. */
function watchCreates(page: Page): string[] {
  const posts: string[] = []
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/users') posts.push(r.postData() ?? '')
  })
  return posts
}

/**
 * Type at a person's pace. Filling the last field and pressing Simpan within the form's 300 ms
 * input-validation debounce lets that late validation wipe the server's field error (see report).
 */
const typeSlowly = (field: Locator, text: string) => field.pressSequentially(text, { delay: 30 })

/** Press Simpan and wait for the server's answer to the create request. */
async function saveAndWaitForServer(page: Page, dialog: Locator): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse(r => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/users'),
    dialog.getByRole('button', { name: 'Simpan' }).click(),
  ])
  return response.status()
}

/** The error message of a form field sits below its input. */
async function expectErrorBelow(dialog: Locator, label: string, message: string) {
  const error = dialog.getByText(message, { exact: true })
  await error.waitFor()
  const input = dialog.getByLabel(label, { exact: true })
  expect(await input.getAttribute('aria-invalid')).toBe('true')
  const [inputBox, errorBox] = [await input.boundingBox(), await error.boundingBox()]
  expect(errorBox!.y).toBeGreaterThanOrEqual(inputBox!.y + inputBox!.height - 1)
}

describe('team page as owner', () => {
  it('adds a user through the modal and shows them in the table', async () => {
    const page = await newPage()
    await openTeam(page, 'owner@demo.test')
    const email = uniqueEmail('lina')
    const dialog = await openAddUser(page)

    await dialog.getByLabel('Nama', { exact: true }).fill('Lina Admin Baru')
    await dialog.getByLabel('E-mail', { exact: true }).fill(email)
    await chooseRole(page, dialog, 'Admin')
    await dialog.getByLabel('No. HP', { exact: true }).fill('0812-3456-7890')
    await typeSlowly(dialog.getByLabel('Kata sandi awal', { exact: true }), 'rahasia-awal-1')
    expect(await saveAndWaitForServer(page, dialog)).toBe(201)

    await page.getByText('Pengguna ditambahkan', { exact: true }).waitFor()
    await dialog.waitFor({ state: 'detached' })
    const row = rowOf(page, email)
    await row.waitFor()
    expect(await row.innerText()).toContain('Lina Admin Baru')
    expect(await row.getByText('Admin', { exact: true }).isVisible()).toBe(true)
    expect(await row.getByText('Aktif', { exact: true }).isVisible()).toBe(true)
    expect(await row.getByText('Belum pernah', { exact: true }).isVisible()).toBe(true)

    // The new account works with the password that was set.
    expect(await login(email, 'rahasia-awal-1')).toBeTruthy()
  })

  it('shows a field error under an invalid e-mail and creates nothing', async () => {
    const page = await newPage()
    await openTeam(page, 'owner@demo.test')
    const before = await page.getByTestId('users-table').getByRole('row').count()
    const posts = watchCreates(page)
    const dialog = await openAddUser(page)

    await dialog.getByLabel('Nama', { exact: true }).fill('Salah Ketik')
    await dialog.getByLabel('E-mail', { exact: true }).fill('salah-ketik.sekolah.test')
    await typeSlowly(dialog.getByLabel('Kata sandi awal', { exact: true }), 'rahasia-awal-1')
    await dialog.getByRole('button', { name: 'Simpan' }).click()

    await expectErrorBelow(dialog, 'E-mail', 'E-mail tidak valid')
    expect(await dialog.isVisible()).toBe(true)
    expect(posts).toEqual([])

    await dialog.getByRole('button', { name: 'Batal' }).click()
    await dialog.waitFor({ state: 'detached' })
    expect(await page.getByTestId('users-table').getByRole('row').count()).toBe(before)
    expect(await page.getByTestId('users-table').getByText('Salah Ketik').count()).toBe(0)
  })

  it('shows the server\'s answer under the field for an e-mail already taken', async () => {
    const page = await newPage()
    await openTeam(page, 'owner@demo.test')
    const dialog = await openAddUser(page)

    await dialog.getByLabel('Nama', { exact: true }).fill('Budi Kembar')
    await dialog.getByLabel('E-mail', { exact: true }).fill('sales@demo.test')
    await typeSlowly(dialog.getByLabel('Kata sandi awal', { exact: true }), 'rahasia-awal-1')
    expect(await saveAndWaitForServer(page, dialog)).toBe(409)
    await page.getByText('E-mail sudah dipakai.', { exact: true }).waitFor()

    await expectErrorBelow(dialog, 'E-mail', 'E-mail sudah dipakai pengguna lain')
    expect(await dialog.isVisible()).toBe(true)
    await dialog.getByRole('button', { name: 'Batal' }).click()
    await dialog.waitFor({ state: 'detached' })
    expect(await rowOf(page, 'sales@demo.test').count()).toBe(1)
    expect(await page.getByTestId('users-table').getByText('Budi Kembar').count()).toBe(0)
  })

  it('deactivates a user from the row\'s actions menu and ends their session', async () => {
    const owner = await login('owner@demo.test')
    const email = uniqueEmail('tono')
    const created = await call('POST', '/api/users', { token: owner, body: { name: 'Tono Sales Keluar', email, role: 'sales', password: 'rahasia-awal-1' } })
    expect(created.status).toBe(201)
    const theirToken = await login(email, 'rahasia-awal-1')

    const page = await newPage()
    await openTeam(page, 'owner@demo.test')
    const row = rowOf(page, email)
    expect(await row.getByText('Aktif', { exact: true }).isVisible()).toBe(true)
    await row.getByRole('button', { name: 'Aksi' }).click()
    await page.getByRole('menuitem', { name: 'Nonaktifkan' }).click()
    // It asks first: deactivation ends the person's sessions.
    const dialog = page.getByRole('dialog', { name: 'Nonaktifkan Tono Sales Keluar?' })
    await dialog.waitFor()
    await dialog.getByTestId('confirm-deactivate').click()

    await page.getByText('Pengguna dinonaktifkan; sesinya langsung berakhir.', { exact: true }).waitFor()
    await row.getByText('Nonaktif', { exact: true }).waitFor()
    expect(await row.getByText('Aktif', { exact: true }).count()).toBe(0)

    // It holds after a reload, and the person is out at once.
    await page.reload()
    await rowOf(page, email).waitFor()
    expect(await rowOf(page, email).getByText('Nonaktif', { exact: true }).isVisible()).toBe(true)
    expect((await call('GET', '/api/auth/session', { token: theirToken })).status).toBe(401)

    // And cannot sign in any more.
    const theirs = await newPage()
    await submitLogin(theirs, email, 'rahasia-awal-1')
    await theirs.getByTestId('login-error').waitFor()
    expect(new URL(theirs.url()).pathname).toBe('/login')
  })

  it('offers every role in the add-user modal', async () => {
    const page = await newPage()
    await openTeam(page, 'owner@demo.test')
    const dialog = await openAddUser(page)
    await dialog.getByRole('combobox', { name: 'Peran' }).click()
    await page.getByRole('listbox').waitFor()
    expect(await page.getByRole('option').allInnerTexts()).toEqual(['Owner', 'Manajer', 'Admin', 'Sales/CS'])
  })
})

describe('team page as manager', () => {
  it('offers only Admin and Sales/CS in the add-user modal', async () => {
    const page = await newPage()
    await openTeam(page, 'manager@demo.test')
    const dialog = await openAddUser(page)
    await dialog.getByRole('combobox', { name: 'Peran' }).click()
    await page.getByRole('listbox').waitFor()
    expect(await page.getByRole('option').allInnerTexts()).toEqual(['Admin', 'Sales/CS'])
  })

  it('has no actions on the owner\'s and manager\'s rows', async () => {
    const page = await newPage()
    await openTeam(page, 'manager@demo.test')
    expect(await rowOf(page, 'owner@demo.test').getByRole('button', { name: 'Aksi' }).count()).toBe(0)
    expect(await rowOf(page, 'manager@demo.test').getByRole('button', { name: 'Aksi' }).count()).toBe(0)
    expect(await rowOf(page, 'admin@demo.test').getByRole('button', { name: 'Aksi' }).count()).toBe(1)
  })
})

describe('team page on a phone', () => {
  it('lists the people with their role, status and actions on screen, no sideways scrolling', async () => {
    const page = await newPage(PHONE)
    await signIn(page, 'owner@demo.test')
    await visit(page, '/team')
    const list = page.getByTestId('users-list')
    await list.getByTestId('user-item').first().waitFor()
    expect(await page.getByTestId('users-table').isVisible()).toBe(false)

    const item = list.getByTestId('user-item').filter({ hasText: 'admin@demo.test' })
    await item.scrollIntoViewIfNeeded()
    for (const part of [item.getByText('Admin', { exact: true }), item.getByText('Aktif', { exact: true }), item.getByRole('button', { name: 'Aksi' })]) {
      const box = (await part.boundingBox())!
      expect(box.x).toBeGreaterThanOrEqual(0)
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width)
    }
    await item.getByRole('button', { name: 'Aksi' }).click()
    expect(await page.getByRole('menuitem', { name: 'Nonaktifkan' }).isVisible()).toBe(true)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
  })
})
