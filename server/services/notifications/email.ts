import { useEnv } from '../../utils/env'

export interface EmailContent {
  subject: string
  text: string
  html: string
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' })[c]!)

const COPY = {
  id: { greeting: (n: string) => `Halo ${n},`, open: 'Buka di CRM', footer: 'Anda menerima e-mail ini karena mengaktifkannya di profil Anda. Ubah pilihan di', profile: 'Profil' },
  en: { greeting: (n: string) => `Hi ${n},`, open: 'Open in the CRM', footer: 'You get this e-mail because you switched it on in your profile. Change it under', profile: 'Profile' },
}

/** An absolute link back into the app. */
export function appLink(path: string): string {
  return new URL(path, useEnv().APP_URL).toString()
}

/**
 * One e-mail in HTML and plain text: a heading, lines of text, an optional list, and a button back
 * into the app. Everything given is text; it is escaped here.
 */
export function renderEmail(input: { locale: string, name: string, title: string, lines: string[], items?: string[], link?: string | null }): EmailContent {
  const copy = input.locale === 'en' ? COPY.en : COPY.id
  const url = input.link ? appLink(input.link) : null
  const profileUrl = appLink('/profile')
  const text = [
    copy.greeting(input.name),
    '',
    input.title,
    ...input.lines,
    ...(input.items?.length ? ['', ...input.items.map(i => `- ${i}`)] : []),
    ...(url ? ['', `${copy.open}: ${url}`] : []),
    '',
    `${copy.footer} ${copy.profile}: ${profileUrl}`,
  ].join('\n')
  const html = `<!doctype html><html lang="${input.locale === 'en' ? 'en' : 'id'}"><body style="margin:0;background:#f4f6fb;font-family:Inter,Arial,sans-serif;color:#0f1b3d">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:12px;overflow:hidden">
<tr><td style="background:#0f1b3d;padding:16px 24px;color:#ffd60a;font-weight:700;font-size:16px">CRM Marketing</td></tr>
<tr><td style="padding:24px">
<p style="margin:0 0 12px">${escapeHtml(copy.greeting(input.name))}</p>
<h1 style="font-size:18px;margin:0 0 12px">${escapeHtml(input.title)}</h1>
${input.lines.map(l => `<p style="margin:0 0 8px">${escapeHtml(l)}</p>`).join('\n')}
${input.items?.length ? `<ul style="padding-left:20px;margin:12px 0">${input.items.map(i => `<li style="margin:4px 0">${escapeHtml(i)}</li>`).join('')}</ul>` : ''}
${url ? `<p style="margin:20px 0 0"><a href="${escapeHtml(url)}" style="display:inline-block;background:#ffd60a;color:#0f1b3d;padding:10px 18px;border-radius:8px;font-weight:600;text-decoration:none">${escapeHtml(copy.open)}</a></p>` : ''}
</td></tr>
<tr><td style="padding:16px 24px;font-size:12px;color:#5b6785;border-top:1px solid #e6e9f2">${escapeHtml(copy.footer)} <a href="${escapeHtml(profileUrl)}" style="color:#0f1b3d">${escapeHtml(copy.profile)}</a>.</td></tr>
</table></td></tr></table></body></html>`
  return { subject: input.title, text, html }
}
