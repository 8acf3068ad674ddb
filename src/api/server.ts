// The local HTTP API: route table dispatch, auth (token / kiosk cookie / admin session),
// JSON bodies parsed by zod, SSE of every till event, the kiosk screen's files.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { hostRule, type HostRule } from './allowed-hosts.js';
import { ClientAuth, mayScrape } from './auth.js';
import type { ApiDeps } from './deps.js';
import { fromZod, HttpError } from './http-error.js';
import { openApiDocument } from './openapi.js';
import { match, route, type Ctx, type Route } from './router.js';
import { ActiveReceipt } from './active-receipt.js';
import { LockedTries } from './locked-tries.js';
import { adminRoutes } from './routes-admin.js';
import { stuckPaymentRoutes } from './routes-stuck.js';
import { refundRoutes } from './routes-refunds.js';
import { dayCloseRoutes } from './routes-day-close.js';
import { attentionOut } from './day-close-views.js';
import { RECEIPT_EVENT, receiptRoutes } from './routes-receipt.js';
import { tillRoutes } from './routes-till.js';
import { SseHub } from './sse.js';
import { readOrCreateKioskSecret } from './kiosk-secret.js';
import { uiFile } from './static-files.js';
import { paymentOut, readinessOut } from './views.js';
import { refundOut } from './refund-views.js';
import { readBody } from '../lib/http-body.js';
import { requestUrl } from './request-target.js';

const MAX_BODY = 64 * 1024;

/** A static file of the screen (no-cache: a till update takes effect at the next load), or 404. */
function sendFile(res: ServerResponse, f: { type: string; data: Buffer } | undefined): { raw: true } {
  if (!f) throw new HttpError(404, 'path', 'no such file');
  res.writeHead(200, { 'content-type': f.type, 'cache-control': 'no-cache' });
  res.end(f.data);
  return { raw: true };
}

export interface ApiServer {
  url: string;
  port: number;
  routes: Route[];
  /** pushes an event to every SSE client (scan, printer, receipt …) */
  publish(event: string, data: unknown): void;
  close(): Promise<void>;
}

export async function startApi(d: ApiDeps, listen: { host: string; port: number }): Promise<ApiServer> {
  const hub = new SseHub();
  const kioskSecret = readOrCreateKioskSecret(d.dataDir);
  // both need the actual port, known once the server listens (before any request)
  let auth!: ClientAuth;
  let hosts!: HostRule;
  const receipt = new ActiveReceipt(d.config.terminal.currency);
  const lockedTries = new LockedTries({ audit: d.till.audit, log: d.log });
  const routes: Route[] = [
    route({
      method: 'GET',
      path: '/',
      access: 'public',
      summary: 'The kiosk screen. ?kiosk=<kiosk secret> sets the kiosk cookie and redirects to /; without api.token a loopback caller gets one anyway',
      produces: 'text/html',
      responses: { 200: 'HTML', 303: 'kiosk cookie set, to /', 403: 'not the kiosk secret' },
      handler: async ({ req, res, query }) => {
        const given = query.get('kiosk');
        if (given !== null) {
          if (!auth.isKioskSecret(given)) throw new HttpError(403, 'kiosk', "is not this till's kiosk secret");
          // the redirect takes the secret out of the address bar
          res.writeHead(303, { location: '/', 'set-cookie': auth.kioskCookie(), 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
          res.end();
          return { raw: true };
        }
        const f = await uiFile(d.uiDir, 'index.html');
        if (!f) throw new HttpError(404, 'ui', 'the kiosk screen (src/ui/index.html) is not installed');
        const headers: Record<string, string> = { 'content-type': f.type, 'cache-control': 'no-store' };
        const cookie = auth.openCookie(req);
        if (cookie) headers['set-cookie'] = cookie;
        res.writeHead(200, headers);
        res.end(req.method === 'HEAD' ? undefined : f.data);
        return { raw: true };
      },
    }),
    route({
      method: 'GET',
      path: '/ui/*',
      access: 'public',
      summary: 'Kiosk screen assets',
      responses: { 200: 'file', 404: 'no such file' },
      handler: async ({ params, res }) => {
        return sendFile(res, await uiFile(d.uiDir, params['*']));
      },
    }),
    route({
      method: 'GET',
      path: '/i18n/*',
      access: 'public',
      summary: 'The message catalogues and formats (src/i18n), shared by the screen and the till',
      responses: { 200: 'file', 404: 'no such file' },
      handler: async ({ params, res }) => {
        return sendFile(res, params['*'].endsWith('.js') ? await uiFile(join(d.uiDir, '..', 'i18n'), params['*']) : undefined);
      },
    }),
    route({
      method: 'GET',
      path: '/api/openapi.json',
      access: 'public',
      summary: 'This document',
      responses: { 200: 'OpenAPI 3.1' },
      handler: () => ({ status: 200, body: openApiDocument(routes, '0.1.0', { kioskCookie: auth.cookieName }) }),
    }),
    route({
      method: 'GET',
      path: '/metrics',
      access: 'public',
      summary: 'Prometheus metrics of this till (loopback callers, or the host POS token)',
      produces: 'text/plain; version=0.0.4',
      responses: { 200: 'Prometheus text exposition', 401: 'not from loopback and no token', 404: 'metrics not provided' },
      handler: ({ req, res }) => {
        // a scraper on the till itself, or over the network with the token
        if (!mayScrape(req, auth)) throw new HttpError(401, 'authorization', 'metrics need a loopback caller or the bearer token');
        if (!d.metrics) throw new HttpError(404, 'path', 'metrics are not provided');
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : d.metrics());
        return { raw: true };
      },
    }),
    ...tillRoutes(d, hub, receipt),
    ...receiptRoutes(d, hub, receipt),
    ...adminRoutes(d, lockedTries, (event, data) => hub.publish(event, data)),
    ...refundRoutes(d),
    ...stuckPaymentRoutes(d),
    ...dayCloseRoutes(d),
  ];

  // every till event reaches the screens
  const unsubscribe = d.till.subscribe((e) => {
    if (e.type === 'payment') {
      hub.publish('payment', paymentOut(e.payment));
      // an orphaned payment adds a readiness reason the kiosk machine does not know about
      if (e.payment.final) hub.publish('readiness', readinessOut(d));
      // a completed Glase part is booked against the active receipt it was started for
      if (receipt.paymentEnded(e.payment)) hub.publish(RECEIPT_EVENT, receipt.get() ?? null);
    }
    else if (e.type === 'setup') hub.publish('setup', e.setup);
    else if (e.type === 'refund') hub.publish('refund', refundOut(e.refund));
    else if (e.type === 'day-close') hub.publish('day-close', { close: e.close, attention: attentionOut(d.till) });
    else hub.publish('readiness', readinessOut(d, e.readiness));
  });

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      d.log.error('api request failed', { method: req.method, path: req.url?.split('?')[0], error: err as Error });
      if (!res.headersSent) sendJson(res, 500, { error: { field: 'server', rule: 'internal error', message: 'internal error; see the till log' } });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      // DNS rebinding: a page under another name that now resolves to us is not answered
      if (!hosts.allows(req.headers.host)) throw new HttpError(421, 'host', hosts.rule);
      const url = requestUrl(req.url);
      const m = match(routes, req.method ?? 'GET', url.pathname);
      if (m === 'method') throw new HttpError(405, 'method', `${req.method} is not allowed on ${url.pathname}`);
      if (!m) throw new HttpError(404, 'path', `no route ${url.pathname}`);
      // a page from another site in the kiosk's browser must not drive the till (CSRF):
      // browsers send Origin on cross-site requests; only our own origin may call the API
      const origin = req.headers.origin;
      if (origin !== undefined && m.route.access !== 'public' && !sameOrigin(origin, req.headers.host)) throw new HttpError(403, 'origin', 'cross-site requests are not allowed');
      const who = auth.who(req);
      if (m.route.access !== 'public' && !who) throw new HttpError(401, 'authorization', d.config.api.token ? 'a valid bearer token (or the kiosk cookie) is required' : 'the kiosk cookie is required');
      if (m.route.access === 'admin') {
        const s = req.headers['x-admin-session'];
        if (!d.pins.check(typeof s === 'string' ? s : undefined)) throw new HttpError(401, 'X-Admin-Session', 'a valid admin session is required; log in with the PIN');
      }
      let body: unknown;
      if (m.route.body) {
        const type = req.headers['content-type'];
        if (type !== undefined && !/^application\/json\b/i.test(type) && req.headers['content-length'] !== '0') throw new HttpError(415, 'content-type', 'must be application/json');
        const raw = await readJson(req);
        const r = m.route.body.safeParse(raw ?? {});
        if (!r.success) throw fromZod(r.error, raw);
        body = r.data;
      }
      const ctx: Ctx = { req, res, params: m.params, query: url.searchParams, body, actor: `${m.route.access === 'admin' ? 'admin' : 'client'}@${who ?? 'public'}`, client: who };
      const reply = await m.route.handler(ctx);
      if ('raw' in reply) return;
      sendJson(res, reply.status, reply.body, reply.headers);
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      sendJson(res, e.status, e.body(), e.headers);
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  auth = new ClientAuth({ token: d.config.api.token, kioskSecret, port });
  hosts = hostRule(port, listen.host, d.config.api.allowedHosts);
  const host = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  return {
    url: `http://${host}:${port}`,
    port,
    routes,
    publish: (event, data) => hub.publish(event, data),
    async close() {
      unsubscribe();
      hub.close();
      lockedTries.save();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function sameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (status === 204) {
    res.writeHead(204, { 'cache-control': 'no-store', ...headers });
    res.end();
    return;
  }
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const body = await readBody(req, MAX_BODY);
  if (body === undefined) throw new HttpError(413, 'body', `must be at most ${MAX_BODY} bytes`);
  const text = body.trim();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'body', 'must be valid JSON');
  }
}
