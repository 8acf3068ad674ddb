// The host POS's active receipt: PUT it, read it, DELETE it (closed or voided). The kiosk
// screen pre-enters what is left to pay. While the Glase payment for it runs and the customer
// has not paid, a changed receipt changes the invoice (updateInvoice, through the PATCH path);
// a clear while a payment runs is refused: the receipt being paid must not vanish.
import type { ApiDeps } from './deps.js';
import { changedGlaseAmount, glaseRowsOf, type ActiveReceipt } from './active-receipt.js';
import { changeRunningPayment, invoiceRowsOf } from './payment-change.js';
import { HttpError } from './http-error.js';
import { route, type Route } from './router.js';
import { moneyBodies, type ActiveReceiptInput } from './schemas.js';
import type { SseHub } from './sse.js';

export const RECEIPT_EVENT = 'receipt-active';

export function receiptRoutes(d: ApiDeps, hub: SseHub, receipt: ActiveReceipt): Route[] {
  const notWhilePaying = (what: string): void => {
    const p = d.till.currentPayment();
    if (p && !p.final) throw new HttpError(409, 'receipt', 'cannot change while a Glase payment is in progress', {}, `a Glase payment is in progress; the receipt cannot be ${what} until it ends`);
  };
  const currency = d.config.terminal.currency;
  const { ActiveReceiptBody } = moneyBodies(currency);
  return [
    route({
      method: 'PUT',
      path: '/api/receipt',
      access: 'client',
      returns: 'ActiveReceipt',
      summary: 'The host POS pushes its active receipt; the kiosk pre-enters what is left to pay',
      body: ActiveReceiptBody,
      responses: {
        200: 'ActiveReceipt (as stored); with a payment running for it, its Glase part was changed (updateInvoice applied)',
        202: 'ActiveReceipt (as stored); the payment\'s updateInvoice reply was lost (change.state unknown; the status settles it)',
        409: 'a Glase payment not for this receipt is in progress, nothing would be left for Glase, or Glase refused the change (48: the customer is paying; paid)',
      },
      handler: async ({ body, actor }) => {
        const b = body as ActiveReceiptInput;
        const p = d.till.currentPayment();
        let status: 200 | 202 = 200;
        if (p && !p.final) {
          // the receipt being paid changed: its Glase part changes with updateInvoice, the PATCH path
          const before = receipt.get();
          if (!before || before.paymentId !== p.paymentId) notWhilePaying('changed (the Glase payment in progress is not for this receipt)');
          const amount = changedGlaseAmount(p.amount, before!, b);
          if (amount <= 0) notWhilePaying('changed so that nothing is left for Glase; cancel the Glase payment first');
          status = (await changeRunningPayment(d, p.paymentId, amount, invoiceRowsOf(glaseRowsOf(b, amount), currency), actor)).status;
        }
        const r = receipt.set(b, p && !p.final ? p.paymentId : undefined);
        d.log.info('active receipt set', { total: r.total, alreadyPaid: r.alreadyPaid, by: actor });
        hub.publish(RECEIPT_EVENT, r);
        return { status, body: r };
      },
    }),
    route({
      method: 'GET',
      path: '/api/receipt',
      access: 'client',
      returns: 'ActiveReceipt',
      summary: 'The active receipt pushed by the host POS',
      responses: { 200: 'ActiveReceipt', 404: 'no active receipt' },
      handler: () => {
        const r = receipt.get();
        if (!r) throw new HttpError(404, 'receipt', 'not found', {}, 'there is no active receipt');
        return { status: 200, body: r };
      },
    }),
    route({
      method: 'DELETE',
      path: '/api/receipt',
      access: 'client',
      summary: 'The host POS closed or voided the active receipt; the kiosk goes back to its keypad',
      responses: { 204: 'cleared (also when there was none)', 409: 'a Glase payment is in progress' },
      handler: ({ actor }) => {
        notWhilePaying('cleared');
        const had = receipt.get() !== undefined;
        receipt.clear();
        if (had) {
          d.log.info('active receipt cleared', { by: actor });
          hub.publish(RECEIPT_EVENT, null);
        }
        return { status: 204 };
      },
    }),
  ];
}
