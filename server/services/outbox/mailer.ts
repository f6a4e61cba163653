import nodemailer from 'nodemailer'
import type { Transporter } from 'nodemailer'
import { useEnv } from '../../utils/env'
import type { EmailPayload } from './enqueue'

let transport: Transporter | undefined

/** One pooled SMTP transport per process, from SMTP_URL. */
function useTransport(): Transporter {
  const env = useEnv()
  transport ??= nodemailer.createTransport({
    url: env.SMTP_URL,
    pool: true,
    maxConnections: env.OUTBOX_CONCURRENCY,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as Parameters<typeof nodemailer.createTransport>[0])
  return transport
}

/** Send one e-mail; throws with the server's answer when it is refused. */
export async function sendEmail(payload: EmailPayload, messageId: string): Promise<void> {
  await useTransport().sendMail({
    from: useEnv().MAIL_FROM,
    to: payload.to,
    subject: payload.subject,
    text: payload.text,
    html: payload.html,
    messageId,
    headers: { 'X-CRM-Outbox-Key': messageId },
  })
}

export function closeMailer(): void {
  transport?.close()
  transport = undefined
}
