// Day-close routes. Closing the day, acknowledging a close's differences and reprinting a Z
// need the admin session; reading Z reports does not. Progress arrives as SSE `day-close`.
import type { ApiDeps } from './deps.js';
import { HttpError } from './http-error.js';
import { route, type Route } from './router.js';
import { Empty } from './schemas.js';
import { AcknowledgeBody, DayCloseBody } from './day-close-schemas.js';
import { attentionOut, zOut } from './day-close-views.js';

function zNumber(raw: string): number {
  if (!/^[1-9]\d{0,8}$/.test(raw)) throw new HttpError(400, 'n', 'must be a Z number (1, 2, …)');
  return Number(raw);
}

export function dayCloseRoutes(d: ApiDeps): Route[] {
  return [
    route({
      method: 'POST',
      path: '/api/day-close',
      access: 'admin',
      returns: 'DayCloseResult',
      summary: "Close the day (Z): markTransactionPeriod with TERMINALID, read STD_RECON_006/007 (REPORT_NOT_READY retried up to dayClose.reportAttempts), reconcile, number, store and print the Z. Resumes an unfinished close (same period). Needs the reseller login, which is never stored",
      body: DayCloseBody,
      responses: { 200: 'DayCloseResult (close.state closed, or notReady/failed with the message; the next close resumes it)', 409: 'refused: a payment or refund is running, another close runs, or the till is not registered' },
      handler: async ({ body, actor }) => {
        const r = await d.till.closeDay(body as { resellerId: string; userId: string; password: string }, actor);
        if (!r.ok) throw new HttpError(409, 'dayClose', r.rule, {}, r.message);
        return { status: 200, body: { close: r.close, ...(r.z ? { z: zOut(r.z) } : {}) } };
      },
    }),
    route({
      method: 'GET',
      path: '/api/day-closes',
      access: 'client',
      summary: 'Z reports, newest first, with what needs attention and the close running or unfinished',
      responses: { 200: '{closes: ZReport[], attention: {closes, active?, unfinished?}}' },
      handler: () => ({ status: 200, body: { closes: d.till.zReports(50).map(zOut), attention: attentionOut(d.till) } }),
    }),
    route({
      method: 'GET',
      path: '/api/day-closes/:n',
      access: 'client',
      returns: 'ZReport',
      summary: 'One Z report by its number',
      responses: { 200: 'ZReport', 404: 'no such Z' },
      handler: ({ params }) => {
        const z = d.till.zReport(zNumber(params.n));
        if (!z) throw new HttpError(404, 'n', 'no such Z report');
        return { status: 200, body: zOut(z) };
      },
    }),
    route({
      method: 'POST',
      path: '/api/day-closes/:n/acknowledge',
      access: 'admin',
      returns: 'ZReport',
      summary: "An admin saw the differences of a close that needs attention (audited); the status bar stops showing it",
      body: AcknowledgeBody,
      responses: { 200: 'ZReport with acknowledged', 404: 'no such Z', 409: 'it needs no acknowledgement (matched, or acknowledged already)' },
      handler: ({ params, body, actor }) => {
        const n = zNumber(params.n);
        if (!d.till.zReport(n)) throw new HttpError(404, 'n', 'no such Z report');
        const note = (body as { note?: string }).note;
        if (!d.till.acknowledgeClose(n, actor, note)) throw new HttpError(409, 'n', 'needs no acknowledgement (it matched, or was acknowledged already)');
        return { status: 200, body: zOut(d.till.zReport(n)!) };
      },
    }),
    route({
      method: 'POST',
      path: '/api/day-closes/:n/reprint',
      access: 'admin',
      summary: 'Print a COPY of a Z report (audited)',
      body: Empty,
      responses: { 202: '{jobId}', 404: 'no such Z' },
      handler: ({ params, actor }) => {
        const n = zNumber(params.n);
        if (!d.till.zReport(n)) throw new HttpError(404, 'n', 'no such Z report');
        const job = d.till.reprintZ(n, actor);
        return { status: 202, body: { jobId: job.id } };
      },
    }),
  ];
}
