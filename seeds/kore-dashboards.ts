/** Kore custom dashboards and widgets per Kore bot. */
import type { Database } from 'better-sqlite3'

/** Writes `dashboards` and `widgets` for every Kore bot (reads `bots`, written before). */
export function seedKoreDashboards (_db: Database, _seed: number): void {
  // filled in by the Kore widget work
}
