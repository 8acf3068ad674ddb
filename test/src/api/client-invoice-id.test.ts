// The host POS's own receipt id (issue 10 §3): POST /api/payments {clientInvoiceId} is sent to
// Glase as the invoice's clientInvoiceId; a bad one is refused naming the field and the rule;
// a second payment for an id that is still open gets 409 saying so; the till makes an id only
// when none is given.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startRuleFailure } from '../../../machines/payment-rules.js';
import { client, startTestTill, until, type TestTill } from './_till.js';

const t = suite('clientInvoiceId from the host POS');
let till: TestTill;
let call: ReturnType<typeof client>;
const ended = (id: string) => until(async () => {
  const p = (await call('GET', `/api/payments/${id}`)).json;
  return p.final ? p : undefined;
}, 15_000, `payment ${id} ends`);

t.before(async () => {
  till = await startTestTill({ payment: { pollIntervalMs: 200 }, scanner: { kind: 'none' } });
  call = client(till.apiUrl);
  await until(async () => (await call('GET', '/api/readiness')).json.ready, 10_000, 'readiness');
});
t.after(async () => till.close());

t('a bad id names the field and the rule; nothing starts', async () => {
  for (const bad of ['', ' R-1', 'R 1', 'R-1\u0007', 'x'.repeat(41), 12, '-R1']) {
    const r = await call('POST', '/api/payments', { amount: 100, clientInvoiceId: bad });
    assert.is(r.status, 400, JSON.stringify(bad));
    assert.equal([r.json.error.field, r.json.error.rule], ['clientInvoiceId', 'must be 1-40 characters: letters, digits and . _ : / - (starting with a letter or digit)'], JSON.stringify(bad));
  }
  assert.is((await call('GET', '/api/payments/current')).status, 404);
});

t('the given id goes to Glase and comes back in the paid receipt; a second payment for it while open → 409', async () => {
  const p = await call('POST', '/api/payments', { amount: 1250, clientInvoiceId: 'POS7-000123' });
  assert.is(p.status, 201, JSON.stringify(p.json));
  assert.is(p.json.clientInvoiceId, 'POS7-000123');
  const again = await call('POST', '/api/payments', { amount: 1250, clientInvoiceId: 'POS7-000123' });
  assert.is(again.status, 409);
  assert.equal([again.json.error.field, again.json.error.rule], ['payment', 'client-invoice-id']);
  assert.is(again.json.error.message, 'a Glase payment for receipt POS7-000123 is already open on this till; finish or cancel it before paying that receipt again');
  await until(async () => (await call('GET', `/api/payments/${p.json.paymentId}`)).json.invoiceReference, 10_000, 'issued');
  const inv = await (await fetch(`${till.simulatorUrl}/simulator/invoices/${(await call('GET', `/api/payments/${p.json.paymentId}`)).json.invoiceReference}`)).json();
  assert.match(JSON.stringify(inv), /POS7-000123/, 'Glase has the host POS id');
  const pay = await fetch(`${till.simulatorUrl}/simulator/customer/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ glaseId: till.demo!.glaseId }) });
  assert.is(pay.status, 200);
  const done = await ended(p.json.paymentId);
  assert.is(done.outcome, 'completed');
  assert.is((await call('GET', `/api/receipts/${done.ersReference}`)).json.post.clientInvoiceId, 'POS7-000123');
  // no longer open: the receipt may be paid again (a second Glase part)
  const next = await call('POST', '/api/payments', { amount: 300, clientInvoiceId: 'POS7-000123' });
  assert.is(next.status, 201, JSON.stringify(next.json));
  assert.is((await call('POST', `/api/payments/${next.json.paymentId}/cancel`)).status, 202);
  assert.is((await ended(next.json.paymentId)).outcome, 'cancelled');
});

t('without one the till makes its own', async () => {
  const p = await call('POST', '/api/payments', { amount: 400 });
  assert.is(p.status, 201, JSON.stringify(p.json));
  assert.match(p.json.clientInvoiceId, /^GP\d{8}-\d+-[0-9a-f]{6}$/);
  assert.is((await call('POST', `/api/payments/${p.json.paymentId}/cancel`)).status, 202);
  await ended(p.json.paymentId);
});

t('the start rule: an open id is named before the one-payment rule', () => {
  const checks = { registered: true, glaseIdAssigned: true, serverReachable: true, amountLimit: 100_000_000, paymentInProgress: true, clientInvoiceIdOpen: true };
  assert.is(startRuleFailure({ amount: 100, currency: 'SEK', clientInvoiceId: 'A1' }, checks)?.rule, 'client-invoice-id');
  assert.is(startRuleFailure({ amount: 100, currency: 'SEK', clientInvoiceId: 'A 1' }, { ...checks, clientInvoiceIdOpen: false })?.rule, 'client-invoice-id');
  assert.is(startRuleFailure({ amount: 100, currency: 'SEK' }, { ...checks, clientInvoiceIdOpen: false })?.rule, 'one-payment');
});

t.run();
