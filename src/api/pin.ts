// The admin PIN: stored as scrypt(pin, random salt) in the store's settings, compared in
// constant time; wrong PINs are rate limited (5 tries, then a lockout that doubles each
// time); a right PIN opens a short admin session. The PIN itself is never stored or logged.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { Settings } from '../store/settings.js';

export const PIN_KEY = 'adminPin';
const PIN_RULE = /^\d{4,12}$/;
const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 };

export interface StoredPin {
  algo: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  hash: string;
  setAt: string;
}

export function pinProblem(pin: string): string | undefined {
  return PIN_RULE.test(pin) ? undefined : 'must be 4-12 digits';
}

export function hashPin(pin: string): StoredPin {
  const why = pinProblem(pin);
  if (why) throw new Error(`pin: ${why}`);
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return { algo: 'scrypt', N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p, salt: salt.toString('base64'), hash: hash.toString('base64'), setAt: new Date().toISOString() };
}

export function verifyPin(pin: string, stored: StoredPin): boolean {
  const expected = Buffer.from(stored.hash, 'base64');
  const got = scryptSync(pin, Buffer.from(stored.salt, 'base64'), expected.length, { N: stored.N, r: stored.r, p: stored.p });
  return timingSafeEqual(got, expected);
}

export const setPin = (settings: Settings, pin: string): void => settings.set(PIN_KEY, hashPin(pin));
export const hasPin = (settings: Settings): boolean => settings.get<StoredPin>(PIN_KEY) !== undefined;

export type PinCheck = { ok: true; session: string; expiresAt: string } | { ok: false; reason: 'wrong' | 'no-pin' } | { ok: false; reason: 'locked'; retryAfterS: number };

export interface PinGuardOptions {
  settings: Settings;
  freeTries?: number;
  baseLockMs?: number;
  maxLockMs?: number;
  sessionMs?: number;
  now?: () => number;
}

export const PIN_LOCK_KEY = 'adminPinLock';

/** Checks PINs with a lockout and hands out admin sessions. The lockout is kept in the store,
 * so restarting the daemon does not hand out fresh tries. */
export class PinGuard {
  private readonly sessions = new Map<string, number>();
  private readonly now: () => number;

  constructor(private readonly o: PinGuardOptions) {
    this.now = o.now ?? Date.now;
  }

  private lock(): { failures: number; lockedUntil: number } {
    return this.o.settings.get<{ failures: number; lockedUntil: number }>(PIN_LOCK_KEY) ?? { failures: 0, lockedUntil: 0 };
  }

  login(pin: string): PinCheck {
    const now = this.now();
    const lock = this.lock();
    if (now < lock.lockedUntil) return { ok: false, reason: 'locked', retryAfterS: Math.ceil((lock.lockedUntil - now) / 1000) };
    const stored = this.o.settings.get<StoredPin>(PIN_KEY);
    if (!stored) return { ok: false, reason: 'no-pin' };
    if (!verifyPin(pin, stored)) {
      const failures = lock.failures + 1;
      const free = this.o.freeTries ?? 5;
      if (failures >= free) {
        const ms = Math.min((this.o.baseLockMs ?? 30_000) * 2 ** (failures - free), this.o.maxLockMs ?? 3_600_000);
        this.o.settings.set(PIN_LOCK_KEY, { failures, lockedUntil: now + ms });
        return { ok: false, reason: 'locked', retryAfterS: Math.ceil(ms / 1000) };
      }
      this.o.settings.set(PIN_LOCK_KEY, { failures, lockedUntil: 0 });
      return { ok: false, reason: 'wrong' };
    }
    if (lock.failures) this.o.settings.delete(PIN_LOCK_KEY);
    const session = randomBytes(24).toString('hex');
    const expires = now + (this.o.sessionMs ?? 10 * 60_000);
    this.sessions.set(session, expires);
    return { ok: true, session, expiresAt: new Date(expires).toISOString() };
  }

  /** A valid session also slides its expiry: the admin is still at the screen. */
  check(session: string | undefined): boolean {
    if (!session) return false;
    const exp = this.sessions.get(session);
    const now = this.now();
    if (exp === undefined || exp < now) {
      this.sessions.delete(session);
      return false;
    }
    this.sessions.set(session, now + (this.o.sessionMs ?? 10 * 60_000));
    return true;
  }

  logout(session: string): void {
    this.sessions.delete(session);
  }
}
