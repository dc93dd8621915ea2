/** Prepares each statement shape once and keeps it: shapes vary only by a few enums and segment counts. */
import type Database from 'better-sqlite3'

export type StatementCache = (key: string, build: () => string) => Database.Statement

export function createStatementCache (db: Database.Database): StatementCache {
  const cache = new Map<string, Database.Statement>()
  return (key, build) => {
    let stmt = cache.get(key)
    if (stmt === undefined) {
      stmt = db.prepare(build())
      cache.set(key, stmt)
    }
    return stmt
  }
}
