// The admin audit log: who did what, when (register, Glase ID, PIN, refunds…). Append-only
// except for one counter row that must not grow per event (setDetail).
import type Database from 'better-sqlite3';

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  detail?: string;
}

export class AuditLog {
  constructor(private readonly db: Database.Database) {}
  /** Returns the row's seq. detail must never hold a password: callers pass what was done, not with what secret. */
  append(actor: string, action: string, detail?: string, at = new Date().toISOString()): number {
    return Number(this.db.prepare('INSERT INTO audit (at, actor, action, detail) VALUES (?, ?, ?, ?)').run(at, actor, action, detail ?? null).lastInsertRowid);
  }
  /** rewrites a row's detail in place: a counter that must not add a row per event */
  setDetail(seq: number, detail: string): void {
    this.db.prepare('UPDATE audit SET detail = ? WHERE seq = ?').run(detail, seq);
  }
  list(limit = 100): AuditEntry[] {
    const rows = this.db.prepare('SELECT seq, at, actor, action, detail FROM audit ORDER BY seq DESC LIMIT ?').all(limit) as Array<AuditEntry & { detail: string | null }>;
    return rows.map((r) => ({ seq: r.seq, at: r.at, actor: r.actor, action: r.action, ...(r.detail === null ? {} : { detail: r.detail }) }));
  }
}
