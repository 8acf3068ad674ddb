// Admin actions through the API against the embedded simulator and the printer emulator:
// register, Glase ID, reprint (COPY), printer test, unregister; each audited without secrets.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { setPin } from '../../../src/api/pin.js';
import { adminSession, client, sse, startTestTill, until, type TestTill } from './_till.js';

const t = suite('admin actions through the API');
let till: TestTill;
let call: ReturnType<typeof client>;
let admin: Record<string, string>;
const PASSWORD = 'demo-password';

t.before(async () => {
  till = await startTestTill({ scanner: { kind: 'none' } }, { demo: false });
  setPin(till.store.settings, '2468');
  call = client(till.apiUrl);
  admin = await adminSession(call, '2468');
});
t.after(async () => till.close());

t('a fresh till is unregistered and says so in readiness; payments are refused with that rule', async () => {
  const r = await call('GET', '/api/readiness');
  assert.is(r.json.ready, false);
  assert.ok(r.json.reasons.some((x: any) => x.code === 'not-registered'));
  const p = await call('POST', '/api/payments', { amount: 100 });
  assert.equal([p.status, p.json.error.rule], [409, 'registered']);
  assert.match(p.json.error.message, /not registered/);
});

t('register: validation first, wrong credentials refused, right ones register', async () => {
  const v = await call('POST', '/api/admin/register', { resellerId: 'demo-reseller', userId: 'demo-user' }, admin);
  assert.equal([v.status, v.json.error.field, v.json.error.rule], [400, 'password', 'is required']);
  const wrong = await call('POST', '/api/admin/register', { resellerId: 'demo-reseller', userId: 'demo-user', password: 'nope' }, admin);
  assert.is(wrong.status, 409);
  assert.is(wrong.json.ok, false);
  assert.not.match(JSON.stringify(wrong.json), /nope/);
  const ok = await call('POST', '/api/admin/register', { resellerId: 'demo-reseller', userId: 'demo-user', password: PASSWORD }, admin);
  assert.is(ok.status, 200, JSON.stringify(ok.json));
  assert.is(ok.json.ok, true);
  assert.is(ok.json.state, 'registered');
  assert.match(ok.json.terminalId, /\w+/);
  assert.is((await call('GET', '/api/status')).json.setup.terminalId, ok.json.terminalId);
  const again = await call('POST', '/api/admin/register', { resellerId: 'demo-reseller', userId: 'demo-user', password: PASSWORD }, admin);
  assert.is(again.status, 409);
});

t('assign a Glase ID: bad ids name the rule; a good one makes the till ready', async () => {
  const events = await sse(till.apiUrl + '/api/events');
  const bad = await call('POST', '/api/admin/glase-id', { glaseId: 'has space' }, admin);
  assert.equal([bad.status, bad.json.error.field], [400, 'glaseId']);
  assert.match(bad.json.error.rule, /letters and digits/);
  const ok = await call('POST', '/api/admin/glase-id', { glaseId: 'SHOP42' }, admin);
  assert.is(ok.status, 200, JSON.stringify(ok.json));
  assert.equal([ok.json.ok, ok.json.state, ok.json.glaseId], [true, 'ready', 'SHOP42']);
  await events.waitFor((e) => e.event === 'setup' && e.data.glaseId === 'SHOP42');
  await events.waitFor((e) => e.event === 'readiness' && e.data.ready === true);
  events.close();
});

t('reprint: 404 before any receipt; after a payment a COPY prints on the emulator', async () => {
  const none = await call('POST', '/api/admin/reprint', {}, admin);
  assert.equal([none.status, none.json.error.field], [404, 'ersReference']);
  const p = await call('POST', '/api/payments', { amount: 990 });
  assert.is(p.status, 201, JSON.stringify(p.json));
  await until(async () => (await call('GET', `/api/payments/${p.json.paymentId}`)).json.invoiceReference, 5000, 'invoice sent');
  const paid = await fetch(`${till.simulatorUrl}/simulator/customer/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ glaseId: 'SHOP42' }) });
  assert.is(paid.status, 200);
  const done = await till.till.waitForPayment(p.json.paymentId);
  assert.is(done.outcome, 'completed');
  const docs = await till.printerEmulator!.waitForDocuments(1);
  assert.not.match(docs[0].text, /COPY/);
  const r = await call('POST', '/api/admin/reprint', {}, admin);
  assert.is(r.status, 202);
  assert.is(r.json.job.copy, true);
  assert.is(r.json.job.ersReference, done.ersReference);
  const after = await till.printerEmulator!.waitForDocuments(2);
  assert.match(after[1].text, /COPY/);
  assert.match(after[1].text, new RegExp(done.ersReference!));
  const byRef = await call('POST', '/api/admin/reprint', { ersReference: '1'.repeat(25) }, admin);
  assert.is(byRef.status, 404);
});

t('printer test prints a page; with paper out it reports why', async () => {
  const n = till.printerEmulator!.documents.length;
  const ok = await call('POST', '/api/admin/printer-test', {}, admin);
  assert.is(ok.status, 200, JSON.stringify(ok.json));
  assert.is(ok.json.ok, true);
  const docs = await till.printerEmulator!.waitForDocuments(n + 1);
  assert.match(docs[n].text, /PRINTER TEST/);
  till.printerEmulator!.setState({ paperOut: true });
  const out = await call('POST', '/api/admin/printer-test', {}, admin);
  assert.is(out.status, 409);
  assert.match(out.json.reason, /out of paper/);
  till.printerEmulator!.setState({ paperOut: false });
});

t('unregister makes the till unregistered; every action is in the audit log without the password', async () => {
  const r = await call('POST', '/api/admin/unregister', {}, admin);
  assert.is(r.status, 200, JSON.stringify(r.json));
  assert.equal([r.json.ok, r.json.state], [true, 'unregistered']);
  const again = await call('POST', '/api/admin/unregister', {}, admin);
  assert.is(again.status, 409);
  const audit = await call('GET', '/api/admin/audit', undefined, admin);
  const actions = audit.json.map((e: any) => e.action);
  for (const a of ['admin-login', 'register', 'assign-glase-id', 'reprint', 'printer-test', 'unregister']) assert.ok(actions.includes(a), a);
  // each set-up action is audited once, by the till, with the admin as actor (the API used to add a second row)
  const setupRows = audit.json.filter((e: any) => /^(register|assign-glase-id|unregister)/.test(e.action)).reverse();
  assert.equal(setupRows.map((e: any) => e.action), ['register-refused', 'register', 'register-refused', 'assign-glase-id', 'unregister', 'unregister-refused']);
  assert.ok(setupRows.every((e: any) => e.actor === setupRows[0].actor && e.actor !== 'admin'), JSON.stringify(setupRows));
  assert.match(setupRows[2].detail, /reason="this till is already registered/);
  assert.not.match(JSON.stringify(audit.json), new RegExp(PASSWORD));
  assert.not.match(JSON.stringify(audit.json), /2468/);
});

t.run();
