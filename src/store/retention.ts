// Bounded storage: what a finished payment leaves behind is kept in full for `fullDays`
// (payment snapshots, their journal rows, printed print jobs, delivered back-office rows,
// refund journals), and in compact form for the legal period (`legalYears`): the transaction
// posts (what receipts.jsonl also holds), refunds, closed transaction periods, kept-apart
// posts and the audit log. Each call deletes at most `batch` rows per kind, oldest first and
// reading only the oldest rows, so a round is short and can run between payments. Pruned
// payments are tallied per final state in settings, so the payment counters never go back.
import type Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface RetentionPolicy {
  /** full rows of finished payments and refunds: this many days (fractions allowed) */
  fullDays: number;
  /** posts, refunds, day-close records, audit: this many years */
  legalYears: number;
  /** at most this many rows of each kind per call */
  batch: number;
}

/** final payment states that ask a person to check them */
const KEPT_FOR_REVIEW = ['needsChecking', 'settledOutside'];

export const DEFAULT_RETENTION: RetentionPolicy = { fullDays: 30, legalYears: 7, batch: 200 };
const DAY_MS = 86_400_000;
export const PRUNED_TALLY_KEY = 'retention.prunedPayments';

export type PruneCounts = Record<string, number>;

/** One round: deletes what is past its keep time, at most `batch` rows of each kind. */
export function pruneOnce(db: Database.Database, policy: RetentionPolicy, now = Date.now()): PruneCounts {
  const full = new Date(now - policy.fullDays * DAY_MS).toISOString();
  const legal = new Date(now - policy.legalYears * 365.25 * DAY_MS).toISOString();
  const n = policy.batch;
  const counts: PruneCounts = {};
  const del = (kind: string, sql: string, ...args: unknown[]) => {
    const c = db.prepare(sql).run(...args).changes;
    if (c) counts[kind] = (counts[kind] ?? 0) + c;
  };
  db.transaction(() => {
    // finished payments: snapshot and journal; the final state is tallied for the counters.
    // Those a person still has to look at (needs checking, settled outside the till) keep their
    // whole story for the legal period: the day close and an auditor read them from here.
    const old = db
      .prepare(
        `SELECT payment_id, state FROM payments WHERE finished = 1 AND created_at < CASE WHEN state IN (${KEPT_FOR_REVIEW.map(() => '?').join(', ')}) THEN ? ELSE ? END ORDER BY created_at LIMIT ?`,
      )
      .all(...KEPT_FOR_REVIEW, legal, full, n) as Array<{ payment_id: string; state: string }>;
    if (old.length) {
      const tally = readTally(db);
      const j = db.prepare('DELETE FROM journal WHERE payment_id = ?');
      const p = db.prepare('DELETE FROM payments WHERE payment_id = ?');
      for (const r of old) {
        counts.journal = (counts.journal ?? 0) + j.run(r.payment_id).changes;
        p.run(r.payment_id);
        tally[r.state] = (tally[r.state] ?? 0) + 1;
      }
      counts.payments = old.length;
      writeTally(db, tally);
    }
    // append-only tables: only the oldest `n` rows are looked at, so a round never scans
    del('printJobs', `DELETE FROM print_jobs WHERE id IN (SELECT id FROM (SELECT id, state, printed_at FROM print_jobs ORDER BY id LIMIT ?) WHERE state = 'printed' AND printed_at < ?)`, n, full);
    del('refundJournal', `DELETE FROM refund_journal WHERE seq IN (SELECT j.seq FROM (SELECT seq, refund_id, at FROM refund_journal ORDER BY seq LIMIT ?) j JOIN refunds r ON r.refund_id = j.refund_id WHERE r.finished = 1 AND j.at < ?)`, n, full);
    if (hasTable(db, 'outbox')) del('outbox', `DELETE FROM outbox WHERE seq IN (SELECT seq FROM (SELECT seq, state, created_at FROM outbox ORDER BY seq LIMIT ?) WHERE state = 'acked' AND created_at < ?)`, n, full);
    // a till with no back office ships to nobody: its queue keeps the retention window only
    // (the posts themselves stay below for the legal period)
    if (hasTable(db, 'outbox') && db.prepare('SELECT 1 FROM backoffice_link').get() === undefined)
      del('outbox', `DELETE FROM outbox WHERE seq IN (SELECT seq FROM (SELECT seq, state, created_at FROM outbox ORDER BY seq LIMIT ?) WHERE state = 'pending' AND created_at < ?)`, n, full);
    // the legal period; an outbox row no back office took by then goes too
    if (hasTable(db, 'outbox')) del('outbox', `DELETE FROM outbox WHERE seq IN (SELECT seq FROM (SELECT seq, created_at FROM outbox ORDER BY seq LIMIT ?) WHERE created_at < ?)`, n, legal);
    del('posts', `DELETE FROM transaction_posts WHERE seq IN (SELECT seq FROM (SELECT seq, post, written_to_file FROM transaction_posts ORDER BY seq LIMIT ?) WHERE written_to_file = 1 AND json_extract(post, '$.timestamp') < ?)`, n, legal);
    del('postConflicts', `DELETE FROM post_conflicts WHERE payment_id IN (SELECT payment_id FROM post_conflicts WHERE written_to_file = 1 AND at < ? LIMIT ?)`, legal, n);
    const refunds = db.prepare('SELECT refund_id FROM refunds WHERE finished = 1 AND created_at < ? ORDER BY created_at LIMIT ?').all(legal, n) as Array<{ refund_id: string }>;
    for (const r of refunds) {
      del('refundJournal', 'DELETE FROM refund_journal WHERE refund_id = ?', r.refund_id);
      del('refunds', 'DELETE FROM refunds WHERE refund_id = ?', r.refund_id);
    }
    del('periods', 'DELETE FROM transaction_periods WHERE period_id IN (SELECT period_id FROM transaction_periods WHERE marked_at < ? ORDER BY marked_at LIMIT ?)', legal, n);
    del('audit', 'DELETE FROM audit WHERE seq IN (SELECT seq FROM (SELECT seq, at FROM audit ORDER BY seq LIMIT ?) WHERE at < ?)', n, legal);
  })();
  return counts;
}

/**
 * Gives freed pages back to the file system: incremental_vacuum (the store is opened with
 * auto_vacuum = INCREMENTAL) and a WAL checkpoint that truncates the -wal file.
 */
export function reclaim(db: Database.Database, pages = 2000): void {
  db.pragma(`incremental_vacuum(${pages})`);
  db.pragma('wal_checkpoint(TRUNCATE)');
}

/** Payments pruned so far, per final state (added to the live counts by PaymentsRepo). */
export function readTally(db: Database.Database): Record<string, number> {
  const r = db.prepare('SELECT value FROM settings WHERE key = ?').get(PRUNED_TALLY_KEY) as { value: string } | undefined;
  return r ? (JSON.parse(r.value) as Record<string, number>) : {};
}

function writeTally(db: Database.Database, tally: Record<string, number>): void {
  db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at').run(PRUNED_TALLY_KEY, JSON.stringify(tally), new Date().toISOString());
}

function hasTable(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

export interface StorageSizes {
  /** glase-pos.sqlite and its -wal */
  dbBytes: number;
  walBytes: number;
  /** pages SQLite holds free inside the file (given back by reclaim) */
  freePagesBytes: number;
  receiptsBytes: number;
}

export function storageSizes(db: Database.Database, dataDir: string, dbFile: string, receiptsFile: string): StorageSizes {
  const size = (f: string) => (existsSync(f) ? statSync(f).size : 0);
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const free = db.pragma('freelist_count', { simple: true }) as number;
  return { dbBytes: size(join(dataDir, dbFile)), walBytes: size(join(dataDir, `${dbFile}-wal`)), freePagesBytes: free * pageSize, receiptsBytes: size(join(dataDir, receiptsFile)) };
}
