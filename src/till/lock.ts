// One till process per data directory: two processes running payments over one store could
// both send an invoice (the second silently cancels the first at Glase) or both resume the
// same payment. The lock is a kernel lock held on an open file descriptor: SQLite's fcntl
// locks on `till.lock`, taken with BEGIN EXCLUSIVE in locking_mode=EXCLUSIVE and never
// committed. The kernel drops it when the process dies (SIGKILL, power cut), so there is no
// stale lock to judge and no pid to trust; SQLite also refuses a second holder in the same
// process. The file itself stays (empty): unlinking a lock file is what makes lock files racy.
import Database from 'better-sqlite3';
import { chmodSync, readFileSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { GlasePosError } from '../lib/errors.js';

export const LOCK_FILE = 'till.lock';

export class TillBusyError extends GlasePosError {
  constructor(
    /** the holder's pid as the kernel reports it (for the message only), if it is visible */
    readonly pid: number | undefined,
    readonly file: string,
  ) {
    super('till.busy', `another till process (${pid ? `pid ${pid}` : 'pid unknown'}) is using this data directory (${file} is locked); let it finish or stop it`);
  }
}

// open connections holding a lock: referenced here so garbage collection never closes one
const held = new Set<Database.Database>();

// Processes starting at the same moment briefly share SQLite's read lock while each climbs to
// EXCLUSIVE, and some give up with BUSY although nobody holds the lock yet. So BUSY alone is
// not "taken": a process is refused only once the kernel shows a holder of the whole lock.
const BUSY_WAIT_MS = 100;
const CONTENTION_GIVE_UP_MS = 5_000;

/** Takes the lock or throws TillBusyError (at once when it is held); returns the release function. */
export function acquireTillLock(dataDir: string): () => void {
  const file = join(dataDir, LOCK_FILE);
  const giveUp = Date.now() + CONTENTION_GIVE_UP_MS;
  for (let notADatabase = 0; ; ) {
    const db = new Database(file, { timeout: BUSY_WAIT_MS });
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      db.exec('BEGIN EXCLUSIVE');
    } catch (e) {
      db.close();
      const code = (e as { code?: string }).code;
      if (code === 'SQLITE_BUSY') {
        const holder = exclusiveHolder(file);
        if (holder === undefined && Date.now() < giveUp) continue; // others are still climbing
        throw new TillBusyError(holder ?? undefined, file);
      }
      // an older version's pid file (or junk): nobody holds a lock on it, or SQLite would have
      // answered BUSY before reading it. Emptying keeps the inode every process locks.
      if (code === 'SQLITE_NOTADB' && notADatabase++ < 3) {
        truncateSync(file, 0);
        continue;
      }
      throw e;
    }
    held.add(db);
    try {
      chmodSync(file, 0o600); // by path: opening and closing the file here would drop the lock
    } catch {
      /* not ours to chmod: harmless */
    }
    return () => {
      if (!held.delete(db)) return;
      db.close(); // the kernel lock goes with the descriptor
    };
  }
}

// SQLite's lock bytes (os_unix.c): an EXCLUSIVE holder write-locks the whole shared range
const SHARED_FIRST = 0x40000000 + 2;
const SHARED_LAST = SHARED_FIRST + 510 - 1;

/**
 * The pid holding the lock exclusively, from the kernel's lock table (/proc/locks); undefined
 * when nobody does, null when the table cannot be read. Never touches the lock file (closing
 * a descriptor of it would drop this process's own lock).
 */
function exclusiveHolder(file: string): number | undefined | null {
  let id: string;
  let table: string;
  try {
    const st = statSync(file, { bigint: true });
    const major = ((st.dev >> 8n) & 0xfffn) | ((st.dev >> 32n) & ~0xfffn);
    const minor = (st.dev & 0xffn) | ((st.dev >> 12n) & ~0xffn);
    id = `${major.toString(16).padStart(2, '0')}:${minor.toString(16).padStart(2, '0')}:${st.ino}`;
    table = readFileSync('/proc/locks', 'utf8');
  } catch {
    return null;
  }
  // "1: POSIX  ADVISORY  WRITE 1234 fe:00:2146353 1073741824 1073742335"; waiters have "->"
  for (const line of table.split('\n')) {
    const f = line.trim().split(/\s+/);
    const [pid, start, end] = [Number(f[4]), Number(f[6]), Number(f[7])];
    if (f[1] === 'POSIX' && f[3] === 'WRITE' && f[5] === id && start <= SHARED_FIRST && end >= SHARED_LAST && pid > 0) return pid;
  }
  return undefined;
}

/** The pid holding the lock, as the kernel reports it: for messages and `status` only. */
export function tillLockHolder(dataDir: string): number | undefined {
  return exclusiveHolder(join(dataDir, LOCK_FILE)) ?? undefined;
}
