// PUT /api/receipt while the Glase payment for it is open (issue 10 §2): the host POS changes
// the receipt (a loyalty discount, an item added), the till calls updateInvoice on the same
// invoice through the PATCH path, the waiting screen hears the new amount; 48 refuses it and
// says why (the receipt stays as it was); a lost reply answers 202 (unknown) and polling goes
// on, and what the customer then pays is what is booked against the receipt.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { client, sse, startTestTill, until, type TestTill } from './_till.js';

const t = suite('active receipt changed while its payment is open');
let till: TestTill;
let call: ReturnType<typeof client>;
const sim = (path: string, body: unknown) =>
  fetch(`${till.simulatorUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.status);

t.before(async () => {
  till = await startTestTill({ payment: { pollIntervalMs: 200 }, scanner: { kind: 'none' } });
  call = client(till.apiUrl);
  await until(async () => (await call('GET', '/api/readiness')).json.ready, 10_000, 'readiness');
});
t.after(async () => till.close());

t('changed while ISSUED → updateInvoice on the same invoice; refused while the customer pays; the paid amount is booked', async () => {
  const events = await sse(till.apiUrl + '/api/events');
  const rows = [{ description: 'Shirt', amount: 10000 }, { description: 'Socks', amount: 2000 }];
  assert.is((await call('PUT', '/api/receipt', { total: 12000, alreadyPaid: 2000, rows })).status, 200);
  const p = await call('POST', '/api/payments', { amount: 10000 });
  assert.is(p.status, 201, JSON.stringify(p.json));
  const id = p.json.paymentId;
  const open = await events.waitFor((e) => e.event === 'payment' && e.data.paymentId === id && e.data.canChange === true);
  const invoiceReference = open.data.invoiceReference;

  // a loyalty discount of 15.00 on the receipt: the Glase part (all that was left) goes down by as much
  const put = await call('PUT', '/api/receipt', { total: 10500, alreadyPaid: 2000, rows: [...rows, { description: 'Loyalty discount', amount: -1500 }] });
  assert.is(put.status, 200, JSON.stringify(put.json));
  assert.equal([put.json.total, put.json.left, put.json.paymentId], [10500, 8500, id], 'stored, still linked to its payment');
  const now = (await call('GET', `/api/payments/${id}`)).json;
  assert.equal([now.amount, now.change.state, now.invoiceReference, now.final], [8500, 'applied', invoiceReference, false]);
  const seen = await events.waitFor((e) => e.event === 'payment' && e.data.paymentId === id && e.data.amount === 8500);
  assert.is(seen.data.amountText, '85.00 SEK', 'the waiting screen hears the new amount');
  const atGlase = await (await fetch(`${till.simulatorUrl}/simulator/invoices/${invoiceReference}`)).json();
  assert.match(JSON.stringify(atGlase), /8500|85\.00/, 'the same invoice at Glase has the new amount');
  assert.match(JSON.stringify(atGlase), /Loyalty discount/, 'the receipt rows went to Glase, balanced by "Already paid"');

  // the customer is confirming: Glase answers 48; the receipt stays as it was
  assert.is(await sim('/simulator/customer/scan', { glaseId: till.demo!.glaseId }), 200);
  const refused = await call('PUT', '/api/receipt', { total: 11000, alreadyPaid: 2000 });
  assert.is(refused.status, 409, JSON.stringify(refused.json));
  assert.is(refused.json.error.message, 'the customer is paying right now; the amount was not changed');
  assert.equal([(await call('GET', '/api/receipt')).json.total, (await call('GET', `/api/payments/${id}`)).json.amount], [10500, 8500]);

  assert.is(await sim('/simulator/customer/pay', { glaseId: till.demo!.glaseId }), 200);
  const done = await events.waitFor((e) => e.event === 'payment' && e.data.paymentId === id && e.data.final);
  assert.is(done.data.outcome, 'completed');
  assert.is((await call('GET', `/api/receipts/${done.data.ersReference}`)).json.post.amount, 8500);
  await until(async () => (await call('GET', '/api/receipt')).status === 404, 10_000, 'the receipt is paid and cleared');
  events.close();
});

t('a lost updateInvoice reply → 202 (unknown), polling goes on; the amount Glase reports paid is booked', async () => {
  const events = await sse(till.apiUrl + '/api/events');
  assert.is((await call('PUT', '/api/receipt', { total: 5000 })).status, 200);
  const p = await call('POST', '/api/payments', { amount: 5000 });
  assert.is(p.status, 201, JSON.stringify(p.json));
  const id = p.json.paymentId;
  await events.waitFor((e) => e.event === 'payment' && e.data.paymentId === id && e.data.canChange === true);
  assert.is(await sim('/simulator/faults', { operation: 'updateInvoice', drop: true, times: 1 }), 201);
  const put = await call('PUT', '/api/receipt', { total: 6000 });
  assert.is(put.status, 202, JSON.stringify(put.json));
  const doubt = (await call('GET', `/api/payments/${id}`)).json;
  assert.equal([doubt.change.state, doubt.change.amount, doubt.final], ['unknown', 6000, false]);
  // polling never stopped: the customer's payment is seen without anything else happening
  assert.is(await sim('/simulator/customer/pay', { glaseId: till.demo!.glaseId }), 200);
  const done = await events.waitFor((e) => e.event === 'payment' && e.data.paymentId === id && e.data.final);
  assert.is(done.data.outcome, 'completed');
  assert.is(done.data.amount, 5000, 'Glase never got the change: the customer paid 50.00');
  const r = await until(async () => {
    const x = (await call('GET', '/api/receipt')).json;
    return x.alreadyPaid === 5000 ? x : undefined;
  }, 10_000, 'the paid part booked against the receipt');
  assert.equal([r.total, r.left], [6000, 1000], 'the host POS sees 10.00 still to pay');
  events.close();
});

t('a receipt without a payment for it, and a clear, are still refused while a payment runs', async () => {
  assert.is((await call('DELETE', '/api/receipt')).status, 204);
  const p = await call('POST', '/api/payments', { amount: 700 });
  assert.is(p.status, 201, JSON.stringify(p.json));
  const put = await call('PUT', '/api/receipt', { total: 900 });
  assert.equal([put.status, put.json.error.field, put.json.error.rule], [409, 'receipt', 'cannot change while a Glase payment is in progress']);
  assert.match(put.json.error.message, /not for this receipt/);
  assert.is((await call('POST', `/api/payments/${p.json.paymentId}/cancel`)).status, 202);
  await until(async () => (await call('GET', `/api/payments/${p.json.paymentId}`)).json.final, 10_000, 'cancelled');
});

t.run();
