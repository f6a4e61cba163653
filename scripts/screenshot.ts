/** Screenshot pages as a given user at desktop and phone width: `tsx scripts/screenshot.ts <base> <email> <out-dir> <path...>` */
import { chromium } from 'playwright-core'

export {}

const [base = 'http://localhost:3000', email = 'owner@demo.test', out = '/tmp/shots', ...paths] = process.argv.slice(2)
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync'] })
for (const [label, viewport] of [['desktop', { width: 1440, height: 900 }], ['phone', { width: 390, height: 844 }]] as const) {
  const page = await browser.newPage({ viewport })
  await page.goto(`${base}/login`)
  await page.waitForLoadState('networkidle')
  await page.screenshot({ path: `${out}/login-${label}.png` })
  await page.getByLabel(/e-mail/i).fill(email)
  await page.getByLabel(/sandi|password/i).fill('demo12345')
  await page.getByRole('button', { name: /masuk|sign in/i }).click()
  await page.waitForURL(u => !u.pathname.startsWith('/login'))
  for (const p of paths) {
    await page.goto(`${base}${p}`)
    await page.waitForLoadState('networkidle')
    await page.screenshot({ path: `${out}/${p.replace(/\W+/g, '_') || 'root'}-${label}.png` })
  }
  await page.close()
}
await browser.close()
