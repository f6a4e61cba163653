import { expect } from 'vitest'
import type { Page } from 'playwright-core'
import { PHONE } from './browser'

/** Helpers for the report pages in the browser: the table's rows and cells, the chart, a select in the filter bar. */

/** The text of one cell (`cell-<column>`) in the row of a report table that contains `rowText`. */
export function cell(page: Page, table: string, rowText: string | RegExp, column: string) {
  return page.getByTestId(table).locator('tbody tr', { hasText: rowText }).first().getByTestId(`cell-${column}`).innerText()
}

/** The first column of every body row, top to bottom (the totals row last). */
export async function firstColumn(page: Page, table: string): Promise<string[]> {
  return (await page.getByTestId(table).locator('tbody tr td:first-child').allInnerTexts()).map(s => s.trim())
}

/** The chart's canvas is drawn at a usable size. */
export async function chartDrawn(page: Page, testid: string) {
  const canvas = page.locator(`canvas[data-testid="${testid}"]`)
  await canvas.waitFor()
  const box = await canvas.boundingBox()
  expect(box!.width).toBeGreaterThan(100)
  expect(box!.height).toBeGreaterThan(100)
}

/** Pick an option of a select in the filter bar. */
export async function pick(page: Page, testid: string, option: string | RegExp) {
  await page.getByTestId(testid).click()
  await page.getByRole('option', { name: option }).click()
}

/** Nothing makes the page scroll sideways at phone width (wide tables scroll inside their card). */
export async function fitsPhone(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
  expect(await page.evaluate(() => document.body.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
}
