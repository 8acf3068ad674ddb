// Persisted refund machine snapshots, one row per refund: the original payment's reference
// and the amount as columns (the refundable rest is summed from them), the refund's own
// reference once known (UNIQUE: a refund is never booked twice), and which refund re-sent it.
import type Database from 'better-sqlite3';

export interface RefundRecord {
  refundId: string;
  originalErsReference: string;
  /** positive minor units */
  amount: number;
  currency: string;
  createdAt: string;
  updatedAt: string;
  state: string;
  finished: boolean;
  refundErsReference?: string;
  /** the refund that sent this one again after the report showed it never happened */
  resentAs?: string;
  /** the xstate persisted snapshot, or {status: 'created', input} before the machine ran */
  snapshot: unknown;
}

interface Row {
  refund_id: string;
  original_ers_reference: string;
  amount: number;
  currency: string;
  created_at: string;
  updated_at: string;
  state: string;
  finished: number;
  refund_ers_reference: string | null;
  resent_as: string | null;
  snapshot: string;
}

const fromRow = (r: Row): RefundRecord => ({
  refundId: r.refund_id,
  originalErsReference: r.original_ers_reference,
  amount: r.amount,
  currency: r.currency,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  state: r.state,
  finished: r.finished === 1,
  ...(r.refund_ers_reference === null ? {} : { refundErsReference: r.refund_ers_reference }),
  ...(r.resent_as === null ? {} : { resentAs: r.resent_as }),
  snapshot: JSON.parse(r.snapshot),
});

export class RefundsRepo {
  constructor(private readonly db: Database.Database) {}

  create(r: { refundId: string; originalErsReference: string; amount: number; currency: string; at: string; snapshot: unknown }): void {
    this.db
      .prepare(
        `INSERT INTO refunds (refund_id, original_ers_reference, amount, currency, created_at, updated_at, state, finished, snapshot)
         VALUES (?, ?, ?, ?, ?, ?, 'created', 0, ?)`,
      )
      .run(r.refundId, r.originalErsReference, r.amount, r.currency, r.at, r.at, JSON.stringify(r.snapshot));
  }

  save(refundId: string, s: { state: string; snapshot: unknown; finished: boolean; at: string; refundErsReference?: string }): void {
    const r = this.db
      .prepare(
        `UPDATE refunds SET updated_at = ?, state = ?, finished = ?, snapshot = ?,
           refund_ers_reference = COALESCE(refund_ers_reference, ?) WHERE refund_id = ?`,
      )
      .run(s.at, s.state, s.finished ? 1 : 0, JSON.stringify(s.snapshot), s.refundErsReference ?? null, refundId);
    if (r.changes !== 1) throw new Error(`refund ${refundId} does not exist`);
  }

  get(refundId: string): RefundRecord | undefined {
    const r = this.db.prepare('SELECT * FROM refunds WHERE refund_id = ?').get(refundId) as Row | undefined;
    return r ? fromRow(r) : undefined;
  }

  byRefundErsReference(ers: string): RefundRecord | undefined {
    const r = this.db.prepare('SELECT * FROM refunds WHERE refund_ers_reference = ?').get(ers) as Row | undefined;
    return r ? fromRow(r) : undefined;
  }

  /** the refunds of one payment, oldest first */
  byOriginal(originalErsReference: string): RefundRecord[] {
    return (this.db.prepare('SELECT * FROM refunds WHERE original_ers_reference = ? ORDER BY created_at, refund_id').all(originalErsReference) as Row[]).map(fromRow);
  }

  /** oldest first */
  unfinished(): RefundRecord[] {
    return (this.db.prepare('SELECT * FROM refunds WHERE finished = 0 ORDER BY created_at, refund_id').all() as Row[]).map(fromRow);
  }

  inState(state: string): RefundRecord[] {
    return (this.db.prepare('SELECT * FROM refunds WHERE state = ? ORDER BY created_at, refund_id').all(state) as Row[]).map(fromRow);
  }

  /** newest first */
  recent(limit = 20): RefundRecord[] {
    return (this.db.prepare('SELECT * FROM refunds ORDER BY created_at DESC, refund_id DESC LIMIT ?').all(limit) as Row[]).map(fromRow);
  }

  /** every refund reference this till booked or learned */
  refundReferences(): Set<string> {
    const rows = this.db.prepare('SELECT refund_ers_reference AS r FROM refunds WHERE refund_ers_reference IS NOT NULL').all() as Array<{ r: string }>;
    return new Set(rows.map((x) => x.r));
  }

  /** Links a refund to the one that re-sent it; false when it was re-sent already. */
  markResent(refundId: string, resentAs: string): boolean {
    return this.db.prepare('UPDATE refunds SET resent_as = ? WHERE refund_id = ? AND resent_as IS NULL').run(resentAs, refundId).changes === 1;
  }
}
