import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { call, context, ctl, envelope, post, registerTerminal, reseller, RESELLER, setup, terminal } from './helpers.js';
import type { Simulator } from '../../../src/simulator/index.js';

const t = suite('simulator: terminals, authentication, wire');
let sim: Simulator;
let term: ReturnType<typeof terminal>;

t.before(async () => {
  ({ sim, term } = await setup({}, 'TILL1'));
});
t.after(async () => sim.close());

t('registerTerminal gives a fresh 32-hex terminalId, in WSDL order with the code name', async () => {
  const r = await call(sim, 'registerTerminal', reseller(), '<externalTerminalId>x</externalTerminalId><password>abcd1234</password><name>N</name>');
  assert.is(r.resultCode, '0');
  assert.is(r.resultDescription, 'SUCCESS');
  assert.match(r.terminalId, /^[0-9a-f]{32}$/);
  assert.not.equal(r.terminalId, term.id);
  assert.match(r.raw, /<ns2:registerTerminalResponse xmlns:ns2="http:\/\/external.interfaces.ers.seamless.com\/"><return><resultCode>0<\/resultCode><resultDescription>SUCCESS<\/resultDescription><terminalId>/);
  assert.not.match(r.raw, /ersReference/); // absent fields are omitted
});

t('the CR-SAMPLE form "shop/9900" as the RESELLERUSER id is accepted', async () => {
  const r = await call(sim, 'registerTerminal', { type: 'RESELLERUSER', id: 'shop1/9900', password: RESELLER.password }, '<password>abcd1234</password>');
  assert.is(r.resultCode, '0');
});

t('reseller authentication: 37 unknown id or userId, 20 wrong password, 33 blocked', async () => {
  assert.is((await call(sim, 'registerTerminal', reseller({ id: 'nope' }), '<password>abcd</password>')).resultCode, '37');
  assert.is((await call(sim, 'registerTerminal', reseller({ userId: '1111' }), '<password>abcd</password>')).resultCode, '37');
  const bad = await call(sim, 'registerTerminal', reseller({ password: 'wrong' }), '<password>abcd</password>');
  assert.is(bad.resultCode, '20');
  assert.is(bad.resultDescription, 'AUTHENTICATION_FAILED');
  assert.is((await ctl(sim, 'PATCH', '/simulator/resellers/shop1', { blocked: true })).status, 200);
  assert.is((await call(sim, 'registerTerminal', reseller(), '<password>abcd</password>')).resultCode, '33');
  assert.is((await call(sim, 'sendInvoice', term, '')).resultCode, '33'); // its terminals too
  await ctl(sim, 'PATCH', '/simulator/resellers/shop1', { blocked: false });
});

t('terminal authentication: 29 unknown, 20 wrong password, 33 blocked terminal', async () => {
  assert.is((await call(sim, 'assignSeqrId', terminal('0'.repeat(32), 'term-pass-1'), '<seqrId>A1</seqrId>')).resultCode, '29');
  assert.is((await call(sim, 'assignSeqrId', terminal(term.id, 'bad'), '<seqrId>A1</seqrId>')).resultCode, '20');
  await ctl(sim, 'PATCH', `/simulator/terminals/${term.id}`, { blocked: true });
  assert.is((await call(sim, 'getPaymentStatus', term, '<invoiceVersion>0</invoiceVersion>')).resultCode, '33');
  await ctl(sim, 'PATCH', `/simulator/terminals/${term.id}`, { blocked: false });
});

t('a terminal password under 4 characters gives 21 on sendInvoice, getPaymentStatus, unregisterTerminal', async () => {
  const short = await registerTerminal(sim, 'abc');
  assert.is((await call(sim, 'sendInvoice', short, '')).resultCode, '21');
  const st = await call(sim, 'getPaymentStatus', short, '<invoiceVersion>0</invoiceVersion>');
  assert.is(st.resultCode, '21');
  assert.is(st.version, '0'); // version is a required element even on errors
  assert.is((await call(sim, 'unregisterTerminal', short)).resultCode, '21');
  assert.is((await call(sim, 'assignSeqrId', short, '<seqrId>SHORT1</seqrId>')).resultCode, '0');
});

t('each operation enforces its principal type (91 for the wrong one)', async () => {
  assert.is((await call(sim, 'registerTerminal', term, '<password>abcd</password>')).resultCode, '91');
  assert.is((await call(sim, 'markTransactionPeriod', term)).resultCode, '91');
  assert.is((await call(sim, 'executeReport', term, '<reportId>Reconciliation/Shop.xml</reportId>')).resultCode, '91');
  assert.is((await call(sim, 'sendInvoice', reseller(), '')).resultCode, '91');
  assert.is((await call(sim, 'assignSeqrId', reseller(), '<seqrId>X</seqrId>')).resultCode, '91');
  assert.is((await call(sim, 'unregisterTerminal', reseller())).resultCode, '91');
  assert.is((await call(sim, 'getPaymentStatus', null, '<invoiceVersion>0</invoiceVersion>')).resultCode, '91');
});

t('names every object has: toString is an unsupported operation (91); an element named constructor is a soap:Fault, not an internal error', async () => {
  for (const p of [null, reseller()]) {
    const r = await post(sim, envelope('toString', p ? context(p) : ''));
    assert.is(r.status, 200);
    assert.match(r.text, /<resultCode>91<\/resultCode>/);
  }
  for (const xml of [envelope('constructor', context(reseller())), envelope('sendInvoice', context(term) + '<invoice><constructor>1</constructor></invoice>')]) {
    const r = await post(sim, xml);
    assert.is(r.status, 500);
    assert.match(r.text, /<faultcode>soap:Client<\/faultcode>/);
    assert.not.match(r.text, /shop-secret/);
  }
});

t('assignSeqrId: alphanumeric only, 53 if owned by another terminal, same id again is 0', async () => {
  assert.is((await call(sim, 'assignSeqrId', term, '<seqrId>TILL1</seqrId>')).resultCode, '0');
  assert.is((await call(sim, 'assignSeqrId', term, '<seqrId>TILL-1</seqrId>')).resultCode, '53');
  assert.is((await call(sim, 'assignSeqrId', term, '<seqrId></seqrId>')).resultCode, '53');
  const other = await registerTerminal(sim, 'other-pass');
  const r = await call(sim, 'assignSeqrId', other, '<seqrId>TILL1</seqrId>');
  assert.is(r.resultCode, '53');
  assert.is(r.resultDescription, 'INVALID_SEQR_ID');
});

t('unregisterTerminal: 0, then the terminal gets 29 and its Glase ID is free again', async () => {
  const gone = await registerTerminal(sim, 'gone-pass');
  assert.is((await call(sim, 'assignSeqrId', gone, '<seqrId>GONE1</seqrId>')).resultCode, '0');
  assert.is((await call(sim, 'unregisterTerminal', gone)).resultCode, '0');
  assert.is((await call(sim, 'getPaymentStatus', gone, '<invoiceVersion>0</invoiceVersion>')).resultCode, '29');
  assert.is((await call(sim, 'unregisterTerminal', gone)).resultCode, '29');
  const next = await registerTerminal(sim, 'next-pass');
  assert.is((await call(sim, 'assignSeqrId', next, '<seqrId>GONE1</seqrId>')).resultCode, '0');
});

t('non-POS and unknown operations answer 91 in-band; benchmarkingNop answers 0', async () => {
  for (const op of ['requestTopup', 'requestTransfer', 'requestPurchase', 'requestPrincipalInformation', 'changePrincipalPassword', 'confirmCustomerRegistration', 'fooBar']) {
    const r = await call(sim, op, term);
    assert.is(r.resultCode, '91', op);
    assert.is(r.resultDescription, 'UNSUPPORTED_OPERATION');
  }
  assert.is((await call(sim, 'benchmarkingNop', null)).resultCode, '0');
});

t('children in any order are accepted', async () => {
  const xml = envelope('assignSeqrId', `<seqrId>TILL1</seqrId>${context(term)}`);
  const { status, text } = await post(sim, xml);
  assert.is(status, 200);
  assert.match(text, /<resultCode>0<\/resultCode>/);
});

t('malformed XML and a missing Body get a SOAP 1.1 fault with HTTP 500', async () => {
  for (const body of ['<soapenv:Envelope><soapenv:Body><x>', '<?xml version="1.0"?><Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"></Envelope>', 'not xml at all']) {
    const { status, text } = await post(sim, body);
    assert.is(status, 500, body);
    assert.match(text, /<soap:Fault><faultcode>soap:Client<\/faultcode><faultstring>/);
  }
});

t('?wsdl serves our WSDL with the running server address', async () => {
  const res = await fetch(sim.soapUrl + '?wsdl');
  assert.is(res.status, 200);
  const text = await res.text();
  assert.match(text, /definitions/);
  assert.ok(text.includes(`location="${sim.soapUrl}"`), 'address rewritten');
  assert.match(text, /registerTerminal/);
});

t.run();
