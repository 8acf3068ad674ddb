// Issue 9 item 10 through the API: with the till's database full, POST /api/payments answered
// 500 "internal error" and readiness still said ready. Now: 409 with the storage rule in cashier
// words, and readiness (and its SSE event) names the full storage.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { client, sse, startTestTill, until, type TestTill } from './_till.js';

const t = suite('storage full through the API');
let till: TestTill;
let call: ReturnType<typeof client>;

t.before(async () => {
  till = await startTestTill({ scanner: { kind: 'none' } });
  call = client(till.apiUrl);
  await until(async () => (await call('GET', '/api/readiness')).json.ready, 10_000, 'readiness');
});
t.after(async () => till.close());

t('a full database at payment start: 409 "the till\'s storage is full", readiness says so, nothing sent', async () => {
  const events = await sse(till.apiUrl + '/api/events');
  await events.waitFor((e) => e.event === 'readiness');
  // a real SQLITE_FULL: the database may not grow past its current pages
  const db = till.store.db;
  db.pragma(`max_page_count = ${(db.pragma('page_count', { simple: true }) as number) + 2}`);
  for (let i = 0; ; i++) {
    try {
      till.store.settings.set(`filler-${i}`, 'x'.repeat(2000));
    } catch {
      break;
    }
  }
  const p = await call('POST', '/api/payments', { amount: 1250 });
  assert.is(p.status, 409, JSON.stringify(p.json));
  assert.is(p.json.error.rule, 'storage');
  assert.match(p.json.error.message, /the till's storage is full/);
  const r = await call('GET', '/api/readiness');
  assert.is(r.json.ready, false);
  assert.ok(r.json.reasons.some((x: any) => x.code === 'storage-full' && /storage is full/.test(x.message)), JSON.stringify(r.json));
  await events.waitFor((e) => e.event === 'readiness' && e.data.reasons.some((x: any) => x.code === 'storage-full'));
  const sim = await (await fetch(`${till.simulatorUrl}/simulator/state`)).json();
  assert.is((sim.invoices ?? []).length, 0, 'no invoice reached Glase');
});

t.run();
