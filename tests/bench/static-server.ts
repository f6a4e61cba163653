import { spawn } from 'node:child_process'
import { once } from 'node:events'

// Kept to node:http and nothing else: what any Node.js HTTP API must spend at least to hand over the same bytes.
const SERVER = `
const body = process.env.BENCH_BODY
require('node:http').createServer((req, res) => {
  res.setHeader('content-type', 'application/json')
  res.end(body)
}).listen(0, '127.0.0.1', function () { process.stdout.write(String(this.address().port) + '\\n') })
`

/** A plain node:http server in its own process that answers every request with `body`, as the API's process would. */
export async function startStaticServer(body: string): Promise<{ url: string, close: () => void }> {
  const child = spawn(process.execPath, ['-e', SERVER], { env: { ...process.env, BENCH_BODY: body }, stdio: ['ignore', 'pipe', 'inherit'] })
  const [chunk] = await once(child.stdout!, 'data') as [Buffer]
  return { url: `http://127.0.0.1:${chunk.toString().trim()}`, close: () => child.kill() }
}
