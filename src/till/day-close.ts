// Runs the day-close machine with real actors: one close at a time, journaled on every change
// (state + persisted context + a journal row in one SQLite transaction), and an unfinished
// close (crash, report not ready, a fault) is resumed by the next close with the same
// transaction period instead of closing another. The reseller login is asked for each close.
import { randomUUID } from 'node:crypto';
import { createActor } from 'xstate';
import { closeResumePoint, dayCloseMachine } from '../../machines/day-close.js';
import type { CloseWaits, DayCloseContext, DayCloseInput } from '../../machines/day-close-types.js';
import type { Principal } from '../glase/types.js';
import type { StoredZ } from '../store/day-closes.js';
import { isStorageFullError } from '../store/storage-space.js';
import type { TillClock } from './clock.js';
import { dayCloseActors, reprintZ, type DayCloseActorDeps } from './day-close-actors.js';
import type { ResellerLogin } from './refund-check.js';

export const DEFAULT_CLOSE_WAITS: CloseWaits = { firstMs: 3_000, retryMs: 3_000, factor: 1.5, maxMs: 10_000 };
export const DEFAULT_REPORT_ATTEMPTS = 6;

export interface DayCloseView {
  closeId: string;
  state: string;
  final: boolean;
  message: string;
  notice?: string;
  periodId?: string;
  /** the executeReport try of the report being read, and the configured limit */
  attempt: number;
  attemptLimit: number;
  resultCode?: number;
  zNumber?: number;
  needsAttention?: boolean;
  differences?: number;
  resumed?: boolean;
}

/** A close that cannot be journaled is never started: Glase would close a period the till never heard of. */
export const STORAGE_FULL_REFUSAL = { rule: 'storage', message: 'the till\'s storage is full; the day was not closed and nothing was sent to Glase; call support' } as const;

export type DayCloseResult = { ok: true; close: DayCloseView; z?: StoredZ } | { ok: false; rule: string; message: string };

export interface DayCloseRunnerDeps extends Omit<DayCloseActorDeps, 'reseller'> {
  clock: TillClock;
  attemptLimit?: number;
  waits?: Partial<CloseWaits>;
  /** may a close start now? a refusal in the admin's words, or undefined */
  refusal: () => { rule: string; message: string } | undefined;
  /** the first write found the storage full */
  onStorageFull?: () => void;
  onChange?: (v: DayCloseView) => void;
}

const FINAL = new Set(['closed', 'notReady', 'failed']);

export function closeView(state: string, c: DayCloseContext): DayCloseView {
  return {
    closeId: c.closeId,
    state,
    final: FINAL.has(state),
    message: c.message,
    ...(c.notice ? { notice: c.notice } : {}),
    ...(c.periodId ? { periodId: c.periodId } : {}),
    attempt: c.attempt,
    attemptLimit: c.attemptLimit,
    ...(c.resultCode !== undefined ? { resultCode: c.resultCode } : {}),
    ...(c.zNumber !== undefined ? { zNumber: c.zNumber, needsAttention: c.needsAttention === true, differences: c.differences ?? 0 } : {}),
    ...(c.resumed ? { resumed: true } : {}),
  };
}

/** Done for good: closed, or ended before Glase gave a period (the next close marks anew). */
const isFinished = (state: string, c: DayCloseContext) => state === 'closed' || (FINAL.has(state) && c.periodId === undefined);

export class DayCloseRunner {
  private running?: Promise<DayCloseResult>;
  private login?: Principal;
  private current?: DayCloseView;
  private actor?: { stop(): void };
  private readonly machine;
  private readonly waits: CloseWaits;
  private readonly attemptLimit: number;

  constructor(private readonly d: DayCloseRunnerDeps) {
    this.waits = { ...DEFAULT_CLOSE_WAITS, ...d.waits };
    this.attemptLimit = d.attemptLimit ?? DEFAULT_REPORT_ATTEMPTS;
    const reseller = () => {
      if (!this.login) throw Object.assign(new Error('no reseller login for this close'), { outcome: 'not-applied' });
      return this.login;
    };
    this.machine = dayCloseMachine.provide({ actors: dayCloseActors({ ...d, reseller }) });
  }

  /** The close running now, if any. */
  active(): DayCloseView | undefined {
    return this.current && !this.current.final ? this.current : undefined;
  }

  /** The close the next one resumes (its period is closed at Glase, its Z not made yet). */
  unfinished(): DayCloseView | undefined {
    const rec = this.d.store.dayCloses.unfinished().at(-1);
    const snap = rec?.snapshot as { context?: DayCloseContext } | undefined;
    return rec && snap?.context ? closeView(rec.state, snap.context) : undefined;
  }

  /** Closes the day (or resumes the unfinished close) and resolves when the machine has ended. */
  close(login: ResellerLogin, by: string): Promise<DayCloseResult> {
    if (this.running) return Promise.resolve({ ok: false, rule: 'busy', message: 'a day close is already running' });
    const refused = this.d.refusal();
    if (refused) return Promise.resolve({ ok: false, ...refused });
    const creds = this.d.store.credentials.get();
    if (!creds) return Promise.resolve({ ok: false, rule: 'registered', message: 'this till is not registered; there is nothing to close' });
    this.login = { type: 'RESELLERUSER', resellerId: login.resellerId, userId: login.userId, password: login.password };
    const run = this.run(creds.terminalId, by).finally(() => {
      this.login = undefined;
      this.running = undefined;
    });
    this.running = run;
    return run;
  }

  private run(terminalId: string, by: string): Promise<DayCloseResult> {
    const store = this.d.store;
    const old = store.dayCloses.unfinished().at(-1);
    const oldContext = (old?.snapshot as { context?: DayCloseContext } | undefined)?.context;
    let input: DayCloseInput;
    if (old && oldContext) {
      const at = closeResumePoint(old.state, oldContext) ?? 'mark';
      // crashed while marking: Glase may have closed a period whose id never reached us
      const context = old.state === 'marking' ? { ...oldContext, markLost: true } : oldContext;
      input = { closeId: old.closeId, terminalId: oldContext.terminalId, by, startedAt: oldContext.startedAt, attemptLimit: this.attemptLimit, waits: this.waits, resume: { at, context } };
      this.d.log.warn('resuming an unfinished day close', { closeId: old.closeId, state: old.state, periodId: oldContext.periodId ?? '-' });
    } else {
      input = { closeId: randomUUID(), terminalId, by, startedAt: this.d.nowIso(), attemptLimit: this.attemptLimit, waits: this.waits };
    }
    return new Promise<DayCloseResult>((resolve) => {
      let lastKey = '';
      const actor = createActor(this.machine, { input, clock: this.d.clock });
      const persist = (state: string, c: DayCloseContext) => {
        const key = JSON.stringify([state, c.periodId, c.readIndex, c.attempt, c.zNumber, c.message]);
        if (key === lastKey) return;
        const at = this.d.nowIso();
        store.transaction(() => {
          store.dayCloses.save({ closeId: c.closeId, startedAt: c.startedAt, at, state, finished: isFinished(state, c), periodId: c.periodId, snapshot: { context: c } });
          store.dayCloses.journal({ at, closeId: c.closeId, state, periodId: c.periodId, attempt: c.attempt, resultCode: c.resultCode, message: c.notice ? `${c.message} (${c.notice})` : c.message });
        });
        lastKey = key;
      };
      // the first state is journaled before the machine runs (and marks the period at Glase)
      try {
        const first = actor.getSnapshot();
        persist(String(first.value), first.context);
      } catch (e) {
        if (!isStorageFullError(e)) throw e;
        this.d.log.error('the till\'s storage is full; day close refused', { error: e as Error });
        this.d.onStorageFull?.();
        resolve({ ok: false, ...STORAGE_FULL_REFUSAL });
        return;
      }
      actor.subscribe({
        next: (s) => {
          const state = String(s.value);
          const c = s.context;
          try {
            persist(state, c);
          } catch (e) {
            // kept in memory and written with the next change; a crash resumes from the last one written
            this.d.log.error('could not persist a day close state', { closeId: c.closeId, state, error: e as Error });
          }
          this.current = closeView(state, c);
          this.d.onChange?.(this.current);
          if (s.status === 'done') {
            const z = c.zNumber !== undefined ? store.dayCloses.z(c.zNumber) : undefined;
            resolve({ ok: true, close: this.current, ...(z ? { z } : {}) });
          }
        },
        error: (e) => {
          this.d.log.error('day close machine error', { error: e as Error });
          resolve({ ok: false, rule: 'internal', message: (e as Error).message });
        },
      });
      this.actor = actor;
      actor.start();
    });
  }

  /** Stops a running close where it is (as a crash would): the next close resumes it from the store. */
  stop(): void {
    this.actor?.stop();
    this.actor = undefined;
  }

  /** Queues a COPY of a Z, audited as `by`'s. */
  reprint(zNumber: number, by: string) {
    return reprintZ(this.d, zNumber, by);
  }
}
