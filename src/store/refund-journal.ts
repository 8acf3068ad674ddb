// The refunds journal: one row per state change of every refund, never updated or deleted.
// The first row ("created") is written before refundPayment can be sent.
import type Database from 'better-sqlite3';

export interface RefundJournalEntry {
  seq: number;
  at: string;
  refundId: string;
  state: string;
  originalErsReference: string;
  /** positive minor units */
  amount: number;
  refundErsReference?: string;
  resultCode?: number;
  message?: string;
}
export type NewRefundJournalEntry = Omit<RefundJournalEntry, 'seq'>;

interface Row {
  seq: number;
  at: string;
  refund_id: string;
  state: string;
  original_ers_reference: string;
  amount: number;
  refund_ers_reference: string | null;
  result_code: number | null;
  message: string | null;
}

function fromRow(r: Row): RefundJournalEntry {
  return {
    seq: r.seq,
    at: r.at,
    refundId: r.refund_id,
    state: r.state,
    originalErsReference: r.original_ers_reference,
    amount: r.amount,
    ...(r.refund_ers_reference === null ? {} : { refundErsReference: r.refund_ers_reference }),
    ...(r.result_code === null ? {} : { resultCode: r.result_code }),
    ...(r.message === null ? {} : { message: r.message }),
  };
}

export class RefundJournal {
  constructor(private readonly db: Database.Database) {}
  append(e: NewRefundJournalEntry): number {
    const r = this.db
      .prepare(
        `INSERT INTO refund_journal (at, refund_id, state, original_ers_reference, amount, refund_ers_reference, result_code, message)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(e.at, e.refundId, e.state, e.originalErsReference, e.amount, e.refundErsReference ?? null, e.resultCode ?? null, e.message ?? null);
    return Number(r.lastInsertRowid);
  }
  forRefund(refundId: string): RefundJournalEntry[] {
    return (this.db.prepare('SELECT * FROM refund_journal WHERE refund_id = ? ORDER BY seq').all(refundId) as Row[]).map(fromRow);
  }
  /** newest first */
  recent(limit = 50): RefundJournalEntry[] {
    return (this.db.prepare('SELECT * FROM refund_journal ORDER BY seq DESC LIMIT ?').all(limit) as Row[]).map(fromRow);
  }
}
