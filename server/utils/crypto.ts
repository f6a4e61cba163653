import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto'
import { useEnv } from './env'

/**
 * Field encryption: AES-256-GCM, stored as `keyId.iv.tag.ciphertext` (base64url parts),
 * so keys can be rotated: the current key encrypts, every configured key decrypts.
 */
export function encryptField(plain: string, keys = useEnv().ENCRYPTION_KEYS): string {
  const key = keys.keys.get(keys.current)!
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return [keys.current, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.')
}

export function decryptField(stored: string, keys = useEnv().ENCRYPTION_KEYS): string {
  const [kid, iv, tag, data] = stored.split('.')
  const key = kid ? keys.keys.get(kid) : undefined
  if (!key || !iv || !tag || data === undefined) throw new Error(`cannot decrypt field: unknown key id or malformed value`)
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8')
}

/** Deterministic HMAC-SHA256 of a normalised value: lets us find a row without storing the value in clear. */
export function blindIndex(normalised: string, key = useEnv().BLIND_INDEX_KEY): Buffer {
  return createHmac('sha256', key).update(normalised).digest()
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex')
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}
