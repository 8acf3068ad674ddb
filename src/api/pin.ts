// The admin PIN: stored as scrypt(pin, random salt) in the store's settings, compared in
// constant time; wrong PINs are rate limited (5 tries, then a lockout that doubles each
// time); a right PIN opens a short admin session: 10 minutes idle, 30 at most, and over as
// soon as the PIN changes (also by `glase-pos set-pin` in another process) or on logout.
// The PIN itself is never stored or logged.
import { randomBytes } from 'node:crypto';
import { scryptHash, scryptVerify, type ScryptHash } from '../lib/scrypt-hash.js';
import type { Settings } from '../store/settings.js';

export const PIN_KEY = 'adminPin';
const PIN_RULE = /^\d{4,12}$/;

export interface StoredPin extends ScryptHash {
  setAt: string;
}

export function pinProblem(pin: string): string | undefined {
  return PIN_RULE.test(pin) ? undefined : 'must be 4-12 digits';
}

export function hashPin(pin: string): StoredPin {
  const why = pinProblem(pin);
  if (why) throw new Error(`pin: ${why}`);
  return { ...scryptHash(pin), setAt: new Date().toISOString() };
}

export const verifyPin = (pin: string, stored: StoredPin): boolean => scryptVerify(pin, stored);

export const setPin = (settings: Settings, pin: string): void => settings.set(PIN_KEY, hashPin(pin));
/** the first PIN (first run, demo): false when one is already set, whoever set it first */
export const setPinIfAbsent = (settings: Settings, pin: string): boolean => settings.setIfAbsent(PIN_KEY, hashPin(pin));
export const hasPin = (settings: Settings): boolean => settings.get<StoredPin>(PIN_KEY) !== undefined;

export type PinCheck = { ok: true; session: string; expiresAt: string } | { ok: false; reason: 'wrong' | 'no-pin' } | { ok: false; reason: 'locked'; retryAfterS: number };

export interface PinGuardOptions {
  settings: Settings;
  freeTries?: number;
  baseLockMs?: number;
  maxLockMs?: number;
  /** idle expiry of a session, slid by each use (default 10 min) */
  sessionMs?: number;
  /** absolute cap of a session from its login, however busy (default 30 min) */
  sessionCapMs?: number;
  now?: () => number;
}

interface Session {
  idleUntil: number;
  capUntil: number;
  /** the salt of the PIN it was opened with: a new PIN has a new salt */
  pinSalt: string;
}

export const PIN_LOCK_KEY = 'adminPinLock';

/** Checks PINs with a lockout and hands out admin sessions. The lockout is kept in the store,
 * so restarting the daemon does not hand out fresh tries. */
export class PinGuard {
  private readonly sessions = new Map<string, Session>();
  private readonly now: () => number;

  constructor(private readonly o: PinGuardOptions) {
    this.now = o.now ?? Date.now;
  }

  private lock(): { failures: number; lockedUntil: number } {
    return this.o.settings.get<{ failures: number; lockedUntil: number }>(PIN_LOCK_KEY) ?? { failures: 0, lockedUntil: 0 };
  }

  /** when PIN entry is locked: until when (ms); a try now is refused without being checked */
  lockedUntil(): number | undefined {
    const { lockedUntil } = this.lock();
    return this.now() < lockedUntil ? lockedUntil : undefined;
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
    return this.open(stored);
  }

  /** First run: sets the PIN only while none is set, and opens a session with it. */
  setFirst(pin: string): { ok: true; session: string; expiresAt: string } | { ok: false; reason: 'pin-set' } {
    if (!setPinIfAbsent(this.o.settings, pin)) return { ok: false, reason: 'pin-set' };
    return this.open(this.o.settings.get<StoredPin>(PIN_KEY)!);
  }

  private open(stored: StoredPin): { ok: true; session: string; expiresAt: string } {
    const now = this.now();
    const session = randomBytes(24).toString('hex');
    const s: Session = { idleUntil: now + this.idleMs, capUntil: now + (this.o.sessionCapMs ?? 30 * 60_000), pinSalt: stored.salt };
    this.sessions.set(session, s);
    return { ok: true, session, expiresAt: new Date(Math.min(s.idleUntil, s.capUntil)).toISOString() };
  }

  isSet(): boolean {
    return hasPin(this.o.settings);
  }

  private get idleMs(): number {
    return this.o.sessionMs ?? 10 * 60_000;
  }

  /** A valid session also slides its idle expiry (the admin is still at the screen), up to the cap. */
  check(session: string | undefined): boolean {
    if (!session) return false;
    const s = this.sessions.get(session);
    const now = this.now();
    if (!s || s.idleUntil < now || s.capUntil <= now || this.o.settings.get<StoredPin>(PIN_KEY)?.salt !== s.pinSalt) {
      this.sessions.delete(session);
      return false;
    }
    s.idleUntil = Math.min(now + this.idleMs, s.capUntil);
    return true;
  }

  /** true when the session was open */
  logout(session: string): boolean {
    return this.sessions.delete(session);
  }
}

/**
 * The admin PIN set from outside the kiosk screen, with its audit row, in one transaction:
 * `glase-pos set-pin` (which also ends a lockout: whoever has the shell may) and the demo's
 * first PIN (`ifAbsent`: a PIN already set is kept). Returns whether the PIN was set.
 */
export function setAdminPin(
  store: { settings: Settings; audit: { append(actor: string, action: string, detail?: string): number }; transaction<T>(fn: () => T): T },
  pin: string,
  by: string,
  opts: { ifAbsent?: boolean; endLockout?: boolean; detail?: string } = {},
): boolean {
  return store.transaction(() => {
    if (opts.ifAbsent) {
      if (!setPinIfAbsent(store.settings, pin)) return false;
    } else setPin(store.settings, pin);
    if (opts.endLockout) store.settings.delete(PIN_LOCK_KEY);
    store.audit.append(by, 'set-pin', opts.detail);
    return true;
  });
}
