// This till's Glase identity: terminalId and the terminal password we generated, and the
// Glase ID (sticker) assigned to it. The reseller password never reaches this table.
import type Database from 'better-sqlite3';

export interface TerminalCredentials {
  terminalId: string;
  terminalPassword: string;
  externalTerminalId: string;
  glaseId?: string;
  registeredAt: string;
  assignedAt?: string;
}

interface Row {
  terminal_id: string;
  terminal_password: string;
  external_terminal_id: string;
  glase_id: string | null;
  registered_at: string;
  assigned_at: string | null;
}

export class CredentialsRepo {
  constructor(private readonly db: Database.Database) {}
  get(): TerminalCredentials | undefined {
    const r = this.db.prepare('SELECT * FROM credentials WHERE id = 1').get() as Row | undefined;
    if (!r) return undefined;
    return {
      terminalId: r.terminal_id,
      terminalPassword: r.terminal_password,
      externalTerminalId: r.external_terminal_id,
      registeredAt: r.registered_at,
      ...(r.glase_id === null ? {} : { glaseId: r.glase_id }),
      ...(r.assigned_at === null ? {} : { assignedAt: r.assigned_at }),
    };
  }
  /** a new registration replaces any old identity (a reinstalled till registers again) */
  saveRegistration(c: { terminalId: string; terminalPassword: string; externalTerminalId: string; registeredAt: string }): void {
    this.db
      .prepare(
        `INSERT INTO credentials (id, terminal_id, terminal_password, external_terminal_id, registered_at, glase_id, assigned_at)
         VALUES (1, ?, ?, ?, ?, NULL, NULL)
         ON CONFLICT(id) DO UPDATE SET terminal_id = excluded.terminal_id, terminal_password = excluded.terminal_password,
           external_terminal_id = excluded.external_terminal_id, registered_at = excluded.registered_at, glase_id = NULL, assigned_at = NULL`,
      )
      .run(c.terminalId, c.terminalPassword, c.externalTerminalId, c.registeredAt);
  }
  saveGlaseId(glaseId: string, assignedAt: string): void {
    const r = this.db.prepare('UPDATE credentials SET glase_id = ?, assigned_at = ? WHERE id = 1').run(glaseId, assignedAt);
    if (r.changes !== 1) throw new Error('cannot store a Glase ID: this till is not registered');
  }
  clear(): void {
    this.db.prepare('DELETE FROM credentials').run();
  }
}
