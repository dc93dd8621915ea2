/** The relational model shared by all three vendors, as DDL, plus its version. */

/**
 * Bump whenever the DDL or the generator's output changes: an existing database file
 * built under another version is rebuilt at start (see src/db/open.ts).
 */
export const SCHEMA_VERSION = 7

/**
 * Tables are created before the bulk insert; indexes after it (src/db/open.ts), which
 * is several times faster for the `large` scenario than maintaining them row by row.
 *
 * Conventions:
 * - every instant is an INTEGER of UTC epoch milliseconds (`*_ms`);
 * - `ext_id` is the id a vendor shows on the wire (eva UUID, Kore `st-…`/`u-…`, 24-hex);
 * - vendor-specific facts live on the shared rows (containment for Kore, paid for
 *   ChatBot.com, satisfaction and business key for eva) so that one dataset serves all.
 */
export const TABLES_SQL = /* sql */ `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- eva organisation (its realm), Kore account, ChatBot.com licence
CREATE TABLE orgs (
  id     INTEGER PRIMARY KEY,
  vendor TEXT NOT NULL CHECK (vendor IN ('eva', 'kore', 'chatbotcom')),
  ext_id TEXT NOT NULL,
  name   TEXT NOT NULL,
  UNIQUE (vendor, ext_id)
) STRICT;

CREATE TABLE envs (
  id     INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs (id),
  ext_id TEXT NOT NULL,
  name   TEXT NOT NULL
) STRICT;

-- eva bot, Kore bot (stream), ChatBot.com story
CREATE TABLE bots (
  id        INTEGER PRIMARY KEY,
  vendor    TEXT NOT NULL CHECK (vendor IN ('eva', 'kore', 'chatbotcom')),
  org_id    INTEGER NOT NULL REFERENCES orgs (id),
  env_id    INTEGER NOT NULL REFERENCES envs (id),
  ext_id    TEXT NOT NULL,
  name      TEXT NOT NULL,
  home_tz   TEXT NOT NULL,            -- where its users live: drives the day/night rhythm
  language  TEXT NOT NULL,
  threshold REAL NOT NULL,            -- NLP confidence (0..1) needed to count as understood
  UNIQUE (vendor, ext_id)
) STRICT;

CREATE TABLE channel_types (
  id         INTEGER PRIMARY KEY,     -- eva channelType.id
  vendor     TEXT NOT NULL,
  name       TEXT NOT NULL,           -- eva "WhatsApp"; Kore "rtm"; ChatBot.com "widget"
  image      TEXT NOT NULL,
  class_id   INTEGER NOT NULL,        -- eva channelClassification
  class_name TEXT NOT NULL
) STRICT;

CREATE TABLE channels (
  id          INTEGER PRIMARY KEY,
  bot_id      INTEGER NOT NULL REFERENCES bots (id),
  type_id     INTEGER NOT NULL REFERENCES channel_types (id),
  ext_id      TEXT NOT NULL,          -- eva channel UUID; Kore channel type; ChatBot.com source
  name        TEXT NOT NULL,
  description TEXT NOT NULL,
  UNIQUE (bot_id, ext_id)
) STRICT;

-- end users of one bot; first_seen_ms = start of their first session on it
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  bot_id        INTEGER NOT NULL REFERENCES bots (id),
  ext_id        TEXT NOT NULL,
  name          TEXT NOT NULL,
  business_key  TEXT,                 -- eva customer number / phone; NULL for anonymous users
  first_seen_ms INTEGER NOT NULL,
  UNIQUE (bot_id, ext_id)
) STRICT;

CREATE TABLE flows (
  id     INTEGER PRIMARY KEY,
  bot_id INTEGER NOT NULL REFERENCES bots (id),
  name   TEXT NOT NULL
) STRICT;

-- intents (eva, Kore) and interactions (ChatBot.com) in one table
CREATE TABLE intents (
  id        INTEGER PRIMARY KEY,
  bot_id    INTEGER NOT NULL REFERENCES bots (id),
  ext_id    TEXT NOT NULL,            -- 24-hex interaction id, dg-… dialog id, …
  name      TEXT NOT NULL,
  kind      TEXT NOT NULL CHECK (kind IN ('intent', 'welcome', 'fallback', 'contextFallback')),
  parent_id INTEGER REFERENCES intents (id),   -- the intent a contextFallback belongs to
  flow_id   INTEGER REFERENCES flows (id),
  nlp_type  TEXT NOT NULL CHECK (nlp_type IN ('INTENT', 'DOCUMENT', 'QUESTION')),
  weight    REAL NOT NULL                      -- relative popularity used by the generator
) STRICT;

-- what the bot says: one or more answers per intent, plus fallback and welcome answers
CREATE TABLE answers (
  id        INTEGER PRIMARY KEY,
  bot_id    INTEGER NOT NULL REFERENCES bots (id),
  intent_id INTEGER NOT NULL REFERENCES intents (id),
  name      TEXT NOT NULL,
  text      TEXT NOT NULL,
  type      TEXT NOT NULL CHECK (type IN ('TEXT', 'CAROUSEL', 'BUTTON')),
  buttons   TEXT NOT NULL             -- JSON [{name, value, action}]
) STRICT;

-- pool of user utterances, referenced by messages.text_id to keep the messages table small
CREATE TABLE texts (
  id   INTEGER PRIMARY KEY,
  text TEXT NOT NULL
) STRICT;

CREATE TABLE sessions (
  id           INTEGER PRIMARY KEY,
  bot_id       INTEGER NOT NULL REFERENCES bots (id),
  channel_id   INTEGER NOT NULL REFERENCES channels (id),
  user_id      INTEGER NOT NULL REFERENCES users (id),
  code         TEXT NOT NULL,         -- eva sessionCode (UUID); Kore / ChatBot.com 24-hex
  started_ms   INTEGER NOT NULL,
  ended_ms     INTEGER NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('active', 'closed')),
  interactive  INTEGER NOT NULL,      -- 0 = proactive, bot-only session (Kore "non-interactive")
  containment  TEXT NOT NULL CHECK (containment IN ('selfService', 'agent', 'dropOff')),
  satisfaction INTEGER,               -- 1..5, NULL when unrated
  business_key TEXT,                  -- copied from the user at session time
  is_new_user  INTEGER NOT NULL,      -- 1 on the user's first session with this bot
  paid         INTEGER NOT NULL,      -- ChatBot.com billable conversation
  language     TEXT NOT NULL,
  tags         TEXT NOT NULL,         -- JSON string[]
  user_msgs    INTEGER NOT NULL,
  bot_msgs     INTEGER NOT NULL,
  flows_count  INTEGER NOT NULL,
  first_text_id INTEGER REFERENCES texts (id)   -- the first user message, NULL if none
) STRICT;

-- flows a session travelled, in order; denormalised for index-only aggregation
CREATE TABLE session_flows (
  session_id INTEGER NOT NULL REFERENCES sessions (id),
  ord        INTEGER NOT NULL,
  flow_id    INTEGER NOT NULL REFERENCES flows (id),
  bot_id     INTEGER NOT NULL,
  channel_id INTEGER NOT NULL,
  started_ms INTEGER NOT NULL,
  PRIMARY KEY (session_id, ord)
) STRICT, WITHOUT ROWID;

CREATE TABLE messages (
  id         INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions (id),
  bot_id     INTEGER NOT NULL,
  channel_id INTEGER NOT NULL,
  user_id    INTEGER NOT NULL,
  seq        INTEGER NOT NULL,        -- position in the session, from 0
  ts_ms      INTEGER NOT NULL,
  direction  INTEGER NOT NULL,        -- 0 incoming (user), 1 outgoing (bot)
  text_id    INTEGER,                 -- incoming: texts.id
  answer_id  INTEGER,                 -- outgoing: answers.id
  intent_id  INTEGER,                 -- incoming: matched intent, NULL = nothing matched
  confidence REAL,                    -- incoming: 0..1
  understood INTEGER,                 -- incoming: 1 when confidence >= bot threshold
  reply_to   INTEGER                  -- outgoing: the incoming message it answers
) STRICT;

CREATE TABLE message_entities (
  message_id INTEGER NOT NULL REFERENCES messages (id),
  bot_id     INTEGER NOT NULL,
  name       TEXT NOT NULL,
  PRIMARY KEY (message_id, name)
) STRICT, WITHOUT ROWID;

-- who may call the APIs: eva users, Kore apps, ChatBot.com tokens
CREATE TABLE principals (
  id          INTEGER PRIMARY KEY,
  vendor      TEXT NOT NULL,
  org_id      INTEGER NOT NULL REFERENCES orgs (id),
  kind        TEXT NOT NULL,          -- eva 'user'; Kore 'builder' | 'admin'; ChatBot.com 'developer' | 'client'
  login       TEXT NOT NULL,          -- eva username; Kore client id; ChatBot.com token
  secret_hash TEXT NOT NULL,          -- scrypt; the clear secret is derived from the seed on demand
  scopes      TEXT NOT NULL,          -- JSON string[]
  UNIQUE (vendor, login)
) STRICT;

CREATE TABLE principal_bots (
  principal_id INTEGER NOT NULL REFERENCES principals (id),
  bot_id       INTEGER NOT NULL REFERENCES bots (id),
  PRIMARY KEY (principal_id, bot_id)
) STRICT, WITHOUT ROWID;

-- Kore custom dashboards and their widgets (the query definition is JSON)
CREATE TABLE dashboards (
  id     INTEGER PRIMARY KEY,
  bot_id INTEGER NOT NULL REFERENCES bots (id),
  ext_id TEXT NOT NULL,
  name   TEXT NOT NULL,
  UNIQUE (bot_id, name)
) STRICT;

CREATE TABLE widgets (
  id           INTEGER PRIMARY KEY,
  dashboard_id INTEGER NOT NULL REFERENCES dashboards (id),
  ext_id       TEXT NOT NULL,           -- wg-…
  name         TEXT NOT NULL,
  type         TEXT NOT NULL,           -- table, bar, line, pie, …
  dataset      TEXT NOT NULL CHECK (dataset IN ('Analytics', 'Sessions', 'Messages')),
  definition   TEXT NOT NULL,           -- JSON: select, groupBy, metric, dimensions, metrics …
  UNIQUE (dashboard_id, name)
) STRICT;

-- people of an account (Kore): owners, developers, admins; they can never be erased
CREATE TABLE account_users (
  id             INTEGER PRIMARY KEY,
  org_id         INTEGER NOT NULL REFERENCES orgs (id),
  ext_id         TEXT NOT NULL,         -- u-…
  username       TEXT NOT NULL,         -- e-mail
  org_user_id    TEXT NOT NULL,
  is_owner       INTEGER NOT NULL,
  is_developer   INTEGER NOT NULL,
  can_create_bot INTEGER NOT NULL,
  admin_roles    TEXT NOT NULL,         -- JSON [{roleId, roleName, groups}]
  UNIQUE (org_id, ext_id)
) STRICT;

CREATE TABLE account_user_bot_roles (
  user_id   INTEGER NOT NULL REFERENCES account_users (id),
  bot_id    INTEGER NOT NULL REFERENCES bots (id),
  role_id   TEXT NOT NULL,
  role_name TEXT NOT NULL,
  PRIMARY KEY (user_id, bot_id, role_id)
) STRICT, WITHOUT ROWID;

-- asynchronous jobs (Kore erase, import, publish): acknowledged rows survive restarts
CREATE TABLE jobs (
  id         INTEGER PRIMARY KEY,
  vendor     TEXT NOT NULL,
  kind       TEXT NOT NULL,             -- 'erase' | 'import' | 'publish'
  ext_id     TEXT NOT NULL UNIQUE,      -- eud-…, bir-…, ds-…
  org_id     INTEGER NOT NULL REFERENCES orgs (id),
  bot_id     INTEGER REFERENCES bots (id),
  status     TEXT NOT NULL,             -- 'pending' until run, then the kind's final state
  request    TEXT NOT NULL,             -- JSON as received (validated)
  result     TEXT,                      -- JSON written when the job completes
  created_ms INTEGER NOT NULL,
  due_ms     INTEGER NOT NULL,          -- when it completes (sandbox clock)
  updated_ms INTEGER NOT NULL
) STRICT;

-- files uploaded through Kore /api/public/uploadfile
CREATE TABLE uploads (
  id         INTEGER PRIMARY KEY,
  ext_id     TEXT NOT NULL UNIQUE,      -- 24-hex fileId
  org_id     INTEGER NOT NULL REFERENCES orgs (id),
  file_name  TEXT NOT NULL,
  extension  TEXT NOT NULL,
  context    TEXT NOT NULL,
  content    BLOB NOT NULL,
  created_ms INTEGER NOT NULL
) STRICT;

-- Derived rollups (src/db/rollups.ts), rebuilt from sessions and messages whenever those change. Per bot,
-- channel and UTC day, one count per 15-minute quarter: every zone in use is a whole number
-- of quarter hours from UTC (+05:30, +05:45 included), so any local hour, day, week or month
-- is a union of whole quarters. Counts are BLOBs of 96 little-endian uint32.
CREATE TABLE rollup_quarters (
  bot_id     INTEGER NOT NULL,
  day        INTEGER NOT NULL,        -- UTC day number (ms / 86400000)
  channel_id INTEGER NOT NULL,
  sessions   BLOB NOT NULL,           -- conversations started in each quarter
  paid       BLOB NOT NULL,           -- of which billable (ChatBot.com)
  messages   BLOB NOT NULL,           -- their user + bot messages, counted at the conversation's start
  user_messages BLOB NOT NULL,        -- user messages delivered in each quarter
  understood BLOB NOT NULL,           -- of which understood (confidence at the bot's threshold)
  PRIMARY KEY (bot_id, day, channel_id)
) STRICT;

-- Per-user activity for distinct-user counts, which no additive rollup can answer: per bot
-- and UTC day, one 8-byte record per conversation in start order (user id uint32, quarter
-- uint8, flags uint8, channel id uint16; see src/db/rollups.ts).
CREATE TABLE rollup_activity (
  bot_id INTEGER NOT NULL,
  day    INTEGER NOT NULL,
  data   BLOB NOT NULL,
  PRIMARY KEY (bot_id, day)
) STRICT;

-- eva reports requested through */request_report (written at run time)
CREATE TABLE reports (
  id          INTEGER PRIMARY KEY,
  bot_id      INTEGER NOT NULL REFERENCES bots (id),
  uuid        TEXT NOT NULL UNIQUE,
  kind        TEXT NOT NULL CHECK (kind IN ('conversations', 'messages', 'conversation_details')),
  report_type TEXT NOT NULL,
  file_name   TEXT NOT NULL,
  params      TEXT NOT NULL,          -- JSON: the resolved request
  created_ms  INTEGER NOT NULL
) STRICT;
`

export const INDEXES_SQL = /* sql */ `
-- covering for the window counts of every vendor, Kore's containment and session-type filters
-- included; id right after the time gives lists their (time, id) order without a sort
CREATE INDEX sessions_by_bot_time ON sessions (bot_id, started_ms, id, channel_id, user_id, containment, interactive);
CREATE UNIQUE INDEX sessions_by_code ON sessions (bot_id, code);
CREATE INDEX sessions_by_business_key ON sessions (bot_id, business_key) WHERE business_key IS NOT NULL;
CREATE INDEX sessions_by_user ON sessions (user_id, started_ms);
CREATE INDEX session_flows_by_bot_time ON session_flows (bot_id, started_ms, channel_id, flow_id);
CREATE INDEX session_flows_by_flow ON session_flows (bot_id, flow_id, started_ms);
CREATE INDEX messages_by_bot_time ON messages (bot_id, direction, ts_ms, id, channel_id, understood, intent_id);
CREATE INDEX messages_by_session ON messages (session_id, seq);
CREATE INDEX messages_by_bot_ts ON messages (bot_id, ts_ms);
CREATE INDEX message_entities_by_name ON message_entities (bot_id, name, message_id);
CREATE INDEX users_by_bot_first_seen ON users (bot_id, first_seen_ms);
CREATE INDEX reports_by_bot ON reports (bot_id, created_ms);
CREATE INDEX jobs_due ON jobs (status, due_ms);
CREATE INDEX widgets_by_dashboard ON widgets (dashboard_id);
`

/** INDEXES_SQL one statement at a time (seeding reports progress between them). */
export const INDEX_STATEMENTS: readonly string[] = INDEXES_SQL.split('\n')
  .filter(line => !line.trimStart().startsWith('--'))
  .join('\n')
  .split(';')
  .map(statement => statement.trim())
  .filter(statement => statement !== '')

/** Tables written at run time; everything else is the seeded dataset. */
export const MUTABLE_TABLES = ['reports', 'jobs', 'uploads'] as const

/** Tables derived from the seeded ones (src/db/rollups.ts): written by the seeder with the traffic, days of them rebuilt after an erasure. */
export const DERIVED_TABLES = ['rollup_quarters', 'rollup_activity'] as const

/** Seeded tables, children first: the order a reseed empties them in. */
export const SEEDED_TABLES = [
  'message_entities', 'messages', 'session_flows', 'sessions', 'users', 'texts', 'answers', 'intents', 'flows',
  'widgets', 'dashboards', 'account_user_bot_roles', 'account_users', 'principal_bots', 'principals',
  'channels', 'channel_types', 'bots', 'envs', 'orgs'
] as const
