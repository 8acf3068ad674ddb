// A lost sendInvoice answer (the simulator drops the connection): the payment ends orphaned,
// SSE readiness names the unconfirmed orphan, payments are refused until the cashier confirms.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { client, sse, startTestTill, until, type TestTill } from './_till.js';

const t = suite('orphan through the API');
let till: TestTill;
let call: ReturnType<typeof client>;
t.before(async () => {
  till = await startTestTill({ scanner: { kind: 'none' }, printer: { kind: 'none' } });
  call = client(till.apiUrl);
  await until(async () => (await call('GET', '/api/readiness')).json.ready, 10_000, 'ready');
});
t.after(async () => till.close());

t('orphaned → readiness says so → 409 orphan-confirmed → confirm → ready again, audited', async () => {
  const f = await fetch(`${till.simulatorUrl}/simulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ operation: 'sendInvoice', drop: true, times: 1 }) });
  assert.ok(f.status < 300, String(f.status));
  const events = await sse(till.apiUrl + '/api/events');
  const p = await call('POST', '/api/payments', { amount: 800 });
  assert.is(p.status, 201);
  const done = await events.waitFor((e) => e.event === 'payment' && e.data.paymentId === p.json.paymentId && e.data.final, 15_000);
  assert.is(done.data.outcome, 'orphaned');
  const r = await events.waitFor((e) => e.event === 'readiness' && e.data.reasons.some((x: any) => x.code === 'orphan-unconfirmed'), 5000);
  assert.is(r.data.ready, false);
  const refused = await call('POST', '/api/payments', { amount: 100 });
  assert.equal([refused.status, refused.json.error.rule], [409, 'orphan-confirmed']);
  const n = events.events.length;
  const c = await call('POST', '/api/orphan/confirm', { note: 'customer phone shows no payment' });
  assert.is(c.status, 200);
  // the dropped connection also marked Glase unreachable until the next probe; only the orphan reason must go
  assert.not.ok(c.json.readiness.reasons.some((x: any) => x.code === 'orphan-unconfirmed'), JSON.stringify(c.json.readiness));
  await events.waitFor((e) => e.event === 'readiness' && !e.data.reasons.some((x: any) => x.code === 'orphan-unconfirmed'), 5000, n);
  const next = await call('POST', '/api/payments', { amount: 100 });
  assert.is.not(next.json.error?.rule, 'orphan-confirmed');
  assert.is((await call('POST', '/api/orphan/confirm', {})).status, 409);
  assert.ok(till.store.audit.list().some((a) => a.action === 'confirm-orphan'));
  events.close();
});

t.run();
