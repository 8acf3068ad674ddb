// The kiosk secret: a random value in <dataDir>/kiosk-secret (0600), made once. The kiosk
// unit hands it to its Chromium once (/?kiosk=<secret>), which is how the kiosk screen gets
// its cookie when a host POS token is configured. Delete the file to change it.
import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const KIOSK_SECRET_FILE = 'kiosk-secret';
const SHAPE = /^[0-9a-f]{64}$/;

export function kioskSecretPath(dataDir: string): string {
  return join(dataDir, KIOSK_SECRET_FILE);
}

/** Reads the kiosk secret, creating it when missing (race-safe: written aside, then linked). */
export function readOrCreateKioskSecret(dataDir: string): string {
  const file = kioskSecretPath(dataDir);
  const read = () => {
    try {
      const s = readFileSync(file, 'utf8').trim();
      if (SHAPE.test(s)) return s;
      throw new Error(`${file}: must hold 64 hex digits; delete it and a new one is made`);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  };
  const existing = read();
  if (existing) return existing;
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(tmp, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  try {
    linkSync(tmp, file); // fails when another process made it first: then theirs is used
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    unlinkSync(tmp);
  }
  return read()!;
}
