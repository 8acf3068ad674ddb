// The accountant's pages: exports (CSV, SIE 4) and reconciliation with Glase.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GlaseApi } from '../glase/types.js';
import type { Logger } from '../lib/log.js';
import type { Backoffice } from './open.js';
import type { Role, User } from './users.js';
import type { SieSettings } from './sie-settings.js';
import { csvExport, periodOf, sieExport } from './ledger.js';
import { esc, formBody, BackOfficeHttpError, redirect, send, sendHtml } from './http.js';
import { layout } from './pages.js';
import { acknowledge, listDifferences, listPeriods, reconcileShop } from './reconcile-shop.js';
import { reconciliationPage } from './recon-page.js';

export interface ExtraRouteDeps {
  bo: Backoffice;
  glase: GlaseApi;
  log: Logger;
  currency: string;
  today: () => string;
  sie: SieSettings;
  /** waits between report reads; tests shorten them */
  reportWaits?: { firstMs: number; retryMs: number; attempts: number };
}

export async function extraRoutes(d: ExtraRouteDeps, req: IncomingMessage, res: ServerResponse, url: URL, user: User, need: (u: User | undefined, r?: Role) => User): Promise<boolean> {
  const path = url.pathname;
  const { db } = d.bo;
  if (path === '/exports' && req.method === 'GET') {
    const month = d.today().slice(0, 7);
    sendHtml(res, 200, layout('Exports', user, `<div class="card"><p>The Glase account (${esc(d.sie.glaseAccount)}) as SIE 4 vouchers, one per day and kind, that balance; or every post as CSV.</p>
      <form method="get" action="/export.sie"><label>Month <input name="month" value="${esc(month)}" pattern="\\d{4}-\\d{2}"></label> <button>SIE 4 (.si)</button></form>
      <form method="get" action="/export.csv"><label>Month <input name="month" value="${esc(month)}" pattern="\\d{4}-\\d{2}"></label> <button>CSV</button></form>
      <form method="get" action="/export.sie"><label>Day <input name="day" value="${esc(d.today())}"></label> <button>SIE 4 for a day</button></form>
      <form method="get" action="/export.sie"><label>Z period (till id:Z number) <input name="z" placeholder="1:42"></label> <button>SIE 4 for a Z period</button></form></div>`));
    return true;
  }
  if ((path === '/export.sie' || path === '/export.csv') && req.method === 'GET') {
    const p = await periodOf(db, url.searchParams);
    if (typeof p === 'string') throw new BackOfficeHttpError(400, p);
    const name = `glase-${p.label.replace(/[^\w.-]+/g, '_')}`;
    if (path === '/export.sie') {
      const now = new Date().toISOString().slice(0, 10).replaceAll('-', '');
      const body = await sieExport(db, d.sie, p, { generated: now, version: process.env.npm_package_version ?? '0.1.0' });
      send(res, 200, 'text/plain; charset=IBM437', body, { 'content-disposition': `attachment; filename="${name}.si"` });
    } else {
      send(res, 200, 'text/csv; charset=utf-8', await csvExport(db, p), { 'content-disposition': `attachment; filename="${name}.csv"` });
    }
    d.log.info('export', { by: user.username, kind: path.slice(8), period: p.label });
    return true;
  }
  if (path === '/reconciliation' && req.method === 'GET') {
    const periods = await listPeriods(db);
    const chosen = url.searchParams.get('period') ?? periods[0]?.periodId;
    sendHtml(res, 200, reconciliationPage(user, periods, chosen, chosen ? await listDifferences(db, chosen) : [], url.searchParams.get('error') ?? undefined));
    return true;
  }
  if (path === '/reconciliation' && req.method === 'POST') {
    need(user, 'owner');
    const r = await reconcileShop({ db, box: d.bo.box, glase: d.glase, by: user.username, waits: d.reportWaits });
    if (!r.ok) {
      d.log.warn('reconciliation failed', { why: r.message });
      return void redirect(res, `/reconciliation?error=${encodeURIComponent(r.message)}`), true;
    }
    d.log.info('reconciliation', { by: user.username, period: r.periodId, differences: r.differences });
    redirect(res, `/reconciliation?period=${encodeURIComponent(r.periodId)}`);
    return true;
  }
  const ack = /^\/differences\/(\d+)\/acknowledge$/.exec(path);
  if (ack && req.method === 'POST') {
    need(user, 'owner');
    const f = await formBody(req);
    const period = await acknowledge(db, Number(ack[1]), user.username, (f.get('note') ?? '').slice(0, 200));
    if (!period) throw new BackOfficeHttpError(404, `no open difference ${ack[1]}`);
    redirect(res, `/reconciliation?period=${encodeURIComponent(period)}`);
    return true;
  }
  return false;
}
