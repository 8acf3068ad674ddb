// The real side effects of the refund machine. sendRefund refuses to call Glase unless the
// refund's `sending` state is already journaled (a crash can then only ever leave a refund
// "unknown", never sent without a trace). Recording is one SQLite transaction (post + journal
// row), idempotent per refund ersReference; the receipt file gets it once, after the commit.
import { fromPromise } from 'xstate';
import type { Invoice } from '../glase/types.js';
import { GlaseTransportError } from '../glase/errors.js';
import { displayAmount } from '../lib/money.js';
import type {
  PrintRefundInput, PrintRefundOutput, RecordRefundInput, RecordRefundOutput, RefundPost, SendRefundInput, SendRefundOutput,
  SubmitRefundReceiptInput, SubmitRefundReceiptOutput,
} from '../../machines/refund-types.js';
import { reachabilityWatch, tillPrincipal } from './glase-calls.js';
import type { PaymentActorDeps } from './payment-actors.js';
import { refundReceiptText } from './refund-receipt-text.js';
import { queueReceipt, submitDigitalReceipt } from './receipt-out.js';

/** A refund's actors need what a payment's do. */
export type RefundActorDeps = PaymentActorDeps;

/** The invoice of a refund: its totalAmount is the amount of this refund (facts §6.8). */
export function refundInvoice(i: SendRefundInput): Invoice {
  const total = { minor: i.amount, currency: i.currency };
  return {
    paymentMode: 'IMMEDIATE_DEBIT',
    acknowledgmentMode: 'NO_ACKNOWLEDGMENT',
    issueDate: i.issueDate,
    title: 'Refund',
    clientInvoiceId: `R-${i.refundId}`.slice(0, 40),
    invoiceRows: [{ itemDescription: i.reason ? `Refund: ${i.reason}`.slice(0, 100) : 'Refund', itemQuantity: '1', itemTotalAmount: total }],
    totalAmount: total,
    ...(i.cashierId ? { cashierId: i.cashierId } : {}),
  };
}

export function refundActors(d: RefundActorDeps) {
  const watch = reachabilityWatch(d.onReachability);
  // like a payment's (payment-actors keepApart): the refund's post is kept, flagged, under its own
  // id (in the file too) and journaled; nothing is printed or sent under the other post's reference
  const keepApart = (refundId: string, post: RefundPost, bookedFor: string, at: string): RecordRefundOutput => {
    const flagged: RefundPost = { ...post, needsChecking: `Glase gave this refund the ersReference already booked for ${bookedFor}; check with Glase` };
    if (d.store.posts.keepConflict(refundId, flagged, bookedFor, at)) {
      d.store.refundJournal.append({
        at,
        refundId,
        state: 'recorded-needs-checking',
        originalErsReference: post.originalErsReference,
        amount: -post.amount,
        refundErsReference: post.ersReference,
        message: `refunded ${displayAmount(-post.amount, post.currency)}, but its reference ${post.ersReference} is already booked for ${bookedFor}; this refund's post is kept apart and needs checking`,
      });
    }
    return { post: flagged, created: false, conflict: { bookedFor } };
  };
  return {
    sendRefund: fromPromise<SendRefundOutput, SendRefundInput>(async ({ input }) => {
      // the subscription journals `sending` in this same turn; after one tick it must be there
      await Promise.resolve();
      if (d.store.refunds.get(input.refundId)?.state !== 'sending')
        throw new GlaseTransportError('transport', 'refundPayment', 'not-applied', 'the refund was not journaled as sending; it was not sent');
      const result = await watch(d.glase.refundPayment(tillPrincipal(d.store, 'refundPayment'), input.originalErsReference, refundInvoice(input)));
      return { result, seenAt: d.nowIso() };
    }),
    recordRefund: fromPromise<RecordRefundOutput, RecordRefundInput>(async ({ input }) => {
      // let the `refunded.recording` state reach the journal first, so the rows read in order
      await Promise.resolve();
      const { post } = input;
      const r = d.store.transaction((): RecordRefundOutput => {
        const at = d.nowIso();
        const res = d.store.posts.insert(input.refundId, post);
        // the new reference is booked for another post: never take that post as this refund's
        if (res.bookedFor !== undefined) return keepApart(input.refundId, post, res.bookedFor, at);
        if (res.created) {
          d.store.refundJournal.append({
            at: d.nowIso(),
            refundId: input.refundId,
            state: 'recorded',
            originalErsReference: post.originalErsReference,
            amount: -post.amount,
            refundErsReference: post.ersReference,
            message: `refund post written: ${displayAmount(-post.amount, post.currency)} back${post.recovered ? ' (settled after a lost reply)' : ''}`,
          });
        }
        return res;
      });
      d.store.posts.flushToFile();
      if (r.conflict) d.log.error('Glase gave a refund a reference already booked for another post; kept apart, needs checking', { refundId: input.refundId, ersReference: post.ersReference, bookedFor: r.conflict.bookedFor });
      return r;
    }),
    printRefundReceipt: fromPromise<PrintRefundOutput, PrintRefundInput>(async ({ input }) => ({ jobId: queueReceipt(d, input.post).id })),
    submitRefundReceipt: fromPromise<SubmitRefundReceiptOutput, SubmitRefundReceiptInput>(({ input }) =>
      submitDigitalReceipt(d, watch, input.post.ersReference, refundReceiptText(input.post), { line: 'submitPaymentReceipt refused for a refund; the refund stays complete', fields: { refundId: input.refundId } }),
    ),
  };
}
