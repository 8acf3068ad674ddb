// Key/value settings (JSON values). The admin audit log is in audit-log.ts.
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
  /** sets `key` only when it has no value, in one statement (so also against another process); true when set */
  setIfAbsent(key: string, value: unknown): boolean {
    const r = this.db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO NOTHING').run(key, JSON.stringify(value), new Date().toISOString());
    return r.changes === 1;
  }
  delete(key: string): void {
    this.db.prepare('DELETE FROM settings WHERE key = ?').run(key);
  }
}
