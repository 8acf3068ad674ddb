// Key/value settings (JSON values) and the admin audit log.
import type Database from 'better-sqlite3';

export class Settings {
  constructor(private readonly db: Database.Database) {}
  get<T = unknown>(key: string): T | undefined {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as T) : undefined;
  }
  set(key: string, value: unknown): void {
    this.db
      .prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
      .run(key, JSON.stringify(value), new Date().toISOString());
  }
  delete(key: string): void {
    this.db.prepare('DELETE FROM settings WHERE key = ?').run(key);
  }
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  detail?: string;
}

export class AuditLog {
  constructor(private readonly db: Database.Database) {}
  /** detail must never hold a password; callers pass what was done, not with what secret */
  /** returns the row's seq */
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
