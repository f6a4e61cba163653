import { hash, verify } from '@node-rs/argon2'

// argon2id (the library default) with OWASP's second recommended profile: 19 MiB, t=2, p=1.
const options = { memoryCost: 19456, timeCost: 2, parallelism: 1 }

export function hashPassword(password: string): Promise<string> {
  return hash(password, options)
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password)
  }
  catch {
    return false
  }
}

/** Used when the e-mail is unknown, so a failed login takes as long either way. */
export const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0mW3Y2S8pD3rZcCqE0k8mN2yX0nH6d1vQk9y0wJd6fE'
