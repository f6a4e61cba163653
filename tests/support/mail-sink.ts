import { createServer as createHttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

/** One e-mail as the sink received it. */
export interface SinkMessage {
  to: string[]
  subject: string
  /** The outbox idempotency key the app sends as X-CRM-Outbox-Key. */
  key: string
  html: boolean
  text: string
  receivedAt: number
}

export interface MailSink {
  smtpURL: string
  /** HTTP API for other processes: GET /messages, DELETE /messages, POST /refuse?on=1|0. */
  httpURL: string
  messages: SinkMessage[]
  refuse: (on: boolean) => void
  close: () => Promise<void>
}

const header = (head: string, name: string) => {
  const m = head.match(new RegExp(`^${name}:\\s*(.*(?:\\r?\\n[ \\t].*)*)`, 'im'))
  return m ? m[1]!.replace(/\r?\n[ \t]+/g, ' ').trim() : ''
}

const decodeWords = (value: string) => value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, data: string) =>
  enc.toLowerCase() === 'b'
    ? Buffer.from(data, 'base64').toString('utf8')
    : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (__, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'))

/**
 * A real SMTP server for tests (the smtp-server package): accepts every message and keeps it, or
 * refuses every message with a temporary 451 while `refuse(true)` is on.
 */
export async function startMailSink(): Promise<MailSink> {
  const messages: SinkMessage[] = []
  let refusing = false
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 5 * 1024 * 1024,
    onMailFrom(_address, _session, callback) {
      if (refusing) {
        const error = Object.assign(new Error('451 4.3.0 Mail server temporarily unavailable (test sink refusing)'), { responseCode: 451 })
        return callback(error)
      }
      callback()
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8')
        const head = raw.split(/\r?\n\r?\n/)[0] ?? ''
        messages.push({
          to: session.envelope.rcptTo.map(r => r.address),
          subject: decodeWords(header(head, 'Subject')),
          key: header(head, 'X-CRM-Outbox-Key'),
          html: /text\/html/i.test(raw),
          text: raw,
          receivedAt: Date.now(),
        })
        callback()
      })
    },
  })
  // A client killed mid-session (the SIGKILL test) resets its connection: expected, not a failure.
  smtp.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') console.error('[mail-sink]', error)
  })
  await new Promise<void>(resolve => smtp.listen(0, '127.0.0.1', resolve))
  const smtpPort = (smtp.server.address() as AddressInfo).port

  const http = createHttpServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sink')
    if (url.pathname === '/messages' && req.method === 'GET') {
      res.setHeader('content-type', 'application/json')
      return res.end(JSON.stringify(messages))
    }
    if (url.pathname === '/messages' && req.method === 'DELETE') {
      messages.length = 0
      return res.end('{}')
    }
    if (url.pathname === '/refuse' && req.method === 'POST') {
      refusing = url.searchParams.get('on') === '1'
      return res.end('{}')
    }
    res.statusCode = 404
    res.end()
  })
  await new Promise<void>(resolve => http.listen(0, '127.0.0.1', resolve))
  const httpPort = (http.address() as AddressInfo).port

  return {
    smtpURL: `smtp://127.0.0.1:${smtpPort}`,
    httpURL: `http://127.0.0.1:${httpPort}`,
    messages,
    refuse: (on) => {
      refusing = on
    },
    close: async () => {
      await new Promise<void>(resolve => smtp.close(() => resolve()))
      await new Promise<void>(resolve => http.close(() => resolve()))
    },
  }
}
