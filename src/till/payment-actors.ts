// The real side effects of the payment machine: Glase calls with this till's TERMINALID
// principal, and the store writes. Recording is one SQLite transaction (post + journal row)
// and idempotent per ersReference, so a resumed payment is never recorded twice.
import { fromPromise } from 'xstate';
import type { GlaseApi, Principal } from '../glase/types.js';
import { GlaseTransportError } from '../glase/errors.js';
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

export function terminalPrincipal(store: Store, op: string): Principal {
  const c = store.credentials.get();
  if (!c) throw new GlaseTransportError('transport', op, 'not-applied', 'this till has no Glase credentials (not registered)');
  return { type: 'TERMINALID', terminalId: c.terminalId, password: c.terminalPassword };
}

/** Wraps Glase calls so each answer (or a transport failure, not a SOAP fault) tells the till whether Glase is reachable. */
export function reachabilityWatch(onReachability?: (reachable: boolean) => void) {
  return async <T>(p: Promise<T>): Promise<T> => {
    try {
      const v = await p;
      onReachability?.(true);
      return v;
    } catch (e) {
      if (e instanceof GlaseTransportError && e.kind !== 'soap-fault') onReachability?.(false);
      throw e;
    }
  };
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
    sendInvoice: fromPromise<SendInvoiceOutput, SendInvoiceInput>(({ input }) => watch(d.glase.sendInvoice(terminalPrincipal(d.store, 'sendInvoice'), input.invoice))),
    pollStatus: fromPromise<PollStatusOutput, PollStatusInput>(async ({ input }) => {
      const result = await watch(d.glase.getPaymentStatus(terminalPrincipal(d.store, 'getPaymentStatus'), input.invoiceReference, input.version));
      return { result, seenAt: d.nowIso() };
    }),
    cancelInvoice: fromPromise<CancelInvoiceOutput, CancelInvoiceInput>(({ input }) => watch(d.glase.cancelInvoice(terminalPrincipal(d.store, 'cancelInvoice'), input.invoiceReference))),
    updateInvoice: fromPromise<UpdateInvoiceOutput, UpdateInvoiceInput>(({ input }) => watch(d.glase.updateInvoice(terminalPrincipal(d.store, 'updateInvoice'), input.invoiceReference, input.invoice))),
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
    printReceipt: fromPromise<PrintReceiptOutput, PrintReceiptInput>(async ({ input }) => {
      const job = d.store.printQueue.enqueue(input.post);
      d.onReceiptQueued?.(job);
      return { jobId: job.id };
    }),
    submitReceipt: fromPromise<SubmitReceiptOutput, SubmitReceiptInput>(async ({ input }) => {
      const doc = { mimeType: 'text/plain', receiptType: 'PAYMENT_RECEIPT', receiptData: Buffer.from(digitalReceiptText(input.post), 'utf8').toString('base64') };
      const r = await watch(d.glase.submitPaymentReceipt(terminalPrincipal(d.store, 'submitPaymentReceipt'), input.ersReference, doc));
      if (!r.ok) d.log.warn('submitPaymentReceipt refused; the payment stays complete', { paymentId: input.paymentId, code: r.code });
      return r;
    }),
  };
}
