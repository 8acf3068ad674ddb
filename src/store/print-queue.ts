// The durable print queue: the receipt is queued (SQLite, synchronous=FULL) before any
// printing, so a paper-out or a crash never loses it. Originals are queued once per
// payment; reprints are separate jobs marked copy.
import type Database from 'better-sqlite3';
import type { StoredPost } from './transaction-post.js';

export interface PrintJob {
  id: number;
  ersReference: string;
  copy: boolean;
  post: StoredPost;
  state: 'queued' | 'printed';
  attempts: number;
  lastError?: string;
  createdAt: string;
  printedAt?: string;
}

interface Row {
  id: number;
  ers_reference: string;
  copy: number;
  post: string;
  state: 'queued' | 'printed';
  attempts: number;
  last_error: string | null;
  created_at: string;
  printed_at: string | null;
}

const fromRow = (r: Row): PrintJob => ({
  id: r.id,
  ersReference: r.ers_reference,
  copy: r.copy === 1,
  post: JSON.parse(r.post) as StoredPost,
  state: r.state,
  attempts: r.attempts,
  createdAt: r.created_at,
  ...(r.last_error === null ? {} : { lastError: r.last_error }),
  ...(r.printed_at === null ? {} : { printedAt: r.printed_at }),
});

export class PrintQueue {
  constructor(private readonly db: Database.Database) {}

  enqueue(post: StoredPost, opts: { copy?: boolean } = {}): PrintJob {
    const copy = opts.copy === true;
    const now = new Date().toISOString();
    if (!copy) {
      const r = this.db
        .prepare(
          `INSERT INTO print_jobs (ers_reference, copy, post, state, created_at) VALUES (?, 0, ?, 'queued', ?)
           ON CONFLICT(ers_reference) WHERE copy = 0 DO NOTHING`,
        )
        .run(post.ersReference, JSON.stringify(post), now);
      if (r.changes === 0) {
        return fromRow(this.db.prepare('SELECT * FROM print_jobs WHERE ers_reference = ? AND copy = 0').get(post.ersReference) as Row);
      }
      return this.get(Number(r.lastInsertRowid))!;
    }
    const r = this.db
      .prepare(`INSERT INTO print_jobs (ers_reference, copy, post, state, created_at) VALUES (?, 1, ?, 'queued', ?)`)
      .run(post.ersReference, JSON.stringify(post), now);
    return this.get(Number(r.lastInsertRowid))!;
  }

  get(id: number): PrintJob | undefined {
    const r = this.db.prepare('SELECT * FROM print_jobs WHERE id = ?').get(id) as Row | undefined;
    return r ? fromRow(r) : undefined;
  }

  /** oldest first */
  pending(): PrintJob[] {
    return (this.db.prepare(`SELECT * FROM print_jobs WHERE state = 'queued' ORDER BY id`).all() as Row[]).map(fromRow);
  }

  markPrinted(id: number): void {
    const r = this.db.prepare(`UPDATE print_jobs SET state = 'printed', printed_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?`).run(new Date().toISOString(), id);
    if (r.changes !== 1) throw new Error(`print job ${id} does not exist`);
  }

  markAttemptFailed(id: number, error: string): void {
    const r = this.db.prepare('UPDATE print_jobs SET attempts = attempts + 1, last_error = ? WHERE id = ?').run(error, id);
    if (r.changes !== 1) throw new Error(`print job ${id} does not exist`);
  }

  last(): PrintJob | undefined {
    const r = this.db.prepare('SELECT * FROM print_jobs ORDER BY id DESC LIMIT 1').get() as Row | undefined;
    return r ? fromRow(r) : undefined;
  }

  byErsReference(ref: string): PrintJob[] {
    return (this.db.prepare('SELECT * FROM print_jobs WHERE ers_reference = ? ORDER BY id').all(ref) as Row[]).map(fromRow);
  }
}
