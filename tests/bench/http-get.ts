import http from 'node:http'

/**
 * Sequential GETs over one kept-alive connection with node:http, answered as parsed JSON. The leads views are
 * timed with this rather than fetch: undici's fetch adds some 0.2 ms of its own (WHATWG streams, Headers) to
 * every request, which is the client's cost, not the API's, and at sub-millisecond SQL it would dominate the
 * API/SQL ratio the issue sets.
 */
export function jsonGetter(base: string, token: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  const { hostname, port } = new URL(base)
  const get = <T>(path: string) => new Promise<{ status: number, body: T }>((resolve, reject) => {
    const req = http.request({ host: hostname, port, path, agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as T })
        }
        catch (error) {
          reject(error)
        }
      })
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
  return { get, close: () => agent.destroy() }
}
