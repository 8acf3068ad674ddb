// A booked post goes out two ways, the same for a payment, a refund and a Z: its paper copy into
// the print queue (the spooler is told at once, so it need not poll), and for a payment or a
// refund its digital receipt to Glase (submitPaymentReceipt; a refusal is logged, the post stays
// complete).
import type { GlaseApi, Result } from '../glase/types.js';
import type { Logger } from '../lib/log.js';
import type { PrintJob } from '../store/print-queue.js';
import type { Store } from '../store/store.js';
import type { PrintablePost } from '../store/transaction-post.js';
import { tillPrincipal } from './glase-calls.js';

export interface ReceiptOutDeps {
  store: Store;
  onReceiptQueued?: (job: PrintJob) => void;
}

/** Queues a post's paper receipt (a reprint as a COPY) and tells the spooler. */
export function queueReceipt(d: Pick<ReceiptOutDeps, 'store' | 'onReceiptQueued'>, post: PrintablePost, opts: { copy?: boolean } = {}): PrintJob {
  const job = d.store.printQueue.enqueue(post, opts);
  d.onReceiptQueued?.(job);
  return job;
}

/** Sends a post's digital receipt text to Glase with this till's TERMINALID; a refusal is logged with `fields`. */
export async function submitDigitalReceipt(
  d: { store: Store; glase: Pick<GlaseApi, 'submitPaymentReceipt'>; log: Logger },
  watch: <T>(p: Promise<T>) => Promise<T>,
  ersReference: string,
  text: string,
  refusal: { line: string; fields: Record<string, unknown> },
): Promise<Result> {
  const doc = { mimeType: 'text/plain', receiptType: 'PAYMENT_RECEIPT', receiptData: Buffer.from(text, 'utf8').toString('base64') };
  const r = await watch(d.glase.submitPaymentReceipt(tillPrincipal(d.store, 'submitPaymentReceipt'), ersReference, doc));
  if (!r.ok) d.log.warn(refusal.line, { ...refusal.fields, code: r.code });
  return r;
}
