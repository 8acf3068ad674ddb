// Stuck payments through the API with the whole till and the simulator (issue 10 §3): while
// Glase does not answer getPaymentStatus, the admin's live check says so and "settle outside
// the till" closes the payment (PIN session, audited, listed for the day close); while Glase
// answers, the same request is refused and the payment goes on.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DEMO } from '../../../src/daemon/demo-bootstrap.js';
import { adminSession, client, startTestTill, until, type TestTill } from './_till.js';

const t = suite('API: stuck payments');
let till: TestTill;
let call: ReturnType<typeof client>;
let admin: Record<string, string>;
const faults = (method: string, body?: unknown) =>
  fetch(`${till.simulatorUrl}/simulator/faults`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }).then((r) => r.status);

t.before(async () => {
  till = await startTestTill({ scanner: { kind: 'none' }, payment: { pollIntervalMs: 200 }, glase: { timeoutMs: 2_500 } });
  call = client(till.apiUrl);
  await until(async () => (await call('GET', '/api/readiness')).json.ready, 60_000, 'readiness');
  admin = await adminSession(call, DEMO.pin);
});
t.after(async () => till?.close()); // a failed start must show its own error, not this one's

t('Glase answers: settle outside is refused (409) and the payment goes on', async () => {
  const p = await call('POST', '/api/payments', { amount: 500 });
  assert.is(p.status, 201, JSON.stringify(p.json));
  const id = p.json.paymentId;
  await until(async () => (await call('GET', `/api/payments/${id}`)).json.invoiceReference, 60_000, 'issued');
  const s = await call('POST', `/api/admin/payments/${id}/settle-outside`, { note: 'customer paid cash' }, admin);
  assert.is(s.status, 409, JSON.stringify(s.json));
  assert.is(s.json.error.rule, 'glase-answered');
  assert.match(s.json.error.message, /^Glase answered, so the payment is not settled outside the till/);
  assert.is((await call('GET', `/api/payments/${id}`)).json.final, false);
  assert.is((await call('POST', `/api/payments/${id}/cancel`)).status, 202);
  await until(async () => (await call('GET', `/api/payments/${id}`)).json.final, 60_000, 'cancelled');
});

t('Glase unreachable: the live check says so; settle outside needs the PIN, is audited and listed for the day close', async () => {
  const p = await call('POST', '/api/payments', { amount: 3300 });
  assert.is(p.status, 201, JSON.stringify(p.json));
  const id = p.json.paymentId;
  await until(async () => (await call('GET', `/api/payments/${id}`)).json.invoiceReference, 60_000, 'issued');
  assert.is(await faults('POST', { operation: 'getPaymentStatus', drop: true, times: 10_000 }), 201);
  await until(async () => /\/unknown$/.test((await call('GET', `/api/payments/${id}`)).json.state), 60_000, 'stuck in unknown');

  assert.is((await call('POST', `/api/admin/payments/${id}/check`, {})).status, 401, 'admin only');
  const check = await call('POST', `/api/admin/payments/${id}/check`, {}, admin);
  assert.is(check.status, 200, JSON.stringify(check.json));
  assert.equal([check.json.answered, check.json.payment.final], [false, false]);

  assert.is((await call('POST', `/api/admin/payments/${id}/settle-outside`, { note: 'paid cash' })).status, 401, 'admin only');
  const noNote = await call('POST', `/api/admin/payments/${id}/settle-outside`, {}, admin);
  assert.equal([noNote.status, noNote.json.error.field], [400, 'note']);
  const s = await call('POST', `/api/admin/payments/${id}/settle-outside`, { note: 'customer paid cash' }, admin);
  assert.is(s.status, 200, JSON.stringify(s.json));
  assert.equal([s.json.final, s.json.outcome, s.json.amountText], [true, 'settledOutside', '33.00 SEK']);
  const listed = await call('GET', '/api/admin/payments/settled-outside', undefined, admin);
  assert.equal(listed.json.map((x: { paymentId: string; note: string; amountText: string }) => [x.paymentId, x.note, x.amountText]), [[id, 'customer paid cash', '33.00 SEK']]);
  const audit = (await call('GET', '/api/admin/audit', undefined, admin)).json as Array<{ action: string; detail?: string }>;
  assert.ok(audit.some((e) => e.action === 'check-payment' && /Glase did not answer/.test(e.detail ?? '')), 'the check is audited');
  assert.ok(audit.some((e) => e.action === 'settle-outside' && e.detail?.includes(`paymentId=${id}`) && e.detail.includes('note=customer paid cash')), 'the close is audited');
  assert.is((await call('GET', '/api/payments/current')).status, 404, 'the till is free again');
  assert.is(await faults('DELETE'), 200);
});

t.run();
