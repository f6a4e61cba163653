import { afterAll, describe, expect, it } from 'vitest'
import { startServer } from '../support/global-setup'
import { TEST_ENV } from '../support/env'
import { call } from '../support/http'

describe('GET /api/health', () => {
  it('answers 200 with the database reachable', async () => {
    const res = await call('GET', '/api/health')
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ status: 'ok', database: 'up' })
  })

  describe('without a database', () => {
    let stop: () => void = () => {}
    afterAll(() => stop())

    it('answers 503', async () => {
      // A second instance pointed at a port where nothing listens.
      const { url, child } = await startServer({ ...TEST_ENV, DATABASE_URL: 'mysql://root@127.0.0.1:1/crm_none' })
      stop = () => child.kill()
      const res = await fetch(`${url}/api/health`)
      expect(res.status).toBe(503)
      expect(await res.json()).toMatchObject({ status: 'error', database: 'down' })
    })
  })
})

describe('configuration', () => {
  it('a malformed variable stops the server with a message naming it', async () => {
    await expect(startServer({ ...TEST_ENV, SESSION_TTL_HOURS: 'forever' })).rejects.toThrow(/SESSION_TTL_HOURS/)
  })

  it('production refuses the development keys', async () => {
    const { ENCRYPTION_KEYS: _k, BLIND_INDEX_KEY: _b, ...rest } = TEST_ENV
    await expect(startServer({ ...rest, NODE_ENV: 'production', ENCRYPTION_KEYS: '', BLIND_INDEX_KEY: '' })).rejects.toThrow(/ENCRYPTION_KEYS/)
  })
})
