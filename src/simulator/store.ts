// Persistence of the simulator in SQLite (better-sqlite3). Every change is written through at
// once. In memory are only what the polling hot path reads: resellers, terminals, refunds,
// periods and the invoices still in play (open, or paid and not yet acknowledged, which the
// reversal sweep watches); a settled invoice is read from SQLite when asked for, and prune()
// deletes what is older than the keep time, so neither memory nor the file grows without bound.
// The file is 0600 (it holds terminal passwords); reseller passwords are kept as scrypt only.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { privateFile } from '../lib/private-files.js';
import { scryptHash } from '../lib/scrypt-hash.js';
import type { Receipt, Refund, Reseller, SimInvoice, Terminal, TransactionPeriod } from './model.js';
import { isOpen, reversalDue } from './ledger.js';

/** still in play: open, or paid and not yet acknowledged (the reversal sweep watches it) */
const inPlay = (i: SimInvoice) => isOpen(i) || reversalDue(i, 0) !== undefined;

const KINDS = ['resellers', 'terminals', 'invoices', 'refunds', 'periods', 'receipts'] as const;
type Kind = (typeof KINDS)[number];

export class SimStore {
  readonly resellers = new Map<string, Reseller>();
  readonly terminals = new Map<string, Terminal>();
  /** the invoices in play only (see inPlay); invoice(ref) reads any */
  readonly invoices = new Map<string, SimInvoice>();
  readonly refunds = new Map<string, Refund>();
  readonly periods = new Map<string, TransactionPeriod>();
  /** Derived indexes, rebuilt on load. */
  readonly bySeqrId = new Map<string, string>(); // seqrId → terminalId
  readonly latestByTerminal = new Map<string, string>(); // terminalId → latest invoice reference
  /** This simulator's identity: random, made with its database file and kept in it. A till
   * reuses a simulator already on its port only when this matches the file in its data dir. */
  readonly id: string;
  private readonly db: Database.Database;
  private readonly put: Record<Kind, Database.Statement>;
  private readonly nextSeq: Database.Statement;
  private readonly getInvoice: Database.Statement;
  private readonly getByErs: Database.Statement;

  constructor(file = ':memory:') {
    // made 0600 before SQLite opens it; its -wal and -shm files take the same mode
    if (file !== ':memory:') privateFile(file);
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // overwritten rows (a plain password hashed by load()) leave no copy in free space
    this.db.pragma('secure_delete = ON');
    for (const k of KINDS) this.db.exec(`CREATE TABLE IF NOT EXISTS ${k} (id TEXT PRIMARY KEY, data TEXT NOT NULL)`);
    this.db.exec('CREATE TABLE IF NOT EXISTS seq (name TEXT PRIMARY KEY, value INTEGER NOT NULL)');
    this.db.exec('CREATE TABLE IF NOT EXISTS identity (one INTEGER PRIMARY KEY CHECK (one = 1), id TEXT NOT NULL)');
    this.db.prepare('INSERT OR IGNORE INTO identity (one, id) VALUES (1, ?)').run(randomBytes(16).toString('hex'));
    this.id = (this.db.prepare('SELECT id FROM identity').get() as { id: string }).id;
    this.put = Object.fromEntries(
      KINDS.map((k) => [k, this.db.prepare(`INSERT INTO ${k} (id, data) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET data = excluded.data`)]),
    ) as Record<Kind, Database.Statement>;
    // a refund finds its payment's invoice by the payment's ersReference
    this.db.exec("CREATE INDEX IF NOT EXISTS invoices_ers ON invoices (json_extract(data, '$.payment.ersReference'))");
    this.getInvoice = this.db.prepare('SELECT data FROM invoices WHERE id = ?');
    this.getByErs = this.db.prepare("SELECT id FROM invoices WHERE json_extract(data, '$.payment.ersReference') = ?");
    this.nextSeq = this.db.prepare(
      'INSERT INTO seq (name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value',
    );
    this.load();
  }

  private load(): void {
    const all = <T>(k: Kind) => (this.db.prepare(`SELECT data FROM ${k} ORDER BY rowid`).all() as { data: string }[]).map((r) => JSON.parse(r.data) as T);
    let migrated = false;
    for (const r of all<Reseller & { password?: string }>('resellers')) {
      // a file from before passwords were hashed: hash now, and the plain text is overwritten
      if (typeof r.password === 'string') {
        const { password, ...rest } = r;
        this.saveReseller({ ...rest, passwordHash: scryptHash(password) });
        migrated = true;
      } else this.resellers.set(r.id, r);
    }
    if (migrated) this.db.pragma('wal_checkpoint(TRUNCATE)');
    for (const t of all<Terminal>('terminals')) this.indexTerminal(t);
    for (const r of this.db.prepare(`SELECT id, json_extract(data, '$.terminalId') AS terminal FROM invoices ORDER BY rowid`).iterate() as Iterable<{ id: string; terminal: string }>) {
      this.latestByTerminal.set(r.terminal, r.id);
    }
    for (const i of this.allInvoices()) if (inPlay(i)) this.invoices.set(i.reference, i);
    for (const r of all<Refund>('refunds')) this.refunds.set(r.ersReference, r);
    for (const p of all<TransactionPeriod>('periods')) this.periods.set(p.id, p);
  }

  /** Any invoice, in play (memory) or settled (SQLite). */
  invoice(ref: string): SimInvoice | undefined {
    const hot = this.invoices.get(ref);
    if (hot) return hot;
    const r = this.getInvoice.get(ref) as { data: string } | undefined;
    return r ? (JSON.parse(r.data) as SimInvoice) : undefined;
  }

  /** The invoice reference of the payment with this ersReference. */
  invoiceOfPayment(ers: string): string | undefined {
    return (this.getByErs.get(ers) as { id: string } | undefined)?.id;
  }

  /** Every invoice kept, oldest first, read from SQLite (reports, the control API's state). */
  *allInvoices(): Generator<SimInvoice> {
    for (const r of this.db.prepare('SELECT data FROM invoices ORDER BY rowid').iterate() as Iterable<{ data: string }>) yield JSON.parse(r.data) as SimInvoice;
  }

  allReceipts(): Receipt[] {
    return (this.db.prepare('SELECT data FROM receipts ORDER BY rowid').all() as { data: string }[]).map((r) => JSON.parse(r.data) as Receipt);
  }

  /**
   * Deletes what is older than `before` (ms since the epoch): settled invoices, receipts,
   * refunds and periods, at most `batch` of each. Returns how many rows went.
   */
  prune(before: number, batch = 1000): number {
    let n = 0;
    this.atomically(() => {
      const old = this.db.prepare(`SELECT id, data FROM invoices WHERE json_extract(data, '$.createdAt') < ? LIMIT ?`).all(before, batch) as { id: string; data: string }[];
      const del = this.db.prepare('DELETE FROM invoices WHERE id = ?');
      for (const r of old) {
        const inv = JSON.parse(r.data) as SimInvoice;
        if (inPlay(inv) || this.latestByTerminal.get(inv.terminalId) === inv.reference) continue;
        n += del.run(r.id).changes;
      }
      n += this.db.prepare(`DELETE FROM receipts WHERE rowid IN (SELECT rowid FROM receipts WHERE json_extract(data, '$.at') < ? LIMIT ?)`).run(before, batch).changes;
      for (const [k, r] of this.refunds) {
        if (r.at >= before) continue;
        this.db.prepare('DELETE FROM refunds WHERE id = ?').run(k);
        this.refunds.delete(k);
        n++;
      }
      for (const [k, p] of this.periods) {
        if (p.markedAt >= before) continue;
        this.db.prepare('DELETE FROM periods WHERE id = ?').run(k);
        this.periods.delete(k);
        n++;
      }
    });
    if (n) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return n;
  }

  private indexTerminal(t: Terminal): void {
    const old = this.terminals.get(t.id);
    if (old?.seqrId && this.bySeqrId.get(old.seqrId) === t.id) this.bySeqrId.delete(old.seqrId);
    this.terminals.set(t.id, t);
    if (t.seqrId && !t.unregistered) this.bySeqrId.set(t.seqrId, t.id);
  }

  private indexInvoice(i: SimInvoice): void {
    if (inPlay(i)) this.invoices.set(i.reference, i);
    else this.invoices.delete(i.reference);
    // references grow with time and sequence: the latest is the greatest
    const latest = this.latestByTerminal.get(i.terminalId);
    if (latest === undefined || i.reference > latest) this.latestByTerminal.set(i.terminalId, i.reference);
  }

  /** Next value of a named counter; survives restarts. */
  seq(name: string): number {
    return (this.nextSeq.get(name) as { value: number }).value;
  }

  saveReseller(r: Reseller): void {
    this.put.resellers.run(r.id, JSON.stringify(r));
    this.resellers.set(r.id, r);
  }
  saveTerminal(t: Terminal): void {
    this.put.terminals.run(t.id, JSON.stringify(t));
    this.indexTerminal(t);
  }
  saveInvoice(i: SimInvoice): void {
    this.put.invoices.run(i.reference, JSON.stringify(i));
    this.indexInvoice(i);
  }
  saveRefund(r: Refund): void {
    this.put.refunds.run(r.ersReference, JSON.stringify(r));
    this.refunds.set(r.ersReference, r);
  }
  savePeriod(p: TransactionPeriod): void {
    this.put.periods.run(p.id, JSON.stringify(p));
    this.periods.set(p.id, p);
  }
  saveReceipt(r: Receipt): void {
    this.put.receipts.run(`${r.ersReference}/${r.at}/${this.seq('receipt')}`, JSON.stringify(r));
  }

  /** Several saves as one SQLite transaction. */
  atomically<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  refundsOf(paymentErs: string): Refund[] {
    return [...this.refunds.values()].filter((r) => r.paymentErsReference === paymentErs);
  }

  close(): void {
    this.db.close();
  }
}

/** The identity kept in a simulator database file, read without changing it; undefined when there is none. */
export function readSimulatorId(file: string): string | undefined {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    return (db.prepare('SELECT id FROM identity').get() as { id: string } | undefined)?.id;
  } catch {
    return undefined; // no file, or one from before identities
  } finally {
    db?.close();
  }
}
