// PATCH /api/payments/:id over real HTTP with the embedded simulator: the host POS changes
// the amount while the customer has not paid (updateInvoice), the waiting screen's SSE shows
// it, a customer who is paying (48) refuses the change, and the paid post has the new amount.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { VIEW_SCHEMAS } from '../../../src/api/view-schemas.js';
import { client, sse, startTestTill, until, type TestTill } from './_till.js';

const t = suite('payment change through the API');
let till: TestTill;
let call: ReturnType<typeof client>;

const customer = async (action: 'scan' | 'pay', glaseId: string) => {
  const r = await fetch(`${till.simulatorUrl}/simulator/customer/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ glaseId }) });
  return r.status;
};

t.before(async () => {
  till = await startTestTill({ payment: { pollIntervalMs: 200 }, scanner: { kind: 'none' } });
  call = client(till.apiUrl);
  await until(async () => (await call('GET', '/api/readiness')).json.ready, 10_000, 'readiness');
});
t.after(async () => till.close());

t('change while ISSUED → 200 and SSE with the new amount; refused (409) once the customer is paying; the post has the changed amount', async () => {
  const events = await sse(till.apiUrl + '/api/events');
  const p = await call('POST', '/api/payments', { amount: 1250, rows: [{ description: 'Coffee', amount: 1250 }] });
  assert.is(p.status, 201, JSON.stringify(p.json));
  const id = p.json.paymentId;
  await events.waitFor((e) => e.event === 'payment' && e.data.paymentId === id && e.data.canChange === true);
  // bad bodies name the field and the rule, and Glase is not called
  const bad = await call('PATCH', `/api/payments/${id}`, { amount: 1000, rows: [{ description: 'Coffee', amount: 900 }] });
  assert.equal([bad.status, bad.json.error.field], [400, 'rows']);
  const ctl = await call('PATCH', `/api/payments/${id}`, { amount: 1000, rows: [{ description: 'Cof\u0007fee', amount: 1000 }] });
  assert.is(ctl.status, 400, 'control characters are refused');
  assert.is((await call('PATCH', '/api/payments/nope', { amount: 1000 })).status, 404);

  const r = await call('PATCH', `/api/payments/${id}`, { amount: 1000, rows: [{ description: 'Coffee', amount: 1250 }, { description: 'Loyalty discount', amount: -250 }] });
  assert.is(r.status, 200, JSON.stringify(r.json));
  assert.equal([r.json.amount, r.json.amountText, r.json.change.state, r.json.final], [1000, '10.00 SEK', 'applied', false]);
  for (const k of VIEW_SCHEMAS.PaymentView.required) assert.ok(k in r.json, `PaymentView.${k}`);
  const seen = await events.waitFor((e) => e.event === 'payment' && e.data.paymentId === id && e.data.amount === 1000);
  assert.is(seen.data.amountText, '10.00 SEK', 'the waiting screen hears the new amount');

  // the customer scans and is confirming: Glase answers 48
  assert.is(await customer('scan', till.demo!.glaseId), 200);
  const refused = await call('PATCH', `/api/payments/${id}`, { amount: 1100 });
  assert.is(refused.status, 409, JSON.stringify(refused.json));
  assert.is(refused.json.error.message, 'the customer is paying right now; the amount was not changed');
  assert.is((await call('GET', `/api/payments/${id}`)).json.amount, 1000);

  assert.is(await customer('pay', till.demo!.glaseId), 200);
  const done = await events.waitFor((e) => e.event === 'payment' && e.data.paymentId === id && e.data.final);
  assert.is(done.data.outcome, 'completed');
  const lookup = await call('GET', `/api/receipts/${done.data.ersReference}`);
  assert.is(lookup.json.post.amount, 1000);
  const late = await call('PATCH', `/api/payments/${id}`, { amount: 900 });
  assert.is(late.status, 409);
  events.close();
});

t.run();
