// TEST-ONLY crash injection. The crash tests (test/crash, test/src/commands/recover.test.ts)
// must kill `glase-pos pay` at an exact step, which a kill from outside cannot hit reliably.
// With GLASE_POS_TEST_CRASH_AT=<journal state> the process SIGKILLs itself right after that
// state was committed ("refund:<state>" for a refund's state, e.g. refund:sending, and
// "close:<state>" for a day close's, e.g. close:reading); "poll-paid", "submit-answered",
// "refund-answered" and "mark-answered" kill it right after Glase answered but before the
// till could act on the answer. Unset in normal use: nothing is wrapped or watched.
import type { GlaseClient } from '../glase/client.js';
import type { Till } from '../till/index.js';

export interface CrashInjection {
  wrapGlase(g: GlaseClient): GlaseClient;
  watch(till: Till): void;
}

export function testCrashInjection(env: NodeJS.ProcessEnv): CrashInjection | undefined {
  const at = env.GLASE_POS_TEST_CRASH_AT;
  if (!at) return undefined;
  return {
    wrapGlase: (g) =>
      Object.assign(Object.create(g) as GlaseClient, {
        getPaymentStatus: async (...a: Parameters<GlaseClient['getPaymentStatus']>) => {
          const r = await g.getPaymentStatus(...a);
          if (at === 'poll-paid' && r.ok && r.status === 'PAID') crash();
          return r;
        },
        refundPayment: async (...a: Parameters<GlaseClient['refundPayment']>) => {
          const r = await g.refundPayment(...a);
          if (at === 'refund-answered') crash();
          return r;
        },
        markTransactionPeriod: async (...a: Parameters<GlaseClient['markTransactionPeriod']>) => {
          const r = await g.markTransactionPeriod(...a);
          if (at === 'mark-answered') crash();
          return r;
        },
        submitPaymentReceipt: async (...a: Parameters<GlaseClient['submitPaymentReceipt']>) => {
          const r = await g.submitPaymentReceipt(...a);
          if (at === 'submit-answered') crash();
          return r;
        },
      }),
    watch: (till) => {
      till.subscribe(
        (e) =>
          ((e.type === 'payment' && e.payment.state === at) || (e.type === 'refund' && `refund:${e.refund.state}` === at) || (e.type === 'day-close' && `close:${e.close.state}` === at)) &&
          crash(),
      );
    },
  };
}

function crash(): never {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
}
