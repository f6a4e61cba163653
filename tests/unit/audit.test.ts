import { describe, expect, it } from 'vitest'
import { redact } from '../../server/services/audit'

describe('audit redaction', () => {
  it('drops secrets and encrypted values, masks personal data', () => {
    const out = redact({ name: 'Budi', passwordHash: '$argon2id$...', phoneEnc: 'k1.a.b.c', phoneBidx: Buffer.alloc(32), phone: '+6281234567890', email: 'budi@sekolah.id' })
    expect(out).toEqual({ name: 'Budi', passwordHash: '[redacted]', phoneEnc: '[redacted]', phoneBidx: '[redacted]', phone: '•••7890', email: 'b***@sekolah.id' })
    expect(JSON.stringify(out)).not.toContain('81234567890')
  })

  it('keeps nulls as they are', () => {
    expect(redact({ phone: null, passwordHash: null })).toEqual({ phone: null })
    expect(redact(null)).toBeNull()
  })
})
