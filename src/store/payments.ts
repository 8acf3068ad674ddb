// Persisted payment machine snapshots, one row per payment, with a `finished` flag so the
// till can find every unfinished payment at start.
import { readTally } from './retention.js';
import type Database from 'better-sqlite3';

export interface PaymentRecord {
  paymentId: string;
  createdAt: string;
  updatedAt: string;
  state: string;
  finished: boolean;
  /** the xstate persisted snapshot (JSON-parsed) */
  snapshot: unknown;
}

interface Row {
  payment_id: string;
  created_at: string;
  updated_at: string;
  state: string;
  finished: number;
  snapshot: string;
}

const fromRow = (r: Row): PaymentRecord => ({
  paymentId: r.payment_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  state: r.state,
  finished: r.finished === 1,
  snapshot: JSON.parse(r.snapshot),
});

export class PaymentsRepo {
  constructor(private readonly db: Database.Database) {}
  save(paymentId: string, state: string, snapshot: unknown, finished: boolean, at: string): void {
    this.db
      .prepare(
        `INSERT INTO payments (payment_id, created_at, updated_at, state, finished, snapshot) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(payment_id) DO UPDATE SET updated_at = excluded.updated_at, state = excluded.state,
           finished = excluded.finished, snapshot = excluded.snapshot`,
      )
      .run(paymentId, at, at, state, finished ? 1 : 0, JSON.stringify(snapshot));
  }
  get(paymentId: string): PaymentRecord | undefined {
    const r = this.db.prepare('SELECT * FROM payments WHERE payment_id = ?').get(paymentId) as Row | undefined;
    return r ? fromRow(r) : undefined;
  }
  /** oldest first */
  unfinished(): PaymentRecord[] {
    return (this.db.prepare('SELECT * FROM payments WHERE finished = 0 ORDER BY created_at, payment_id').all() as Row[]).map(fromRow);
  }
  /** finished payments per final state (the outcome: completed, cancelled, failed …), also those pruned since */
  countFinishedByState(): Record<string, number> {
    const rows = this.db.prepare('SELECT state, COUNT(*) AS n FROM payments WHERE finished = 1 GROUP BY state').all() as Array<{ state: string; n: number }>;
    const counts = readTally(this.db);
    for (const r of rows) counts[r.state] = (counts[r.state] ?? 0) + r.n;
    return counts;
  }
  /** payments whose (final) state is `state`, oldest first: e.g. 'settledOutside', which the day close reconciles */
  inState(state: string): PaymentRecord[] {
    return (this.db.prepare('SELECT * FROM payments WHERE state = ? ORDER BY created_at, payment_id').all(state) as Row[]).map(fromRow);
  }
  recent(limit = 20): PaymentRecord[] {
    return (this.db.prepare('SELECT * FROM payments ORDER BY created_at DESC LIMIT ?').all(limit) as Row[]).map(fromRow);
  }
}
