// The receipt file: one transaction post per completed payment or refund. SQLite is the truth
// (UNIQUE ersReference: nothing is ever recorded twice); each post is then appended,
// fsynced, as one JSON line to receipts.jsonl for a host POS. The file write happens after
// the commit and is flagged; unflagged posts are re-appended at start, skipping any line
// already in the file, so the file gets each post exactly once.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { StoredPost } from './transaction-post.js';

export class PostsRepo {
  constructor(
    private readonly db: Database.Database,
    readonly filePath: string,
  ) {}

  /** Inserts the post (a payment's or a refund's; paymentId is the refundId for a refund) unless one with this ersReference exists; returns the stored post and whether it is new. */
  insert<P extends StoredPost>(paymentId: string, post: P): { post: P; created: boolean } {
    const r = this.db
      .prepare('INSERT INTO transaction_posts (ers_reference, payment_id, post) VALUES (?, ?, ?) ON CONFLICT(ers_reference) DO NOTHING')
      .run(post.ersReference, paymentId, JSON.stringify(post));
    if (r.changes === 1) return { post, created: true };
    return { post: this.byErsReference(post.ersReference) as P, created: false };
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

  /** Appends every post not yet in receipts.jsonl; call outside a transaction, after commit. */
  flushToFile(): number {
    const rows = this.db.prepare('SELECT seq, ers_reference, post FROM transaction_posts WHERE written_to_file = 0 ORDER BY seq').all() as Array<{
      seq: number;
      ers_reference: string;
      post: string;
    }>;
    if (rows.length === 0) return 0;
    const { refs: present, tornTail } = this.readFile();
    const fd = openSync(this.filePath, 'a', 0o600);
    let written = 0;
    try {
      // a torn last line stays on its own line; the post it belonged to is appended whole
      if (tornTail) writeSync(fd, '\n');
      for (const r of rows) {
        if (!present.has(r.ers_reference)) {
          writeSync(fd, r.post + '\n');
          written++;
        }
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    const mark = this.db.prepare('UPDATE transaction_posts SET written_to_file = 1 WHERE seq = ?');
    this.db.transaction(() => rows.forEach((r) => mark.run(r.seq)))();
    return written;
  }

  private readFile(): { refs: Set<string>; tornTail: boolean } {
    const refs = new Set<string>();
    if (!existsSync(this.filePath)) return { refs, tornTail: false };
    const text = readFileSync(this.filePath, 'utf8');
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const p = JSON.parse(line) as { ersReference?: unknown };
        if (typeof p.ersReference === 'string') refs.add(p.ersReference);
      } catch {
        // a torn last line from a power cut: ignore it, the post is re-appended whole
      }
    }
    return { refs, tornTail: text.length > 0 && !text.endsWith('\n') };
  }
}
