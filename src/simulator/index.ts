// The Glase server simulator: SOAP endpoint, ?wsdl and the JSON control API on one loopback
// HTTP port; state in SQLite. Usable in-process (tests) and from `glase-pos simulator`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { silentLogger, type Logger } from '../lib/log.js';
import { controlApi } from './control-api.js';
import { Engine } from './engine.js';
import { Faults } from './faults.js';
import { i18nFile, phonePage } from './phone-page.js';
import { handleSoap } from './soap-handler.js';
import { SimStore } from './store.js';
import { wsdlFor } from './wsdl.js';
import { readBody } from '../lib/http-body.js';

export const SOAP_PATH = '/soap/merchant/cashregister-2';
export { readSimulatorId } from './store.js';
export { SIMULATOR_SERVICE } from './control-api.js';
const MAX_BODY = 1024 * 1024;

export interface SimulatorOptions {
  port?: number;
  host?: string;
  dbFile?: string;
  reversalMs?: number;
  reportDelayMs?: number;
  /** settled invoices, receipts, refunds and periods older than this are deleted (default 30 days) */
  keepMs?: number;
  log?: Logger;
  now?: () => number;
}

export interface Simulator {
  url: string;
  soapUrl: string;
  /** the identity kept in its database (GET /simulator/identity) */
  id: string;
  close(): Promise<void>;
}

/**
 * A web page elsewhere must not drive the simulator (pay invoices, inject faults): browsers
 * send Origin on cross-site requests, and a form or no-cors fetch cannot send JSON.
 */
function crossSiteRefusal(req: IncomingMessage): { status: number; error: string } | undefined {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let host: string | undefined;
    try {
      host = new URL(origin).host;
    } catch {
      /* "null" or junk */
    }
    if (host !== req.headers.host) return { status: 403, error: 'origin: cross-site requests are not allowed' };
  }
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD' && method !== 'DELETE' && !/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
    return { status: 415, error: 'content-type: must be application/json' };
  }
  return undefined;
}

function send(res: ServerResponse, status: number, type: string, text: string): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const log = opts.log ?? silentLogger;
  const store = new SimStore(opts.dbFile ?? ':memory:');
  const reversalMs = opts.reversalMs ?? 20_000;
  const engine = new Engine(store, { reversalMs, reportDelayMs: opts.reportDelayMs ?? 3000, now: opts.now ?? Date.now });
  const faults = new Faults();
  const control = controlApi(engine, faults);
  let soapUrl = '';

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://x');
      const body = await readBody(req, MAX_BODY);
      if (body === undefined) return send(res, 413, 'text/plain', 'request body larger than 1 MiB');
      if (url.pathname === SOAP_PATH) {
        if (req.method === 'GET' && /^\?wsdl$/i.test(url.search)) return send(res, 200, 'text/xml; charset=utf-8', wsdlFor(soapUrl));
        if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST a SOAP 1.1 envelope, or GET ?wsdl');
        const out = await handleSoap(engine, faults, log, body);
        if ('drop' in out) return void req.socket.destroy();
        return send(res, out.status, 'text/xml; charset=utf-8', out.xml);
      }
      if (url.pathname === '/phone' && req.method === 'GET') return send(res, 200, 'text/html; charset=utf-8', phonePage());
      if (url.pathname.startsWith('/i18n/') && req.method === 'GET') {
        const js = i18nFile(url.pathname);
        return js === undefined ? send(res, 404, 'text/plain', `not found: ${url.pathname}`) : send(res, 200, 'text/javascript; charset=utf-8', js);
      }
      if (url.pathname.startsWith('/simulator/')) {
        const refused = crossSiteRefusal(req);
        if (refused) return send(res, refused.status, 'application/json', JSON.stringify({ error: refused.error }));
        const r = control(req.method ?? 'GET', url.pathname, url.searchParams, body);
        return send(res, r.status, 'application/json', JSON.stringify(r.body));
      }
      send(res, 404, 'text/plain', `not found: ${url.pathname}`);
    } catch (err) {
      log.error('simulator request failed', { error: err as Error });
      if (!res.headersSent) send(res, 500, 'text/plain', 'internal error');
      else res.destroy();
    }
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
    });
  } catch (e) {
    store.close(); // the port is taken: nothing may keep the database open
    throw e;
  }
  const { port } = server.address() as AddressInfo;
  const host = opts.host ?? '127.0.0.1';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  soapUrl = url + SOAP_PATH;
  // Reversals also happen while nobody asks, so the control API and reports show them.
  const sweep = setInterval(() => engine.sweep(), Math.max(50, Math.min(1000, reversalMs / 4)));
  sweep.unref();
  // bounded state: what is older than keepMs goes, a batch a minute
  const keepMs = opts.keepMs ?? 30 * 86_400_000;
  const prune = setInterval(() => {
    try {
      const n = store.prune(engine.now() - keepMs);
      if (n) log.info('simulator pruned', { rows: n });
    } catch (e) {
      log.warn('simulator pruning failed', { error: e as Error });
    }
  }, Math.min(60_000, Math.max(1000, keepMs / 10)));
  prune.unref();

  return {
    url,
    soapUrl,
    id: store.id,
    async close() {
      clearInterval(sweep);
      clearInterval(prune);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      store.close();
    },
  };
}
