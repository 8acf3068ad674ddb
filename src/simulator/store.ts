// Persistence of the simulator in SQLite (better-sqlite3). The maps in memory are the working
// copy (cheap reads on the polling hot path); every change is written through at once, and
// the maps are loaded back at start, so a restart with the same file keeps all state.
// The file is 0600 (it holds terminal passwords); reseller passwords are kept as scrypt only.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { privateFile } from '../lib/private-files.js';
import { scryptHash } from '../lib/scrypt-hash.js';
import type { Receipt, Refund, Reseller, SimInvoice, Terminal, TransactionPeriod } from './model.js';

const KINDS = ['resellers', 'terminals', 'invoices', 'refunds', 'periods', 'receipts'] as const;
type Kind = (typeof KINDS)[number];

export class SimStore {
  readonly resellers = new Map<string, Reseller>();
  readonly terminals = new Map<string, Terminal>();
  readonly invoices = new Map<string, SimInvoice>();
  readonly refunds = new Map<string, Refund>();
  readonly periods = new Map<string, TransactionPeriod>();
  readonly receipts = new Map<string, Receipt>();
  /** Derived indexes, rebuilt on load. */
  readonly bySeqrId = new Map<string, string>(); // seqrId → terminalId
  readonly latestByTerminal = new Map<string, string>(); // terminalId → latest invoice reference
  readonly byErs = new Map<string, string>(); // payment ersReference → invoice reference
  /** This simulator's identity: random, made with its database file and kept in it. A till
   * reuses a simulator already on its port only when this matches the file in its data dir. */
  readonly id: string;
  private readonly db: Database.Database;
  private readonly put: Record<Kind, Database.Statement>;
  private readonly nextSeq: Database.Statement;

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
    for (const i of all<SimInvoice>('invoices')) this.indexInvoice(i);
    for (const r of all<Refund>('refunds')) this.refunds.set(r.ersReference, r);
    for (const p of all<TransactionPeriod>('periods')) this.periods.set(p.id, p);
    for (const r of all<Receipt>('receipts')) this.receipts.set(`${r.ersReference}/${r.at}`, r);
  }

  private indexTerminal(t: Terminal): void {
    const old = this.terminals.get(t.id);
    if (old?.seqrId && this.bySeqrId.get(old.seqrId) === t.id) this.bySeqrId.delete(old.seqrId);
    this.terminals.set(t.id, t);
    if (t.seqrId && !t.unregistered) this.bySeqrId.set(t.seqrId, t.id);
  }

  private indexInvoice(i: SimInvoice): void {
    const known = this.invoices.has(i.reference);
    this.invoices.set(i.reference, i);
    if (!known) this.latestByTerminal.set(i.terminalId, i.reference);
    if (i.payment) this.byErs.set(i.payment.ersReference, i.reference);
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
    const key = `${r.ersReference}/${r.at}/${this.receipts.size}`;
    this.put.receipts.run(key, JSON.stringify(r));
    this.receipts.set(key, r);
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
