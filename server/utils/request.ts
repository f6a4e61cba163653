import { getHeader, getRequestIP, type H3Event } from 'h3'
import { useEnv } from './env'

export interface RequestMeta { ip: string | null, userAgent: string | null }

/** Where a request came from, for the event and audit logs. Proxy headers only count behind a trusted proxy. */
export function requestMeta(event: H3Event): RequestMeta {
  const ip = getRequestIP(event, { xForwardedFor: useEnv().TRUST_PROXY }) ?? null
  const userAgent = getHeader(event, 'user-agent')?.slice(0, 255) ?? null
  return { ip: ip?.slice(0, 45) ?? null, userAgent }
}
