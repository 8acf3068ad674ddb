// Runs payment machines with real actors: starts new ones, resumes unfinished ones from
// their persisted snapshots, persists every change, and lets the cashier answer.
import { randomBytes, randomUUID } from 'node:crypto';
import { createActor, getInitialSnapshot, type Actor } from 'xstate';
import { paymentMachine, initialContext } from '../../machines/payment.js';
import { changeRuleFailure, type RuleFailure } from '../../machines/payment-rules.js';
import type { InvoiceRow } from '../../machines/glase-contract.js';
import { resumePoint, type StateValueLike } from '../../machines/payment-resume.js';
import type { PaymentContext, PaymentInput, PaymentRequest, StartChecks } from '../../machines/payment-types.js';
import type { PaymentRecord } from '../store/payments.js';
import type { Logger } from '../lib/log.js';
import { displayAmount } from '../lib/money.js';
import { isStorageFullError } from '../store/storage-space.js';
import type { TillClock } from './clock.js';
import { paymentActors, type PaymentActorDeps } from './payment-actors.js';
import { PaymentPersister } from './persist.js';
import { paymentView } from './payment-view.js';
import { WindowDeadlines } from './window-deadline.js';
import type { ChangeResult, PaymentView, SettleResult, StartResult } from './types.js';

type PaymentActor = Actor<typeof paymentMachine>;

export interface PaymentRunnerDeps extends PaymentActorDeps {
  clock: TillClock;
  log: Logger;
  pollIntervalMs: number;
  windowMs: number;
  autoCancelWindows?: number;
  onChange: (view: PaymentView) => void;
  /** the start write found the disk full: readiness should say so */
  onStorageFull?: () => void;
}

/** A created-but-not-yet-started payment: written before the machine (and sendInvoice) runs. */
interface CreatedSnapshot {
  status: 'created';
  input: PaymentInput;
}

export class PaymentRunner {
  private readonly active = new Map<string, PaymentActor>();
  private readonly waiters = new Map<string, Array<(v: PaymentView) => void>>();
  private readonly persister: PaymentPersister;
  private readonly machine;
  private readonly deadlines: WindowDeadlines;

  constructor(private readonly d: PaymentRunnerDeps) {
    this.persister = new PaymentPersister(d.store, d.nowIso);
    this.deadlines = new WindowDeadlines(d.clock, d.windowMs);
    this.machine = paymentMachine.provide({
      actors: paymentActors(d),
      delays: { pollInterval: d.pollIntervalMs, window: d.windowMs },
    });
  }

  inProgress(): boolean {
    return this.current() !== undefined;
  }

  current(): PaymentView | undefined {
    for (const a of this.active.values()) {
      const s = a.getSnapshot();
      if (s.status === 'active') return this.deadlines.withDeadline(paymentView(s.value as StateValueLike, s.context));
    }
    return undefined;
  }

  /**
   * Starts a payment unless the machine refuses it: the till passes what it knows (checks), the
   * machine's start rules decide (its `refused` state), and the refusal is read from the machine.
   */
  start(req: PaymentRequest, checks: StartChecks, terminalId: string | undefined): StartResult {
    const paymentId = randomUUID();
    const at = this.d.nowIso();
    const store = this.d.store;
    const { clientInvoiceId: given, ...request } = req;
    const input: PaymentInput = {
      ...request,
      paymentId,
      clientInvoiceId: given ?? '',
      issueDate: at,
      terminalId,
      checks: {
        ...checks,
        paymentInProgress: checks.paymentInProgress || this.inProgress(),
        clientInvoiceIdOpen: given !== undefined && this.openClientInvoiceIds().has(given),
      },
      autoCancelWindows: this.d.autoCancelWindows,
    };
    const refusal = this.refusalOf(input);
    if (refusal) return this.refused(refusal);
    // the clientInvoiceId is journaled (and the payment row written) before anything is sent
    try {
      store.transaction(() => {
        // the host POS's own id when it gave one, else the till's: generated only when none is given
        if (given === undefined) {
          const seq = (store.settings.get<number>('clientInvoiceSeq') ?? 0) + 1;
          store.settings.set('clientInvoiceSeq', seq);
          input.clientInvoiceId = `GP${at.slice(0, 10).replaceAll('-', '')}-${seq}-${randomBytes(3).toString('hex')}`;
        }
        const created: CreatedSnapshot = { status: 'created', input };
        store.payments.save(paymentId, 'created', created, false, at);
        store.journal.append({ at, paymentId, state: 'created', clientInvoiceId: input.clientInvoiceId, message: `payment of ${displayAmount(req.amount, req.currency)} created` });
      });
    } catch (e) {
      if (!isStorageFullError(e)) throw e;
      // nothing was written and nothing sent: the same refusal as a full disk seen before the start
      this.d.log.error('the till\'s storage is full; payment refused', { error: e as Error });
      this.d.onStorageFull?.();
      return this.refused(this.refusalOf({ ...input, checks: { ...input.checks, storageFull: true } })!);
    }
    this.run(input);
    return { ok: true, paymentId, payment: this.view(paymentId)! };
  }

  /** The clientInvoiceIds of the unfinished payments (running, resumed, or in doubt). */
  private openClientInvoiceIds(): Set<string> {
    const ids = new Set<string>();
    for (const a of this.active.values()) ids.add(a.getSnapshot().context.clientInvoiceId);
    for (const rec of this.d.store.payments.unfinished()) {
      const snap = rec.snapshot as { input?: { clientInvoiceId?: string }; context?: { clientInvoiceId?: string } };
      const id = snap.context?.clientInvoiceId ?? snap.input?.clientInvoiceId;
      if (id) ids.add(id);
    }
    return ids;
  }

  /** The machine's own decision: the rule its `refused` state names, or undefined when it would send. */
  private refusalOf(input: PaymentInput): RuleFailure | undefined {
    const first = getInitialSnapshot(this.machine, input); // no actor runs: nothing is sent
    return first.value === 'refused' ? first.context.refusal : undefined;
  }

  private refused(r: RuleFailure): StartResult {
    this.d.log.info('payment refused', { rule: r.rule });
    return { ok: false, rule: r.rule, message: r.message };
  }

  /** Resumes every unfinished payment, oldest first; returns their ids. */
  recover(): string[] {
    const ids: string[] = [];
    for (const rec of this.d.store.payments.unfinished()) {
      const input = this.resumeInput(rec);
      if (!input) continue;
      this.d.log.warn('resuming an unfinished payment', { paymentId: rec.paymentId, state: rec.state, at: input.resume?.at });
      this.run(input);
      ids.push(rec.paymentId);
    }
    return ids;
  }

  private resumeInput(rec: PaymentRecord): PaymentInput | undefined {
    const snap = rec.snapshot as Partial<CreatedSnapshot> & { value?: StateValueLike; context?: PaymentContext };
    let context: PaymentContext;
    let value: StateValueLike;
    if (snap.status === 'created' && snap.input) {
      context = initialContext(snap.input);
      value = 'sending';
    } else if (snap.value !== undefined && snap.context) {
      context = snap.context;
      value = snap.value;
    } else {
      this.d.log.error('unreadable payment snapshot; left as is', { paymentId: rec.paymentId });
      return undefined;
    }
    const at = resumePoint(value, context);
    if (at === 'finished') return undefined;
    return {
      paymentId: context.paymentId,
      clientInvoiceId: context.clientInvoiceId,
      amount: context.amount,
      currency: context.currency,
      issueDate: context.issueDate,
      // not checked again: a resumed payment already passed its start rules
      checks: { registered: true, glaseIdAssigned: true, serverReachable: true, amountLimit: Number.MAX_SAFE_INTEGER },
      resume: { at, context },
    };
  }

  private run(input: PaymentInput): void {
    const actor = createActor(this.machine, { input, clock: this.d.clock, id: `payment-${input.paymentId}` });
    this.active.set(input.paymentId, actor);
    actor.subscribe({
      next: (s) => {
        try {
          this.persister.persist(s.value as StateValueLike, s.context, actor.getPersistedSnapshot());
        } catch (e) {
          this.d.log.error('could not persist a payment state', { paymentId: input.paymentId, error: e as Error });
        }
        const plain = paymentView(s.value as StateValueLike, s.context);
        this.deadlines.seen(plain);
        const view = this.deadlines.withDeadline(plain);
        this.d.onChange(view);
        if (s.status === 'done') this.finish(input.paymentId, view);
      },
      error: (e) => this.d.log.error('payment machine error', { paymentId: input.paymentId, error: e as Error }),
    });
    actor.start();
  }

  private finish(paymentId: string, view: PaymentView): void {
    this.active.delete(paymentId);
    this.deadlines.forget(paymentId);
    for (const w of this.waiters.get(paymentId) ?? []) w(view);
    this.waiters.delete(paymentId);
  }

  view(paymentId: string): PaymentView | undefined {
    const a = this.active.get(paymentId);
    if (a) {
      const s = a.getSnapshot();
      return this.deadlines.withDeadline(paymentView(s.value as StateValueLike, s.context));
    }
    const rec = this.d.store.payments.get(paymentId);
    const snap = rec?.snapshot as { value?: StateValueLike; context?: PaymentContext } | undefined;
    return snap?.value !== undefined && snap.context ? paymentView(snap.value, snap.context) : undefined;
  }

  /** Resolves when the payment reaches a final state. */
  waitFor(paymentId: string): Promise<PaymentView> {
    const v = this.view(paymentId);
    if (v?.final) return Promise.resolve(v);
    if (!this.active.has(paymentId)) return Promise.reject(new Error(`payment ${paymentId} is not running`));
    return new Promise((resolve) => this.waiters.set(paymentId, [...(this.waiters.get(paymentId) ?? []), resolve]));
  }

  /** Sends the cashier's answer to the payment in flight; false when it does not apply now. */
  answer(type: 'TRY_AGAIN' | 'CANCEL'): boolean {
    const cur = this.current();
    if (!cur) return false;
    if (type === 'TRY_AGAIN' ? !cur.canTryAgain : !cur.canCancel) return false;
    this.active.get(cur.paymentId)!.send({ type });
    return true;
  }

  /**
   * Changes the amount (and rows) of an open invoice with updateInvoice, on the same
   * invoiceReference. Resolves when Glase answered (applied or refused) or the reply was
   * lost (unknown: polling goes on and settles it). Polling never stops meanwhile.
   */
  change(paymentId: string, amount: number, rows: InvoiceRow[] | undefined, amountLimit: number): Promise<ChangeResult> {
    const actor = this.active.get(paymentId);
    const before = this.view(paymentId);
    if (!actor || !before || before.final) return Promise.resolve({ ok: false, rule: 'open', message: `this payment is ${before?.state ?? 'unknown'}; its amount cannot be changed now`, ...(before ? { payment: before } : {}) });
    if (!before.canChange) return Promise.resolve({ ok: false, rule: 'open', message: `the amount cannot be changed now: ${before.message}`, payment: before });
    const c = actor.getSnapshot().context;
    const refusal = changeRuleFailure(amount, rows ?? [], c.currency, amountLimit);
    if (refusal) return Promise.resolve({ ok: false, ...refusal, payment: before });
    const newRows = rows && rows.length > 0 ? rows : [{ itemDescription: c.title, itemQuantity: '1', itemTotalAmount: { minor: amount, currency: c.currency } }];
    return new Promise((resolve) => {
      const sub = actor.subscribe((s) => {
        const value = s.value as { live?: { change?: string } };
        if (s.status === 'active' && value.live?.change === 'updating') return;
        sub.unsubscribe();
        const view = paymentView(s.value as StateValueLike, s.context);
        const state = view.change?.state;
        if (state === 'refused') resolve({ ok: false, rule: 'glase', message: view.change!.message, payment: view });
        else resolve({ ok: true, payment: view });
      });
      this.d.log.info('changing the payment amount', { paymentId, from: c.amount, to: amount });
      actor.send({ type: 'UPDATE', amount, rows: newRows, amountText: displayAmount(amount, c.currency), previousText: displayAmount(c.amount, c.currency) });
    });
  }

  /**
   * The admin's live check of a running payment: getPaymentStatus now (or the one in flight),
   * resolved with the state after its answer. `answered` false: no answer (Glase unreachable),
   * the payment's poll is `unknown` and stays so until the next tick.
   */
  liveCheck(paymentId: string): Promise<{ answered: boolean; payment: PaymentView } | undefined> {
    const actor = this.active.get(paymentId);
    if (!actor) return Promise.resolve(undefined);
    const pollOf = (s: ReturnType<PaymentActor['getSnapshot']>) => (s.status === 'active' ? (s.value as { live?: { poll?: string } }).live?.poll : undefined);
    return new Promise((resolve) => {
      let asked = pollOf(actor.getSnapshot()) === 'asking';
      const sub = actor.subscribe((s) => {
        const poll = pollOf(s);
        if (poll === 'asking') {
          asked = true;
          return;
        }
        if (!asked && poll !== undefined) return;
        sub.unsubscribe();
        resolve({ answered: poll !== 'unknown', payment: this.view(paymentId)! });
      });
      actor.send({ type: 'CHECK_NOW' });
    });
  }

  /**
   * Closes a payment Glase cannot be asked about ("settled outside the till"): a live
   * getPaymentStatus first; only when it gets no answer is the payment closed (the machine
   * accepts SETTLE_OUTSIDE only then). When Glase answers, the payment goes on from what it said.
   */
  async settleOutside(paymentId: string, by: string, note: string): Promise<SettleResult> {
    const before = this.view(paymentId);
    if (!before) return { ok: false, rule: 'payment', message: 'no such payment' };
    if (!this.active.has(paymentId) || before.final) return { ok: false, rule: 'open', message: `this payment has ended (${before.outcome ?? before.state}); there is nothing to settle`, payment: before };
    const check = await this.liveCheck(paymentId);
    if (!check) return { ok: false, rule: 'open', message: 'this payment has ended; there is nothing to settle', payment: this.view(paymentId) };
    if (check.answered)
      return { ok: false, rule: 'glase-answered', message: `Glase answered, so the payment is not settled outside the till; it goes on from Glase's answer: ${check.payment.message}`, payment: check.payment };
    this.active.get(paymentId)?.send({ type: 'SETTLE_OUTSIDE', by, note, at: this.d.nowIso() });
    const after = this.view(paymentId)!;
    if (after.outcome !== 'settledOutside') return { ok: false, rule: 'glase-answered', message: `the payment moved on meanwhile: ${after.message}`, payment: after };
    this.d.log.warn('payment settled outside the till', { paymentId, by });
    return { ok: true, payment: after };
  }

  stop(): void {
    for (const a of this.active.values()) a.stop();
    this.active.clear();
  }
}
