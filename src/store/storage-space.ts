// Is there room to record a payment? The data directory's free space against a small floor,
// and the errors SQLite and the file system give when there is none. A full disk must refuse a
// payment before it starts (in words), never fail it halfway with "internal error".
import { statfsSync } from 'node:fs';

/** Below this much free space in the data directory a new payment is refused. */
export const MIN_FREE_BYTES = 8 * 1024 * 1024;

/** Bytes an unprivileged process may still write in `dir`. */
export function freeBytes(dir: string): number {
  const s = statfsSync(dir);
  return s.bavail * s.bsize;
}

export function isStorageFullError(e: unknown): boolean {
  const code = (e as { code?: unknown } | undefined)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT';
}
