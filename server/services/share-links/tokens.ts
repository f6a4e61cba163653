import { randomToken, sha256Hex } from '../../utils/crypto'

/** A new link token (32 random bytes, base64url) and the hash stored for it. */
export function newShareToken(): { token: string, hash: string } {
  const token = randomToken(32)
  return { token, hash: sha256Hex(token) }
}

export const hashShareToken = (token: string) => sha256Hex(token)
