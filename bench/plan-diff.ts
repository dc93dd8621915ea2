/**
 * Compares the query plans of the analytics statements (dumped by `PLAN_DUMP=<file> npx tap
 * test/query-plans.test.ts`) on two database files: e.g. one analyzed in full and one with
 * `analysis_limit`. A development aid: `npx tsx bench/plan-diff.ts stmts.json a.db b.db`.
 */
import { readFileSync } from 'node:fs'
import Database from 'better-sqlite3'

const [dump, fileA, fileB] = process.argv.slice(2)
const statements = JSON.parse(readFileSync(dump, 'utf8')) as Array<[string, unknown[]]>
const open = (f: string): Database.Database => new Database(f, { readonly: true, fileMustExist: true })
const a = open(fileA)
const b = open(fileB)
const plan = (db: Database.Database, sql: string, args: unknown[]): string =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as Array<{ detail: string }>).map(r => r.detail).join(' | ')
/** Best of three runs, in ms (the first warms the page cache). */
function time (db: Database.Database, sql: string, args: unknown[]): number {
  const stmt = db.prepare(sql)
  let best = Infinity
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now()
    if (stmt.reader) stmt.all(...args)
    best = Math.min(best, performance.now() - t0)
  }
  return best
}
let differ = 0
let sumA = 0
let sumB = 0
const rows: Array<{ sql: string, ta: number, tb: number, pa: string, pb: string }> = []
for (const [sql, args] of statements) {
  const pa = plan(a, sql, args)
  const pb = plan(b, sql, args)
  if (pa === pb) continue
  differ++
  const ta = time(a, sql, args)
  const tb = time(b, sql, args)
  sumA += ta
  sumB += tb
  rows.push({ sql, ta, tb, pa, pb })
}
rows.sort((x, y) => (y.tb - y.ta) - (x.tb - x.ta))
for (const r of rows.slice(0, Number(process.env.SHOW ?? 8))) {
  console.log(`\n${r.ta.toFixed(1)} ms → ${r.tb.toFixed(1)} ms: ${r.sql.replace(/\s+/g, ' ').slice(0, 240)}\n  A: ${r.pa}\n  B: ${r.pb}`)
}
console.log(`\n${differ} of ${statements.length} plans differ; their run time: A ${sumA.toFixed(0)} ms, B ${sumB.toFixed(0)} ms`)
