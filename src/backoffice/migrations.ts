// The back office schema, the same on PGlite and PostgreSQL. Each migration runs in one
// transaction under an advisory lock (two back offices starting on one server do not race);
// schema_version records how far a database has come, and a newer one is refused.
import type { Db } from './db.js';

const MIGRATIONS: string[][] = [
  // 1: users, sessions, settings, the reseller's credentials (encrypted), tills and enrolment,
  // the posts of every till with their per-till-and-day rollup, and reconciliation
  [
    `CREATE TABLE admin_user (
      id bigserial PRIMARY KEY,
      username text NOT NULL UNIQUE,
      role text NOT NULL CHECK (role IN ('owner', 'accountant')),
      password_hash jsonb NOT NULL,
      failed_logins integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      created_at timestamptz NOT NULL DEFAULT now())`,
    `CREATE TABLE admin_session (
      token_sha text PRIMARY KEY,
      user_id bigint NOT NULL REFERENCES admin_user (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL)`,
    `CREATE TABLE setting (key text PRIMARY KEY, value jsonb NOT NULL)`,
    // one row: AES-256-GCM ciphertext of the reseller password; ids in clear
    `CREATE TABLE reseller (
      id integer PRIMARY KEY CHECK (id = 1),
      reseller_id text NOT NULL,
      user_id text NOT NULL,
      password_enc text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now())`,
    `CREATE TABLE till (
      id bigserial PRIMARY KEY,
      name text NOT NULL,
      external_id text NOT NULL,
      terminal_id text NOT NULL UNIQUE,
      terminal_password_enc text NOT NULL,
      token_sha text NOT NULL UNIQUE,
      enrolled_at timestamptz NOT NULL DEFAULT now(),
      unregistered_at timestamptz,
      last_seen_at timestamptz,
      version text,
      backlog bigint NOT NULL DEFAULT 0,
      contiguous_seq bigint NOT NULL DEFAULT 0)`,
    `CREATE TABLE enrolment_code (
      code_sha text PRIMARY KEY,
      label text NOT NULL,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      till_id bigint REFERENCES till (id))`,
    `CREATE TABLE post (
      till_id bigint NOT NULL REFERENCES till (id),
      post_key text NOT NULL,
      seq bigint NOT NULL,
      kind text NOT NULL CHECK (kind IN ('payment', 'refund', 'z')),
      business_day date NOT NULL,
      amount_ore bigint NOT NULL,
      currency text NOT NULL,
      ers_reference text,
      cashier_id text,
      terminal_id text,
      payload jsonb NOT NULL,
      payload_sha text NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (till_id, post_key))`,
    `CREATE INDEX post_day_till ON post (business_day, till_id) INCLUDE (kind, amount_ore)`,
    `CREATE INDEX post_ers_reference ON post (ers_reference)`,
    `CREATE INDEX post_till_seq ON post (till_id, seq)`,
    // exact at commit: fed only by rows really inserted (INSERT … RETURNING)
    `CREATE TABLE day_total (
      till_id bigint NOT NULL,
      business_day date NOT NULL,
      kind text NOT NULL,
      currency text NOT NULL,
      n bigint NOT NULL,
      sum_ore bigint NOT NULL,
      PRIMARY KEY (till_id, business_day, kind, currency))`,
    `CREATE INDEX day_total_day ON day_total (business_day)`,
    // a post whose key was stored before with another body: the first is kept, this one shown
    `CREATE TABLE post_conflict (
      id bigserial PRIMARY KEY,
      till_id bigint NOT NULL,
      post_key text NOT NULL,
      payload jsonb NOT NULL,
      payload_sha text NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (till_id, post_key, payload_sha))`,
    `CREATE TABLE recon_period (
      period_id text PRIMARY KEY,
      marked_at timestamptz NOT NULL DEFAULT now(),
      marked_by text NOT NULL,
      read_at timestamptz,
      state text NOT NULL DEFAULT 'marked',
      summary jsonb)`,
    `CREATE TABLE recon_difference (
      id bigserial PRIMARY KEY,
      period_id text NOT NULL REFERENCES recon_period (period_id),
      class text NOT NULL,
      ers_reference text,
      terminal_id text,
      cashier_id text,
      ledger_ore bigint,
      glase_ore bigint,
      reason text NOT NULL,
      first_seen timestamptz NOT NULL DEFAULT now(),
      state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'acknowledged', 'auto_resolved')),
      acknowledged_by text,
      note text,
      UNIQUE (period_id, class, ers_reference, terminal_id, cashier_id))`,
  ],
  // 2: which shop period matched a post at Glase (reconciliation); open ones are looked at next time
  [
    `ALTER TABLE post ADD COLUMN reconciled_period text`,
    `CREATE INDEX post_unreconciled ON post (till_id) WHERE reconciled_period IS NULL AND kind <> 'z'`,
  ],
  // 3: every registerTerminal the back office makes, written BEFORE Glase is asked: one whose
  // reply is lost (or whose back office dies waiting) stays visible as a possible stray
  // terminal at Glase until an owner acknowledges it; refunds found by the payment they pay back
  [
    `CREATE TABLE registration_attempt (
      id bigserial PRIMARY KEY,
      name text NOT NULL,
      external_id text NOT NULL,
      started_at timestamptz NOT NULL DEFAULT now(),
      outcome text NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending', 'registered', 'refused', 'lost')),
      terminal_id text,
      detail text,
      acknowledged_by text,
      acknowledged_at timestamptz)`,
    `CREATE INDEX registration_attempt_open ON registration_attempt (started_at) WHERE outcome IN ('pending', 'lost') AND acknowledged_at IS NULL`,
    `CREATE INDEX post_refund_of ON post ((payload->>'originalErsReference')) WHERE kind = 'refund'`,
  ],
];

export const BACKOFFICE_SCHEMA_VERSION = MIGRATIONS.length;
const LOCK = 0x6c617365; // any constant: one advisory lock for migrations

export async function migrate(db: Db): Promise<number> {
  await db.exec('CREATE TABLE IF NOT EXISTS schema_version (id integer PRIMARY KEY CHECK (id = 1), version integer NOT NULL)');
  for (;;) {
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK]);
      const r = await tx.query<{ version: number }>('SELECT version FROM schema_version WHERE id = 1');
      const current = r.rows[0]?.version ?? 0;
      if (current > BACKOFFICE_SCHEMA_VERSION) {
        throw new Error(`the back office database is at schema version ${current}, newer than this program (${BACKOFFICE_SCHEMA_VERSION}); upgrade glase-pos`);
      }
      if (current === BACKOFFICE_SCHEMA_VERSION) return true;
      for (const statement of MIGRATIONS[current]) await tx.query(statement);
      await tx.query('INSERT INTO schema_version (id, version) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version', [current + 1]);
      return false;
    });
    if (done) return BACKOFFICE_SCHEMA_VERSION;
  }
}
