// The payments journal: one row per state change of every payment, never updated or deleted.
import type Database from 'better-sqlite3';

export interface JournalEntry {
  seq: number;
  at: string;
  paymentId: string;
  state: string;
  clientInvoiceId?: string;
  invoiceReference?: string;
  version?: number;
  resultCode?: number;
  ersReference?: string;
  message?: string;
}
export type NewJournalEntry = Omit<JournalEntry, 'seq'>;

interface Row {
  seq: number;
  at: string;
  payment_id: string;
  state: string;
  client_invoice_id: string | null;
  invoice_reference: string | null;
  version: number | null;
  result_code: number | null;
  ers_reference: string | null;
  message: string | null;
}

function fromRow(r: Row): JournalEntry {
  const e: JournalEntry = { seq: r.seq, at: r.at, paymentId: r.payment_id, state: r.state };
  if (r.client_invoice_id !== null) e.clientInvoiceId = r.client_invoice_id;
  if (r.invoice_reference !== null) e.invoiceReference = r.invoice_reference;
  if (r.version !== null) e.version = r.version;
  if (r.result_code !== null) e.resultCode = r.result_code;
  if (r.ers_reference !== null) e.ersReference = r.ers_reference;
  if (r.message !== null) e.message = r.message;
  return e;
}

export class Journal {
  constructor(private readonly db: Database.Database) {}
  append(e: NewJournalEntry): number {
    const r = this.db
      .prepare(
        `INSERT INTO journal (at, payment_id, state, client_invoice_id, invoice_reference, version, result_code, ers_reference, message)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(e.at, e.paymentId, e.state, e.clientInvoiceId ?? null, e.invoiceReference ?? null, e.version ?? null, e.resultCode ?? null, e.ersReference ?? null, e.message ?? null);
    return Number(r.lastInsertRowid);
  }
  forPayment(paymentId: string): JournalEntry[] {
    return (this.db.prepare('SELECT * FROM journal WHERE payment_id = ? ORDER BY seq').all(paymentId) as Row[]).map(fromRow);
  }
  /** the paymentIds that start with `prefix` (lowercase hex and dashes), at most `limit` */
  paymentIdsStartingWith(prefix: string, limit = 10): string[] {
    if (!/^[0-9a-f-]*$/.test(prefix)) return []; // no LIKE wildcards can get in
    return (this.db.prepare(`SELECT DISTINCT payment_id FROM journal WHERE payment_id LIKE ? || '%' ORDER BY payment_id LIMIT ?`).all(prefix, limit) as Array<{ payment_id: string }>).map((r) => r.payment_id);
  }
  /** newest first */
  recent(limit = 50): JournalEntry[] {
    return (this.db.prepare('SELECT * FROM journal ORDER BY seq DESC LIMIT ?').all(limit) as Row[]).map(fromRow);
  }
}
