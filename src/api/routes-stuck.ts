// Stuck payments (issue 10 §3), admin only: a payment stuck in `unknown` because Glase is
// unreachable is checked live (getPaymentStatus now), and closed as "settled outside the till"
// only when that live check gets no answer; then it is flagged for the day close. No blind
// "mark done": when Glase answers, the payment goes on from its answer and the close is refused.
import { displayAmount } from '../lib/money.js';
import type { ApiDeps } from './deps.js';
import { HttpError } from './http-error.js';
import { route, type Route } from './router.js';
import { Empty, SettleOutside } from './schemas.js';
import { paymentOut } from './views.js';

export function stuckPaymentRoutes(d: ApiDeps): Route[] {
  const known = (id: string) => {
    if (!d.till.payment(id)) throw new HttpError(404, 'paymentId', 'not found');
  };
  return [
    route({
      method: 'POST',
      path: '/api/admin/payments/:id/check',
      access: 'admin',
      summary: 'Ask Glase about a running payment now (a live getPaymentStatus); audited',
      body: Empty,
      responses: { 200: '{answered, payment: PaymentView}', 404: 'unknown paymentId', 409: 'the payment has ended' },
      handler: async ({ params, actor }) => {
        known(params.id);
        const r = await d.till.checkPayment(params.id, actor);
        if (!r) throw new HttpError(409, 'payment', 'has ended', {}, 'this payment has ended; there is nothing to check');
        return { status: 200, body: { answered: r.answered, payment: paymentOut(r.payment) } };
      },
    }),
    route({
      method: 'POST',
      path: '/api/admin/payments/:id/settle-outside',
      access: 'admin',
      returns: 'PaymentView',
      summary: 'Close a payment Glase cannot be reached about as "settled outside the till" (a live getPaymentStatus first; only without an answer); audited, flagged for the day close',
      body: SettleOutside,
      responses: { 200: 'PaymentView (outcome settledOutside)', 404: 'unknown paymentId', 409: 'Glase answered (the payment goes on from its answer), or the payment has ended' },
      handler: async ({ params, body, actor }) => {
        known(params.id);
        const r = await d.till.settleOutside(params.id, actor, (body as { note: string }).note);
        if (!r.ok) throw new HttpError(409, 'payment', r.rule, {}, r.message);
        return { status: 200, body: paymentOut(r.payment) };
      },
    }),
    route({
      method: 'GET',
      path: '/api/admin/payments/settled-outside',
      access: 'admin',
      summary: 'Payments settled outside the till (flagged for the day close), oldest first',
      responses: { 200: '[{paymentId, clientInvoiceId, invoiceReference?, amount, amountText, currency, by, note, at}]' },
      handler: () => ({ status: 200, body: d.till.paymentsSettledOutside().map((p) => ({ ...p, amountText: displayAmount(p.amount, p.currency) })) }),
    }),
  ];
}
