import { createError, getHeader, handleCors, readBody, setResponseHeader, type H3Event } from 'h3'
import { invalidJsonError } from '../../utils/validation'

/**
 * Landing pages live on other origins: any origin may POST (the site key, not the origin, is the credential),
 * without cookies. Answers a preflight and returns true when it did.
 */
export function intakeCors(event: H3Event): boolean {
  return handleCors(event, {
    origin: '*',
    methods: ['POST', 'OPTIONS'],
    allowHeaders: ['content-type', 'x-site-key'],
    maxAge: '86400',
    preflight: { statusCode: 204 },
  })
}

/** The body as an object: JSON, form-encoded, or JSON sent as text/plain (navigator.sendBeacon). */
export async function readIntakeBody(event: H3Event): Promise<Record<string, unknown>> {
  let raw: unknown = await readBody(event).catch(() => {
    throw invalidJsonError()
  })
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw)
    }
    catch {
      throw invalidJsonError()
    }
  }
  return raw && typeof raw === 'object' && !Array.isArray(raw) ? raw as Record<string, unknown> : {}
}

export function siteKeyOf(event: H3Event, body: Record<string, unknown>): string | null {
  const key = getHeader(event, 'x-site-key') ?? body.siteKey
  return typeof key === 'string' && key.trim() ? key.trim() : null
}

export function tooManyRequests(event: H3Event, retryAfter: number) {
  setResponseHeader(event, 'Retry-After', retryAfter)
  return createError({ statusCode: 429, statusMessage: 'Too Many Requests', message: 'Terlalu banyak kiriman. Coba lagi nanti.', data: { retryAfter } })
}
