/**
 * `npm run start:cluster`: the built server (`.output/server/index.mjs`) in several worker processes sharing one
 * port: one per CPU core, or WORKERS=n. Node runs a process's JavaScript on one core, and rendering pages on the
 * server is CPU work (the dashboard at `/` is ~25–50 ms of Vue per request), so one process leaves the other cores
 * idle. Workers are instances like any others (DESIGN: stateless, the state in MySQL): the scheduler claims its work
 * in the database, and cached dashboard figures are checked against the data versions on every request.
 *
 * A worker that dies is replaced; one that exits before it ever listened (a bad environment, say) stops the whole
 * server with its exit code rather than being restarted forever. SIGTERM / SIGINT stop every worker, then exit.
 */
import cluster from 'node:cluster'
import { availableParallelism } from 'node:os'

if (cluster.isPrimary) {
  const count = Number.parseInt(process.env.WORKERS ?? '', 10) || availableParallelism()
  const listening = new Set()
  let stopping = false
  cluster.on('listening', worker => listening.add(worker.id))
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (!Object.keys(cluster.workers ?? {}).length) process.exit(0)
      return
    }
    if (!listening.has(worker.id)) {
      stopping = true
      for (const other of Object.values(cluster.workers ?? {})) other?.kill()
      process.exit(code || 1)
    }
    console.error(`[cluster] worker ${worker.process.pid} exited (${signal ?? code}); starting another`)
    cluster.fork()
  })
  for (const signal of ['SIGTERM', 'SIGINT']) {
    process.once(signal, () => {
      stopping = true
      const workers = Object.values(cluster.workers ?? {})
      if (!workers.length) process.exit(0)
      for (const worker of workers) worker?.process.kill(signal)
    })
  }
  for (let i = 0; i < count; i++) cluster.fork()
}
else {
  await import(new URL('../.output/server/index.mjs', import.meta.url).href)
}
