// Path tests: xstate/graph walks the payment machine with synthetic actor results, delays
// and cashier events, and invariants are checked on every step of every path.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { paymentMachine } from '../../machines/payment.js';
import { stateName, type StateValueLike } from '../../machines/payment-resume.js';
import type { PaymentInput } from '../../machines/payment-types.js';

const t = suite('payment machine paths');

const input: PaymentInput = {
  paymentId: 'p1',
  clientInvoiceId: 'C1',
  amount: 1250,
  currency: 'SEK',
  issueDate: '2026-11-29T10:00:00Z',
  checks: { registered: true, glaseIdAssigned: true, serverReachable: true, amountLimit: 100_000_000 },
};

type Snap = ReturnType<typeof paymentMachine.transition>;
type Ev = { type: string; [k: string]: unknown };

const ok = (extra: object = {}) => ({ ok: true, code: 0, ...extra });
const no = (code: number) => ({ ok: false, code, name: `C${code}` });
const status = (s: string, extra: object = {}) => ({ result: ok({ status: s, version: 1, ...extra }), seenAt: '2026-11-29T10:00:05Z' });
const ERS = '2026112910000500000000001';
const BAD_ERS = '20261129100005';
const post = { ersReference: ERS, amount: 1250, currency: 'SEK', description: 'Glase payment', timestamp: 't', clientInvoiceId: 'C1', invoiceReference: 'R1' };

/** every event that could arrive in this state: its actors' results, its timers, the cashier */
function eventsFor(s: Snap): Ev[] {
  const evs: Ev[] = [{ type: 'TRY_AGAIN' }, { type: 'CANCEL' }];
  const kids = s.children as Record<string, unknown>;
  const done = (id: string, output: unknown) => evs.push({ type: `xstate.done.actor.${id}`, output });
  const error = (id: string, outcome: string) => evs.push({ type: `xstate.error.actor.${id}`, error: { outcome } });
  if (kids.sendInvoice) {
    done('sendInvoice', ok({ invoiceReference: 'R1' }));
    done('sendInvoice', ok());
    [90, 93, 94, 49, 20].forEach((c) => done('sendInvoice', no(c)));
    error('sendInvoice', 'unknown');
    error('sendInvoice', 'not-applied');
  }
  if (kids.pollStatus) {
    ['ISSUED', 'PENDING_ISSUER_ACKNOWLEDGE', 'CANCELED', 'EXPIRED', 'FAILED', 'RESERVED'].forEach((st) => done('pollStatus', status(st)));
    done('pollStatus', status('PAID', { ersReference: ERS }));
    done('pollStatus', status('PAID'));
    // a reference that breaks the 25-digit rule: a protocol error, never booked
    done('pollStatus', status('PAID', { ersReference: BAD_ERS }));
    done('pollStatus', status('PAID', { receipt: { paymentReference: BAD_ERS } }));
    done('pollStatus', status('UNKNOWN', { rawStatus: 'PARTIALLY_PAID' }));
    [90, 93, 94, 54, 29].forEach((c) => done('pollStatus', { result: no(c), seenAt: 't' }));
    error('pollStatus', 'unknown');
  }
  if (kids.cancelInvoice) {
    [0, 95, 50, 51, 48, 90, 54].forEach((c) => done('cancelInvoice', c === 0 ? ok() : no(c)));
    error('cancelInvoice', 'unknown');
    error('cancelInvoice', 'not-applied');
  }
  if (kids.recordPayment) {
    done('recordPayment', { post, created: true });
    // the reference is booked for another payment: kept apart by the runtime
    done('recordPayment', { post: { ...post, needsChecking: 'booked for C0' }, created: false, conflict: { paymentId: 'p0', clientInvoiceId: 'C0' } });
    error('recordPayment', 'db');
  }
  if (kids.printReceipt) {
    done('printReceipt', { jobId: 1 });
    error('printReceipt', 'db');
  }
  if (kids.submitReceipt) {
    done('submitReceipt', ok());
    done('submitReceipt', no(23));
    error('submitReceipt', 'unknown');
  }
  for (const node of s._nodes) for (const tr of node.after) evs.push({ type: tr.eventType });
  return evs;
}

const serializeState = (s: Snap) =>
  JSON.stringify([stateName(s.value as StateValueLike), s.status, !!s.context.invoiceReference, s.context.cancelRequested, !!s.context.post, Object.keys(s.children).sort()]);

const opts = { input, events: eventsFor, serializeState: serializeState as (s: unknown) => string, limit: 100_000 };

// the invoice can still be paid: there is a reference, it is not finished and not yet seen paid
const payable = (s: Snap) => s.status === 'active' && !!s.context.invoiceReference && !s.matches('paid');

function isPolling(s: Snap): boolean {
  if (s.children.pollStatus) return true;
  // otherwise the poll region waits for the named 1-s delay back to asking
  return s._nodes.some((n) => n.key !== 'asking' && n.parent?.key === 'poll' && n.after.some((tr) => tr.delay === 'pollInterval' && tr.target?.[0]?.key === 'asking'));
}

function checkPath(steps: Array<{ state: Snap; event: Ev }>, label: string): void {
  let recorded = false;
  let cancelAsked = false;
  let sends = 0;
  for (const [i, { state: s, event }] of steps.entries()) {
    const where = `${label} step ${i} (${event.type}) → ${stateName(s.value as StateValueLike)}`;
    if (event.type === 'xstate.done.actor.recordPayment') recorded = true;
    // a bad reference never reaches paid, and the context never holds it
    assert.is.not(s.context.ersReference, BAD_ERS, `a bad reference is never taken: ${where}`);
    // a reference booked for another payment ends in needsChecking: nothing printed or sent under it
    if ((event as { output?: { conflict?: unknown } }).output?.conflict) {
      assert.ok(s.matches('needsChecking'), `a conflict needs checking: ${where}`);
      assert.not.ok(s.children.printReceipt || s.children.submitReceipt, `no receipt under another payment's reference: ${where}`);
    }
    if (event.type === 'CANCEL') cancelAsked = true;
    if (s.children.sendInvoice && !steps[i - 1]?.state.children.sendInvoice) sends++;
    assert.ok(sends <= 1, `sendInvoice started at most once: ${where}`);
    // nothing reaches completed without the transaction post
    if (s.matches('completed')) {
      assert.ok(recorded, `completed only after recordPayment: ${where}`);
      assert.is(s.context.post?.ersReference, ERS, `completed with its post: ${where}`);
    }
    // every state in which the invoice can still be paid keeps the 1-s polling running
    if (payable(s)) {
      assert.ok(s.matches('live'), `payable states are live: ${where}`);
      assert.ok(isPolling(s), `polling runs: ${where}`);
    }
    // every cancel names the current invoiceReference, and only after the cashier asked
    const cancel = s.children.cancelInvoice as { getSnapshot(): { input?: { invoiceReference?: string } } } | undefined;
    if (cancel) {
      const ref = cancel.getSnapshot().input?.invoiceReference;
      assert.ok(ref, `cancel has a reference: ${where}`);
      assert.is(ref, s.context.invoiceReference, `cancel names this payment's reference: ${where}`);
      assert.ok(cancelAsked, `no blind cancel: ${where}`);
    }
    // a lost reply never leads to a resend or a cancel by itself
    if (event.type === 'xstate.error.actor.pollStatus') {
      assert.not.ok(s.children.sendInvoice || (s.children.cancelInvoice && !steps[i - 1]?.state.children.cancelInvoice), `no retry after a fault: ${where}`);
    }
  }
}

t('the delays are the named 1-s poll and 30-s window', () => {
  const d = paymentMachine.implementations.delays as Record<string, number>;
  assert.is(d.pollInterval, 1_000);
  assert.is(d.window, 30_000);
});

t('shortest paths to every reachable state keep the invariants', () => {
  const paths = getShortestPaths(paymentMachine, opts as never) as Array<{ steps: Array<{ state: Snap; event: Ev }>; state: Snap }>;
  const names = new Set(paths.map((p) => stateName(p.state.value as StateValueLike)));
  for (const must of ['sending', 'live.window', 'live.question', 'live.cancelling', 'live.cancelUnknown', 'live.customerPaying', 'live.confirmingPaid', 'live.window/unknown', 'paid.recording', 'paid.recordRetry', 'paid.printing', 'paid.submitting', 'completed', 'needsChecking', 'cancelled', 'failed', 'orphaned']) {
    assert.ok(names.has(must), `reachable: ${must}`);
  }
  paths.forEach((p, i) => checkPath(p.steps, `shortest path ${i}`));
  assert.ok(paths.length > 25, `explored ${paths.length} states`);
});

// Simple paths: one representative result per kind (90 stands for 93/94, …), and the poll
// region's asking/waiting toggle folded away, so the number of paths stays finite and small.
const REPRESENTATIVE = new Set(['90', '54', '0', '50', '51', 'ISSUED', 'PAID', 'CANCELED', 'FAILED', 'UNKNOWN', 'R1', 'unknown', 'not-applied', 'db', '1', 'true']);
function representativeEvents(s: Snap): Ev[] {
  return eventsFor(s).filter((e) => {
    if (!e.type.startsWith('xstate.done.') && !e.type.startsWith('xstate.error.')) return true;
    const o = (e.output ?? e.error) as Record<string, any>;
    const key = String(o.result?.status ?? o.status ?? o.invoiceReference ?? (o.result ? o.result.code : undefined) ?? o.outcome ?? o.jobId ?? o.created ?? o.code);
    return REPRESENTATIVE.has(key);
  });
}
const dialogKey = (s: Snap) => {
  const name = stateName(s.value as StateValueLike).replace('/unknown', '');
  return JSON.stringify([name, s.status, s.context.cancelRequested, !!s.context.post]);
};

t('simple paths to completion, cancellation and failure keep the invariants', () => {
  let count = 0;
  for (const target of ['completed', 'cancelled', 'failed', 'orphaned']) {
    const paths = getSimplePaths(paymentMachine, { ...opts, events: representativeEvents, serializeState: dialogKey as (s: unknown) => string, toState: (s: Snap) => s.matches(target as never) } as never) as Array<{ steps: Array<{ state: Snap; event: Ev }> }>;
    assert.ok(paths.length > 0, `some path reaches ${target}`);
    paths.forEach((p, i) => checkPath(p.steps, `${target} path ${i}`));
    count += paths.length;
  }
  assert.ok(count > 100, `checked ${count} simple paths`);
  if (process.env.SHOW_COUNTS) console.log(`simple paths checked: ${count}`);
});

t('refused when a start rule fails: no actor ever starts', () => {
  const paths = getShortestPaths(paymentMachine, { ...opts, input: { ...input, checks: { ...input.checks, serverReachable: false } } } as never) as Array<{ state: Snap }>;
  assert.equal(paths.map((p) => stateName(p.state.value as StateValueLike)), ['refused']);
  assert.is(paths[0].state.context.reason, 'online');
});

t.run();
