// One till process per data directory: two processes running payments over the same
// store would break "one payment in flight". A pid file taken with O_EXCL; a stale one
// (its process is gone, e.g. after SIGKILL) is taken over.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class TillLockedError extends Error {
  override name = 'TillLockedError';
  readonly code = 'locked';
  constructor(readonly pid: number, dir: string) {
    super(`another glase-pos process (pid ${pid}) is running the till in ${dir}; stop it or use its API`);
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

export function acquireLock(dataDir: string): () => void {
  const file = join(dataDir, 'till.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) throw new TillLockedError(pid, dataDir);
      unlinkSync(file); // stale: its process is gone
    }
  }
  throw new Error(`cannot take the till lock in ${dataDir}`);
}
