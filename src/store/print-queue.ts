// The durable print queue: the receipt is queued (SQLite, synchronous=FULL) before any
// printing, so a paper-out or a crash never loses it. Originals are queued once per
// payment; reprints are separate jobs marked copy. A spooler claims a job (owner + lease)
// before it sends it and only sends jobs it claimed, so two spoolers over one store never
// print the same job twice; the lease lets another take over a job whose owner died.
import type Database from 'better-sqlite3';
import type { PrintablePost } from './transaction-post.js';

export interface PrintJob {
  id: number;
  ersReference: string;
  copy: boolean;
  post: PrintablePost;
  state: 'queued' | 'printed';
  attempts: number;
  lastError?: string;
  createdAt: string;
  printedAt?: string;
  /** the spooler sending it now, while its lease runs */
  claimedBy?: string;
  claimExpires?: number;
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
  claimed_by: string | null;
  claim_expires: number | null;
}

const fromRow = (r: Row): PrintJob => ({
  id: r.id,
  ersReference: r.ers_reference,
  copy: r.copy === 1,
  post: JSON.parse(r.post) as PrintablePost,
  state: r.state,
  attempts: r.attempts,
  createdAt: r.created_at,
  ...(r.last_error === null ? {} : { lastError: r.last_error }),
  ...(r.printed_at === null ? {} : { printedAt: r.printed_at }),
  ...(r.claimed_by === null ? {} : { claimedBy: r.claimed_by, claimExpires: r.claim_expires ?? 0 }),
});

// a job may be claimed when nobody holds it, its holder claims it again, or the lease ran out
const CLAIMABLE = `(claimed_by IS NULL OR claimed_by = @owner OR claim_expires <= @now)`;

export class PrintQueue {
  constructor(private readonly db: Database.Database) {}

  enqueue(post: PrintablePost, opts: { copy?: boolean } = {}): PrintJob {
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

  /**
   * Claims the oldest queued job for `owner` until now + leaseMs. When another owner's lease
   * on that job still runs, nothing is claimed: jobs print in order, one sender at a time.
   * One UPDATE statement, so it is atomic across processes.
   */
  claimNext(owner: string, leaseMs: number, now = Date.now()): PrintJob | undefined {
    const r = this.db
      .prepare(
        `UPDATE print_jobs SET claimed_by = @owner, claim_expires = @until
         WHERE id = (SELECT id FROM print_jobs WHERE state = 'queued' ORDER BY id LIMIT 1) AND ${CLAIMABLE}
         RETURNING *`,
      )
      .get({ owner, until: now + leaseMs, now }) as Row | undefined;
    return r ? fromRow(r) : undefined;
  }

  /** Claims one queued job, whatever its place in the queue (a reprint prints only its own). */
  claim(id: number, owner: string, leaseMs: number, now = Date.now()): PrintJob | undefined {
    const r = this.db
      .prepare(`UPDATE print_jobs SET claimed_by = @owner, claim_expires = @until WHERE id = @id AND state = 'queued' AND ${CLAIMABLE} RETURNING *`)
      .get({ id, owner, until: now + leaseMs, now }) as Row | undefined;
    return r ? fromRow(r) : undefined;
  }

  /** Printed: leaves the queue, and its claim ends. */
  markPrinted(id: number): void {
    const r = this.db
      .prepare(`UPDATE print_jobs SET state = 'printed', printed_at = ?, attempts = attempts + 1, last_error = NULL, claimed_by = NULL, claim_expires = NULL WHERE id = ?`)
      .run(new Date().toISOString(), id);
    if (r.changes !== 1) throw new Error(`print job ${id} does not exist`);
  }

  /** Not printed: stays queued for the next try (by any spooler), its claim ends. */
  markAttemptFailed(id: number, error: string): void {
    const r = this.db.prepare('UPDATE print_jobs SET attempts = attempts + 1, last_error = ?, claimed_by = NULL, claim_expires = NULL WHERE id = ?').run(error, id);
    if (r.changes !== 1) throw new Error(`print job ${id} does not exist`);
  }

  /** the last receipt job (a Z report is not a receipt: `reprint --last` never picks one) */
  last(): PrintJob | undefined {
    const r = this.db.prepare("SELECT * FROM print_jobs WHERE ers_reference NOT LIKE 'Z-%' ORDER BY id DESC LIMIT 1").get() as Row | undefined;
    return r ? fromRow(r) : undefined;
  }

  byErsReference(ref: string): PrintJob[] {
    return (this.db.prepare('SELECT * FROM print_jobs WHERE ers_reference = ? ORDER BY id').all(ref) as Row[]).map(fromRow);
  }
}
