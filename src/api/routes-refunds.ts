// Refund routes. Starting, checking and re-sending a refund need the admin session (the PIN on
// the screen); reading one does not. A refund's progress arrives as SSE `refund` events; the
// refund of a lost reply stays `unknown` until POST /api/refunds/check-unknown settles it.
import type { ApiDeps } from './deps.js';
import { HttpError } from './http-error.js';
import { route, type Route } from './router.js';
import { Empty } from './schemas.js';
import { NewRefund, RefundCheck, type NewRefundBody } from './refund-schemas.js';
import { refundOut } from './refund-views.js';

export function refundRoutes(d: ApiDeps): Route[] {
  return [
    route({
      method: 'POST',
      path: '/api/refunds',
      access: 'admin',
      returns: 'RefundView',
      summary: 'Refund `amount` minor units of a Glase payment (journaled before Glase is called; the outcome arrives as refund events)',
      body: NewRefund,
      responses: { 201: 'RefundView (sending)', 409: 'refused by a refund rule before anything was sent (message says why, e.g. in the words of 98)' },
      handler: ({ body, actor }) => {
        const b = body as NewRefundBody;
        // through the API an admin is at work: a payment this till did not record may be refunded too
        const r = d.till.startRefund(b, { by: actor, unrecordedAllowed: true });
        if (!r.ok) throw new HttpError(409, 'refund', r.rule, {}, r.message);
        d.log.info('refund started', { refundId: r.refundId, amount: b.amount, by: actor });
        return { status: 201, body: refundOut(r.refund) };
      },
    }),
    route({
      method: 'GET',
      path: '/api/refunds',
      access: 'client',
      summary: 'Recent refunds (newest first) and the refunds in doubt (reply lost)',
      responses: { 200: '{refunds: RefundView[], unknown: RefundView[]}' },
      handler: () => ({ status: 200, body: { refunds: d.till.recentRefunds(50).map(refundOut), unknown: d.till.unknownRefunds().map(refundOut) } }),
    }),
    route({
      method: 'POST',
      path: '/api/refunds/check-unknown',
      access: 'admin',
      returns: 'RefundCheck',
      summary: 'Settle refunds in doubt from Glase\'s report (markTransactionPeriod + STD_RECON_007); needs the reseller login, which is never stored',
      body: RefundCheck,
      responses: { 200: 'RefundCheck (ok false: Glase refused or could not be reached; message says why)' },
      handler: async ({ body, actor }) => {
        const r = await d.till.checkUnknownRefunds(body as { resellerId: string; userId: string; password: string }, actor);
        return { status: 200, body: r };
      },
    }),
    route({
      method: 'GET',
      path: '/api/refunds/:id',
      access: 'client',
      returns: 'RefundView',
      summary: 'One refund by refundId',
      responses: { 200: 'RefundView', 404: 'unknown refundId' },
      handler: ({ params }) => {
        const r = d.till.refund(params.id);
        if (!r) throw new HttpError(404, 'refundId', 'not found');
        return { status: 200, body: refundOut(r) };
      },
    }),
    route({
      method: 'POST',
      path: '/api/refunds/:id/resend',
      access: 'admin',
      returns: 'RefundView',
      summary: 'Send again a refund whose complete report showed it never happened (audited; once)',
      body: Empty,
      responses: { 201: 'RefundView of the new refund', 404: 'unknown refundId', 409: 'not settled as never happened, or already re-sent' },
      handler: ({ params, actor }) => {
        if (!d.till.refund(params.id)) throw new HttpError(404, 'refundId', 'not found');
        const r = d.till.resendRefund(params.id, actor);
        if (!r.ok) throw new HttpError(409, 'refund', r.rule, {}, r.message);
        return { status: 201, body: refundOut(r.refund) };
      },
    }),
  ];
}
