// A whole till in the test process: startDaemon with a temp data dir, ephemeral ports, the
// embedded simulator and the virtual printer and scanner (real TCP, real socat pty). Plus a
// small HTTP client and an SSE reader for the API.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type ConfigInput } from '../../../src/config.js';
import { silentLogger, type Logger } from '../../../src/lib/log.js';
import { startDaemon, type DaemonHandle } from '../../../src/daemon/main.js';

export interface TestTill extends DaemonHandle {
  dir: string;
  close(): Promise<void>;
}

function merge(a: any, b: any): any {
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(b)) {
    const out = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = merge(a[k], v);
    return out;
  }
  return b === undefined ? a : b;
}

export async function startTestTill(overrides: ConfigInput = {}, opts: { demo?: boolean; log?: Logger; dir?: string } = {}): Promise<TestTill> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'glase-api-'));
  const config = loadConfig({
    env: {},
    overrides: merge({ dataDir: join(dir, 'data'), api: { port: 0 }, simulator: { port: 0 }, scanner: { debounceMs: 200 } }, overrides),
  });
  const h = await startDaemon(config, { log: opts.log ?? silentLogger, demo: opts.demo ?? true, notify: false, say: () => {} });
  return {
    ...h,
    dir,
    async close() {
      await h.stop();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Answer {
  status: number;
  headers: Headers;
  json: any;
}

export function client(base: string, defaults: Record<string, string> = {}) {
  return async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const res = await fetch(base + path, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...defaults, ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: any = text;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON (SVG, HTML) */
    }
    return { status: res.status, headers: res.headers, json };
  };
}

/** An admin session through the PIN. */
export async function adminSession(call: ReturnType<typeof client>, pin = '1234'): Promise<Record<string, string>> {
  const r = await call('POST', '/api/admin/session', { pin });
  if (r.status !== 200) throw new Error(`admin login: ${r.status} ${JSON.stringify(r.json)}`);
  return { 'x-admin-session': r.json.session };
}

export interface SseEventMsg {
  event: string;
  data: any;
}

/** Reads /api/events; waitFor resolves with the first (past or future) event matching pred. */
export async function sse(url: string, headers: Record<string, string> = {}) {
  const ac = new AbortController();
  const res = await fetch(url, { headers, signal: ac.signal });
  if (res.status !== 200) throw new Error(`SSE: HTTP ${res.status}`);
  const events: SseEventMsg[] = [];
  const waiters = new Set<{ pred: (e: SseEventMsg) => boolean; resolve: (e: SseEventMsg) => void }>();
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  let buf = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buf += dec.decode(value, { stream: true });
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const frame = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const ev = /^event: (.*)$/m.exec(frame)?.[1];
          const data = /^data: (.*)$/m.exec(frame)?.[1];
          if (!ev || data === undefined) continue;
          const e = { event: ev, data: JSON.parse(data) };
          events.push(e);
          for (const w of waiters) if (w.pred(e)) (waiters.delete(w), w.resolve(e));
        }
      }
    } catch {
      /* aborted */
    }
  })();
  return {
    events,
    waitFor(pred: (e: SseEventMsg) => boolean, ms = 10_000, from = 0): Promise<SseEventMsg> {
      const seen = events.slice(from).find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const w = { pred, resolve: (e: SseEventMsg) => (clearTimeout(t), resolve(e)) };
        const t = setTimeout(() => {
          waiters.delete(w);
          reject(new Error(`SSE: no matching event in ${ms} ms; got ${events.map((e) => `${e.event}:${e.data.state ?? ''}`).join(', ')}`));
        }, ms);
        waiters.add(w);
      });
    },
    close: () => ac.abort(),
  };
}

/** Polls until fn returns a truthy value. */
export async function until<T>(fn: () => T | Promise<T>, ms = 10_000, what = 'condition'): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
