/** An oracle for ChatBot.com periods, written from the contract's table and independent of the implementation. */

const DAY = 86_400_000

/** The contract's period table [I], in UTC. */
export function period (name: string, now: number): [number, number] {
  const d = new Date(now)
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()]
  const today = Date.UTC(y, m, day)
  switch (name) {
    case 'today': return [today, now]
    case 'yesterday': return [today - DAY, today - 1]
    case 'last7days': return [today - 6 * DAY, now]
    case 'last30days': return [today - 29 * DAY, now]
    case 'thisMonth': return [Date.UTC(y, m, 1), now]
    case 'lastMonth': return [Date.UTC(y, m - 1, 1), Date.UTC(y, m, 1) - 1]
    case 'last3Months': return [Date.UTC(y, m - 3, Math.min(day, new Date(Date.UTC(y, m - 2, 0)).getUTCDate())), now]
    case 'thisYear': return [Date.UTC(y, 0, 1), now]
    default: return [Date.UTC(y - 1, 0, 1), Date.UTC(y, 0, 1) - 1]
  }
}
