// Runs refund machines with real actors: starts new ones (journaled before anything is sent),
// resumes unfinished ones after a restart (never re-sending: see machines/refund-resume.ts),
// persists every change, and hands settlements from the unknown-refund check to the machines.
import { randomUUID } from 'node:crypto';
import { createActor, type Actor } from 'xstate';
import { refundMachine, initialRefundContext } from '../../machines/refund.js';
import { refundCounts, refundResumePoint, refundStateName } from '../../machines/refund-resume.js';
import { refundRuleFailure, type RefundChecks, type RefundOriginal } from '../../machines/refund-rules.js';
import type { RefundContext, RefundEvent, RefundInput, RefundRequest } from '../../machines/refund-types.js';
import { displayAmount } from '../lib/money.js';
import type { Logger } from '../lib/log.js';
import type { RefundRecord } from '../store/refunds.js';
import { isStorageFullError } from '../store/storage-space.js';
import { findReceipt } from '../store/receipt-lookup.js';
import { isRefundPost } from '../store/transaction-post.js';
import type { TillClock } from './clock.js';
import { refundActors, type RefundActorDeps } from './refund-actors.js';
import { RefundPersister } from './refund-persist.js';
import { createdView, refundView, type RefundView } from './refund-view.js';

type RefundActor = Actor<typeof refundMachine>;

export interface RefundRunnerDeps extends RefundActorDeps {
  clock: TillClock;
  log: Logger;
  onChange: (view: RefundView) => void;
  /** delay before re-trying a failed store write */
  retryMs?: number;
  /** the start write found the storage full */
  onStorageFull?: () => void;
}

interface CreatedSnapshot {
  status: 'created';
  input: RefundInput;
}

export type RefundStartResult = { ok: true; refundId: string; refund: RefundView } | { ok: false; rule: string; message: string };

export class RefundRunner {
  private readonly active = new Map<string, RefundActor>();
  private readonly waiters = new Map<string, Array<(v: RefundView) => void>>();
  private readonly persister: RefundPersister;
  private readonly machine;

  constructor(private readonly d: RefundRunnerDeps) {
    this.persister = new RefundPersister(d.store, d.nowIso);
    this.machine = refundMachine.provide({ actors: refundActors(d), delays: { retry: d.retryMs ?? 1_000 } });
  }

  /** What this till knows about a reference: its payment and how much of it is refunded. */
  original(ersReference: string): RefundOriginal {
    const post = findReceipt(this.d.store, ersReference)?.post;
    if (post && isRefundPost(post)) return { kind: 'refund' };
    if (this.d.store.refunds.byRefundErsReference(ersReference)) return { kind: 'refund' };
    if (!post) return { kind: 'unrecorded' };
    return { kind: 'payment', amount: post.amount, currency: post.currency, refunded: this.refundedTotal(ersReference) };
  }

  /** Refunds of a payment that did or may have paid out (done, running, unknown), minor units. */
  refundedTotal(ersReference: string): number {
    return this.d.store.refunds
      .byOriginal(ersReference)
      .filter((r) => refundCounts(r.state))
      .reduce((n, r) => n + r.amount, 0);
  }

  /** A refund is being sent or booked right now (an unknown one waits and does not count). */
  inProgress(): boolean {
    for (const a of this.active.values()) {
      const s = a.getSnapshot();
      if (s.status === 'active' && refundStateName(s.value) !== 'unknown') return true;
    }
    return false;
  }

  start(req: RefundRequest & { by: string; resendOf?: string }, checks: Omit<RefundChecks, 'refundInProgress'>, terminalId: string | undefined): RefundStartResult {
    const original = this.original(req.ersReference);
    const format = (minor: number) => displayAmount(minor, req.currency);
    const refusal = refundRuleFailure(req, original, { ...checks, refundInProgress: this.inProgress() }, format);
    if (refusal) return this.refused(req, refusal);
    const refundId = randomUUID();
    const at = this.d.nowIso();
    const input: RefundInput = {
      refundId,
      ersReference: req.ersReference,
      amount: req.amount,
      currency: req.currency,
      ...(req.reason ? { reason: req.reason.trim() } : {}),
      ...(req.cashierId ? { cashierId: req.cashierId } : {}),
      by: req.by,
      createdAt: at,
      ...(terminalId ? { terminalId } : {}),
      ...(req.resendOf ? { resendOf: req.resendOf } : {}),
    };
    // journaled (and audited: who, why, how much, which payment) before anything is sent
    try {
      this.journalStart(req, input, original.kind === 'unrecorded');
    } catch (e) {
      if (!isStorageFullError(e)) throw e;
      // nothing was written and nothing sent: the same refusal as a full disk seen before the start
      this.d.log.error('the till\'s storage is full; refund refused', { error: e as Error });
      this.d.onStorageFull?.();
      return this.refused(req, refundRuleFailure(req, original, { ...checks, refundInProgress: false, storageFull: true }, format)!);
    }
    this.run(input);
    return { ok: true, refundId, refund: this.view(refundId)! };
  }

  /** A refusal is audited; on a full disk even that may not fit, and the refusal stands anyway. */
  private refused(req: RefundRequest & { by: string }, refusal: { rule: string; message: string }): RefundStartResult {
    try {
      this.d.store.audit.append(req.by, 'refund-refused', `original=${req.ersReference} amount=${req.amount} rule=${refusal.rule}`, this.d.nowIso());
    } catch (e) {
      if (!isStorageFullError(e)) throw e;
    }
    this.d.log.info('refund refused', { rule: refusal.rule });
    return { ok: false, ...refusal };
  }

  private journalStart(req: RefundRequest & { by: string; resendOf?: string }, input: RefundInput, unrecorded: boolean): void {
    const store = this.d.store;
    const { refundId, createdAt: at } = input;
    store.transaction(() => {
      if (req.resendOf && !store.refunds.markResent(req.resendOf, refundId)) throw new Error(`refund ${req.resendOf} was already sent again`);
      store.refunds.create({ refundId, originalErsReference: req.ersReference, amount: req.amount, currency: req.currency, at, snapshot: { status: 'created', input } satisfies CreatedSnapshot });
      store.refundJournal.append({ at, refundId, state: 'created', originalErsReference: req.ersReference, amount: req.amount, message: `refund of ${displayAmount(req.amount, req.currency)} created by ${req.by}` });
      store.audit.append(
        req.by,
        req.resendOf ? 'refund-resend' : 'refund',
        `refundId=${refundId} original=${req.ersReference} amount=${req.amount} ${req.currency}${req.reason ? ` reason=${JSON.stringify(req.reason.trim())}` : ''}` +
          `${unrecorded ? ' recorded=no (typed by an admin)' : ''}${req.resendOf ? ` resendOf=${req.resendOf}` : ''}`,
        at,
      );
    });
  }

  /** Resumes every unfinished refund, oldest first; returns their ids. */
  recover(): string[] {
    const ids: string[] = [];
    for (const rec of this.d.store.refunds.unfinished()) {
      const input = this.resumeInput(rec);
      if (!input) continue;
      this.d.log.warn('resuming an unfinished refund', { refundId: rec.refundId, state: rec.state, at: input.resume?.at });
      this.run(input);
      ids.push(rec.refundId);
    }
    return ids;
  }

  private resumeInput(rec: RefundRecord): RefundInput | undefined {
    const snap = rec.snapshot as Partial<CreatedSnapshot> & { context?: RefundContext };
    const context = snap.status === 'created' && snap.input ? initialRefundContext(snap.input) : snap.context;
    if (!context) {
      this.d.log.error('unreadable refund snapshot; left as is', { refundId: rec.refundId });
      return undefined;
    }
    const at = refundResumePoint(rec.state, context);
    if (at === 'finished') return undefined;
    return { refundId: context.refundId, ersReference: context.originalErsReference, amount: context.amount, currency: context.currency, by: context.by, createdAt: context.createdAt, resume: { at, context } };
  }

  private run(input: RefundInput): void {
    const actor = createActor(this.machine, { input, clock: this.d.clock, id: `refund-${input.refundId}` });
    this.active.set(input.refundId, actor);
    actor.subscribe({
      next: (s) => {
        const state = refundStateName(s.value);
        try {
          this.persister.persist(state, s.context, actor.getPersistedSnapshot());
        } catch (e) {
          this.d.log.error('could not persist a refund state', { refundId: input.refundId, error: e as Error });
        }
        const view = refundView(state, s.context);
        this.d.onChange(view);
        if (s.status === 'done') this.finish(input.refundId, view);
      },
      error: (e) => this.d.log.error('refund machine error', { refundId: input.refundId, error: e as Error }),
    });
    actor.start();
  }

  private finish(refundId: string, view: RefundView): void {
    this.active.delete(refundId);
    for (const w of this.waiters.get(refundId) ?? []) w(view);
    this.waiters.delete(refundId);
  }

  view(refundId: string): RefundView | undefined {
    const rec = this.d.store.refunds.get(refundId);
    const a = this.active.get(refundId);
    if (a) {
      const s = a.getSnapshot();
      return refundView(refundStateName(s.value), s.context, rec?.resentAs);
    }
    if (!rec) return undefined;
    return viewOfRecord(rec);
  }

  /** Every refund of a payment, oldest first. */
  ofPayment(ersReference: string): RefundView[] {
    return this.d.store.refunds.byOriginal(ersReference).map((r) => this.view(r.refundId)!).filter(Boolean);
  }

  /** Refunds waiting for the server's report to say whether they happened, oldest first. */
  unknown(): RefundRecord[] {
    return this.d.store.refunds.inState('unknown');
  }

  /** The check settled an unknown refund; false when it is not waiting for that. */
  settle(refundId: string, event: RefundEvent): boolean {
    const a = this.active.get(refundId);
    if (!a || refundStateName(a.getSnapshot().value) !== 'unknown') return false;
    a.send(event);
    return true;
  }

  /** Resolves when the refund reaches a final state. */
  waitFor(refundId: string): Promise<RefundView> {
    const v = this.view(refundId);
    if (v?.final) return Promise.resolve(v);
    if (!this.active.has(refundId)) return Promise.reject(new Error(`refund ${refundId} is not running`));
    return new Promise((resolve) => this.waiters.set(refundId, [...(this.waiters.get(refundId) ?? []), resolve]));
  }

  stop(): void {
    for (const a of this.active.values()) a.stop();
    this.active.clear();
  }
}

export function viewOfRecord(rec: RefundRecord): RefundView | undefined {
  const snap = rec.snapshot as Partial<CreatedSnapshot> & { context?: RefundContext };
  if (snap.status === 'created' && snap.input) return createdView(snap.input, rec.resentAs);
  return snap.context ? refundView(rec.state, snap.context, rec.resentAs) : undefined;
}
