// Files only this user may read: the till's data directory (journal, credentials, PIN hash,
// kiosk secret) and the simulator's database. mkdir's mode applies only to a directory it
// creates, so one that already exists is made private here too.
import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import { GlasePosError } from './errors.js';

/** Creates `dir` (and parents) or takes the existing one; either way it ends up 0700. */
export function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if ((statSync(dir).mode & 0o777) === 0o700) return;
  try {
    chmodSync(dir, 0o700);
  } catch (e) {
    throw new GlasePosError('data-dir.mode', `${dir}: must be private (mode 0700) and could not be made so (${(e as NodeJS.ErrnoException).code}); chown it to this user`, { cause: e });
  }
}

/** Creates `file` 0600 before anything writes to it, or makes an existing one 0600. */
export function privateFile(file: string): void {
  closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
}
