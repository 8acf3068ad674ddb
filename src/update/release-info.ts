// What `glase-pos status` says about releases: the running version, a release on trial, and
// the reason of the last rollback (written by the start gate on the till).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_DIR, lastRollback, readTrial } from './releases.js';

/** this code's version: the nearest package.json above it (src/ in a checkout, dist/src/ in a release) */
export function appVersion(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const f = join(dir, 'package.json');
    if (existsSync(f)) return (JSON.parse(readFileSync(f, 'utf8')) as { version: string }).version;
  }
  return 'unknown';
}

export function releaseInfo(app = APP_DIR): { version: string; onTrial: string | null; lastRollback: string | null } {
  const trial = readTrial(app);
  return { version: appVersion(), onTrial: trial ? trial.candidate : null, lastRollback: lastRollback(app) ?? null };
}
