// The host POS's active receipt: PUT it, read it, DELETE it (closed or voided). The kiosk
// screen pre-enters what is left to pay. Refused while a payment runs: the receipt being paid
// must not change under the cashier.
import type { ApiDeps } from './deps.js';
import type { ActiveReceipt } from './active-receipt.js';
import { HttpError } from './http-error.js';
import { route, type Route } from './router.js';
import { moneyBodies, type ActiveReceiptInput } from './schemas.js';
import type { SseHub } from './sse.js';

export const RECEIPT_EVENT = 'receipt-active';

export function receiptRoutes(d: ApiDeps, hub: SseHub, receipt: ActiveReceipt): Route[] {
  const notWhilePaying = (what: string) => {
    const p = d.till.currentPayment();
    if (p && !p.final) throw new HttpError(409, 'receipt', 'cannot change while a Glase payment is in progress', {}, `a Glase payment is in progress; the receipt cannot be ${what} until it ends`);
  };
  const { ActiveReceiptBody } = moneyBodies(d.config.terminal.currency);
  return [
    route({
      method: 'PUT',
      path: '/api/receipt',
      access: 'client',
      returns: 'ActiveReceipt',
      summary: 'The host POS pushes its active receipt; the kiosk pre-enters what is left to pay',
      body: ActiveReceiptBody,
      responses: { 200: 'ActiveReceipt (as stored)', 409: 'a Glase payment is in progress' },
      handler: ({ body, actor }) => {
        notWhilePaying('changed');
        const r = receipt.set(body as ActiveReceiptInput);
        d.log.info('active receipt set', { total: r.total, alreadyPaid: r.alreadyPaid, by: actor });
        hub.publish(RECEIPT_EVENT, r);
        return { status: 200, body: r };
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
