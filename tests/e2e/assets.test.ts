import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { baseURL, close, hydrated, launch, newPage, signIn } from './browser'

beforeAll(launch)
afterAll(close)

describe('no asset from the internet', () => {
  it('loads every font, icon, script and style of the shell from the app itself', async () => {
    const page = await newPage()
    const foreign: string[] = []
    page.on('request', (req) => {
      const url = req.url()
      if (!url.startsWith(baseURL()) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url)
    })
    await signIn(page, 'owner@demo.test')
    for (const path of ['/team', '/leads', '/profile']) {
      await page.goto(path)
      await hydrated(page)
      await page.waitForLoadState('networkidle')
    }
    expect(foreign).toEqual([])
    // The Inter font really is in use, and icons are drawn from inline SVG data, not remote images.
    const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily)
    expect(font).toMatch(/Inter/)
    expect(await page.evaluate(() => document.fonts.check('16px "Inter Variable"'))).toBe(true)
    const icons = await page.locator('[data-testid="nav-main"] .iconify').evaluateAll(els =>
      els.map(el => getComputedStyle(el).maskImage || getComputedStyle(el).webkitMaskImage))
    expect(icons.length).toBeGreaterThan(5)
    for (const mask of icons) expect(mask).toMatch(/^url\("data:image\/svg\+xml/)
  })
})
