// Scans in the running till, typed into the scanner emulator's pty and read by the real
// serial driver: junk is reported and not acted on, a Glase ID assigns when the admin waits
// for it (or the registered till has none), a receipt's ersReference opens a refund lookup.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { setPin } from '../../../src/api/pin.js';
import { adminSession, client, sse, startTestTill, until, type TestTill } from './_till.js';

const t = suite('scans in the daemon');
let till: TestTill;
let call: ReturnType<typeof client>;
let events: Awaited<ReturnType<typeof sse>>;

t.before(async () => {
  till = await startTestTill({ payment: { pollIntervalMs: 200 } }, { demo: false });
  call = client(till.apiUrl);
  events = await sse(till.apiUrl + '/api/events');
});
t.after(async () => {
  events.close();
  await till.close();
});

t('junk is reported as a scan event with the reason and changes nothing', async () => {
  await till.scannerEmulator!.scan('HTTP://SEQR.SE/Rabc');
  const e = await events.waitFor((x) => x.event === 'scan');
  assert.equal([e.data.kind, e.data.reason], ['junk', 'is an invoice QR code (HTTP://SEQR.SE/R…), not a till sticker']);
  assert.is(till.till.setup().state, 'unregistered');
});

t('a Glase ID scanned while the till is unregistered is ignored', async () => {
  const n = events.events.length;
  await till.scannerEmulator!.scan('STICKER1');
  const e = await events.waitFor((x) => x.event === 'scan', 5000, n);
  assert.equal([e.data.kind, e.data.value, e.data.action], ['glaseId', 'STICKER1', 'ignored']);
});

t('registered without a Glase ID: a scanned sticker is assigned', async () => {
  setPin(till.store.settings, '1357');
  const admin = await adminSession(call, '1357');
  const r = await call('POST', '/api/admin/register', { resellerId: 'demo-reseller', userId: 'demo-user', password: 'demo-password' }, admin);
  assert.is(r.status, 200, JSON.stringify(r.json));
  const n = events.events.length;
  await till.scannerEmulator!.scan('HTTP://SEQR.SE/QSTICKER2');
  const e = await events.waitFor((x) => x.event === 'scan' && x.data.action === 'assigned', 5000, n);
  assert.is(e.data.value, 'STICKER2');
  assert.is(till.till.setup().glaseId, 'STICKER2');
  assert.ok(till.store.audit.list().some((a) => a.action === 'assign-glase-id' && a.actor === 'admin@scanner'));
});

t('with a Glase ID already assigned, a new sticker is assigned only when the admin waits for it', async () => {
  let n = events.events.length;
  await till.scannerEmulator!.scan('OTHER3');
  const ignored = await events.waitFor((x) => x.event === 'scan', 5000, n);
  assert.is(ignored.data.action, 'ignored');
  assert.is(till.till.setup().glaseId, 'STICKER2');
  const admin = await adminSession(call, '1357');
  const bad = await call('POST', '/api/admin/glase-id/await-scan', { seconds: 1 }, admin);
  assert.equal([bad.status, bad.json.error.field], [400, 'seconds']);
  const arm = await call('POST', '/api/admin/glase-id/await-scan', { seconds: 30 }, admin);
  assert.is(arm.status, 200);
  n = events.events.length;
  await till.scannerEmulator!.scan('OTHER4');
  const ok = await events.waitFor((x) => x.event === 'scan' && x.data.action === 'assigned', 5000, n);
  assert.is(ok.data.value, 'OTHER4');
  assert.is(till.till.setup().glaseId, 'OTHER4');
});

t('a scanned receipt opens a refund lookup with the journal post; an unknown one says so', async () => {
  await until(async () => (await call('GET', '/api/readiness')).json.ready, 10_000, 'ready');
  const p = await call('POST', '/api/payments', { amount: 2000 });
  assert.is(p.status, 201, JSON.stringify(p.json));
  await until(async () => (await call('GET', `/api/payments/${p.json.paymentId}`)).json.invoiceReference, 5000, 'invoice sent');
  const pay = await fetch(`${till.simulatorUrl}/simulator/customer/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ glaseId: 'OTHER4' }) });
  assert.is(pay.status, 200);
  const done = await till.till.waitForPayment(p.json.paymentId);
  let n = events.events.length;
  await till.scannerEmulator!.scan(done.ersReference!);
  const e = await events.waitFor((x) => x.event === 'scan' && x.data.kind === 'ersReference', 5000, n);
  assert.is(e.data.action, 'lookup');
  assert.equal([e.data.found.post.ersReference, e.data.found.post.amount], [done.ersReference, 2000]);
  n = events.events.length;
  await till.scannerEmulator!.scan('2'.repeat(25));
  const miss = await events.waitFor((x) => x.event === 'scan' && x.data.kind === 'ersReference', 5000, n);
  assert.is(miss.data.found, null);
  assert.match(miss.data.message, /no Glase payment/);
});

t.run();
