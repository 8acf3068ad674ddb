// The day closes (Z): each close's persisted machine snapshot and journal, so a crash resumes
// the same transaction period instead of closing another; the numbered Z reports; which Z each
// booked transaction belongs to. A Z line goes to receipts.jsonl exactly once (flagged after
// the fsync, re-appended at start unless the file has it), like the transaction posts.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { ZAcknowledgement, ZReport } from '../../machines/z-report-types.js';
import { businessDay } from './outbox.js';

export interface CloseRecord {
  closeId: string;
  startedAt: string;
  updatedAt: string;
  state: string;
  finished: boolean;
  periodId?: string;
  snapshot: unknown;
}

export interface StoredZ {
  report: ZReport;
  acknowledged?: ZAcknowledgement;
}

export interface CloseJournalRow {
  at: string;
  closeId: string;
  state: string;
  periodId?: string;
  attempt?: number;
  resultCode?: number;
  message?: string;
}

interface CloseRow {
  close_id: string;
  started_at: string;
  updated_at: string;
  state: string;
  finished: number;
  period_id: string | null;
  snapshot: string;
}
interface ZRow {
  z_number: number;
  report: string;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  acknowledged_note: string | null;
}

const closeOf = (r: CloseRow): CloseRecord => ({
  closeId: r.close_id,
  startedAt: r.started_at,
  updatedAt: r.updated_at,
  state: r.state,
  finished: r.finished === 1,
  ...(r.period_id === null ? {} : { periodId: r.period_id }),
  snapshot: JSON.parse(r.snapshot),
});
const zOf = (r: ZRow): StoredZ => ({
  report: JSON.parse(r.report) as ZReport,
  ...(r.acknowledged_at === null ? {} : { acknowledged: { by: r.acknowledged_by ?? '', at: r.acknowledged_at, ...(r.acknowledged_note ? { note: r.acknowledged_note } : {}) } }),
});

/**
 * The back-office post of a finished close (issue 14): key `z:<number>`, kind `z`, the whole Z
 * with its net as `amount` and the local date of its close as `businessDay`.
 */
export function zOutboxEntry(z: ZReport): { key: string; kind: 'z'; body: string } {
  return { key: `z:${z.zNumber}`, kind: 'z', body: JSON.stringify({ kind: 'z', businessDay: businessDay(z.closedAt), amount: z.till.net, ...z }) };
}

/** The receipts.jsonl line of a Z: `kind` tells it from a transaction post. */
export const zLine = (z: ZReport) => ({ kind: 'z-report', ...z });

export class DayClosesRepo {
  constructor(
    private readonly db: Database.Database,
    readonly filePath: string,
  ) {}

  save(c: Omit<CloseRecord, 'updatedAt'> & { at: string }): void {
    this.db
      .prepare(
        `INSERT INTO day_closes (close_id, started_at, updated_at, state, finished, period_id, snapshot) VALUES (@id, @started, @at, @state, @finished, @period, @snapshot)
         ON CONFLICT(close_id) DO UPDATE SET updated_at = @at, state = @state, finished = @finished, period_id = COALESCE(@period, period_id), snapshot = @snapshot`,
      )
      .run({ id: c.closeId, started: c.startedAt, at: c.at, state: c.state, finished: c.finished ? 1 : 0, period: c.periodId ?? null, snapshot: JSON.stringify(c.snapshot) });
  }
  journal(j: CloseJournalRow): void {
    this.db
      .prepare('INSERT INTO day_close_journal (at, close_id, state, period_id, attempt, result_code, message) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(j.at, j.closeId, j.state, j.periodId ?? null, j.attempt ?? null, j.resultCode ?? null, j.message ?? null);
  }
  journalOf(closeId: string): CloseJournalRow[] {
    const rows = this.db.prepare('SELECT * FROM day_close_journal WHERE close_id = ? ORDER BY seq').all(closeId) as Array<Record<string, string | number | null>>;
    return rows.map((r) => ({
      at: String(r.at), closeId: String(r.close_id), state: String(r.state),
      ...(r.period_id === null ? {} : { periodId: String(r.period_id) }),
      ...(r.attempt === null ? {} : { attempt: Number(r.attempt) }),
      ...(r.result_code === null ? {} : { resultCode: Number(r.result_code) }),
      ...(r.message === null ? {} : { message: String(r.message) }),
    }));
  }
  get(closeId: string): CloseRecord | undefined {
    const r = this.db.prepare('SELECT * FROM day_closes WHERE close_id = ?').get(closeId) as CloseRow | undefined;
    return r ? closeOf(r) : undefined;
  }
  /** the close to resume, oldest first (there is at most one in practice) */
  unfinished(): CloseRecord[] {
    return (this.db.prepare('SELECT * FROM day_closes WHERE finished = 0 ORDER BY started_at').all() as CloseRow[]).map(closeOf);
  }
  latest(): CloseRecord | undefined {
    const r = this.db.prepare('SELECT * FROM day_closes ORDER BY started_at DESC, rowid DESC LIMIT 1').get() as CloseRow | undefined;
    return r ? closeOf(r) : undefined;
  }

  /**
   * Stores a Z under the next number (one transaction with the post assignments), or returns the
   * one this close already has: recording twice after a crash never takes a second number.
   */
  addZ(make: (zNumber: number) => ZReport, closeId: string): ZReport {
    return this.db.transaction(() => {
      const old = this.db.prepare('SELECT * FROM z_reports WHERE close_id = ?').get(closeId) as ZRow | undefined;
      if (old) return zOf(old).report;
      // AUTOINCREMENT's counter, not MAX(): a number once given is never given again
      const seq = this.db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'z_reports'").get() as { seq: number } | undefined;
      const z = make((seq?.seq ?? 0) + 1);
      this.db
        .prepare('INSERT INTO z_reports (z_number, close_id, period_id, period_end, closed_at, verdict, report) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(z.zNumber, closeId, z.periodId, z.periodEnd, z.closedAt, z.verdict, JSON.stringify(z));
      const assign = this.db.prepare('INSERT INTO z_posts (ers_reference, z_number) VALUES (?, ?) ON CONFLICT(ers_reference) DO NOTHING');
      for (const ers of z.ersReferences) assign.run(ers, z.zNumber);
      for (const id of z.settledOutside ?? []) assign.run(`outside:${id}`, z.zNumber);
      return z;
    })();
  }
  z(zNumber: number): StoredZ | undefined {
    const r = this.db.prepare('SELECT * FROM z_reports WHERE z_number = ?').get(zNumber) as ZRow | undefined;
    return r ? zOf(r) : undefined;
  }
  zOfClose(closeId: string): StoredZ | undefined {
    const r = this.db.prepare('SELECT * FROM z_reports WHERE close_id = ?').get(closeId) as ZRow | undefined;
    return r ? zOf(r) : undefined;
  }
  /** the Z whose period (or one of whose periods) is this id */
  zOfPeriod(periodId: string): StoredZ | undefined {
    const direct = this.db.prepare('SELECT * FROM z_reports WHERE period_id = ?').get(periodId) as ZRow | undefined;
    if (direct) return zOf(direct);
    return this.list(10_000).find((z) => z.report.periods.includes(periodId));
  }
  /** newest first */
  list(limit = 50): StoredZ[] {
    return (this.db.prepare('SELECT * FROM z_reports ORDER BY z_number DESC LIMIT ?').all(limit) as ZRow[]).map(zOf);
  }
  lastZ(): StoredZ | undefined {
    return this.list(1)[0];
  }
  /** closes whose differences nobody acknowledged yet */
  needingAttention(): StoredZ[] {
    return (this.db.prepare("SELECT * FROM z_reports WHERE verdict = 'needs-attention' AND acknowledged_at IS NULL ORDER BY z_number").all() as ZRow[]).map(zOf);
  }
  acknowledge(zNumber: number, ack: ZAcknowledgement): boolean {
    const r = this.db
      .prepare("UPDATE z_reports SET acknowledged_by = ?, acknowledged_at = ?, acknowledged_note = ? WHERE z_number = ? AND verdict = 'needs-attention' AND acknowledged_at IS NULL")
      .run(ack.by, ack.at, ack.note ?? null, zNumber);
    return r.changes === 1;
  }
  /** ersReference → Z number, for the export */
  zNumbers(): Map<string, number> {
    const rows = this.db.prepare('SELECT ers_reference, z_number FROM z_posts').all() as Array<{ ers_reference: string; z_number: number }>;
    return new Map(rows.map((r) => [r.ers_reference, r.z_number]));
  }
  inAnyZ(ersReference: string): boolean {
    return this.db.prepare('SELECT 1 FROM z_posts WHERE ers_reference = ?').get(ersReference) !== undefined;
  }

  /** Appends every Z not yet in receipts.jsonl (one JSON line each, fsynced); call after commit. */
  flushToFile(): number {
    const rows = this.db.prepare('SELECT z_number, report FROM z_reports WHERE written_to_file = 0 ORDER BY z_number').all() as Array<{ z_number: number; report: string }>;
    if (rows.length === 0) return 0;
    const present = new Set<number>();
    let torn = false;
    if (existsSync(this.filePath)) {
      const text = readFileSync(this.filePath, 'utf8');
      torn = text.length > 0 && !text.endsWith('\n');
      for (const line of text.split('\n')) {
        if (!line.includes('"z-report"')) continue;
        try {
          const o = JSON.parse(line) as { kind?: string; zNumber?: number };
          if (o.kind === 'z-report' && typeof o.zNumber === 'number') present.add(o.zNumber);
        } catch {
          // a torn last line: the Z is appended whole
        }
      }
    }
    const fd = openSync(this.filePath, 'a', 0o600);
    let written = 0;
    try {
      if (torn) writeSync(fd, '\n');
      for (const r of rows) {
        if (present.has(r.z_number)) continue;
        writeSync(fd, JSON.stringify(zLine(JSON.parse(r.report) as ZReport)) + '\n');
        written++;
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    const mark = this.db.prepare('UPDATE z_reports SET written_to_file = 1 WHERE z_number = ?');
    this.db.transaction(() => rows.forEach((r) => mark.run(r.z_number)))();
    return written;
  }
}
