// The host POS's active receipt through real HTTP: validation messages, GET/DELETE, the SSE
// `receipt-active` event, 409 while a payment runs, and the Glase part booked on completion.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { VIEW_SCHEMAS } from '../../../src/api/view-schemas.js';
import { client, sse, startTestTill, until, type TestTill } from './_till.js';

const t = suite('active receipt API');
let till: TestTill;
let call: ReturnType<typeof client>;

const pay = async (glaseId: string) => {
  const r = await fetch(`${till.simulatorUrl}/simulator/customer/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ glaseId }) });
  return r.status;
};

t.before(async () => {
  till = await startTestTill({ api: { token: 'host-pos-token' }, payment: { windowMs: 3000, pollIntervalMs: 200 }, scanner: { kind: 'none' } });
  call = client(till.apiUrl, { authorization: 'Bearer host-pos-token' });
  await until(async () => (await call('GET', '/api/readiness')).json.ready, 10_000, 'readiness');
});
t.after(async () => till.close());

t('validation errors name the field and the rule', async () => {
  const cases: Array<[unknown, string, string]> = [
    [{}, 'total', 'is required'],
    [{ total: 0 }, 'total', 'must be an integer number of minor units > 0'],
    [{ total: 12.5 }, 'total', 'must be an integer number of minor units > 0'],
    [{ total: 12000, alreadyPaid: 12000 }, 'alreadyPaid', 'must be less than total'],
    [{ total: 12000, alreadyPaid: -1 }, 'alreadyPaid', 'must be an integer number of minor units >= 0'],
    [{ total: 12000, rows: [{ description: 'Shirt', amount: 10000 }] }, 'rows', 'must sum to total (12000); they sum to 10000'],
    [{ total: 12000, rows: [{ description: '', amount: 12000 }] }, 'rows.0.description', 'must not be empty'],
    [{ total: 12000, cashierId: 7 }, 'cashierId', 'must be a string'],
    [{ total: 12000, tip: 5 }, 'tip', 'is not a known field'],
  ];
  for (const [body, field, rule] of cases) {
    const r = await call('PUT', '/api/receipt', body);
    assert.is(r.status, 400, JSON.stringify(body));
    assert.equal([r.json.error.field, r.json.error.rule], [field, rule], JSON.stringify(body));
  }
  assert.is((await call('PUT', '/api/receipt', 'nope', { 'content-type': 'text/plain' })).status, 415);
  assert.is((await call('GET', '/api/receipt')).status, 404, 'nothing stored by a refused PUT');
});

t('same auth as the other client routes', async () => {
  const anon = client(till.apiUrl);
  assert.is((await anon('PUT', '/api/receipt', { total: 100 })).status, 401);
  assert.is((await anon('GET', '/api/receipt')).status, 401);
  assert.is((await anon('DELETE', '/api/receipt')).status, 401);
});

t('PUT stores and publishes it; GET reads it; DELETE clears it (204) and publishes null', async () => {
  const events = await sse(till.apiUrl + '/api/events', { authorization: 'Bearer host-pos-token' });
  const first = await events.waitFor((e) => e.event === 'receipt-active');
  assert.is(first.data, null, 'the current (empty) receipt is sent on connect');
  const body = { total: 12000, alreadyPaid: 2000, rows: [{ description: 'Shirt', amount: 9000 }, { description: 'Socks', quantity: '2', amount: 3000 }], cashierId: 'anna', title: 'Receipt 17' };
  const r = await call('PUT', '/api/receipt', body);
  assert.is(r.status, 200, JSON.stringify(r.json));
  assert.equal([r.json.total, r.json.alreadyPaid, r.json.left, r.json.leftText, r.json.cashierId, r.json.title], [12000, 2000, 10000, '100.00 SEK', 'anna', 'Receipt 17']);
  for (const k of VIEW_SCHEMAS.ActiveReceipt.required) assert.ok(k in r.json, `ActiveReceipt.${k}`);
  assert.equal(r.json.rows[0], { description: 'Shirt', quantity: '1', amount: 9000 });
  const ev = await events.waitFor((e) => e.event === 'receipt-active' && e.data?.total === 12000);
  assert.is(ev.data.left, 10000);
  const g = await call('GET', '/api/receipt');
  assert.equal([g.status, g.json.left, g.json.version], [200, 10000, r.json.version]);
  assert.is((await call('GET', '/api/status')).json.receipt.total, 12000);
  const n = events.events.length;
  const d = await call('DELETE', '/api/receipt');
  assert.equal([d.status, d.json], [204, undefined]);
  const cleared = await events.waitFor((e) => e.event === 'receipt-active', 5000, n);
  assert.is(cleared.data, null);
  assert.is((await call('GET', '/api/receipt')).status, 404);
  assert.is((await call('GET', '/api/status')).json.receipt, undefined);
  events.close();
});

t('409 while a payment runs; a completed part raises alreadyPaid, the last part clears the receipt', async () => {
  const events = await sse(till.apiUrl + '/api/events', { authorization: 'Bearer host-pos-token' });
  assert.is((await call('PUT', '/api/receipt', { total: 12000, alreadyPaid: 2000 })).status, 200);
  // a screen that still shows an older receipt is refused
  const stale = await call('POST', '/api/payments', { amount: 5000, tender: { receiptTotal: 9000, alreadyPaid: 0 } });
  assert.equal([stale.status, stale.json.error.field, stale.json.error.rule], [409, 'tender', 'must match the active receipt']);
  // without tender the active receipt is the tender: more than is left is refused
  const tooMuch = await call('POST', '/api/payments', { amount: 10001 });
  assert.equal([tooMuch.status, tooMuch.json.error.rule], [409, 'split-tender']);
  // the cashier's sentence says money, not minor units
  assert.match(tooMuch.json.error.message, /^the Glase part \(100\.01 SEK\) is more than what is left to pay \(100\.00 SEK\)/);
  const p = await call('POST', '/api/payments', { amount: 6000, tender: { receiptTotal: 12000, alreadyPaid: 2000 } });
  assert.is(p.status, 201, JSON.stringify(p.json));
  const id = p.json.paymentId;
  assert.is((await call('GET', '/api/receipt')).json.paymentId, id, 'linked to the payment');
  const put = await call('PUT', '/api/receipt', { total: 500 });
  assert.equal([put.status, put.json.error.field, put.json.error.rule], [409, 'receipt', 'cannot change while a Glase payment is in progress']);
  const del = await call('DELETE', '/api/receipt');
  assert.is(del.status, 409);
  assert.is((await call('GET', '/api/receipt')).json.total, 12000, 'unchanged by the refused calls');
  await events.waitFor((e) => e.event === 'payment' && e.data.paymentId === id && e.data.state.startsWith('live'));
  assert.is(await pay(till.demo!.glaseId), 200);
  const after = await events.waitFor((e) => e.event === 'receipt-active' && e.data?.alreadyPaid === 8000);
  assert.equal([after.data.left, after.data.paymentId], [4000, undefined]);
  const done = events.events.find((e) => e.event === 'payment' && e.data.paymentId === id && e.data.final);
  assert.is(done?.data.outcome, 'completed', 'booked only once the payment completed');
  // the rest with Glase: the receipt is fully paid and cleared
  const n = events.events.length;
  const p2 = await call('POST', '/api/payments', { amount: 4000 });
  assert.is(p2.status, 201, JSON.stringify(p2.json));
  await events.waitFor((e) => e.event === 'payment' && e.data.paymentId === p2.json.paymentId && e.data.state.startsWith('live'));
  assert.is(await pay(till.demo!.glaseId), 200);
  const cleared = await events.waitFor((e) => e.event === 'receipt-active' && e.data === null, 10_000, n);
  assert.ok(cleared);
  assert.is((await call('GET', '/api/receipt')).status, 404);
  events.close();
});

t('a cancelled payment leaves the receipt as it was (link dropped)', async () => {
  const events = await sse(till.apiUrl + '/api/events', { authorization: 'Bearer host-pos-token' });
  assert.is((await call('PUT', '/api/receipt', { total: 3000 })).status, 200);
  const p = await call('POST', '/api/payments', { amount: 3000 });
  assert.is(p.status, 201, JSON.stringify(p.json));
  const id = p.json.paymentId;
  await events.waitFor((e) => e.event === 'payment' && e.data.paymentId === id && e.data.canCancel);
  const linked = events.events.length; // the unlinking event comes after this point
  assert.is((await call('POST', `/api/payments/${id}/cancel`)).status, 202);
  const ended = await events.waitFor((e) => e.event === 'payment' && e.data.paymentId === id && e.data.final);
  assert.is(ended.data.outcome, 'cancelled');
  const ev = await events.waitFor((e) => e.event === 'receipt-active' && e.data?.total === 3000 && e.data.paymentId === undefined, 10_000, linked);
  assert.equal([ev.data.alreadyPaid, ev.data.left], [0, 3000]);
  assert.is((await call('DELETE', '/api/receipt')).status, 204);
  events.close();
});

t.run();
