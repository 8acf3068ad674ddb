// The shipper against a fake back office (a fetch function) over a real till store: backoff
// delays within [0, cap] with full jitter, Retry-After obeyed, 401 stops, 413 halves the
// batch, stored/duplicate acked, conflict/rejected parked (kept, counted in the backlog).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../../src/store/store.js';
import { Shipper } from '../../../src/shipper/shipper.js';
import { backoffDelay, retryAfterMs } from '../../../src/shipper/backoff.js';

let dir: string;
let store: Store;

test.before.each(() => {
  dir = mkdtempSync(join(tmpdir(), 'glase-ship-'));
  store = openStore(dir);
  store.backoffice.save({ url: 'http://127.0.0.1:9', tillId: 1, tillToken: 'tok', enrolledAt: '2025-03-11T10:00:00Z' });
  // a registered till (the enrolment stores both); a till without credentials leaves its back office
  store.credentials.saveRegistration({ terminalId: 'f'.repeat(32), terminalPassword: 'p'.repeat(24), externalTerminalId: 'till-1', registeredAt: '2025-03-11T10:00:00Z' });
  for (let n = 1; n <= 10; n++) {
    const ers = `2025031110${String(n).padStart(15, '0')}`;
    store.transaction(() => store.posts.insert(`p${n}`, { ersReference: ers, amount: 100 * n, currency: 'SEK', description: 'Glase payment', timestamp: '2025-03-11T10:00:00.000Z', clientInvoiceId: `c${n}`, invoiceReference: String(n) }));
  }
});
test.after.each(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

test('full jitter: every delay within [0, min(cap, base·2^attempt)]; Retry-After wins when longer', () => {
  for (let a = 0; a < 12; a++) {
    for (const r of [0, 0.5, 0.999]) {
      const d = backoffDelay(a, { baseMs: 100, capMs: 5_000, random: () => r });
      assert.ok(d >= 0 && d <= Math.min(5_000, 100 * 2 ** a), `attempt ${a}: ${d}`);
    }
  }
  assert.is(backoffDelay(0, { baseMs: 100, capMs: 5_000, random: () => 0 }, 7_000), 7_000);
  assert.is(retryAfterMs('3'), 3_000);
  assert.is(retryAfterMs(new Date(Date.now() + 10_000).toUTCString(), Date.now()) !== undefined, true);
});

test('answers: stored and duplicate acked, conflict and rejected parked; the backlog shows both', async () => {
  const fake: typeof fetch = async (_u, init) => {
    const posts = JSON.parse(String(init!.body)).posts as Array<{ seq: number; key: string }>;
    assert.equal(init!.headers, { 'content-type': 'application/json', authorization: 'Bearer tok' });
    const status = (i: number) => (i === 2 ? 'conflict' : i === 3 ? 'rejected' : i % 2 ? 'duplicate' : 'stored');
    return new Response(JSON.stringify({ results: posts.map((p, i) => ({ seq: p.seq, key: p.key, status: status(i), reason: 'why' })) }), { status: 200 });
  };
  const s = new Shipper({ store, fetch: fake, batch: 100 });
  assert.equal(await s.shipOnce(), { kind: 'shipped', acked: 8, parked: 2 });
  assert.equal(store.outbox.backlog(), { pending: 0, parked: 2 });
  assert.equal(store.outbox.parked().map((p) => p.why), ['conflict: why', 'rejected: why']);
  assert.equal(await s.shipOnce(), { kind: 'idle' });
});

test('unregistered on the till (admin screen): what is left is shipped first, then the back office is told and the link dropped', async () => {
  store.credentials.clear();
  const calls: string[] = [];
  const fake: typeof fetch = async (u, init) => {
    calls.push(`${init!.method} ${new URL(String(u)).pathname}`);
    if (init!.method === 'DELETE') {
      assert.equal(init!.headers, { authorization: 'Bearer tok' });
      return new Response('{"ok":true}', { status: 200 });
    }
    const posts = JSON.parse(String(init!.body)).posts as Array<{ seq: number; key: string }>;
    return new Response(JSON.stringify({ results: posts.map((p) => ({ seq: p.seq, key: p.key, status: 'stored' })) }), { status: 200 });
  };
  const s = new Shipper({ store, fetch: fake, batch: 6 });
  assert.equal(await s.shipOnce(), { kind: 'shipped', acked: 6, parked: 0 });
  assert.equal(await s.shipOnce(), { kind: 'shipped', acked: 4, parked: 0 });
  assert.ok(store.backoffice.get(), 'kept while posts were pending');
  assert.equal(await s.shipOnce(), { kind: 'idle' });
  assert.equal(calls, ['POST /api/till/posts', 'POST /api/till/posts', 'DELETE /api/till']);
  assert.is(store.backoffice.get(), undefined);
  assert.is(s.status.state, 'not-enrolled');
});

test('5xx and 429 back off (Retry-After obeyed) and keep the posts pending; 413 halves the batch; 401 stops', async () => {
  const sizes: number[] = [];
  const answers = [
    new Response('busy', { status: 503 }),
    new Response('slow down', { status: 429, headers: { 'retry-after': '30' } }),
    new Response('too big', { status: 413 }),
    new Response('who?', { status: 401 }),
  ];
  const fake: typeof fetch = async (_u, init) => {
    sizes.push(JSON.parse(String(init!.body)).posts.length);
    return answers.shift()!;
  };
  const s = new Shipper({ store, fetch: fake, batch: 8, baseMs: 1_000, capMs: 60_000, random: () => 0.5 });
  const a = await s.shipOnce();
  assert.equal(a, { kind: 'retry', why: 'back office answered HTTP 503', delayMs: 500 });
  const b = await s.shipOnce();
  assert.is(b.kind === 'retry' && b.delayMs, 30_000);
  assert.equal(await s.shipOnce(), { kind: 'retry', why: 'batch too large', delayMs: 0 });
  const d = await s.shipOnce();
  assert.is(d.kind, 'stopped');
  assert.equal(sizes, [8, 8, 8, 4]);
  assert.equal(store.outbox.backlog().pending, 10);
  assert.is(s.status.state, 'stopped');
});

test('a network failure is a retry, never a loss', async () => {
  const s = new Shipper({ store, fetch: async () => { throw new TypeError('fetch failed'); }, random: () => 0 });
  const r = await s.shipOnce();
  assert.is(r.kind, 'retry');
  assert.is(store.outbox.backlog().pending, 10);
});

test.run();
