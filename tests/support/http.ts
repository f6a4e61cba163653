import { inject } from 'vitest'
import { ofetch, type FetchOptions } from 'ofetch'

export const baseURL = () => inject('baseURL')

export interface Res<T = unknown> { status: number, headers: Headers, body: T }

/** A raw HTTP call that never throws on 4xx/5xx, so tests can assert on status and body. */
export async function call<T = any>(method: string, path: string, opts: { token?: string, body?: unknown, headers?: Record<string, string> } = {}): Promise<Res<T>> {
  const res = await ofetch.raw(path, {
    baseURL: baseURL(),
    method: method as FetchOptions['method'],
    body: opts.body as FetchOptions['body'],
    headers: { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers },
    ignoreResponseError: true,
    retry: 0,
  })
  return { status: res.status, headers: res.headers, body: res._data as T }
}

let ipCounter = 0
/** A distinct client address per call site, so login throttling in one test cannot leak into another. */
export function freshIp(): string {
  ipCounter += 1
  return `10.${(process.pid >> 8) & 255}.${process.pid & 255}.${ipCounter % 250 + 1}`
}

export async function login(email: string, password = 'demo12345', ip = freshIp()): Promise<string> {
  const res = await call<{ token: string }>('POST', '/api/auth/login', { body: { email, password }, headers: { 'x-forwarded-for': ip } })
  if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.token
}
