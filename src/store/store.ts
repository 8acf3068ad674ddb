// Opens (and creates) the till's one SQLite database in the data directory: WAL, full
// fsync on every commit, migrations. The directory is private (0700), the file 0600.
import { privateDir, privateFile } from '../lib/private-files.js';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations.js';
import { AuditLog } from './audit-log.js';
import { Settings } from './settings.js';
import { CredentialsRepo } from './credentials.js';
import { Journal } from './journal.js';
import { PaymentsRepo } from './payments.js';
import { PostsRepo } from './posts.js';
import { PrintQueue } from './print-queue.js';
import { RefundsRepo } from './refunds.js';
import { RefundJournal } from './refund-journal.js';
import { PeriodsRepo } from './periods.js';
import { BackofficeLinkRepo, Outbox } from './outbox.js';
import { DayClosesRepo } from './day-closes.js';

export const DB_FILE = 'glase-pos.sqlite';
export const RECEIPTS_FILE = 'receipts.jsonl';

export interface Store {
  readonly dataDir: string;
  readonly db: Database.Database;
  readonly settings: Settings;
  readonly credentials: CredentialsRepo;
  readonly journal: Journal;
  readonly payments: PaymentsRepo;
  readonly posts: PostsRepo;
  readonly audit: AuditLog;
  readonly printQueue: PrintQueue;
  readonly refunds: RefundsRepo;
  readonly refundJournal: RefundJournal;
  readonly periods: PeriodsRepo;
  /** posts queued for the back office (issue 14) and the back office this till is enrolled with */
  readonly outbox: Outbox;
  readonly backoffice: BackofficeLinkRepo;
  readonly dayCloses: DayClosesRepo;
  /** runs fn in one SQLite transaction (nested calls become savepoints) */
  transaction<T>(fn: () => T): T;
  close(): void;
}

/**
 * Pages freed by pruning (src/store/retention.ts) go back to the file system only with
 * auto_vacuum = INCREMENTAL. A new file gets it before its first table; an older file is
 * rebuilt once with VACUUM (which is what turning it on takes).
 */
function incrementalVacuum(db: Database.Database): void {
  if (db.pragma('auto_vacuum', { simple: true }) === 2) return;
  db.pragma('auto_vacuum = INCREMENTAL');
  const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
  if (tables.n === 0) return;
  try {
    db.exec('VACUUM');
  } catch (e) {
    // another process holds the file (a CLI command while the daemon runs): the next open converts it
    if ((e as { code?: string }).code !== 'SQLITE_BUSY') throw e;
  }
}

export function openStore(dataDir: string): Store {
  privateDir(dataDir);
  const file = join(dataDir, DB_FILE);
  // create the file 0600 before SQLite does, so it never exists with a wider mode
  privateFile(file);
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 5000');
    // before WAL: a new file takes auto_vacuum only before its header is first written
    incrementalVacuum(db);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (e) {
    db.close();
    throw e;
  }
  const posts = new PostsRepo(db, join(dataDir, RECEIPTS_FILE));
  // finish any receipt-file append a crash interrupted
  posts.flushToFile();
  const dayCloses = new DayClosesRepo(db, join(dataDir, RECEIPTS_FILE));
  dayCloses.flushToFile();
  return {
    dataDir,
    db,
    settings: new Settings(db),
    credentials: new CredentialsRepo(db),
    journal: new Journal(db),
    payments: new PaymentsRepo(db),
    posts,
    audit: new AuditLog(db),
    printQueue: new PrintQueue(db),
    refunds: new RefundsRepo(db),
    refundJournal: new RefundJournal(db),
    periods: new PeriodsRepo(db),
    outbox: new Outbox(db),
    backoffice: new BackofficeLinkRepo(db),
    dayCloses,
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
    close: () => db.close(),
  };
}
