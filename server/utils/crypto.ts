import { createCipheriv, createDecipheriv, createHash, createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto'
import { useEnv } from './env'

/**
 * Keys as KeyObjects, made once: given the raw bytes, every cipher would import the key afresh (a list page
 * decrypts 25 numbers).
 */
const keyObjects = new WeakMap<Buffer, KeyObject>()
function keyObject(raw: Buffer): KeyObject {
  let key = keyObjects.get(raw)
  if (!key) keyObjects.set(raw, key = createSecretKey(raw))
  return key
}

/**
 * Field encryption: AES-256-GCM, stored as `keyId.iv.tag.ciphertext` (base64url parts),
 * so keys can be rotated: the current key encrypts, every configured key decrypts.
 */
export function encryptField(plain: string, keys = useEnv().ENCRYPTION_KEYS): string {
  const key = keyObject(keys.keys.get(keys.current)!)
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return [keys.current, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.')
}

export function decryptField(stored: string, keys = useEnv().ENCRYPTION_KEYS): string {
  const [kid, iv, tag, data] = stored.split('.')
  const raw = kid ? keys.keys.get(kid) : undefined
  const key = raw && keyObject(raw)
  if (!key || !iv || !tag || data === undefined) throw new Error(`cannot decrypt field: unknown key id or malformed value`)
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  return decipher.update(data, 'base64url', 'utf8') + decipher.final('utf8')
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
