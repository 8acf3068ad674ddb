// Cashier / host POS routes: status, readiness, payments, the orphan confirmation, events,
// receipts. Every body is parsed by its schema before a handler sees it.
import { receiptSvg } from '../printing/svg.js';
import type { InvoiceRow } from '../glase/types.js';
import type { ActiveReceipt } from './active-receipt.js';
import type { ApiDeps } from './deps.js';
import { HttpError } from './http-error.js';
import { route, type Route } from './router.js';
import { ERS_REFERENCE_RULE } from '../../machines/ers-reference.js';
import { ErsReferenceParam, OrphanConfirm, moneyBodies, type ChangePaymentBody, type NewPaymentBody } from './schemas.js';
import type { SseHub } from './sse.js';
import { paymentOut, readinessOut, statusOut } from './views.js';
import { receiptWithRefunds } from './refund-views.js';
import { changeRunningPayment, invoiceRowsOf } from './payment-change.js';

const notFound = (what: string) => new HttpError(404, what, 'not found');

export function tillRoutes(d: ApiDeps, hub: SseHub, receipt?: ActiveReceipt): Route[] {
  const currency = d.config.terminal.currency;
  const { NewPayment, ChangePayment } = moneyBodies(currency);
  return [
    route({ method: 'GET', path: '/api/status', access: 'client', returns: 'Status', summary: 'Setup, readiness, the payment in flight, devices and mode', responses: { 200: 'status' }, handler: () => {
      const r = receipt?.get();
      return { status: 200, body: { ...statusOut(d), ...(r ? { receipt: r } : {}) } };
    } }),
    route({ method: 'GET', path: '/api/readiness', access: 'client', returns: 'Readiness', summary: 'May a Glase payment start now, and if not, why', responses: { 200: 'Readiness' }, handler: () => ({ status: 200, body: readinessOut(d) }) }),
    route({
      method: 'POST',
      path: '/api/payments',
      access: 'client',
      returns: 'PaymentView',
      summary: 'Start a Glase payment (one per till)',
      body: NewPayment,
      responses: { 201: 'PaymentView', 409: 'refused by a start rule (message says why; client-invoice-id: a payment for that receipt id is already open)' },
      handler: ({ body, actor }) => {
        const b = body as NewPaymentBody;
        // with an active receipt the Glase part is its last tender: the split-tender rule checks
        // against it, and a screen that still showed an older receipt is refused
        const active = receipt?.get();
        if (active && b.tender && (b.tender.receiptTotal !== active.total || b.tender.alreadyPaid !== active.alreadyPaid))
          throw new HttpError(409, 'tender', 'must match the active receipt', {}, `the receipt changed: total ${active.totalText}, already paid ${active.alreadyPaidText}; check the amount and press Pay again`);
        const tender = b.tender ?? (active ? { receiptTotal: active.total, alreadyPaid: active.alreadyPaid } : undefined);
        const rows: InvoiceRow[] | undefined = b.rows?.map((r) => ({ itemDescription: r.description, itemQuantity: r.quantity, itemTotalAmount: { minor: r.amount, currency } }));
        const res = d.till.startPayment({
          amount: b.amount,
          ...(rows?.length ? { rows } : {}),
          ...(b.cashierId ? { cashierId: b.cashierId } : {}),
          ...(b.title ? { title: b.title } : {}),
          ...(b.clientInvoiceId ? { clientInvoiceId: b.clientInvoiceId } : {}),
          ...(b.confirmRaise ? { confirmRaise: true } : {}),
          ...(tender ? { receiptTotal: tender.receiptTotal, alreadyPaid: tender.alreadyPaid } : {}),
        });
        if (!res.ok) throw new HttpError(409, 'payment', res.rule, {}, res.message);
        d.log.info('payment started', { paymentId: res.paymentId, amount: b.amount, by: actor });
        if (active) receipt?.link(res.paymentId);
        return { status: 201, body: paymentOut(res.payment) };
      },
    }),
    route({
      method: 'GET',
      path: '/api/payments/current',
      access: 'client',
      returns: 'PaymentView',
      summary: 'The payment in flight',
      responses: { 200: 'PaymentView', 404: 'no payment in flight' },
      handler: () => {
        const p = d.till.currentPayment();
        if (!p) throw notFound('payment');
        return { status: 200, body: paymentOut(p) };
      },
    }),
    route({
      method: 'GET',
      path: '/api/payments/:id',
      access: 'client',
      returns: 'PaymentView',
      summary: 'One payment by paymentId',
      responses: { 200: 'PaymentView', 404: 'unknown paymentId' },
      handler: ({ params }) => {
        const p = d.till.payment(params.id);
        if (!p) throw notFound('paymentId');
        return { status: 200, body: paymentOut(p) };
      },
    }),
    route({
      method: 'PATCH',
      path: '/api/payments/:id',
      access: 'client',
      returns: 'PaymentView',
      summary: 'Change the amount (and rows) before the customer pays: updateInvoice on the same invoice, polling goes on',
      body: ChangePayment,
      responses: {
        200: 'PaymentView (change.state "applied")',
        202: 'PaymentView (change.state "unknown": Glase did not answer; the status settles it)',
        404: 'unknown paymentId',
        409: 'not open for a change, or Glase refused it (48: the customer is paying; paid); message says why',
      },
      handler: async ({ params, body, actor }) => {
        if (!d.till.payment(params.id)) throw notFound('paymentId');
        const b = body as ChangePaymentBody;
        const res = await changeRunningPayment(d, params.id, b.amount, invoiceRowsOf(b.rows, currency), actor);
        return { status: res.status, body: paymentOut(res.payment) };
      },
    }),
    route({
      method: 'POST',
      path: '/api/payments/:id/try-again',
      access: 'client',
      returns: 'PaymentView',
      summary: 'Answer "try again" to the question after a window',
      responses: { 200: 'PaymentView', 404: 'unknown paymentId', 409: 'the question is not open' },
      handler: ({ params }) => answer(d, params.id, 'try-again'),
    }),
    route({
      method: 'POST',
      path: '/api/payments/:id/cancel',
      access: 'client',
      returns: 'PaymentView',
      summary: 'Ask to cancel the payment; the outcome arrives as a payment event',
      responses: { 202: 'PaymentView (cancel requested)', 404: 'unknown paymentId', 409: 'cannot cancel now' },
      handler: ({ params }) => answer(d, params.id, 'cancel'),
    }),
    route({
      method: 'POST',
      path: '/api/orphan/confirm',
      access: 'client',
      summary: 'The cashier checked a payment whose sendInvoice answer was lost',
      body: OrphanConfirm,
      responses: { 200: '{ok}', 409: 'no unconfirmed orphan' },
      handler: ({ body, actor }) => {
        if (!d.till.confirmOrphan(actor, (body as { note?: string }).note)) throw new HttpError(409, 'orphan', 'there is no unconfirmed payment to confirm');
        const readiness = readinessOut(d);
        hub.publish('readiness', readiness); // the orphan reason is the API's: the till emits no event for it
        return { status: 200, body: { ok: true, readiness } };
      },
    }),
    route({
      method: 'GET',
      path: '/api/events',
      access: 'client',
      summary: 'Server-sent events: payment, refund, setup, readiness, printer, scan, receipt, receipt-active (current state first)',
      produces: 'text/event-stream',
      responses: { 200: 'event stream' },
      handler: ({ res }) => {
        const p = d.till.currentPayment();
        hub.attach(res, [
          { event: 'setup', data: d.till.setup() },
          { event: 'readiness', data: readinessOut(d) },
          { event: 'printer', data: d.devices.printer() },
          ...(p ? [{ event: 'payment', data: paymentOut(p) }] : []),
          { event: 'receipt-active', data: receipt?.get() ?? null },
        ]);
        return { raw: true };
      },
    }),
    route({
      method: 'GET',
      path: '/api/receipts/last.svg',
      access: 'client',
      summary: 'Picture of the last receipt as printed',
      produces: 'image/svg+xml',
      responses: { 200: 'SVG', 404: 'no receipt yet' },
      handler: ({ res }) => {
        const job = d.till.lastReceiptJob();
        if (!job) throw notFound('receipt');
        const svg = receiptSvg(job.post, d.layout, { copy: job.copy });
        res.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'no-store' });
        res.end(svg);
        return { raw: true };
      },
    }),
    route({
      method: 'GET',
      path: '/api/receipts/:ersReference/receipt.svg',
      access: 'client',
      summary: 'Picture of the original receipt of an ersReference (the refund lookup screen shows it)',
      produces: 'image/svg+xml',
      responses: { 200: 'SVG', 400: 'not 25 digits', 404: 'no such receipt' },
      handler: ({ params, res }) => {
        const found = d.till.findReceipt(ersReferenceParam(params.ersReference));
        if (!found) throw notFound('ersReference');
        res.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'no-store' });
        res.end(receiptSvg(found.post, d.layout, { copy: false }));
        return { raw: true };
      },
    }),
    route({
      method: 'GET',
      path: '/api/receipts/:ersReference',
      access: 'client',
      summary: 'Refund lookup: the transaction post and print jobs of an ersReference, the payment\'s refunds and what is still refundable',
      responses: { 200: '{post, jobs, refunds: PaymentRefunds}', 404: 'no such receipt' },
      handler: ({ params }) => {
        const found = receiptWithRefunds(d, ersReferenceParam(params.ersReference));
        if (!found) throw notFound('ersReference');
        return { status: 200, body: found };
      },
    }),
  ];
}

function ersReferenceParam(value: string): string {
  const ref = ErsReferenceParam.safeParse(value);
  if (!ref.success) throw new HttpError(400, 'ersReference', ERS_REFERENCE_RULE);
  return ref.data;
}

function answer(d: ApiDeps, id: string, what: 'try-again' | 'cancel') {
  const p = d.till.payment(id);
  if (!p) throw notFound('paymentId');
  const cur = d.till.currentPayment();
  if (!cur || cur.paymentId !== id) throw new HttpError(409, 'payment', 'is not in progress', {}, `this payment is ${p.state}; it cannot be ${what === 'cancel' ? 'cancelled' : 'tried again'} now`);
  const ok = what === 'cancel' ? d.till.cancel() : d.till.tryAgain();
  if (!ok) throw new HttpError(409, 'payment', what === 'cancel' ? 'cannot be cancelled now' : 'try again is not offered now', {}, cur.message);
  return { status: what === 'cancel' ? 202 : 200, body: paymentOut(d.till.payment(id) ?? cur) };
}
