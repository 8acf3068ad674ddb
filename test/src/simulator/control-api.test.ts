import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { call, ctl, envelope, context, invoiceXml, send, setup, status, terminal } from './helpers.js';
import type { Simulator } from '../../../src/simulator/index.js';

const t = suite('simulator: control API and fault injection');
let sim: Simulator;
let term: ReturnType<typeof terminal>;
const G = 'CTL1';

t.before(async () => {
  ({ sim, term } = await setup({}, G));
});
t.after(async () => sim.close());

t('POST /simulator/resellers: 201, currency defaults to SEK, no password in the answer; 200 on update', async () => {
  const r = await ctl(sim, 'POST', '/simulator/resellers', { resellerId: 'nok-shop', userId: '9900', password: 'pw', currency: 'NOK' });
  assert.is(r.status, 201);
  assert.is(r.json.currency, 'NOK');
  assert.is(r.json.password, undefined);
  const d = await ctl(sim, 'POST', '/simulator/resellers', { resellerId: 'sek-shop', userId: '9900', password: 'pw' });
  assert.is(d.json.currency, 'SEK');
  assert.is((await ctl(sim, 'POST', '/simulator/resellers', { resellerId: 'sek-shop', userId: '9900', password: 'pw2' })).status, 200);
});

t('a body that is not JSON is a 400 that never quotes the body (it may hold a password)', async () => {
  const r = await ctl(sim, 'POST', '/simulator/resellers', '{"resellerId":"a","userId":"9900","password":hunter2secret}');
  assert.is(r.status, 400);
  assert.match(r.json.error, /^body: not valid JSON/);
  assert.not.match(JSON.stringify(r.json), /hunter2/);
});

t('bad bodies are 400 with a message naming the field', async () => {
  const cases: [string, string, unknown, RegExp][] = [
    ['POST', '/simulator/resellers', '{not json', /^body: not valid JSON/],
    ['POST', '/simulator/resellers', [], /^body: must be a JSON object/],
    ['POST', '/simulator/resellers', { userId: '9900', password: 'x' }, /resellerId: is required/],
    ['POST', '/simulator/resellers', { resellerId: 'a', userId: '9900', password: '' }, /password: must be a non-empty string/],
    ['POST', '/simulator/resellers', { resellerId: 'a', userId: '9900', password: 'x', currency: 'XXX' }, /currency: must be a supported ISO 4217/],
    ['POST', '/simulator/resellers', { resellerId: 'a', userId: '9900', password: 'x', colour: 1 }, /unknown field\(s\) colour/],
    ['POST', '/simulator/customer/pay', {}, /glaseId: is required/],
    ['POST', '/simulator/customer/pay', { glaseId: 5 }, /glaseId: /],
    ['POST', '/simulator/faults', { operation: 'getPaymentStatus', resultCode: 90 }, /times: is required/],
    ['POST', '/simulator/faults', { operation: 'getPaymentStatus', resultCode: 7, times: 1 }, /resultCode: must be a defined Glase result code/],
    ['POST', '/simulator/faults', { operation: 'getPaymentStatus', times: 1 }, /resultCode: give at least one of/],
    ['POST', '/simulator/faults', { operation: 'get status', drop: true, times: 1 }, /operation: must be an operation name/],
    ['PATCH', '/simulator/resellers/shop1', { refundsAllowed: 'no' }, /refundsAllowed: /],
    ['GET', '/simulator/invoices', undefined, /glaseId: query parameter is required/],
  ];
  for (const [method, path, body, msg] of cases) {
    const r = await ctl(sim, method, path, body);
    assert.is(r.status, 400, `${method} ${path} ${JSON.stringify(body)}`);
    assert.match(r.json.error, msg);
  }
  assert.is((await ctl(sim, 'POST', '/simulator/customer/pay', { glaseId: 'NOBODY' })).status, 404);
  assert.is((await ctl(sim, 'PATCH', '/simulator/resellers/nobody', { blocked: true })).status, 404);
  assert.is((await ctl(sim, 'GET', '/simulator/nothing')).status, 404);
});

t('GET /simulator/invoices?glaseId shows the open invoice with rows, total, status and reference', async () => {
  const s = await send(sim, term, invoiceXml({ total: '15.00', rows: ['20.00', '-5.00'] }));
  const r = await ctl(sim, 'GET', `/simulator/invoices?glaseId=${G}`);
  assert.is(r.status, 200);
  assert.is(r.json.reference, s.invoiceReference);
  assert.is(r.json.status, 'ISSUED');
  assert.is(r.json.total, '15.00');
  assert.is(r.json.totalMinor, 1500);
  assert.equal(r.json.rows.map((x: any) => x.totalMinor), [2000, -500]);
  await call(sim, 'cancelInvoice', term, `<invoiceReference>${s.invoiceReference}</invoiceReference>`);
  assert.is((await ctl(sim, 'GET', `/simulator/invoices?glaseId=${G}`)).status, 404);
});

t('faults: a forced result code for the next N calls of one operation', async () => {
  const s = await send(sim, term);
  assert.is((await ctl(sim, 'POST', '/simulator/faults', { operation: 'getPaymentStatus', resultCode: 93, times: 2 })).status, 201);
  const a = await status(sim, term, s.invoiceReference);
  assert.is(a.resultCode, '93');
  assert.is(a.resultDescription, 'SYSTEM_BUSY');
  assert.is(a.version, '0');
  assert.is((await status(sim, term, s.invoiceReference)).resultCode, '93');
  assert.is((await status(sim, term, s.invoiceReference)).resultCode, '0');
  assert.is((await call(sim, 'cancelInvoice', term, `<invoiceReference>x</invoiceReference>`)).resultCode, '54');
});

t('faults: a delay, and a dropped connection with no response', async () => {
  const s = await send(sim, term);
  await ctl(sim, 'POST', '/simulator/faults', { operation: 'getPaymentStatus', delayMs: 300, times: 1 });
  const t0 = Date.now();
  assert.is((await status(sim, term, s.invoiceReference)).resultCode, '0');
  assert.ok(Date.now() - t0 >= 290, 'delayed');
  await ctl(sim, 'POST', '/simulator/faults', { operation: 'sendInvoice', drop: true, times: 1 });
  const body = envelope('sendInvoice', context(term) + invoiceXml({ total: '1.00' }));
  const dropped = await fetch(sim.soapUrl, { method: 'POST', body }).then(
    () => 'answered',
    (e: Error) => e.message,
  );
  assert.is(dropped, 'fetch failed');
  // The dropped call was not applied: the previous invoice is still the open one.
  assert.is((await ctl(sim, 'GET', `/simulator/invoices?glaseId=${G}`)).json.reference, s.invoiceReference);
  assert.equal((await ctl(sim, 'GET', '/simulator/faults')).json.faults, []);
});

t('GET /simulator/state lists everything without passwords', async () => {
  const r = await ctl(sim, 'GET', '/simulator/state');
  assert.is(r.status, 200);
  assert.ok(r.json.terminals.some((x: any) => x.id === term.id && x.seqrId === G));
  assert.not.match(JSON.stringify(r.json), /term-pass-1|shop-secret/);
});

t.run();
