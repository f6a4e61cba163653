/**
 * `npm test`: lint, typecheck, unit tests, build, integration tests (real HTTP, real MariaDB/MySQL)
 * and browser tests (Chromium), then one summary line. Stops at the first failing stage that
 * later stages depend on; always prints the summary.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'

interface Stage { name: string, cmd: string[], vitest?: string, required?: boolean }

const stages: Stage[] = [
  { name: 'lint', cmd: ['eslint', '.'] },
  { name: 'typecheck', cmd: ['nuxt', 'typecheck'] },
  { name: 'unit', cmd: ['vitest', 'run', '--project', 'unit'], vitest: 'unit' },
  { name: 'build', cmd: ['nuxt', 'build'], required: true },
  { name: 'integration', cmd: ['vitest', 'run', '--project', 'integration'], vitest: 'integration' },
  { name: 'e2e', cmd: ['vitest', 'run', '--project', 'e2e'], vitest: 'e2e' },
]

const only = process.argv.slice(2)
mkdirSync('tests/.artifacts', { recursive: true })
let passed = 0
let failed = 0
const report: string[] = []

for (const stage of stages) {
  if (only.length && !only.includes(stage.name)) continue
  const started = Date.now()
  const out = `tests/.artifacts/${stage.vitest}.json`
  rmSync(out, { force: true })
  const args = stage.vitest ? [...stage.cmd.slice(1), '--reporter=default', '--reporter=json', `--outputFile.json=${out}`] : stage.cmd.slice(1)
  console.log(`\n▶ ${stage.name}: ${stage.cmd[0]} ${args.join(' ')}`)
  const res = spawnSync(stage.cmd[0]!, args, { stdio: 'inherit', shell: false, env: process.env })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  let detail = ''
  if (stage.vitest && existsSync(out)) {
    const json = JSON.parse(readFileSync(out, 'utf8')) as { numPassedTests: number, numFailedTests: number }
    passed += json.numPassedTests
    failed += json.numFailedTests
    detail = ` (${json.numPassedTests} passed, ${json.numFailedTests} failed)`
    if (res.status !== 0 && json.numFailedTests === 0) failed += 1
  }
  else {
    if (res.status === 0) passed += 1
    else failed += 1
  }
  report.push(`${res.status === 0 ? '✔' : '✘'} ${stage.name.padEnd(12)} ${seconds.padStart(6)} s${detail}`)
  if (res.status !== 0 && stage.required) break
}

console.log(`\n${report.join('\n')}\n`)
console.log(`tests: ${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
