// The back office's HTTP server: the till API (till-api.ts) and the pages for admin users,
// behind a session cookie (HttpOnly, SameSite=Strict) and a same-origin check on every form.
// Owners may do everything; accountants read and export.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { GlaseApi } from '../glase/types.js';
import { silentLogger, type Logger } from '../lib/log.js';
import { parseAmount } from '../lib/money.js';
import type { Backoffice } from './open.js';
import { cookie, esc, formBody, BackOfficeHttpError, redirect, sendHtml, sendJson } from './http.js';
import { tillApi } from './till-api.js';
import { addUser, listUsers, login, logout, sessionUser, SESSION_HOURS, type Role, type User } from './users.js';
import { createCode, listCodes } from './enrolment.js';
import { listTills, unregisterFromBackoffice } from './tills.js';
import { layout, loginPage, money, postsTable, tillsTable } from './pages.js';
import { dailyTotals, searchPosts, tillDay } from './reports.js';
import { dailyChart } from './chart.js';
import type { FaultHook } from './ingest.js';
import { resellerInfo } from './reseller.js';
import { acknowledgeAttempt, unsettledAttempts } from './registration-attempts.js';
import { extraRoutes, type ExtraRouteDeps } from './routes-more.js';
import { DEFAULT_SIE, type SieSettings } from './sie-settings.js';

export interface BackofficeServerOptions {
  bo: Backoffice;
  glase: GlaseApi;
  port?: number;
  host?: string;
  tls?: { certFile: string; keyFile: string };
  log?: Logger;
  fault?: FaultHook;
  /** the shop's local date (YYYY-MM-DD) for "today"; default: the machine's local date */
  today?: () => string;
  currency?: string;
  sie?: SieSettings;
}

export interface BackofficeServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

const SESSION = 'bo_session';

export function localDate(d = new Date()): string {
  const z = new Date(d.getTime() - d.getTimezoneOffset() * 60_000);
  return z.toISOString().slice(0, 10);
}

export async function startBackofficeServer(o: BackofficeServerOptions): Promise<BackofficeServer> {
  const log = o.log ?? silentLogger;
  const { db } = o.bo;
  const today = o.today ?? (() => localDate());
  const currency = o.currency ?? 'SEK';
  const secure = o.tls !== undefined;

  async function userOf(req: IncomingMessage): Promise<User | undefined> {
    return sessionUser(db, cookie(req, SESSION));
  }

  function need(user: User | undefined, role?: Role): User {
    if (!user) throw new BackOfficeHttpError(401, 'log in first');
    if (role === 'owner' && user.role !== 'owner') throw new BackOfficeHttpError(403, 'only an owner may do this');
    return user;
  }

  /** a form post must come from our own pages */
  function sameOrigin(req: IncomingMessage): void {
    const origin = req.headers.origin;
    if (origin === undefined) return;
    if (origin !== `${secure ? 'https' : 'http'}://${req.headers.host}`) throw new BackOfficeHttpError(403, 'origin: forms are accepted only from the back office\'s own pages');
  }

  const more: ExtraRouteDeps = { bo: o.bo, glase: o.glase, log, currency, today, sie: o.sie ?? DEFAULT_SIE };

  async function pages(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname;
    if (req.method === 'POST') sameOrigin(req);
    if (path === '/login') {
      if (req.method === 'GET') return sendHtml(res, 200, loginPage());
      if (req.method === 'POST') {
        const f = await formBody(req);
        const r = await login(db, f.get('username') ?? '', f.get('password') ?? '');
        if (!r.ok) {
          log.warn('login refused', { username: f.get('username') ?? '', reason: r.reason });
          return sendHtml(res, 401, loginPage(r.reason === 'locked' ? 'Too many wrong passwords: this user is locked for a while.' : 'Wrong user or password.'));
        }
        log.info('login', { username: r.user.username });
        return redirect(res, '/', { 'set-cookie': `${SESSION}=${r.token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_HOURS * 3600}${secure ? '; Secure' : ''}` });
      }
    }
    const user = await userOf(req);
    if (!user) {
      if (req.method === 'GET') return redirect(res, '/login');
      throw new BackOfficeHttpError(401, 'log in first');
    }
    if (path === '/logout' && req.method === 'POST') {
      await logout(db, cookie(req, SESSION) ?? '');
      return redirect(res, '/login', { 'set-cookie': `${SESSION}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0` });
    }
    if (path === '/' && req.method === 'GET') return sendHtml(res, 200, await dashboard(user));
    if (path === '/tills' && req.method === 'GET') return sendHtml(res, 200, layout('Tills', user, `${await strayCard(user)}${tillsTable(await listTills(db), user.role === 'owner')}`));
    const ackAttempt = /^\/registrations\/(\d+)\/acknowledge$/.exec(path);
    if (ackAttempt && req.method === 'POST') {
      need(user, 'owner');
      if (!(await acknowledgeAttempt(db, Number(ackAttempt[1]), user.username))) throw new BackOfficeHttpError(404, 'registration: no open registration attempt with this id');
      log.info('possible stray terminal acknowledged', { attempt: Number(ackAttempt[1]), by: user.username });
      return redirect(res, '/tills');
    }
    const unreg = /^\/tills\/(\d+)\/unregister$/.exec(path);
    if (unreg && req.method === 'POST') {
      need(user, 'owner');
      const r = await unregisterFromBackoffice(db, o.bo.box, o.glase, Number(unreg[1]));
      if (!r.ok) return sendHtml(res, 502, layout('Tills', user, `<p class="err">${esc(r.message)}</p>${tillsTable(await listTills(db), true)}`));
      log.info('till unregistered from the back office', { tillId: Number(unreg[1]), by: user.username });
      return redirect(res, '/tills');
    }
    if (path === '/search' && req.method === 'GET') return sendHtml(res, 200, layout('Search', user, await search(url)));
    if (path === '/enrolment') {
      need(user, 'owner');
      if (req.method === 'POST') {
        const f = await formBody(req);
        const minutes = Number(f.get('minutes') ?? '30');
        let made;
        try {
          made = await createCode(db, user.username, f.get('label') ?? '', minutes);
        } catch (e) {
          throw new BackOfficeHttpError(400, (e as Error).message);
        }
        log.info('enrolment code made', { by: user.username, label: f.get('label') ?? '' });
        return sendHtml(res, 201, await enrolmentPage(user, made));
      }
      return sendHtml(res, 200, await enrolmentPage(user));
    }
    if (path === '/users') {
      need(user, 'owner');
      if (req.method === 'POST') {
        const f = await formBody(req);
        try {
          await addUser(db, f.get('username') ?? '', f.get('password') ?? '', (f.get('role') ?? '') as Role);
        } catch (e) {
          return sendHtml(res, 400, await usersPage(user, (e as Error).message));
        }
        log.info('admin user saved', { username: f.get('username') ?? '', role: f.get('role') ?? '', by: user.username });
        return redirect(res, '/users');
      }
      return sendHtml(res, 200, await usersPage(user));
    }
    if (await extraRoutes(more, req, res, url, user, need)) return;
    throw new BackOfficeHttpError(404, `no page ${path}`);
  }

  async function dashboard(user: User): Promise<string> {
    const day = today();
    const from = localDate(new Date(Date.parse(`${day}T12:00:00Z`) - 29 * 86_400_000));
    const totals = await dailyTotals(db, from, day);
    const byDay = new Map<string, number>();
    for (const t of totals) if (t.currency === currency) byDay.set(t.day, (byDay.get(t.day) ?? 0) + t.sumOre);
    const days = Array.from({ length: 30 }, (_, i) => localDate(new Date(Date.parse(`${from}T12:00:00Z`) + i * 86_400_000)));
    const chart = dailyChart(days.map((d) => ({ day: d, sumOre: byDay.get(d) ?? 0 })), currency);
    const perTill = await tillDay(db, day);
    const todayRows = perTill.map((t) => `<tr><td>${esc(t.name)}</td><td class="n">${t.n}</td><td class="n">${esc(money(t.payments, t.currency))}</td><td class="n">${esc(money(t.refunds, t.currency))}</td><td class="n"><strong>${esc(money(t.payments + t.refunds, t.currency))}</strong></td></tr>`);
    const tills = await listTills(db);
    const diffs = await db.query<{ n: number }>("SELECT count(*)::bigint AS n FROM recon_difference WHERE state = 'open'");
    const open = diffs.rows[0].n;
    const reseller = await resellerInfo(db);
    const strays = (await unsettledAttempts(db)).length;
    return layout('Dashboard', user, `
      ${reseller ? '' : '<p class="err">No reseller credentials yet: run <code>glase-pos backoffice set-reseller</code>; tills cannot be enrolled until then.</p>'}
      <div class="card"><h2>Glase today (${esc(day)})</h2>${todayRows.length ? `<table id="today"><thead><tr><th>Till</th><th class="n">Posts</th><th class="n">Payments</th><th class="n">Refunds</th><th class="n">Net</th></tr></thead><tbody>${todayRows.join('')}</tbody></table>` : '<p>No Glase payment today yet.</p>'}</div>
      <div class="card"><h2>Daily totals, last 30 days</h2>${chart}</div>
      <div class="card"><h2>Tills</h2>${tillsTable(tills, false)}</div>
      ${strays > 0 ? `<p class="warn" id="stray-count">${strays} registration(s) whose answer from Glase was lost — see <a href="/tills">Tills</a></p>` : ''}
      <div class="card"><h2>Open differences</h2><p id="open-differences" class="${open > 0 ? 'warn' : 'ok'}">${open === 0 ? 'None: the ledger agrees with Glase.' : `${open} open — see <a href="/reconciliation">Reconciliation</a>`}</p></div>`);
  }

  /** registerTerminal calls whose answer never came: Glase may hold a terminal no till uses */
  async function strayCard(user: User): Promise<string> {
    const open = await unsettledAttempts(db);
    if (open.length === 0) return '';
    const rows = open.map((a) => `<tr class="stray"><td>${esc(a.name)}</td><td>${esc(a.externalId)}</td><td>${esc(a.startedAt.slice(0, 19))}</td><td>${esc(a.detail ?? '')}</td>${user.role === 'owner' ? `<td><form class="inline" method="post" action="/registrations/${a.id}/acknowledge"><button>Acknowledge</button></form></td>` : ''}</tr>`);
    return `<div class="card" id="stray-terminals"><h2 class="warn">Registrations whose answer from Glase was lost</h2><p>Glase may have registered a terminal for these that no till knows. A retry with a new code registers the till again; ask Glase support to remove the stray terminal, then acknowledge.</p><table><thead><tr><th>Till</th><th>External id</th><th>Asked (UTC)</th><th>What happened</th>${user.role === 'owner' ? '<th></th>' : ''}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
  }

  async function search(url: URL): Promise<string> {
    const q = (url.searchParams.get('q') ?? '').trim();
    const form = `<form method="get" action="/search" class="card"><label>ersReference, amount (12.50) or date (YYYY-MM-DD) <input name="q" value="${esc(q)}" size="30"></label> <button>Search</button></form>`;
    if (!q) return form;
    let query: Parameters<typeof searchPosts>[1];
    if (/^\d{4}-\d{2}-\d{2}$/.test(q)) query = { day: q };
    else if (/^\d{6,25}$/.test(q)) query = { ersReference: q };
    else {
      try {
        query = { amount: parseAmount(q, currency) };
      } catch {
        return `${form}<p class="err">q: give an ersReference (6-25 digits), an amount such as 12.50, or a date YYYY-MM-DD</p>`;
      }
    }
    return form + postsTable(await searchPosts(db, query));
  }

  async function enrolmentPage(user: User, made?: { code: string; expiresAt: string }): Promise<string> {
    const codes = await listCodes(db);
    const rows = codes.map((c) => `<tr><td>${esc(c.label)}</td><td>${esc(c.createdBy)}</td><td>${esc(c.createdAt.slice(0, 16))}</td><td>${esc(c.expiresAt.slice(0, 16))}</td><td>${esc(c.state)}${c.tillId ? ` (till ${c.tillId})` : ''}</td></tr>`);
    return layout('Enrolment codes', user, `
      ${made ? `<div class="card"><p>One-time code, shown only now; valid until ${esc(made.expiresAt.slice(0, 16))} UTC:</p><p class="code" id="new-code">${esc(made.code)}</p><p>On the till: <code>glase-pos enroll &lt;this back office's URL&gt; ${esc(made.code)}</code></p></div>` : ''}
      <form method="post" action="/enrolment" class="card"><label>For till <input name="label" required maxlength="100" placeholder="Store 1 / Till 4"></label> <label>valid for <select name="minutes"><option value="30">30 minutes</option><option value="240">4 hours</option><option value="1440">1 day</option></select></label> <button>Make a code</button></form>
      ${rows.length ? `<table><thead><tr><th>For</th><th>By</th><th>Made (UTC)</th><th>Expires (UTC)</th><th>State</th></tr></thead><tbody>${rows.join('')}</tbody></table>` : ''}`);
  }

  async function usersPage(user: User, error?: string): Promise<string> {
    const users = await listUsers(db);
    const rows = users.map((u) => `<tr><td>${esc(u.username)}</td><td>${esc(u.role)}</td><td>${u.lockedUntil && Date.parse(u.lockedUntil.replace(' ', 'T')) > Date.now() ? '<span class="warn">locked</span>' : ''}</td></tr>`);
    return layout('Users', user, `${error ? `<p class="err">${esc(error)}</p>` : ''}<table><thead><tr><th>User</th><th>Role</th><th></th></tr></thead><tbody>${rows.join('')}</tbody></table>
      <form method="post" action="/users" class="card"><h2>Add a user or set a password</h2><label>User <input name="username" required></label> <label>Password <input name="password" type="password" required minlength="10"></label> <label>Role <select name="role"><option>accountant</option><option>owner</option></select></label> <button>Save</button></form>`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://backoffice.invalid');
    try {
      if (url.pathname.startsWith('/api/')) {
        if (await tillApi({ bo: o.bo, glase: o.glase, log, fault: o.fault }, req, res, url.pathname)) return;
        throw new BackOfficeHttpError(404, `no route ${req.method} ${url.pathname}`);
      }
      await pages(req, res, url);
    } catch (e) {
      if (res.headersSent) return void res.destroy();
      const status = e instanceof BackOfficeHttpError ? e.status : 500;
      if (status === 500) log.error('back office request failed', { path: url.pathname, error: e });
      const message = e instanceof BackOfficeHttpError ? e.message : 'internal error';
      if (url.pathname.startsWith('/api/')) sendJson(res, status, { error: message, ...(e instanceof BackOfficeHttpError && e.field ? { field: e.field } : {}) });
      else sendHtml(res, status, layout('Error', undefined, `<p class="err">${esc(message)}</p><p><a href="/">Back</a></p>`));
    }
  }

  const server = o.tls
    ? createTlsServer({ cert: readFileSync(o.tls.certFile), key: readFileSync(o.tls.keyFile) }, (req, res) => void handle(req, res))
    : createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `${secure ? 'https' : 'http'}://${host}:${addr.port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
