// Schema migrations, applied in order inside one transaction each; PRAGMA user_version
// records how far a database has come, so a newer till opens an older file safely.
import type Database from 'better-sqlite3';

const MIGRATIONS: string[] = [
  // 1: the whole first schema
  `
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  -- one row at most: this till's Glase identity (the reseller password is never stored)
  CREATE TABLE credentials (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    terminal_id TEXT NOT NULL,
    terminal_password TEXT NOT NULL,
    external_terminal_id TEXT NOT NULL,
    glase_id TEXT,
    registered_at TEXT NOT NULL,
    assigned_at TEXT
  );
  CREATE TABLE journal (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    payment_id TEXT NOT NULL,
    state TEXT NOT NULL,
    client_invoice_id TEXT,
    invoice_reference TEXT,
    version INTEGER,
    result_code INTEGER,
    ers_reference TEXT,
    message TEXT
  );
  CREATE INDEX journal_payment ON journal (payment_id, seq);
  CREATE TABLE payments (
    payment_id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    state TEXT NOT NULL,
    finished INTEGER NOT NULL DEFAULT 0,
    snapshot TEXT NOT NULL
  );
  CREATE INDEX payments_unfinished ON payments (finished, created_at);
  CREATE TABLE transaction_posts (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    ers_reference TEXT NOT NULL UNIQUE,
    payment_id TEXT NOT NULL,
    post TEXT NOT NULL,
    written_to_file INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT
  );
  CREATE TABLE print_jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ers_reference TEXT NOT NULL,
    copy INTEGER NOT NULL,
    post TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'printed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at TEXT NOT NULL,
    printed_at TEXT
  );
  -- an original receipt is queued once per payment; copies may repeat
  CREATE UNIQUE INDEX print_jobs_original ON print_jobs (ers_reference) WHERE copy = 0;
  `,
  // 2: refunds (state + persisted snapshot, their own journal) and the transaction periods
  // this till closed at Glase (markTransactionPeriod), whose reports settle unknown refunds
  `
  CREATE TABLE refunds (
    refund_id TEXT PRIMARY KEY,
    original_ers_reference TEXT NOT NULL,
    amount INTEGER NOT NULL CHECK (amount > 0),
    currency TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    state TEXT NOT NULL,
    finished INTEGER NOT NULL DEFAULT 0,
    refund_ers_reference TEXT UNIQUE,
    resent_as TEXT,
    snapshot TEXT NOT NULL
  );
  CREATE INDEX refunds_original ON refunds (original_ers_reference);
  CREATE INDEX refunds_unfinished ON refunds (finished, created_at);
  CREATE TABLE refund_journal (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    refund_id TEXT NOT NULL,
    state TEXT NOT NULL,
    original_ers_reference TEXT NOT NULL,
    amount INTEGER NOT NULL,
    refund_ers_reference TEXT,
    result_code INTEGER,
    message TEXT
  );
  CREATE INDEX refund_journal_refund ON refund_journal (refund_id, seq);
  CREATE TABLE transaction_periods (
    period_id TEXT PRIMARY KEY,
    terminal_id TEXT,
    marked_at TEXT NOT NULL,
    purpose TEXT NOT NULL
  );
  CREATE INDEX transaction_periods_marked ON transaction_periods (marked_at);
  `,
  // 3: a print job is claimed (owner + lease, ms since the epoch) before it is sent, so two
  // spoolers over one store (the daemon's and a glase-pos reprint's) never send the same job
  `
  ALTER TABLE print_jobs ADD COLUMN claimed_by TEXT;
  ALTER TABLE print_jobs ADD COLUMN claim_expires INTEGER;
  `,
  // 4: a paid payment whose ersReference is already booked for another payment: its post is
  // kept here (flagged, one per payment), never dropped and never booked under the other's key
  `
  CREATE TABLE post_conflicts (
    payment_id TEXT PRIMARY KEY,
    ers_reference TEXT NOT NULL,
    booked_payment_id TEXT NOT NULL,
    post TEXT NOT NULL,
    at TEXT NOT NULL,
    written_to_file INTEGER NOT NULL DEFAULT 0
  );
  `,
  // 5: the outbox to the back office (issue 14): one row per payment, refund or Z close,
  // written in the transaction that records it; AUTOINCREMENT so a seq is never reused.
  // backoffice_link: the back office this till is enrolled with and its till token.
  `
  CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    post_key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('payment', 'refund', 'z')),
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'acked', 'parked')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
  );
  CREATE INDEX outbox_pending ON outbox (state, seq);
  CREATE TABLE backoffice_link (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    url TEXT NOT NULL,
    till_id INTEGER NOT NULL,
    till_token TEXT NOT NULL,
    enrolled_at TEXT NOT NULL
  );
  `,
  // 6: day close (Z): each close's state + persisted snapshot and its journal (a crash resumes
  // the same transaction period), the numbered Z reports (AUTOINCREMENT: a number is never
  // reused), and which Z each booked transaction went into
  `
  CREATE TABLE day_closes (
    close_id TEXT PRIMARY KEY,
    started_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    state TEXT NOT NULL,
    finished INTEGER NOT NULL DEFAULT 0,
    period_id TEXT,
    snapshot TEXT NOT NULL
  );
  CREATE INDEX day_closes_unfinished ON day_closes (finished, started_at);
  CREATE TABLE day_close_journal (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    close_id TEXT NOT NULL,
    state TEXT NOT NULL,
    period_id TEXT,
    attempt INTEGER,
    result_code INTEGER,
    message TEXT
  );
  CREATE TABLE z_reports (
    z_number INTEGER PRIMARY KEY AUTOINCREMENT,
    close_id TEXT NOT NULL UNIQUE,
    period_id TEXT NOT NULL,
    period_end TEXT NOT NULL,
    closed_at TEXT NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ('matched', 'needs-attention')),
    report TEXT NOT NULL,
    acknowledged_by TEXT,
    acknowledged_at TEXT,
    acknowledged_note TEXT,
    written_to_file INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE z_posts (
    ers_reference TEXT PRIMARY KEY,
    z_number INTEGER NOT NULL REFERENCES z_reports (z_number)
  );
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function migrate(db: Database.Database): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(`the database schema version ${current} is newer than this program (${SCHEMA_VERSION}); upgrade glase-pos`);
  }
  for (let v = current; v < SCHEMA_VERSION; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return SCHEMA_VERSION;
}
