// The receipt file: one transaction post per completed payment or refund. SQLite is the truth
// (UNIQUE ersReference: nothing is ever recorded twice; a second payment that Glase gave the
// same reference is kept apart in post_conflicts, flagged needsChecking, and its line says so).
// Each post is then appended, fsynced, as one JSON line to receipts.jsonl for a host POS. The file write happens after
// the commit and is flagged; unflagged posts are re-appended at start, skipping any line
// already in the file, so the file gets each post exactly once.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { StoredPost } from './transaction-post.js';
import { postEntry } from './outbox.js';

export class PostsRepo {
  constructor(
    private readonly db: Database.Database,
    readonly filePath: string,
  ) {}

  /**
   * Inserts the post (a payment's or a refund's; paymentId is the refundId for a refund) unless one
   * with this ersReference exists; returns the stored post and whether it is new. `bookedFor` names
   * the other payment when the reference is already booked for a different id: nothing is stored
   * then (see keepConflict).
   */
  insert<P extends StoredPost>(paymentId: string, post: P): { post: P; created: boolean; bookedFor?: string } {
    // the post and its outbox row to the back office commit together (a savepoint when the caller's transaction is open)
    const r = this.db.transaction(() => {
      const ins = this.db
        .prepare('INSERT INTO transaction_posts (ers_reference, payment_id, post) VALUES (?, ?, ?) ON CONFLICT(ers_reference) DO NOTHING')
        .run(post.ersReference, paymentId, JSON.stringify(post));
      if (ins.changes === 1) {
        const e = postEntry(post);
        this.db.prepare('INSERT INTO outbox (post_key, kind, body, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(post_key) DO NOTHING').run(e.key, e.kind, e.body, post.timestamp);
      }
      return ins;
    })();
    if (r.changes === 1) return { post, created: true };
    const row = this.db.prepare('SELECT payment_id, post FROM transaction_posts WHERE ers_reference = ?').get(post.ersReference) as { payment_id: string; post: string };
    return { post: JSON.parse(row.post) as P, created: false, ...(row.payment_id !== paymentId ? { bookedFor: row.payment_id } : {}) };
  }

  /** Keeps the post of a payment whose reference is booked for another (once per payment); true when new. */
  keepConflict(paymentId: string, post: StoredPost, bookedFor: string, at: string): boolean {
    const r = this.db
      .prepare('INSERT INTO post_conflicts (payment_id, ers_reference, booked_payment_id, post, at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(payment_id) DO NOTHING')
      .run(paymentId, post.ersReference, bookedFor, JSON.stringify(post), at);
    return r.changes === 1;
  }

  /** Payments kept apart because their reference was booked for another: they need checking. */
  conflicts(): Array<{ paymentId: string; bookedPaymentId: string; at: string; post: StoredPost }> {
    const rows = this.db.prepare('SELECT payment_id, booked_payment_id, at, post FROM post_conflicts ORDER BY at, payment_id').all() as Array<{ payment_id: string; booked_payment_id: string; at: string; post: string }>;
    return rows.map((r) => ({ paymentId: r.payment_id, bookedPaymentId: r.booked_payment_id, at: r.at, post: JSON.parse(r.post) as StoredPost }));
  }

  byErsReference(ref: string): StoredPost | undefined {
    const row = this.db.prepare('SELECT post FROM transaction_posts WHERE ers_reference = ?').get(ref) as { post: string } | undefined;
    return row ? (JSON.parse(row.post) as StoredPost) : undefined;
  }

  byPayment(paymentId: string): StoredPost[] {
    return (this.db.prepare('SELECT post FROM transaction_posts WHERE payment_id = ? ORDER BY seq').all(paymentId) as Array<{ post: string }>).map(
      (r) => JSON.parse(r.post) as StoredPost,
    );
  }

  all(): StoredPost[] {
    return (this.db.prepare('SELECT post FROM transaction_posts ORDER BY seq').all() as Array<{ post: string }>).map((r) => JSON.parse(r.post) as StoredPost);
  }

  /** Appends every post (and kept-apart post) not yet in receipts.jsonl; call outside a transaction, after commit. */
  flushToFile(): number {
    const posts = this.db.prepare('SELECT seq, post FROM transaction_posts WHERE written_to_file = 0 ORDER BY seq').all() as Array<{ seq: number; post: string }>;
    const kept = this.db.prepare('SELECT payment_id, post FROM post_conflicts WHERE written_to_file = 0 ORDER BY at, payment_id').all() as Array<{ payment_id: string; post: string }>;
    if (posts.length === 0 && kept.length === 0) return 0;
    const { keys: present, tornTail } = this.readFile();
    const fd = openSync(this.filePath, 'a', 0o600);
    let written = 0;
    try {
      // a torn last line stays on its own line; the post it belonged to is appended whole
      if (tornTail) writeSync(fd, '\n');
      for (const r of [...posts, ...kept]) {
        const key = lineKey(JSON.parse(r.post));
        if (key !== undefined && !present.has(key)) {
          writeSync(fd, r.post + '\n');
          present.add(key);
          written++;
        }
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    const mark = this.db.prepare('UPDATE transaction_posts SET written_to_file = 1 WHERE seq = ?');
    const markKept = this.db.prepare('UPDATE post_conflicts SET written_to_file = 1 WHERE payment_id = ?');
    this.db.transaction(() => {
      posts.forEach((r) => mark.run(r.seq));
      kept.forEach((r) => markKept.run(r.payment_id));
    })();
    return written;
  }

  private readFile(): { keys: Set<string>; tornTail: boolean } {
    const keys = new Set<string>();
    if (!existsSync(this.filePath)) return { keys, tornTail: false };
    const text = readFileSync(this.filePath, 'utf8');
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const key = lineKey(JSON.parse(line));
        if (key !== undefined) keys.add(key);
      } catch {
        // a torn last line from a power cut: ignore it, the post is re-appended whole
      }
    }
    return { keys, tornTail: text.length > 0 && !text.endsWith('\n') };
  }
}

/** A line's identity in the file: its ersReference, or for a kept-apart post also its own clientInvoiceId. */
function lineKey(p: { ersReference?: unknown; clientInvoiceId?: unknown; needsChecking?: unknown }): string | undefined {
  if (typeof p.ersReference !== 'string') return undefined;
  return p.needsChecking ? `${p.ersReference} ${String(p.clientInvoiceId)}` : p.ersReference;
}
