import { decryptField } from '../../utils/crypto'
import { useEnv, type Env } from '../../utils/env'

/**
 * WhatsApp numbers decrypted lately, by their stored ciphertext. Every page of the leads table shows 25 to 100
 * numbers, and each AES-GCM decipher costs some 7 µs to set up: after the SQL, the largest single cost of a page.
 * The team reads the same pages over and over (the first page of a view, the board's top cards), so the numbers
 * are kept, at most MAX_ENTRIES per key set (a few MiB), oldest first out. The key is the whole stored value,
 * key id and random IV included, so a changed number is a new entry and the old one ages out; a value that no
 * configured key opens is never kept. Nothing here outlives the process, which holds the keys anyway.
 */
const MAX_ENTRIES = 20_000
const memos = new WeakMap<Env['ENCRYPTION_KEYS'], Map<string, string>>()

/** The plain value of a stored number; throws as decryptField does when no configured key opens it. */
export function decryptPhone(stored: string, keys = useEnv().ENCRYPTION_KEYS): string {
  let memo = memos.get(keys)
  if (!memo) memos.set(keys, memo = new Map())
  const known = memo.get(stored)
  if (known !== undefined) return known
  const plain = decryptField(stored, keys)
  if (memo.size >= MAX_ENTRIES) memo.delete(memo.keys().next().value!)
  memo.set(stored, plain)
  return plain
}
