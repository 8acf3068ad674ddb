// One till process per data directory: two processes running payments over one store could
// both send an invoice (the second silently cancels the first at Glase) or both resume the
// same payment. A pid file taken with O_EXCL; a stale one (its process is gone, e.g. after
// SIGKILL) is taken over.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { GlasePosError } from '../lib/errors.js';

export const LOCK_FILE = 'till.lock';

export class TillBusyError extends GlasePosError {
  constructor(
    readonly pid: number,
    readonly file: string,
  ) {
    super('till.busy', `another till process (pid ${pid}) is using this data directory; let it finish or stop it (if no such process runs, remove ${file})`);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// files this process holds: a second till in the same process is refused too
const held = new Set<string>();

/** Takes the lock or throws TillBusyError; returns the release function. */
export function acquireTillLock(dataDir: string): () => void {
  const file = join(dataDir, LOCK_FILE);
  if (held.has(file)) throw new TillBusyError(process.pid, file);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      held.add(file);
      return () => {
        if (!held.delete(file)) return;
        try {
          if (readFileSync(file, 'utf8') === String(process.pid)) unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let pid = NaN;
      try {
        pid = Number(readFileSync(file, 'utf8').trim());
      } catch {
        continue; // removed meanwhile: try again
      }
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw new TillBusyError(pid, file);
      try {
        unlinkSync(file); // stale: its process died
      } catch {
        /* someone else removed it */
      }
    }
  }
  throw new TillBusyError(NaN, file);
}

/** The pid of a live process holding the lock, if any (for `status`). */
export function tillLockHolder(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(dataDir, LOCK_FILE), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 && alive(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}
