import { z } from 'zod'
import { SOURCE_TYPES, UTM_FIELDS } from '../enums/catalog'
import { normalizeUtmValue } from '../utils/utm'

/** One source for the channel and alias forms and the channels API. */

const channelFields = {
  name: z.string({ error: 'Nama channel wajib diisi' }).trim().min(2, 'Minimal 2 karakter').max(80, 'Maksimal 80 karakter'),
  sourceType: z.enum(SOURCE_TYPES, { error: 'Pilih jenis sumber' }),
  /** Ad platform for matching ad spend (tiktok, instagram, meta ...); empty for organic channels. */
  platform: z.string().trim().toLowerCase().max(30, 'Maksimal 30 karakter')
    .regex(/^[a-z0-9._-]*$/, 'Hanya huruf kecil, angka, titik, _ dan -')
    .transform(v => v || null)
    .nullable(),
}

export const channelCreateSchema = z.object({ ...channelFields, platform: channelFields.platform.optional() })
export type ChannelCreateInput = z.output<typeof channelCreateSchema>

export const channelUpdateSchema = z.object({ ...channelFields, active: z.boolean() })
  .partial()
  .refine(v => Object.keys(v).length > 0, 'Tidak ada perubahan')
export type ChannelUpdateInput = z.output<typeof channelUpdateSchema>

/** A raw UTM value as typed; stored in its normalised spelling (see shared/utils/utm.ts). */
export const utmValueField = z.string({ error: 'Nilai wajib diisi' })
  .max(120, 'Maksimal 120 karakter')
  .transform(v => normalizeUtmValue(v) ?? '')
  .refine(v => v.length > 0, 'Nilai wajib diisi')

export const utmFieldField = z.enum(UTM_FIELDS, { error: 'Pilih source, medium atau campaign' })

export const aliasCreateSchema = z.object({ field: utmFieldField, value: utmValueField })
export type AliasCreateInput = z.output<typeof aliasCreateSchema>

export const aliasIdParamSchema = z.object({ aliasId: z.coerce.number().int().positive() })

export const unmappedQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(100),
})

/** One click in the unmapped list: this value becomes an alias of the channel, past leads follow. */
export const unmappedMapSchema = z.object({
  field: utmFieldField,
  value: utmValueField,
  channelId: z.number({ error: 'Pilih channel' }).int().positive(),
})
export type UnmappedMapInput = z.output<typeof unmappedMapSchema>
