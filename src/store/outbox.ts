// The outbox to the back office (issue 14): every payment, refund and Z close gets a row in
// the same SQLite transaction that records it, so a post is never recorded without being
// queued for shipping, nor queued without being recorded. The shipper sends pending rows in
// seq order and marks them acked (stored or duplicate at the back office) or parked (the back
// office refused or conflicted: kept, shown in `status`, never dropped).
import type Database from 'better-sqlite3';
import type { StoredPost } from './transaction-post.js';
import { isRefundPost } from './transaction-post.js';

export type OutboxKind = 'payment' | 'refund' | 'z';

export interface OutboxRow {
  seq: number;
  key: string;
  kind: OutboxKind;
  body: string;
  attempts: number;
}

export interface Backlog {
  pending: number;
  parked: number;
  oldestPendingAt?: string;
}

/** The shop's local date (YYYY-MM-DD) of an instant, in this machine's time zone. */
export function businessDay(iso: string): string {
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

/** The outbox row of a payment's or refund's post: its key and the JSON the back office reads. */
export function postEntry(post: StoredPost): { key: string; kind: OutboxKind; body: string } {
  const refund = isRefundPost(post);
  const kind: OutboxKind = refund ? 'refund' : 'payment';
  return { key: `${refund ? 'ref' : 'pay'}:${post.ersReference}`, kind, body: JSON.stringify({ kind, businessDay: businessDay(post.timestamp), ...post }) };
}

export class Outbox {
  constructor(private readonly db: Database.Database) {}

  /** Queues a post once per key (a second add of the key is ignored); call inside the recording transaction. */
  add(e: { key: string; kind: OutboxKind; body: string }, at: string): boolean {
    return this.db.prepare('INSERT INTO outbox (post_key, kind, body, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(post_key) DO NOTHING').run(e.key, e.kind, e.body, at).changes === 1;
  }

  pending(limit: number): OutboxRow[] {
    return (this.db.prepare("SELECT seq, post_key AS key, kind, body, attempts FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT ?").all(limit) as OutboxRow[]);
  }

  /** Marks a batch's answers in one transaction. */
  settle(acked: number[], parked: Array<{ seq: number; why: string }>): void {
    const ack = this.db.prepare("UPDATE outbox SET state = 'acked', attempts = attempts + 1, last_error = NULL WHERE seq = ?");
    const park = this.db.prepare("UPDATE outbox SET state = 'parked', attempts = attempts + 1, last_error = ? WHERE seq = ?");
    this.db.transaction(() => {
      acked.forEach((s) => ack.run(s));
      parked.forEach((p) => park.run(p.why, p.seq));
    })();
  }

  /** A failed send: counts the attempt on the batch's rows, keeps them pending. */
  failed(seqs: number[], why: string): void {
    const f = this.db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE seq = ?');
    this.db.transaction(() => seqs.forEach((s) => f.run(why, s)))();
  }

  backlog(): Backlog {
    const r = this.db.prepare("SELECT sum(state = 'pending') AS pending, sum(state = 'parked') AS parked, min(CASE WHEN state = 'pending' THEN created_at END) AS oldest FROM outbox").get() as { pending: number | null; parked: number | null; oldest: string | null };
    return { pending: r.pending ?? 0, parked: r.parked ?? 0, ...(r.oldest ? { oldestPendingAt: r.oldest } : {}) };
  }

  parked(): Array<{ seq: number; key: string; why: string }> {
    return this.db.prepare("SELECT seq, post_key AS key, last_error AS why FROM outbox WHERE state = 'parked' ORDER BY seq").all() as Array<{ seq: number; key: string; why: string }>;
  }
}

export interface BackofficeLink {
  url: string;
  tillId: number;
  tillToken: string;
  enrolledAt: string;
}

export class BackofficeLinkRepo {
  constructor(private readonly db: Database.Database) {}
  get(): BackofficeLink | undefined {
    const r = this.db.prepare('SELECT url, till_id, till_token, enrolled_at FROM backoffice_link WHERE id = 1').get() as { url: string; till_id: number; till_token: string; enrolled_at: string } | undefined;
    return r && { url: r.url, tillId: r.till_id, tillToken: r.till_token, enrolledAt: r.enrolled_at };
  }
  save(l: BackofficeLink): void {
    this.db
      .prepare('INSERT INTO backoffice_link (id, url, till_id, till_token, enrolled_at) VALUES (1, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET url = excluded.url, till_id = excluded.till_id, till_token = excluded.till_token, enrolled_at = excluded.enrolled_at')
      .run(l.url, l.tillId, l.tillToken, l.enrolledAt);
  }
  clear(): void {
    this.db.prepare('DELETE FROM backoffice_link').run();
  }
}
