/** Reads the rollup tables (schema.ts, src/db/rollups.ts) by primary-key range: a window's UTC days. */
import type Database from 'better-sqlite3'

/** [bot id, UTC day, channel id, 96 × uint32 counts] */
export type QuarterRow = [botId: number, day: number, channelId: number, counts: Buffer]
/** [bot id, UTC day, channel id, sessions, paid, messages] */
export type QuarterTripleRow = [botId: number, day: number, channelId: number, sessions: Buffer, paid: Buffer, messages: Buffer]
/** [UTC day, activity records] */
export type ActivityRow = [day: number, data: Buffer]

const CHANNELS = 'channel_id IN (SELECT value FROM json_each(@channels))'

/** The additive quarter columns: conversations by start, user messages by delivery. */
export type QuarterColumn = 'sessions' | 'user_messages' | 'understood'

export function createRollupRepository (db: Database.Database) {
  const column = (c: QuarterColumn) => db.prepare(`SELECT bot_id, day, channel_id, ${c} FROM rollup_quarters
    WHERE bot_id = @bot AND day BETWEEN @first AND @last AND ${CHANNELS}`).raw(true)
  const columns = { sessions: column('sessions'), user_messages: column('user_messages'), understood: column('understood') }
  const pair = db.prepare(`SELECT bot_id, day, channel_id, user_messages, understood FROM rollup_quarters
    WHERE bot_id = @bot AND day BETWEEN @first AND @last AND ${CHANNELS}`).raw(true)
  const triple = db.prepare(`SELECT bot_id, day, channel_id, sessions, paid, messages FROM rollup_quarters
    WHERE bot_id = @bot AND day BETWEEN @first AND @last AND ${CHANNELS}`).raw(true)
  const activity = db.prepare('SELECT day, data FROM rollup_activity WHERE bot_id = ? AND day BETWEEN ? AND ? ORDER BY day').raw(true)

  return {
    /** One count per quarter of the bot's chosen channels over UTC days [first, last]. */
    counts (c: QuarterColumn, botId: number, channelIds: number[], first: number, last: number): QuarterRow[] {
      return columns[c].all({ bot: botId, channels: JSON.stringify(channelIds), first, last }) as QuarterRow[]
    },

    /** User messages and understood ones: [bot, day, channel, user_messages, understood]. */
    userMessages (botId: number, channelIds: number[], first: number, last: number): Array<[number, number, number, Buffer, Buffer]> {
      return pair.all({ bot: botId, channels: JSON.stringify(channelIds), first, last }) as Array<[number, number, number, Buffer, Buffer]>
    },

    /** Conversations, paid conversations and their messages per quarter, for several bots. */
    triples (botIds: number[], channelIds: number[], first: number, last: number): QuarterTripleRow[] {
      const channels = JSON.stringify(channelIds)
      const out: QuarterTripleRow[] = []
      for (const bot of botIds) for (const r of triple.all({ bot, channels, first, last }) as QuarterTripleRow[]) out.push(r)
      return out
    },

    /** The activity records of UTC days [first, last], day by day in order. */
    activity (botId: number, first: number, last: number): ActivityRow[] {
      return activity.all(botId, first, last) as ActivityRow[]
    }
  }
}

export type RollupRepository = ReturnType<typeof createRollupRepository>
