// The real side effects of the payment machine: Glase calls with this till's TERMINALID
// principal, and the store writes. Recording is one SQLite transaction (post + journal row)
// and idempotent per ersReference, so a resumed payment is never recorded twice.
import { fromPromise } from 'xstate';
import type { GlaseApi } from '../glase/types.js';
import type { Store } from '../store/store.js';
import type {
  CancelInvoiceInput, CancelInvoiceOutput, PollStatusInput, PollStatusOutput, PrintReceiptInput, PrintReceiptOutput,
  PaymentPost, RecordPaymentInput, RecordPaymentOutput, SendInvoiceInput, SendInvoiceOutput, SubmitReceiptInput, SubmitReceiptOutput, UpdateInvoiceInput, UpdateInvoiceOutput,
} from '../../machines/payment-types.js';
import type { PrintJob } from '../store/print-queue.js';
import type { StoredPost } from '../store/transaction-post.js';
import type { Logger } from '../lib/log.js';
import { displayAmount } from '../lib/money.js';
import { digitalReceiptText } from './digital-receipt-text.js';
import { reachabilityWatch, tillPrincipal } from './glase-calls.js';
import { queueReceipt, submitDigitalReceipt } from './receipt-out.js';

export interface PaymentActorDeps {
  store: Store;
  glase: GlaseApi;
  log: Logger;
  nowIso: () => string;
  /** every Glase answer (true) or transport fault (false) tells whether the server is reachable */
  onReachability?: (reachable: boolean) => void;
  /** called after a receipt job is queued, so a spooler can print it at once */
  onReceiptQueued?: (job: PrintJob) => void;
}

export function paymentActors(d: PaymentActorDeps) {
  const watch = reachabilityWatch(d.onReachability);
  // the reference is booked for another payment: this payment's post is kept, flagged, under its
  // own id (in the file too) and journaled, so nothing paid is dropped or booked under the other's key
  const keepApart = (paymentId: string, post: PaymentPost, booked: StoredPost, bookedFor: string, at: string): RecordPaymentOutput => {
    const other = 'clientInvoiceId' in booked ? booked.clientInvoiceId : `refund ${booked.refundId}`;
    const flagged: PaymentPost = { ...post, needsChecking: `Glase gave this payment the ersReference already booked for ${other}; check with Glase before booking it` };
    if (d.store.posts.keepConflict(paymentId, flagged, bookedFor, at)) {
      d.store.journal.append({
        at,
        paymentId,
        state: 'recorded-needs-checking',
        clientInvoiceId: post.clientInvoiceId,
        invoiceReference: post.invoiceReference,
        ersReference: post.ersReference,
        message: `paid ${displayAmount(post.amount, post.currency)}, but ersReference ${post.ersReference} is already booked for ${other} (payment ${bookedFor}); this payment's post is kept apart and needs checking`,
      });
    }
    return { post: flagged, created: false, conflict: { paymentId: bookedFor, clientInvoiceId: other } };
  };
  return {
    sendInvoice: fromPromise<SendInvoiceOutput, SendInvoiceInput>(({ input }) => watch(d.glase.sendInvoice(tillPrincipal(d.store, 'sendInvoice'), input.invoice))),
    pollStatus: fromPromise<PollStatusOutput, PollStatusInput>(async ({ input }) => {
      const result = await watch(d.glase.getPaymentStatus(tillPrincipal(d.store, 'getPaymentStatus'), input.invoiceReference, input.version));
      return { result, seenAt: d.nowIso() };
    }),
    cancelInvoice: fromPromise<CancelInvoiceOutput, CancelInvoiceInput>(({ input }) => watch(d.glase.cancelInvoice(tillPrincipal(d.store, 'cancelInvoice'), input.invoiceReference))),
    updateInvoice: fromPromise<UpdateInvoiceOutput, UpdateInvoiceInput>(({ input }) => watch(d.glase.updateInvoice(tillPrincipal(d.store, 'updateInvoice'), input.invoiceReference, input.invoice))),
    recordPayment: fromPromise<RecordPaymentOutput, RecordPaymentInput>(async ({ input }) => {
      // let the `paid.recording` state reach the journal first, so the rows read in order
      await Promise.resolve();
      const { post } = input;
      const r = d.store.transaction((): RecordPaymentOutput => {
        const at = d.nowIso();
        const res = d.store.posts.insert(input.paymentId, post);
        if (res.bookedFor !== undefined) return keepApart(input.paymentId, post, res.post, res.bookedFor, at);
        if (res.created) {
          d.store.journal.append({
            at,
            paymentId: input.paymentId,
            state: 'recorded',
            clientInvoiceId: post.clientInvoiceId,
            invoiceReference: post.invoiceReference,
            ersReference: post.ersReference,
            message: `transaction post written: ${displayAmount(post.amount, post.currency)}${post.recovered ? ' (found paid after a restart)' : ''}`,
          });
        }
        return { post: res.post, created: res.created };
      });
      // after the commit: the plain receipt file for the host POS (exactly once per post)
      d.store.posts.flushToFile();
      if (r.conflict) d.log.error('Glase gave a paid payment the ersReference of another payment; kept apart, needs checking', { paymentId: input.paymentId, ersReference: post.ersReference, bookedFor: r.conflict.paymentId });
      return r;
    }),
    printReceipt: fromPromise<PrintReceiptOutput, PrintReceiptInput>(async ({ input }) => ({ jobId: queueReceipt(d, input.post).id })),
    submitReceipt: fromPromise<SubmitReceiptOutput, SubmitReceiptInput>(({ input }) =>
      submitDigitalReceipt(d, watch, input.ersReference, digitalReceiptText(input.post), { line: 'submitPaymentReceipt refused; the payment stays complete', fields: { paymentId: input.paymentId } }),
    ),
  };
}
