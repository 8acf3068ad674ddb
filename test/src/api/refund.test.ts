// Refunds through the real HTTP API of a whole till (embedded simulator): admin session
// required, validation naming field and rule, SSE `refund` events, GET /api/refunds/:id, the
// receipt lookup's refunds and refundable rest, the local excess refusal in the words of 98,
// the unknown-refund check and resend routes, and the OpenAPI document.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { VIEW_SCHEMAS } from '../../../src/api/view-schemas.js';
import { adminSession, client, sse, startTestTill, until, type TestTill } from './_till.js';

const t = suite('refunds API');
let till: TestTill;
let call: ReturnType<typeof client>;
let admin: Record<string, string>;
let paid = '';

t.before(async () => {
  till = await startTestTill({ api: { token: 'host-pos-token' }, payment: { windowMs: 3000, pollIntervalMs: 200 }, scanner: { kind: 'none' } });
  call = client(till.apiUrl, { authorization: 'Bearer host-pos-token' });
  await until(async () => (await call('GET', '/api/readiness')).json.ready, 10_000, 'readiness');
  admin = await adminSession(call);
  const p = await call('POST', '/api/payments', { amount: 1250, cashierId: 'anna' });
  assert.is(p.status, 201, JSON.stringify(p.json));
  await until(async () => (await call('GET', `/api/payments/${p.json.paymentId}`)).json.state === 'live.window', 10_000, 'invoice sent');
  await fetch(`${till.simulatorUrl}/simulator/customer/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ glaseId: till.demo!.glaseId }) });
  const done = await until(async () => {
    const v = (await call('GET', `/api/payments/${p.json.paymentId}`)).json;
    return v.final ? v : undefined;
  }, 10_000, 'paid');
  assert.is(done.outcome, 'completed');
  paid = done.ersReference;
});
t.after(async () => till.close());

t('starting a refund needs the admin session; reading does not', async () => {
  const r = await call('POST', '/api/refunds', { ersReference: paid, amount: 100 });
  assert.is(r.status, 401);
  assert.is(r.json.error.field, 'X-Admin-Session');
  assert.is((await call('POST', '/api/refunds/check-unknown', { resellerId: 'a', userId: 'b', password: 'c' })).status, 401);
  assert.is((await call('GET', '/api/refunds')).status, 200);
  assert.is((await client(till.apiUrl)('GET', '/api/refunds')).status, 401, 'no token: no answer');
});

t('validation errors name the field and the rule', async () => {
  const cases: Array<[unknown, string, string]> = [
    [{ amount: 100 }, 'ersReference', 'is required'],
    [{ ersReference: '123', amount: 100 }, 'ersReference', 'must be exactly 25 digits'],
    [{ ersReference: paid }, 'amount', 'is required'],
    [{ ersReference: paid, amount: 0 }, 'amount', 'must be an integer number of minor units > 0'],
    [{ ersReference: paid, amount: 4.5 }, 'amount', 'must be an integer number of minor units > 0'],
    [{ ersReference: paid, amount: '400' }, 'amount', 'must be an integer number of minor units > 0'],
    [{ ersReference: paid, amount: 100, reason: 'x'.repeat(201) }, 'reason', 'must be at most 200 characters'],
    [{ ersReference: paid, amount: 100, tip: 1 }, 'tip', 'is not a known field'],
  ];
  for (const [body, field, rule] of cases) {
    const r = await call('POST', '/api/refunds', body, admin);
    assert.is(r.status, 400, JSON.stringify(body));
    assert.equal([r.json.error.field, r.json.error.rule], [field, rule], JSON.stringify(body));
  }
  const c = await call('POST', '/api/refunds/check-unknown', { resellerId: 'shop', userId: '9900' }, admin);
  assert.equal([c.status, c.json.error.field, c.json.error.rule], [400, 'password', 'is required']);
  assert.equal((await call('GET', '/api/refunds')).json.refunds, [], 'nothing started by a bad request');
});

t('refund 4.00 of 12.50: 201, SSE refund events to completed, GET by id, the lookup shows the rest', async () => {
  const events = await sse(till.apiUrl + '/api/events', { authorization: 'Bearer host-pos-token' });
  const r = await call('POST', '/api/refunds', { ersReference: paid, amount: 400, reason: 'broken cup' }, admin);
  assert.is(r.status, 201, JSON.stringify(r.json));
  assert.equal([r.json.state, r.json.amount, r.json.amountText, r.json.originalErsReference, r.json.by], ['sending', 400, '4.00 SEK', paid, 'admin@token']);
  for (const k of VIEW_SCHEMAS.RefundView.required) assert.ok(k in r.json, `RefundView.${k}`);
  const ev = await events.waitFor((e) => e.event === 'refund' && e.data.refundId === r.json.refundId && e.data.state === 'completed');
  assert.match(ev.data.refundErsReference, /^\d{25}$/);
  const states = events.events.filter((e) => e.event === 'refund').map((e) => e.data.state);
  assert.equal(states, ['sending', 'refunded.recording', 'refunded.printing', 'refunded.submitting', 'completed']);
  events.close();
  const g = await call('GET', `/api/refunds/${r.json.refundId}`);
  assert.equal([g.status, g.json.outcome, g.json.receiptSubmitted, g.json.reason], [200, 'completed', true, 'broken cup']);
  assert.is((await call('GET', '/api/refunds/nope')).status, 404);

  const look = await call('GET', `/api/receipts/${paid}`);
  assert.is(look.status, 200);
  assert.equal([look.json.post.amount, look.json.refunds.kind, look.json.refunds.refunded, look.json.refunds.refundable, look.json.refunds.refundableText], [1250, 'payment', 400, 850, '8.50 SEK']);
  assert.equal(look.json.refunds.refunds.map((x: any) => x.refundId), [r.json.refundId]);
  for (const k of VIEW_SCHEMAS.PaymentRefunds.required) assert.ok(k in look.json.refunds, `PaymentRefunds.${k}`);
  const refundLook = await call('GET', `/api/receipts/${ev.data.refundErsReference}`);
  assert.equal([refundLook.json.post.description, refundLook.json.post.amount, refundLook.json.post.originalErsReference, refundLook.json.refunds.kind], ['Glase refund', -400, paid, 'refund']);
  const svg = await call('GET', `/api/receipts/${ev.data.refundErsReference}/receipt.svg`);
  assert.match(svg.json, /Glase refund/);
  const audit = (await call('GET', '/api/admin/audit', undefined, admin)).json;
  const entry = audit.find((a: any) => a.action === 'refund');
  assert.is(entry.actor, 'admin@token');
  assert.match(entry.detail, new RegExp(`original=${paid} amount=400 SEK reason="broken cup"`));
});

t('more than what is left: 409 in the words of 98, before Glase is called', async () => {
  const r = await call('POST', '/api/refunds', { ersReference: paid, amount: 851 }, admin);
  assert.is(r.status, 409);
  assert.equal([r.json.error.field, r.json.error.rule], ['refund', 'refundable']);
  assert.is(r.json.error.message, 'the refunds would add up to more than the payment; nothing was refunded: at most 8.50 SEK of 12.50 SEK can still be refunded');
  assert.is((await call('GET', '/api/refunds')).json.refunds.length, 1);
});

t('a refund reference is not a payment; a typed reference the till never recorded goes to Glase (23 there)', async () => {
  const list = (await call('GET', '/api/refunds')).json.refunds;
  const asRefund = await call('POST', '/api/refunds', { ersReference: list[0].refundErsReference, amount: 100 }, admin);
  assert.equal([asRefund.status, asRefund.json.error.rule], [409, 'payment-reference']);
  const typed = await call('POST', '/api/refunds', { ersReference: '2026112900000000000000555', amount: 100 }, admin);
  assert.is(typed.status, 201);
  const v = await until(async () => {
    const x = (await call('GET', `/api/refunds/${typed.json.refundId}`)).json;
    return x.final ? x : undefined;
  }, 10_000, 'refund ended');
  assert.equal([v.outcome, v.resultCode], ['failed', 23]);
  assert.match(v.message, /does not know this payment reference; nothing was refunded/);
});

t('check-unknown with nothing in doubt; resend only of a refund that never happened', async () => {
  const c = await call('POST', '/api/refunds/check-unknown', { resellerId: 'demo-reseller', userId: 'demo-user', password: 'demo-password' }, admin);
  assert.equal([c.status, c.json.ok, c.json.checked, c.json.message], [200, true, 0, 'no refund is in doubt']);
  const done = (await call('GET', '/api/refunds')).json.refunds.find((x: any) => x.outcome === 'completed');
  const again = await call('POST', `/api/refunds/${done.refundId}/resend`, {}, admin);
  assert.equal([again.status, again.json.error.rule], [409, 'settled-not-applied']);
  assert.is((await call('POST', '/api/refunds/nope/resend', {}, admin)).status, 404);
});

t('the OpenAPI document lists the refund routes and schemas', async () => {
  const doc = (await call('GET', '/api/openapi.json')).json;
  for (const p of ['/api/refunds', '/api/refunds/{id}', '/api/refunds/check-unknown', '/api/refunds/{id}/resend']) assert.ok(doc.paths[p], p);
  assert.ok(doc.paths['/api/refunds'].post.security.every((s: any) => 'adminSession' in s));
  assert.is(doc.paths['/api/refunds'].post.requestBody.content['application/json'].schema.properties.amount.type, 'integer');
  for (const s of ['RefundView', 'PaymentRefunds', 'RefundCheck']) assert.ok(doc.components.schemas[s], s);
});

t.run();
