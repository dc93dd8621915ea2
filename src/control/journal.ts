/** The request journal: a bounded ring buffer, so a long-running sandbox never grows with its traffic. */

export interface JournalEntry {
  id: number
  at: string
  method: string
  path: string
  route: string | null
  vendor: string
  status: number
  latencyMs: number
  fault: string | null
}

export function createJournal (capacity: number) {
  const ring: Array<JournalEntry | undefined> = new Array(capacity)
  let next = 0
  let total = 0
  return {
    add (entry: Omit<JournalEntry, 'id'>): void {
      ring[next] = { id: ++total, ...entry }
      next = (next + 1) % capacity
    },
    /** Newest first, filtered. */
    list (filter: { limit: number, vendor?: string, status?: number }): JournalEntry[] {
      const out: JournalEntry[] = []
      for (let i = 1; i <= capacity && out.length < filter.limit; i++) {
        const e = ring[(next - i + capacity) % capacity]
        if (e === undefined) break
        if (filter.vendor !== undefined && e.vendor !== filter.vendor) continue
        if (filter.status !== undefined && e.status !== filter.status) continue
        out.push(e)
      }
      return out
    },
    clear (): void {
      ring.fill(undefined)
      next = 0
    },
    size: () => Math.min(total, capacity),
    capacity
  }
}

export type Journal = ReturnType<typeof createJournal>

/** Which vendor a path belongs to, by the prefixes the routes are mounted under. */
export function vendorOf (path: string): string {
  if (path.startsWith('/api/')) return 'kore'
  if (path.startsWith('/reports')) return 'chatbotcom'
  if (path.startsWith('/__sandbox')) return 'sandbox'
  if (/^\/(eva-dashboard|eva-channel|org|auth)\//.test(path)) return 'eva'
  return 'other'
}
