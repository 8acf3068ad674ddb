// The transaction periods this till closed at Glase (markTransactionPeriod). Terminal periods
// follow each other without gaps, so the periods marked since a moment, plus a new one, cover
// everything the server booked for this till since then.
import type Database from 'better-sqlite3';

export interface TransactionPeriodRecord {
  periodId: string;
  /** the TERMINALID parameter of the mark; absent for a shop-wide period */
  terminalId?: string;
  markedAt: string;
  /** why it was marked: "refund-check", "day-close", … */
  purpose: string;
}

interface Row {
  period_id: string;
  terminal_id: string | null;
  marked_at: string;
  purpose: string;
}

const fromRow = (r: Row): TransactionPeriodRecord => ({
  periodId: r.period_id,
  ...(r.terminal_id === null ? {} : { terminalId: r.terminal_id }),
  markedAt: r.marked_at,
  purpose: r.purpose,
});

export class PeriodsRepo {
  constructor(private readonly db: Database.Database) {}
  add(p: TransactionPeriodRecord): void {
    this.db
      .prepare('INSERT INTO transaction_periods (period_id, terminal_id, marked_at, purpose) VALUES (?, ?, ?, ?) ON CONFLICT(period_id) DO NOTHING')
      .run(p.periodId, p.terminalId ?? null, p.markedAt, p.purpose);
  }
  /** periods of this terminal marked at or after `iso`, oldest first */
  markedSince(iso: string, terminalId: string): TransactionPeriodRecord[] {
    return (this.db.prepare('SELECT * FROM transaction_periods WHERE marked_at >= ? AND terminal_id = ? ORDER BY marked_at, period_id').all(iso, terminalId) as Row[]).map(fromRow);
  }
  /** newest first */
  recent(limit = 20): TransactionPeriodRecord[] {
    return (this.db.prepare('SELECT * FROM transaction_periods ORDER BY marked_at DESC LIMIT ?').all(limit) as Row[]).map(fromRow);
  }
}
