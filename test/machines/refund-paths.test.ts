// Path tests: xstate/graph walks the refund machine with synthetic actor results, timers and
// settlements, and invariants are checked on every step of every path: refundPayment is
// started at most once, nothing completes without its post, an unknown refund is only ever
// settled by the report, and a resumed refund never sends.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { refundMachine, initialRefundContext } from '../../machines/refund.js';
import { refundStateName } from '../../machines/refund-resume.js';
import type { RefundInput, RefundResumeAt } from '../../machines/refund-types.js';

const t = suite('refund machine paths');

const input: RefundInput = { refundId: 'r1', ersReference: '2026112910000000000000001', amount: 400, currency: 'SEK', by: 'admin@kiosk', createdAt: '2026-11-29T10:00:00Z' };
const ERS = '2026112910300000000000077';
const FOUND = '2026112910300000000000099';
/** breaks the 25-digit rule: never booked, the refund stays unknown until the report decides */
const BAD_ERS = '20261129103000';

type Snap = ReturnType<typeof refundMachine.transition>;
type Ev = { type: string; [k: string]: unknown };
const ok = (extra: object = {}) => ({ ok: true, code: 0, ...extra });
const no = (code: number) => ({ ok: false, code, name: `C${code}` });

function eventsFor(s: Snap): Ev[] {
  const evs: Ev[] = [{ type: 'SETTLED_APPLIED', refundErsReference: FOUND, seenAt: 't2' }, { type: 'SETTLED_NOT_APPLIED' }];
  const kids = s.children as Record<string, unknown>;
  const done = (id: string, output: unknown) => evs.push({ type: `xstate.done.actor.${id}`, output });
  const error = (id: string, outcome: string) => evs.push({ type: `xstate.error.actor.${id}`, error: { outcome } });
  if (kids.sendRefund) {
    done('sendRefund', { result: ok({ ersReference: ERS }), seenAt: 't1' });
    done('sendRefund', { result: ok(), seenAt: 't1' });
    done('sendRefund', { result: ok({ ersReference: BAD_ERS }), seenAt: 't1' });
    [23, 48, 97, 98, 99, 11, 90].forEach((c) => done('sendRefund', { result: no(c), seenAt: 't1' }));
    error('sendRefund', 'unknown');
    error('sendRefund', 'not-applied');
  }
  if (kids.recordRefund) {
    done('recordRefund', { post: { ersReference: s.context.refundErsReference }, created: true });
    error('recordRefund', 'db');
  }
  if (kids.printRefundReceipt) {
    done('printRefundReceipt', { jobId: 1 });
    error('printRefundReceipt', 'db');
  }
  if (kids.submitRefundReceipt) {
    done('submitRefundReceipt', ok());
    done('submitRefundReceipt', no(23));
    error('submitRefundReceipt', 'unknown');
  }
  for (const node of s._nodes) for (const tr of node.after) evs.push({ type: tr.eventType });
  return evs;
}

const serializeState = (s: Snap) => JSON.stringify([refundStateName(s.value), s.status, s.context.refundErsReference ?? null, !!s.context.post, Object.keys(s.children).sort()]);
const opts = { input, events: eventsFor, serializeState: serializeState as (s: unknown) => string, limit: 100_000 };

function checkPath(steps: Array<{ state: Snap; event: Ev }>, label: string, resumed = false): void {
  let sends = 0;
  // a refund resumed at print or submit was recorded before the restart
  let recorded = !!steps[0]?.state.context.post;
  let unknownSeen = false;
  for (const [i, { state: s, event }] of steps.entries()) {
    const where = `${label} step ${i} (${event.type}) → ${refundStateName(s.value)}`;
    if (s.children.sendRefund && !steps[i - 1]?.state.children.sendRefund) sends++;
    assert.ok(sends <= 1, `refundPayment is sent at most once: ${where}`);
    assert.is.not(s.context.refundErsReference, BAD_ERS, `a reference that breaks the rule is never taken: ${where}`);
    if (resumed) assert.is(sends, 0, `a resumed refund never sends: ${where}`);
    if (s.matches('unknown')) unknownSeen = true;
    if (unknownSeen) assert.not.ok(s.children.sendRefund, `no resend after a lost reply: ${where}`);
    if (event.type === 'xstate.done.actor.recordRefund') recorded = true;
    if (s.matches('completed')) {
      assert.ok(recorded, `completed only after recordRefund: ${where}`);
      assert.ok(s.context.post, `completed with its post: ${where}`);
    }
    // the refund's reference comes from the reply, or from the report for an unknown one
    if (s.matches('refunded') && unknownSeen) assert.is(s.context.refundErsReference, FOUND, `settled by the report: ${where}`);
    if (s.matches('notApplied')) assert.ok(unknownSeen, `"never happened" only after unknown: ${where}`);
    if (s.matches('failed')) assert.not.ok(s.context.refundErsReference, `a failed refund has no reference: ${where}`);
  }
}

t('shortest paths to every reachable state keep the invariants', () => {
  const paths = getShortestPaths(refundMachine, opts as never) as Array<{ steps: Array<{ state: Snap; event: Ev }>; state: Snap }>;
  const names = new Set(paths.map((p) => refundStateName(p.state.value)));
  for (const must of ['sending', 'unknown', 'refunded.recording', 'refunded.recordRetry', 'refunded.printing', 'refunded.submitting', 'completed', 'failed', 'notApplied']) assert.ok(names.has(must), `reachable: ${must}`);
  assert.not.ok(names.has('notSent'), 'a new refund never ends as not sent');
  paths.forEach((p, i) => checkPath(p.steps, `shortest path ${i}`));
});

t('simple paths to every end keep the invariants', () => {
  let count = 0;
  for (const target of ['completed', 'failed', 'notApplied']) {
    const paths = getSimplePaths(refundMachine, { ...opts, toState: (s: Snap) => s.matches(target as never) } as never) as Array<{ steps: Array<{ state: Snap; event: Ev }> }>;
    assert.ok(paths.length > 0, `some path reaches ${target}`);
    paths.forEach((p, i) => checkPath(p.steps, `${target} path ${i}`));
    count += paths.length;
  }
  assert.ok(count > 20, `checked ${count} simple paths`);
});

t('a refund resumed after a restart never sends', () => {
  const base = initialRefundContext(input);
  const contexts: Record<RefundResumeAt, object> = {
    unknown: base,
    'not-sent': base,
    record: { ...base, refundErsReference: ERS, refundedAt: 't1' },
    print: { ...base, refundErsReference: ERS, refundedAt: 't1', post: { ersReference: ERS } },
    submit: { ...base, refundErsReference: ERS, refundedAt: 't1', post: { ersReference: ERS } },
  };
  for (const [at, context] of Object.entries(contexts)) {
    const resumedInput = { ...input, resume: { at: at as RefundResumeAt, context: context as never } };
    const paths = getShortestPaths(refundMachine, { ...opts, input: resumedInput } as never) as Array<{ steps: Array<{ state: Snap; event: Ev }> }>;
    assert.ok(paths.length > 0);
    paths.forEach((p, i) => checkPath(p.steps, `resumed at ${at}, path ${i}`, true));
  }
});

t('the only delay is the named store retry', () => {
  assert.equal(Object.keys(refundMachine.implementations.delays), ['retry']);
});

t.run();
