// PIN tries refused during a lockout are counted, not stored one by one: a flood of tries
// must not fill the disk. One audit row per lockout window, its count rewritten in place at
// most once a second; one log line when the window's first try is refused, then at most one
// a minute with how many more were refused.
import type { Logger } from '../lib/log.js';
import type { AuditLog } from '../store/audit-log.js';

export const REFUSED_ACTION = 'admin-login-refused';

interface Window {
  until: number;
  seq: number;
  count: number;
  saved: number;
  savedAt: number;
  logged: number;
  loggedAt: number;
}

export interface LockedTriesOptions {
  audit: AuditLog;
  log: Logger;
  now?: () => number;
  saveEveryMs?: number;
  logEveryMs?: number;
}

export class LockedTries {
  private w?: Window;
  private timer?: NodeJS.Timeout;
  private readonly now: () => number;

  constructor(private readonly o: LockedTriesOptions) {
    this.now = o.now ?? Date.now;
  }

  /** a try refused because PIN entry is locked until `lockedUntil` (ms) */
  refused(actor: string, lockedUntil: number): void {
    const now = this.now();
    if (this.w?.until !== lockedUntil) {
      this.save();
      const seq = this.o.audit.append(actor, REFUSED_ACTION, detail(1, lockedUntil));
      this.o.log.warn('admin PIN entry is locked; further tries are refused and counted', { by: actor, lockedUntil: new Date(lockedUntil).toISOString() });
      this.w = { until: lockedUntil, seq, count: 1, saved: 1, savedAt: now, logged: 1, loggedAt: now };
      return;
    }
    const w = this.w;
    w.count++;
    if (now - w.savedAt >= (this.o.saveEveryMs ?? 1000)) this.save();
    else this.timer ??= setTimeout(() => this.save(), this.o.saveEveryMs ?? 1000).unref();
    if (now - w.loggedAt >= (this.o.logEveryMs ?? 60_000)) {
      this.o.log.warn('admin PIN tries refused during the lockout', { refused: w.count - w.logged, inThisLockout: w.count });
      w.logged = w.count;
      w.loggedAt = now;
    }
  }

  /** writes the count now (also at stop) */
  save(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const w = this.w;
    if (!w || w.saved === w.count) return;
    this.o.audit.setDetail(w.seq, detail(w.count, w.until));
    w.saved = w.count;
    w.savedAt = this.now();
  }
}

function detail(count: number, until: number): string {
  return `${count} ${count === 1 ? 'try' : 'tries'} refused while PIN entry was locked until ${new Date(until).toISOString()}`;
}
