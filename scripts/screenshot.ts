/**
 * `tsx scripts/screenshot.ts <baseURL> <out-dir> <email> <path>[@phone] ...`: sign in and save a PNG of each
 * page in headless Chromium (desktop 1440×900, or phone 390×844 with `@phone`). For looking at our own pages.
 */
import { chromium } from 'playwright-core'

const [base, out, email, ...paths] = process.argv.slice(2)
if (!base || !out || !email || !paths.length) throw new Error('usage: screenshot.ts <baseURL> <out-dir> <email|-> <path>[@phone] ...')

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
try {
  for (const spec of paths) {
    const [path, device] = spec.split('@') as [string, string | undefined]
    const phone = device === 'phone'
    const context = await browser.newContext({ viewport: phone ? { width: 390, height: 844 } : { width: 1440, height: 900 }, deviceScaleFactor: phone ? 2 : 1 })
    const page = await context.newPage()
    if (email !== '-') {
      await page.goto(`${base}/login`)
      await page.getByLabel(/e-mail/i).fill(email)
      await page.getByLabel(/kata sandi|password/i).fill('demo12345')
      await page.getByRole('button', { name: /masuk|sign in/i }).click()
      await page.waitForURL(url => !url.pathname.startsWith('/login'), { waitUntil: 'commit', timeout: 60_000 })
    }
    await page.goto(`${base}${path}`, { timeout: 60_000 })
    await page.waitForLoadState('networkidle')
    await page.waitForTimeout(1200)
    const file = `${out}/${path.replace(/[/?=&]+/g, '_').replace(/^_/, '') || 'home'}${phone ? '-phone' : ''}.png`
    await page.screenshot({ path: file, fullPage: true })
    console.log(file)
    await context.close()
  }
}
finally {
  await browser.close()
}
