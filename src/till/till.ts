// The till runtime: one composition of the store, the Glase client and the three machines
// (terminal set-up, payment, readiness) with their real actors. The CLI, the daemon
// and the HTTP API all drive a till through this object.
import { createActor, fromCallback, waitFor } from 'xstate';
import { readinessMachine, readinessOf, type ReadinessEvent, type Readiness } from '../../machines/readiness.js';
import { terminalSetupMachine, type EnrolRequest, type RegisterRequest } from '../../machines/terminal-setup.js';
import { FORGET_HINT } from '../../machines/messages.js';
import type { PaymentRequest } from '../../machines/payment-types.js';
import { silentLogger } from '../lib/log.js';
import { displayAmount, isKnownCurrency, maxAmountMinor } from '../lib/money.js';
import { realClock } from './clock.js';
import { acquireTillLock } from './lock.js';
import { MIN_FREE_BYTES, freeBytes } from '../store/storage-space.js';
import { PaymentRunner } from './payments.js';
import { createRefundService } from './refund-service.js';
import { DayCloseRunner, STORAGE_FULL_REFUSAL, type DayCloseResult, type DayCloseView } from './day-close.js';
import type { ResellerLogin } from './refund-check.js';
import type { StoredZ } from '../store/day-closes.js';
import { confirmOrphan, orphanOf, type OrphanNote } from './orphan.js';
import { paymentsToCheck } from './payments-to-check.js';
import { findReceipt, receiptPost, type ReceiptFound } from '../store/receipt-lookup.js';
import { setupActors } from './setup-actors.js';
import { auditSetup } from './setup-audit.js';
import { unknownTerminalNote, watchUnknownTerminal } from './unknown-terminal.js';
import { tillPrincipal } from './glase-calls.js';

/** an invoice reference no invoice has (17 digits, like the real ones): its status question only tests the TERMINALID */
const TERMINAL_CHECK_INVOICE = '00000000000000000';
import type { InvoiceRow } from '../../machines/glase-contract.js';
import type { ChangeResult, PaymentToCheck, PaymentView, PrinterState, SettleResult, SetupView, StartResult, TillEvent, TillOptions } from './types.js';
import { settledOutsideOf } from './settled-outside.js';

export type Till = ReturnType<typeof createTill>;

export function createTill(o: TillOptions) {
  const log = o.log ?? silentLogger;
  const clock = o.clock ?? realClock;
  const nowIso = () => new Date(clock.now()).toISOString();
  const store = o.store;
  const cfg = o.config ?? {};
  const terminal = {
    externalTerminalId: cfg.terminal?.externalTerminalId ?? 'till-1',
    name: cfg.terminal?.name ?? 'glase-pos till',
    currency: cfg.terminal?.currency ?? 'SEK',
  };
  /** payment.maxAmount: how far the cashier may raise the Glase part above what is left */
  const maxAmount = cfg.payment?.maxAmount ?? 1_000_000;
  const listeners = new Set<(e: TillEvent) => void>();
  const emit = (e: TillEvent) => {
    for (const l of listeners) {
      try {
        l(e);
      } catch (err) {
        log.error('till listener failed', { error: err as Error });
      }
    }
  };
  // every Glase call of the till goes through this: a 29 to our TERMINALID is remembered
  const glase = watchUnknownTerminal(o.glase, {
    store,
    nowIso,
    onChange: () => {
      emit({ type: 'setup', setup: setupView() });
      tellReadinessSetup();
    },
  });

  // readiness (may a payment start); its server probe and printer input are callback actors
  const probe = o.probeServer ?? (async () => {
    try {
      await glase.benchmarkingNop();
      return true; // any answer, even a business error, means the server is there
    } catch {
      return false;
    }
  });
  const probeEvery = o.probeIntervalMs ?? 15_000;
  const minFree = o.minFreeBytes ?? MIN_FREE_BYTES;
  const lowFree = o.lowFreeBytes ?? 0;
  /** full: a payment is refused; low: readiness warns first (lowFreeBytes) */
  const storageState = (): { full: boolean; low: boolean } => {
    try {
      const free = (o.freeBytes ?? freeBytes)(store.dataDir);
      return { full: free < minFree, low: free < lowFree };
    } catch (e) {
      log.warn('could not read the free space of the data directory', { error: e as Error });
      return { full: false, low: false }; // unknown: the start write still refuses on a full disk (SQLITE_FULL)
    }
  };
  let firstProbe: Promise<void> | undefined;
  const readiness = createActor(
    readinessMachine.provide({
      actors: {
        serverProbe: fromCallback<ReadinessEvent>(({ sendBack }) => {
          let timer: unknown;
          let stopped = false;
          const tick = async () => {
            const ok = await probe().catch(() => false);
            if (stopped) return;
            sendBack({ type: 'SERVER', reachable: ok });
            timer = clock.setTimeout(() => void tick(), probeEvery);
          };
          firstProbe = tick();
          return () => {
            stopped = true;
            if (timer !== undefined) clock.clearTimeout(timer);
          };
        }),
        // free space is checked as often as the server: readiness says "storage full" before a payment is tried
        storageStatus: fromCallback<ReadinessEvent>(({ sendBack }) => {
          let timer: unknown;
          const tick = () => {
            sendBack({ type: 'STORAGE', ...storageState() });
            timer = clock.setTimeout(tick, probeEvery);
          };
          tick();
          return () => clock.clearTimeout(timer);
        }),
        printerStatus: fromCallback<ReadinessEvent>(({ sendBack }) => (o.printerStatus ? o.printerStatus((s) => sendBack({ type: 'PRINTER', ready: s.ready, reason: s.reason })) : () => {})),
      },
    }),
    { input: {}, clock },
  );
  let lastReadiness = '';
  readiness.subscribe((s) => {
    const r = readinessOf(s.context);
    const key = JSON.stringify(r);
    if (key !== lastReadiness) {
      lastReadiness = key;
      emit({ type: 'readiness', readiness: r });
    }
  });

  const payments = new PaymentRunner({
    store,
    glase,
    log,
    clock,
    nowIso,
    pollIntervalMs: cfg.payment?.pollIntervalMs ?? 1_000,
    windowMs: cfg.payment?.windowMs ?? 30_000,
    autoCancelWindows: cfg.api?.mode === 'unattended' ? (cfg.payment?.autoCancelWindows ?? 2) : undefined,
    onReachability: (reachable) => readiness.send({ type: 'SERVER', reachable }),
    onReceiptQueued: o.onReceiptQueued,
    onStorageFull: () => readiness.send({ type: 'STORAGE', full: true }),
    onChange: (payment) => {
      readiness.send({ type: 'PAYMENT', inProgress: payments?.inProgress() ?? !payment.final });
      emit({ type: 'payment', payment });
    },
  });

  // what every runner of the till gets: the one store, Glase client, log, clock and currency
  const shared = { store, glase, log, clock, nowIso, currency: terminal.currency };
  const refunds = createRefundService({
    ...shared,
    checks: () => {
      const c = store.credentials.get();
      const storage = storageState();
      readiness.send({ type: 'STORAGE', ...storage });
      return { registered: !!c, serverReachable: readiness.getSnapshot().context.serverReachable === true, paymentInProgress: payments.inProgress(), storageFull: storage.full, terminalId: c?.terminalId };
    },
    onStorageFull: () => readiness.send({ type: 'STORAGE', full: true }),
    onChange: (refund) => emit({ type: 'refund', refund }),
    onReachability: (reachable) => readiness.send({ type: 'SERVER', reachable }),
    onReceiptQueued: o.onReceiptQueued,
    reportWaits: o.reportWaits,
  });

  const dc = cfg.dayClose ?? {};
  const dayCloses = new DayCloseRunner({
    ...shared,
    tillName: terminal.externalTerminalId,
    refunds: refunds.runner,
    attemptLimit: dc.reportAttempts,
    waits: {
      ...(dc.firstWaitMs !== undefined ? { firstMs: dc.firstWaitMs } : {}),
      ...(dc.retryWaitMs !== undefined ? { retryMs: dc.retryWaitMs } : {}),
      ...(dc.maxWaitMs !== undefined ? { maxMs: dc.maxWaitMs } : {}),
    },
    refusal: () => {
      const storage = storageState();
      readiness.send({ type: 'STORAGE', ...storage });
      if (storage.full) return STORAGE_FULL_REFUSAL;
      if (payments.inProgress()) return { rule: 'payment', message: 'a Glase payment is in progress; close the day when it has ended' };
      if (refunds.runner.inProgress()) return { rule: 'refund', message: 'a refund is in progress; close the day when it has ended' };
      return undefined;
    },
    onStorageFull: () => readiness.send({ type: 'STORAGE', full: true }),
    onChange: (close) => emit({ type: 'day-close', close }),
    onReachability: (reachable) => readiness.send({ type: 'SERVER', reachable }),
    onReceiptQueued: o.onReceiptQueued,
    onClosed: o.onDayClosed,
  });

  // terminal set-up, starting from the stored credentials
  const creds = store.credentials.get();
  const setup = createActor(
    terminalSetupMachine.provide({ actors: setupActors({ store, glase, nowIso, terminal, backofficeFetch: o.backofficeFetch, version: o.version }) }),
    { input: { terminalId: creds?.terminalId, glaseId: creds?.glaseId }, clock },
  );
  function setupView(): SetupView {
    const s = setup.getSnapshot();
    const unknown = s.context.terminalId ? unknownTerminalNote(store) : undefined;
    return {
      state: String(s.value),
      ...(s.context.terminalId ? { terminalId: s.context.terminalId } : {}),
      ...(s.context.glaseId ? { glaseId: s.context.glaseId } : {}),
      message: s.context.message,
      ...(s.context.resultCode !== undefined ? { resultCode: s.context.resultCode } : {}),
      ...(unknown ? { unknownAtGlase: { op: unknown.op, at: unknown.at, message: FORGET_HINT } } : {}),
    };
  }
  // readiness knows a till Glase has forgotten (29) as well as registration and Glase ID
  function tellReadinessSetup() {
    const c = setup.getSnapshot().context;
    readiness.send({ type: 'SETUP', registered: !!c.terminalId, glaseIdAssigned: !!c.glaseId, unknownAtGlase: !!c.terminalId && unknownTerminalNote(store) !== undefined });
  }
  setup.subscribe((s) => {
    tellReadinessSetup();
    emit({ type: 'setup', setup: setupView() });
  });
  // every set-up action ends here, with one audit row (done, refused, or Glase not reached)
  const auditedSetup = (by: string, action: Parameters<typeof auditSetup>[3], facts: string, r: SetupView & { ok: boolean }) => {
    auditSetup(store, nowIso(), by, action, facts, r);
    return r;
  };
  // refused here, before Glase is asked: the old result code does not belong to this answer
  const refuseSetup = (by: string, action: Parameters<typeof auditSetup>[3], facts: string, message: string) => {
    const { resultCode: _old, ...v } = setupView();
    return auditedSetup(by, action, facts, { ...v, ok: false, message });
  };
  const settle = async () => waitFor(setup, (s) => ['unregistered', 'registered', 'ready'].includes(String(s.value)));
  /** registered, with or without a Glase ID, and not busy asking Glase */
  const isRegisteredNow = () => ['registered', 'ready'].includes(String(setup.getSnapshot().value));
  // a set-up action: the event, the wait until the machine has settled, one audit row of the outcome
  const runSetup = async (by: string, action: Parameters<typeof auditSetup>[3], event: Parameters<typeof setup.send>[0], facts: (v: SetupView) => string, done: (v: SetupView) => boolean) => {
    setup.send(event);
    await settle();
    const v = setupView();
    return auditedSetup(by, action, facts(v), { ...v, ok: done(v) });
  };

  /** getPaymentStatus of an invoice that does not exist: 54 = Glase knows the till, 29 = it does not (noted by the wrapper) */
  async function checkTerminalKnown(): Promise<void> {
    if (!store.credentials.get() || readiness.getSnapshot().context.serverReachable !== true) return;
    try {
      await glase.getPaymentStatus(tillPrincipal(store, 'getPaymentStatus'), TERMINAL_CHECK_INVOICE, 0);
    } catch (e) {
      log.warn('could not ask Glase whether it knows this till', { error: e as Error });
    }
  }
  let started = false;
  let release = () => {};
  return {
    /**
     * Resumes every unfinished payment first (their polling restarts at once), then starts
     * set-up and readiness and waits for the first server probe. Returns the resumed ids.
     */
    async start(): Promise<{ resumed: string[]; resumedRefunds: string[] }> {
      if (started) throw new Error('the till is already started');
      if (o.lock !== false) release = acquireTillLock(store.dataDir);
      started = true;
      const resumed = payments.recover();
      // a refund is never sent again by a restart: these only finish booking or stay in doubt
      const resumedRefunds = refunds.runner.recover();
      setup.start();
      readiness.start();
      readiness.send({ type: 'PAYMENT', inProgress: payments.inProgress() });
      await firstProbe;
      if (o.checkTerminalAtStart) await checkTerminalKnown();
      return { resumed, resumedRefunds };
    },

    startPayment(req: Omit<PaymentRequest, 'currency'> & { currency?: string }): StartResult {
      const storage = storageState();
      const full = storage.full;
      readiness.send({ type: 'STORAGE', ...storage });
      const k = readiness.getSnapshot().context;
      const c = store.credentials.get();
      const currency = req.currency ?? terminal.currency;
      return payments.start(
        { ...req, currency },
        {
          // an unknown currency has no largest amount: 0 refuses every amount
          amountLimit: isKnownCurrency(currency) ? maxAmountMinor(currency) : 0,
          registered: !!c,
          glaseIdAssigned: !!c?.glaseId,
          serverReachable: k.serverReachable === true,
          printerReady: k.printerReady,
          printerReason: k.printerReason,
          orphanUnconfirmed: orphanOf(store) !== undefined,
          storageFull: full,
          maxAmount,
          maxAmountText: isKnownCurrency(currency) ? displayAmount(maxAmount, currency) : String(maxAmount),
          ...(isKnownCurrency(currency) ? { money: (minor: number) => displayAmount(minor, currency) } : {}),
        },
        c?.terminalId,
      );
    },
    /** updateInvoice while the customer has not paid: the host POS changed the amount. */
    changePayment(paymentId: string, change: { amount: number; rows?: InvoiceRow[] }): Promise<ChangeResult> {
      const limit = isKnownCurrency(terminal.currency) ? maxAmountMinor(terminal.currency) : 0;
      return payments.change(paymentId, change.amount, change.rows, limit);
    },
    /** The admin's live check of a running payment (getPaymentStatus now); audited. */
    async checkPayment(paymentId: string, by = 'admin'): Promise<{ answered: boolean; payment: PaymentView } | undefined> {
      const r = await payments.liveCheck(paymentId);
      if (r) store.audit.append(by, 'check-payment', `paymentId=${paymentId} clientInvoiceId=${r.payment.clientInvoiceId} ${r.answered ? `Glase answered: ${r.payment.state}` : 'Glase did not answer'}`, nowIso());
      return r;
    },
    /**
     * A payment stuck because Glase is unreachable: closed as "settled outside the till" only when a
     * live getPaymentStatus gets no answer; flagged for the day close (payments.state
     * 'settledOutside', see paymentsSettledOutside). Audited, also when refused.
     */
    async settleOutside(paymentId: string, by: string, note: string): Promise<SettleResult> {
      const r = await payments.settleOutside(paymentId, by, note);
      const p = r.payment;
      const facts = `paymentId=${paymentId}${p ? ` clientInvoiceId=${p.clientInvoiceId} amount=${displayAmount(p.amount, p.currency)}` : ''} note=${note}`;
      store.audit.append(by, r.ok ? 'settle-outside' : 'settle-outside-refused', r.ok ? facts : `${facts} (${r.message})`, nowIso());
      return r;
    },
    /** Payments the admin closed as settled outside the till: the day close reconciles them. */
    paymentsSettledOutside: () => settledOutsideOf(store),
    tryAgain: (): boolean => payments.answer('TRY_AGAIN'),
    cancel: (): boolean => payments.answer('CANCEL'),
    currentPayment: (): PaymentView | undefined => payments.current(),
    payment: (paymentId: string): PaymentView | undefined => payments.view(paymentId),
    waitForPayment: (paymentId: string): Promise<PaymentView> => payments.waitFor(paymentId),

    // refunds: startRefund, refund, waitForRefund, paymentRefunds, checkUnknownRefunds, resendRefund, …
    ...refunds.api,

    /** Day close (Z): closes this terminal's period at Glase, reconciles, numbers, stores and prints the Z. */
    closeDay: (login: ResellerLogin, by: string): Promise<DayCloseResult> => dayCloses.close(login, by),
    /** the close running now, and the unfinished one the next close resumes */
    dayClose: (): { active?: DayCloseView; unfinished?: DayCloseView } => ({ active: dayCloses.active(), unfinished: dayCloses.unfinished() }),
    zReports: (limit?: number): StoredZ[] => store.dayCloses.list(limit),
    zReport: (zNumber: number): StoredZ | undefined => store.dayCloses.z(zNumber),
    zOfPeriod: (periodId: string): StoredZ | undefined => store.dayCloses.zOfPeriod(periodId),
    /** closes with differences nobody acknowledged: the status bar shows them */
    closesNeedingAttention: (): StoredZ[] => store.dayCloses.needingAttention(),
    /** An admin saw the differences of a Z (audited); false when it needs no acknowledgement. */
    acknowledgeClose(zNumber: number, by: string, note?: string): boolean {
      const done = store.dayCloses.acknowledge(zNumber, { by, at: nowIso(), ...(note ? { note } : {}) });
      if (done) store.audit.append(by, 'day-close-acknowledged', `z=${zNumber}${note ? ` note=${note}` : ''}`, nowIso());
      return done;
    },
    /** Prints a COPY of a Z (audited). */
    reprintZ: (zNumber: number, by: string) => dayCloses.reprint(zNumber, by),

    /** The unconfirmed orphan (a sendInvoice whose reply was lost), if any. */
    orphan: (): OrphanNote | undefined => orphanOf(store),
    /** The cashier checked the orphan with the customer; payments may start again. */
    confirmOrphan: (by: string, note?: string): boolean => confirmOrphan(store, by, nowIso(), note) !== undefined,

    async register(req: RegisterRequest, by = 'admin'): Promise<SetupView & { ok: boolean }> {
      const facts = `resellerId=${req.resellerId} userId=${req.userId}`;
      if (setup.getSnapshot().value !== 'unregistered') {
        const stale = setupView().unknownAtGlase;
        return refuseSetup(by, 'register', facts, stale ? `this till is still registered here, but Glase no longer knows it: ${FORGET_HINT}` : 'this till is already registered; unregister it first');
      }
      return runSetup(by, 'register', { type: 'REGISTER', credentials: req }, (v) => `terminalId=${v.terminalId ?? '-'} ${facts}`, (v) => v.state === 'registered');
    },
    /**
     * Registers through the shop's back office (issue 14): the admin types its address and the
     * owner's one-time code; the reseller password never reaches the till. Audited like register.
     */
    async enrol(req: EnrolRequest, by = 'admin'): Promise<SetupView & { ok: boolean }> {
      const facts = `backoffice=${req.backofficeUrl}`;
      if (setup.getSnapshot().value !== 'unregistered') {
        const stale = setupView().unknownAtGlase;
        return refuseSetup(by, 'enrol', facts, stale ? `this till is still registered here, but Glase no longer knows it: ${FORGET_HINT}` : 'this till is already registered; unregister it first');
      }
      setup.send({ type: 'ENROL', enrolment: req });
      await settle();
      const v = setupView();
      return auditedSetup(by, 'enrol', `terminalId=${v.terminalId ?? '-'} ${facts}`, { ...v, ok: v.state === 'registered' });
    },
    async assignGlaseId(glaseId: string, by = 'admin'): Promise<SetupView & { ok: boolean }> {
      const facts = `glaseId=${glaseId}`;
      if (!isRegisteredNow()) return refuseSetup(by, 'assign-glase-id', facts, 'register the till before assigning a Glase ID');
      return runSetup(by, 'assign-glase-id', { type: 'ASSIGN', glaseId }, () => facts, (v) => v.state === 'ready' && v.glaseId === glaseId && v.resultCode === 0);
    },
    async unregister(by = 'admin'): Promise<SetupView & { ok: boolean }> {
      const facts = `terminalId=${setup.getSnapshot().context.terminalId ?? '-'}`;
      if (payments.inProgress()) return refuseSetup(by, 'unregister', facts, 'a Glase payment is in progress; finish it before unregistering');
      if (!isRegisteredNow()) return refuseSetup(by, 'unregister', facts, 'this till is not registered');
      return runSetup(by, 'unregister', { type: 'UNREGISTER' }, () => facts, (v) => v.state === 'unregistered');
    },
    /**
     * Removes the local registration without asking Glase, offered only while Glase's last
     * word on this till's TERMINALID was 29 (it no longer knows the till). Audited.
     */
    async forgetRegistration(by = 'admin'): Promise<SetupView & { ok: boolean }> {
      const v = setupView();
      const note = v.unknownAtGlase;
      const facts = `terminalId=${v.terminalId ?? '-'} glaseId=${v.glaseId ?? '-'}${note ? ` (Glase answered 29 to ${note.op} at ${note.at})` : ''}`;
      if (!note) return refuseSetup(by, 'forget-registration', facts, v.terminalId ? 'Glase has not said that it no longer knows this till; to leave Glase, unregister instead' : 'this till is not registered');
      if (payments.inProgress()) return refuseSetup(by, 'forget-registration', facts, 'a Glase payment is in progress; wait until it has ended');
      if (!isRegisteredNow()) return refuseSetup(by, 'forget-registration', facts, 'the till is busy with Glase set-up; try again in a moment');
      return runSetup(by, 'forget-registration', { type: 'FORGET' }, () => facts, (v) => v.state === 'unregistered');
    },
    setup: setupView,

    /** Refund lookup: the transaction post and print jobs of an ersReference. */
    findReceipt: (ersReference: string): ReceiptFound | undefined => findReceipt(store, ersReference),
    /** The post to reprint: by reference, or the last receipt when none is given. */
    receiptPost: (ersReference?: string) => receiptPost(store, ersReference),
    /** Paid payments kept apart because their ersReference was booked for another: someone must check them. */
    paymentsToCheck: (): PaymentToCheck[] => paymentsToCheck(store),
    /** The last receipt print job (original or copy), for its picture. */
    lastReceiptJob: () => store.printQueue.last(),
    /** The admin audit log: admin actions the till does not run itself (login, reprint, printer test) are written here too. */
    audit: store.audit,

    readiness: (): Readiness => readinessOf(readiness.getSnapshot().context),
    /** Pushes the printer state (for drivers that do not use the printerStatus option). */
    setPrinterStatus: (s: PrinterState) => readiness.send({ type: 'PRINTER', ready: s.ready, reason: s.reason }),

    subscribe(listener: (e: TillEvent) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** Stops every actor; unfinished payments stay in the store and resume at the next start. */
    async stop(): Promise<void> {
      payments.stop();
      refunds.runner.stop();
      dayCloses.stop();
      setup.stop();
      readiness.stop();
      listeners.clear();
      release();
    },
  };
}
