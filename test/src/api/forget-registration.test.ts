// The re-register dead end, end to end with the whole till and the simulator (issue 9): Glase
// forgets the terminal → a payment fails with 29 → register refuses (still registered here),
// unregister fails with 29 → the admin forgets the registration (PIN session, audited; offered
// only after the 29) → register, assign the Glase ID and pay again.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DEMO } from '../../../src/daemon/demo-bootstrap.js';
import { adminSession, client, startTestTill, until, type TestTill } from './_till.js';

const t = suite('API: forget a registration Glase no longer knows');
let till: TestTill;
let call: ReturnType<typeof client>;
let admin: Record<string, string>;
const sim = (method: string, path: string, body?: unknown) =>
  fetch(`${till.simulatorUrl}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
const setup = async () => (await call('GET', '/api/status')).json.setup;
const finished = (id: string) => until(async () => {
  const p = (await call('GET', `/api/payments/${id}`)).json;
  return p.final ? p : undefined;
}, 15_000, `payment ${id} ends`);

t.before(async () => {
  till = await startTestTill({ scanner: { kind: 'none' }, payment: { pollIntervalMs: 200 } });
  call = client(till.apiUrl);
  await until(async () => (await call('GET', '/api/readiness')).json.ready, 10_000, 'readiness');
  admin = await adminSession(call, DEMO.pin);
});
t.after(async () => till.close());

t('29 → forget → register again works; forgetting is offered only after the 29', async () => {
  const old = (await setup()).terminalId as string;
  assert.match(old, /^[0-9a-f]{32}$/);
  const early = await call('POST', '/api/admin/forget-registration', {}, admin);
  assert.equal([early.status, early.json.error.message], [409, 'Glase has not said that it no longer knows this till; to leave Glase, unregister instead']);

  // Glase forgets the terminal (removed at Glase's side)
  assert.is((await sim('PATCH', `/simulator/terminals/${old}`, { unregistered: true })).status, 200);
  const p = await call('POST', '/api/payments', { amount: 100 });
  assert.is(p.status, 201, JSON.stringify(p.json));
  const failed = await finished(p.json.paymentId);
  assert.is(failed.outcome, 'failed');
  assert.match(failed.message, /Glase no longer knows this till; forget its registration \(admin menu → Registration → Forget registration, or `glase-pos forget-registration`\), then register it again/);
  const s = await setup();
  assert.equal([s.terminalId, s.unknownAtGlase?.op], [old, 'sendInvoice']);

  // the dead end as it was: register refuses, unregister fails with 29; both now point to forgetting
  const reg = await call('POST', '/api/admin/register', { resellerId: DEMO.resellerId, userId: DEMO.userId, password: DEMO.password }, admin);
  assert.is(reg.status, 409, JSON.stringify(reg.json));
  assert.match(JSON.stringify(reg.json), /Glase no longer knows it: forget its registration/);
  const unreg = await call('POST', '/api/admin/unregister', {}, admin);
  assert.is(unreg.status, 409);
  assert.match(unreg.json.error.message, /nothing to unregister; forget its registration/);

  // PIN-protected
  assert.is((await call('POST', '/api/admin/forget-registration', {})).status, 401);
  const forgot = await call('POST', '/api/admin/forget-registration', {}, admin);
  assert.is(forgot.status, 200, JSON.stringify(forgot.json));
  assert.equal([forgot.json.ok, forgot.json.state, forgot.json.terminalId, forgot.json.unknownAtGlase], [true, 'unregistered', undefined, undefined]);
  const again = await call('POST', '/api/admin/forget-registration', {}, admin);
  assert.is(again.status, 409, 'not offered once forgotten');
  const audit = (await call('GET', '/api/admin/audit', undefined, admin)).json as Array<{ action: string; detail?: string; actor: string }>;
  const row = audit.find((e) => e.action === 'forget-registration');
  assert.ok(row, JSON.stringify(audit));
  assert.match(row!.detail!, new RegExp(`terminalId=${old} glaseId=${DEMO.glaseId} \\(Glase answered 29 to sendInvoice at `));

  // and out of the dead end
  const reg2 = await call('POST', '/api/admin/register', { resellerId: DEMO.resellerId, userId: DEMO.userId, password: DEMO.password }, admin);
  assert.is(reg2.status, 200, JSON.stringify(reg2.json));
  assert.is.not(reg2.json.terminalId, old);
  const gid = await call('POST', '/api/admin/glase-id', { glaseId: DEMO.glaseId }, admin);
  assert.is(gid.status, 200, JSON.stringify(gid.json));
  await until(async () => (await call('GET', '/api/readiness')).json.ready, 10_000, 'ready again');
  const p2 = await call('POST', '/api/payments', { amount: 250 });
  assert.is(p2.status, 201, JSON.stringify(p2.json));
  await until(async () => (await call('GET', `/api/payments/${p2.json.paymentId}`)).json.state.startsWith('live'), 10_000, 'live');
  assert.is((await sim('POST', '/simulator/customer/pay', { glaseId: DEMO.glaseId })).status, 200);
  assert.is((await finished(p2.json.paymentId)).outcome, 'completed');
});

t.run();
